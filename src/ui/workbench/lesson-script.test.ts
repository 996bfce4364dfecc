// A lesson step done in the workbench: the script runs through the workbench's own code (its
// connection, runScript, the terminal's CliSession) and its commands reach the lessons' core as
// the browser passes them on, so the step's check passes as it does in the page.

import { describe, expect, it } from 'vitest';
import { lessons } from '../../../lessons/index.js';
import { CliSession } from '../../cli/session.js';
import { HeadlessRunner } from '../../lessons/headless.js';
import { WorkbenchConnection } from './connection.js';
import { runScript, scriptLines, type Card } from './runner.js';

describe('a step written as a workbench script', () => {
  const lesson = lessons.find((l) => l.id === 'first-contact')!;
  const index = lesson.steps.findIndex((s) => s.text.en.includes('workbench'));

  it('passes once the script is run, not with the starting lines alone', async () => {
    expect(index).toBeGreaterThan(0);
    const step = lesson.steps[index]!;
    const run = new HeadlessRunner(lesson);
    await run.reset();
    run.beginStep(index);
    const conn = new WorkbenchConnection(run.worker, (ran) => run.heard(ran));
    const script = async (lines: readonly string[]) => {
      const cards: Card[] = [];
      await runScript(
        scriptLines(lines.join('\n')),
        conn,
        new CliSession({ specs: run.worker.commands, mode: 'tty' }),
        { mode: 'each', stopOnError: true },
        (c) => cards.push(c),
      );
      return cards;
    };
    await script(step.commands.map(String));
    expect((await run.verdict()).pass).toBe(false);
    const cards = await script(step.solution.map(String));
    expect(cards.at(-1)!.output).toBe('1) "Nassau"\n2) "Zagreb"\n3) "Beirut"\n4) "Oslo"\n5) "Paris"\n');
    expect((await run.verdict()).pass).toBe(true);
    conn.dispose();
    run.dispose();
  });
});
