// The browser terminal against the REAL redis-cli: the 200+ lines of test/cli/golden-lines.txt
// (every reply type, escapes, errors, RESP3, prompts) are pasted into the site's terminal, and
// the screen must read exactly what redis-cli 7.0.15 showed in a tty against redis-server
// 7.0.15 (test/cli/golden-tty.txt, recorded by test/cli/record-golden.ts). Two differences are
// masked, both not the terminal's doing: the recording's port, and HELP's summary lines (our
// summaries are our own words). The page's welcome line, above the first prompt, is not
// redis-cli's: it is checked and left out; every row after it is compared.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HERE, maskSummaries, portOfHeader, readTypedLines } from '../test/cli/golden-support.js';
import { pageErrors, paste, screen, waitIdle } from './support.js';
import { afterWelcome, expect, test } from './fixtures.js';

test.describe('the browser terminal prints what redis-cli prints', () => {
  test('for every line of the golden set, character for character', async ({ page }) => {
    const lines = readTypedLines('golden-lines.txt');
    expect(lines.length).toBeGreaterThanOrEqual(200);
    const [header, ...recorded] = readFileSync(join(HERE, 'golden-tty.txt'), 'utf8').replace(/\n$/, '').split('\n');
    const port = portOfHeader(header!);
    const expected = recorded.map((l) => l.replaceAll(`127.0.0.1:${port}`, '127.0.0.1:6379'));

    await paste(page, lines.join('\n') + '\n');
    await waitIdle(page, undefined, 45_000);
    const shown = afterWelcome(await screen(page));
    expect(maskSummaries(shown)).toEqual(maskSummaries(expected));
    expect(pageErrors(page)).toEqual([]);
  });
});
