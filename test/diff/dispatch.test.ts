import { describe, it } from 'vitest';
import { useDiff } from './harness.js';

describe('dispatcher errors', () => {
  const d = useDiff();

  // Names with a NUL byte inside a real command's name are left out: Redis compares command
  // names as C strings after hashing all their bytes with a per-process seed, so whether
  // 'OBJECT encoding\0x' finds ENCODING depends on the seed.
  it('names an unknown command and quotes its first arguments', () =>
    d.run([
      ['NOSUCHCMD'],
      ['nosuchcmd', 'a', 'b c', ''],
      ['x'.repeat(200), 'y'.repeat(200)],
      ['foo', 'a'.repeat(60), 'b'.repeat(60), 'c'.repeat(60), 'd'],
      ['bad\r\nname', 'arg\nwith\rnewlines'],
      ['\xec\x95\x88', '\xff'],
      ['nosuch\0tail', 'a\0b', 'c'],
    ]));
});
