// Every lesson runs headless: setup, then each step's solution through the engine (one client per
// terminal the step needs, a virtual clock for steps where time passes), and each step's check
// must fail before its solution and pass after it. Plus the format's static rules.

import { describe, expect, test } from 'vitest';
import { lessons } from '../../lessons/index.js';
import { splitArgs } from '../cli/split-args.js';
import { buildCommandTable, commandSpecs } from '../engine/commands/index.js';
import { HeadlessRunner } from './headless.js';
import { LOCALES, clientsOf, lineText, resetLines, solutionRepeatsCommands, type Check, type Lesson, type Step, type Text } from './model.js';

const table = buildCommandTable(commandSpecs);

/** Why a command line would be refused before running (unknown command, wrong arity), or null. */
function tableProblem(line: string): string | null {
  const argv = splitArgs(line);
  if (argv === null || argv.length === 0) return 'does not parse';
  const cmd = table.get(argv[0]!.toLowerCase());
  if (cmd === undefined) return `unknown command ${argv[0]}`;
  let entry = cmd;
  if (cmd.subs) {
    const sub = argv[1] === undefined ? undefined : cmd.subs.get(argv[1].toLowerCase());
    if (sub === undefined) return `unknown subcommand of ${argv[0]}`;
    entry = sub;
  }
  const n = argv.length;
  if ((entry.arity > 0 && n !== entry.arity) || n < -entry.arity) return `wrong arity for ${entry.fullName}`;
  return null;
}

function allLines(lesson: Lesson): string[] {
  const lines = [...resetLines(lesson)];
  for (const s of lesson.steps) lines.push(...[...s.commands, ...s.solution].map(lineText));
  return lines;
}

/** The reply checks' command lines (they must name real commands too). */
function checkCommands(check: Check): string[] {
  if ('all' in check) return check.all.flatMap(checkCommands);
  if ('any' in check) return check.any.flatMap(checkCommands);
  if ('reply' in check) return check.reply.command === undefined ? [] : [check.reply.command];
  return [];
}

function expectsError(check: Check): boolean {
  if ('all' in check) return check.all.some(expectsError);
  if ('any' in check) return check.any.some(expectsError);
  if (!('reply' in check)) return false;
  return (check.reply.equals ?? check.reply.matches?.source ?? '').includes('(error)');
}

function texts(lesson: Lesson): [string, Text][] {
  const out: [string, Text][] = [
    ['title', lesson.title],
    ['summary', lesson.summary],
  ];
  lesson.steps.forEach((s, i) => {
    out.push([`step ${i + 1} text`, s.text]);
    s.hints.forEach((h, j) => out.push([`step ${i + 1} hint ${j + 1}`, h]));
  });
  return out;
}

describe('the lesson list', () => {
  test('has lessons with unique, link-safe ids', () => {
    expect(lessons.length).toBeGreaterThanOrEqual(18);
    const ids = lessons.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  test('prerequisites exist and come earlier in the list', () => {
    const seen = new Set<string>();
    for (const l of lessons) {
      for (const p of l.prerequisites) expect(seen.has(p), `${l.id} needs ${p}`).toBe(true);
      seen.add(l.id);
    }
  });
});

describe('"Show the solution"', () => {
  const step = (commands: Step['commands'], solution: Step['solution'], challenge?: true): Step => ({
    text: { ko: 'x', en: 'x' },
    commands,
    hints: [],
    solution,
    check: { key: 'k' },
    ...(challenge ? { challenge } : {}),
  });

  test('is hidden on a plain step whose solution lines are all Run buttons already', () => {
    expect(solutionRepeatsCommands(step(['INCR a', 'GET a'], ['INCR a']))).toBe(true);
    expect(solutionRepeatsCommands(step(['GET a'], ['GET a']))).toBe(true);
  });

  test('stays where it adds something: another line, another client, or a challenge', () => {
    expect(solutionRepeatsCommands(step(['GET a'], ['SET a 1', 'GET a']))).toBe(false);
    expect(solutionRepeatsCommands(step(['GET a'], [{ client: 2, line: 'GET a' }]))).toBe(false);
    expect(solutionRepeatsCommands(step([], ['GET a'], true))).toBe(false);
  });
});

describe.each(lessons.map((l) => [l.id, l] as const))('lesson %s', (_id, lesson) => {
  test('every text exists in every locale', () => {
    for (const [where, text] of texts(lesson)) {
      for (const locale of LOCALES) expect(text[locale]?.trim(), `${where} (${locale})`).toBeTruthy();
    }
    for (const s of lesson.steps) {
      expect(s.hints.length).toBeGreaterThan(0);
      // A challenge shows no Run buttons; every other step has some.
      if (!s.challenge) expect(s.commands.length).toBeGreaterThan(0);
      expect(s.solution.length).toBeGreaterThan(0);
    }
  });

  test('has a challenge: a goal with no Run buttons, hints that do not give the lines away, a solution', () => {
    const challenges = lesson.steps.filter((s) => s.challenge);
    expect(challenges.length).toBeGreaterThanOrEqual(1);
    for (const s of challenges) {
      expect(s.commands).toEqual([]);
      expect(s.hints.length).toBeGreaterThan(0);
      expect(s.solution.length).toBeGreaterThan(0);
      // Neither the goal nor a hint spells out a line of the solution (a bare name such as
      // EXEC is only a word, the line with its arguments is the answer).
      const prose = [s.text, ...s.hints].flatMap((t) => LOCALES.map((l) => t[l]));
      for (const line of s.solution.map(lineText).filter((l) => l.includes(' '))) {
        for (const p of prose) expect(p.includes(line), `"${line}" given away in: ${p}`).toBe(false);
      }
    }
  });

  test('every command exists in the command table with a valid arity', () => {
    const lines = [...allLines(lesson), ...lesson.steps.flatMap((s) => checkCommands(s.check))];
    const problems = lines.map((l) => [l, tableProblem(l)] as const).filter(([, p]) => p !== null);
    expect(problems).toEqual([]);
  });

  // Challenges included: a goal already met where the previous steps leave off would ask nothing.
  test('each check fails before its solution and passes after it', async () => {
    const run = new HeadlessRunner(lesson);
    await run.reset();
    for (const [i, step] of lesson.steps.entries()) {
      const where = `step ${i + 1}`;
      run.beginStep(i);
      expect(await run.check(step.check), `${where} passes before its solution`).toBe(false);
      if (step.wait !== undefined) await run.advance(step.wait);
      const errors: string[] = [];
      for (const line of step.solution) {
        for (const r of await run.run(line)) if (r.t === 'error') errors.push(`${lineText(line)}: ${r.v}`);
      }
      if (!expectsError(step.check)) expect(errors, where).toEqual([]);
      expect(await run.check(step.check), `${where} fails after its solution`).toBe(true);
      expect(clientsOf(step)).toBeGreaterThanOrEqual(1);
    }
  });

  test('reset brings back the starting state', async () => {
    const run = new HeadlessRunner(lesson);
    await run.reset();
    for (const [i, step] of lesson.steps.entries()) {
      run.beginStep(i);
      if (step.wait !== undefined) await run.advance(step.wait);
      for (const line of step.solution) await run.run(line);
    }
    await run.reset();
    run.beginStep(0);
    const first = lesson.steps[0]!;
    expect(await run.check(first.check)).toBe(false);
    // Only what setup made is left: one key per distinct key its lines name.
    const c = run.engine.createClient();
    run.engine.execute(c, ['SELECT', String(lesson.db ?? 0)]);
    const setupKeys = new Set((lesson.setup ?? []).map((l) => splitArgs(l)![1]));
    expect(run.engine.execute(c, ['DBSIZE'])).toEqual({ t: 'int', v: setupKeys.size });
  });
});
