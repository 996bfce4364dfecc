// Errors that echo an argument holding CR or LF: Redis turns each into a space
// (addReplyErrorFormat, addReplyErrorSdsSafe) so the reply stays one line; our encoder does it for
// every error, whichever message carries the bytes.

import { describe, it } from 'vitest';
import { useDiff } from './harness.js';

describe('CR and LF inside error replies', () => {
  const d = useDiff();

  it('unknown commands and subcommands', () =>
    d.run([
      ['a\r\nb'],
      ['\r\n'],
      ['x\n', 'y\r', '\r\nz\r\n'],
      ['CLIENT', 'no\nsuch'],
      ['OBJECT', 'x\r\ny', 'k'],
      ['MEMORY', '\n'],
      ['XINFO', 'x\r', 'k'],
      ['CONFIG', 'GET\n'],
    ]));

  it('options and names quoted in errors', () =>
    d.run([
      ['CONFIG', 'SET', 'no\r\nsuch', 'x'],
      ['HELLO', '3', 'x\r\n'],
      ['CLIENT', 'KILL', 'TYPE', 'a\nb'],
      ['PFDEBUG', 'x\n', 'k'],
      ['XADD', 's', '1-1', 'f', 'v'],
      ['XREADGROUP', 'GROUP', 'g\r\n', 'c', 'STREAMS', 's', '>'],
      ['XCLAIM', 's', 'g', 'c', '0', '0-1', 'BAD\nOPT'],
      ['CLIENT', 'TRACKING', 'ON', 'BCAST', 'PREFIX', 'a\r\nb', 'PREFIX', 'a\r'],
      ['CLIENT', 'TRACKING', 'ON', 'BCAST', 'PREFIX', '\nx'],
      ['CLIENT', 'TRACKING', 'ON', 'BCAST', 'PREFIX', '\nxy'],
      ['GEOSEARCH', 'k', 'FROMMEMBER', 'm', 'FROMLONLAT', '0', '0', 'BYRADIUS', '1', 'm'],
    ]));
});
