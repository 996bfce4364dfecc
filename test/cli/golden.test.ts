// The terminal core against the REAL redis-cli: the lines of golden-lines.txt (and the --raw
// set) go through our line splitter, the engine (one client, like one redis-cli session) and
// the reply formatter/prompt, and must produce exactly what redis-cli 7.0.15 printed for them
// against a real redis-server 7.0.15 (fixtures recorded by record-golden.ts).
//
// Two comparisons per set: the screen (what tmux showed: prompts, echoed lines, replies; HELP's
// colours dropped) and the exact bytes redis-cli wrote to its stdout. HELP's summary line is
// masked on both sides: our summaries are our own words. A third fixture holds what the line
// shows while typing: the grey argument hint and the candidates Tab cycles through.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliSession } from '../../src/cli/session.js';
import { commandSpecs } from '../../src/engine/commands/index.js';
import {
  GOLDEN_SETS,
  HERE,
  maskSummaries,
  maskSummaryBytes,
  portOfHeader,
  readTypedLines,
  readTypingEntries,
  replay,
  screenLines,
  TYPING_SCREEN,
  type StdoutFixture,
} from './golden-support.js';

describe.each(GOLDEN_SETS)('redis-cli golden: $linesFile ($mode)', (set) => {
  const lines = readTypedLines(set.linesFile);

  it('shows on the screen exactly what redis-cli showed', async () => {
    const [header, ...recorded] = readFileSync(join(HERE, set.screenFile), 'utf8').replace(/\n$/, '').split('\n');
    const { screen } = await replay(lines, set.mode, portOfHeader(header!));
    expect(maskSummaries(screenLines(screen))).toEqual(maskSummaries(recorded));
  });

  it('writes exactly the bytes redis-cli wrote', async () => {
    const fixture = JSON.parse(readFileSync(join(HERE, set.stdoutFile), 'utf8')) as StdoutFixture;
    const { stdout } = await replay(lines, set.mode, fixture.port);
    expect(maskSummaryBytes(stdout).split('\n')).toEqual(maskSummaryBytes(fixture.stdout).split('\n'));
  });

  it('covers enough lines', () => {
    expect(lines.length).toBeGreaterThanOrEqual(set.mode === 'tty' ? 200 : 50);
  });
});

describe('redis-cli golden: hints and Tab completion while typing', () => {
  const [header, ...recorded] = readFileSync(join(HERE, TYPING_SCREEN), 'utf8').replace(/\n$/, '').split('\n');
  const session = new CliSession({ specs: commandSpecs, port: portOfHeader(header!) });
  const shown = (buf: string) => (session.prompt + buf + (session.hint(buf)?.text ?? '')).replace(/ +$/, '');
  const ours: string[] = [];
  for (const entry of readTypingEntries()) {
    ours.push('### ' + entry.spec);
    if (entry.tabs === 0) {
      ours.push(shown(entry.text));
      continue;
    }
    // linenoise: the first Tab shows the first candidate, each next one the following, then the
    // line as typed again; with no candidate it only beeps.
    const candidates = session.completions(entry.text);
    for (let press = 1; press <= entry.tabs; press++) {
      const i = candidates.length === 0 ? 0 : (press - 1) % (candidates.length + 1);
      ours.push(shown(i < candidates.length ? candidates[i]! : entry.text));
    }
  }

  it('shows the same hints and completions as redis-cli', () => {
    expect(ours).toEqual(recorded);
  });

  it('covers enough entries', () => {
    expect(readTypingEntries().length).toBeGreaterThanOrEqual(50);
  });
});
