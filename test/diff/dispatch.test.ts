import { describe, it } from 'vitest';
import { useDiff } from './harness.js';

describe('dispatcher errors', () => {
  const d = useDiff();

  it('names an unknown command and quotes its first arguments', () =>
    d.run([
      ['NOSUCHCMD'],
      ['nosuchcmd', 'a', 'b c', ''],
      ['x'.repeat(200), 'y'.repeat(200)],
      ['foo', 'a'.repeat(60), 'b'.repeat(60), 'c'.repeat(60), 'd'],
      ['bad\r\nname', 'arg\nwith\rnewlines'],
      ['\xec\x95\x88', '\xff'],
      ['nosuch\0tail', 'a\0b', 'c'],
      ['OBJECT', 'encoding\0x', 'k'],
      ['CONFIG\0x', 'GET', 'x'],
    ]));
});
