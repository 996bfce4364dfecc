// Every lesson step's Python, run the way its "Run in Python" button runs it: pythonProgram(code,
// db) as a program on its own, in the state the learner is in on that step (the lesson's setup,
// then every earlier step's solution lines, each terminal a connection of its own, the clock moved
// by each `wait`), under CPython with our redis package (src/python, what the browser imports)
// against our server (npm run serve's engine). A step's program must end by itself with exit
// status 0 and no traceback; the few that wait by design (a subscriber, a worker in BLPOP, a
// sleep while a TTL runs out) are named below and must still be running after a while.

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lessons } from '../../lessons/index.js';
import { splitArgs } from '../../src/cli/split-args.js';
import type { Client } from '../../src/engine/client.js';
import { AdjustableClock } from '../../src/engine/clock.js';
import { Engine } from '../../src/engine/engine.js';
import { late } from '../../src/engine/late.js';
import type { Lesson } from '../../src/lessons/model.js';
import { lineClient, lineText } from '../../src/lessons/model.js';
import { startServer } from '../../src/server/server.js';
import { pythonProgram } from '../../src/ui/lessons/python-program.js';

/** Steps whose program waits by design ("lesson-id step-number", counted from 1), and why. */
const WAITING: Record<string, string> = {
  'pub-sub 1': 'the subscriber thread (run_in_thread) listens on news for the publisher of step 2',
  'pub-sub 4': 'pubsub.listen() waits for messages on user:* channels',
  'caching 7': 'time.sleep(10) while the 10-second TTL of product:2 runs out',
  'job-queue 4': 'the worker waits in BLPOP on the empty queue for a producer',
  'streams 4': 'the reader waits in XREAD BLOCK 0 for entries added from now on',
  'rate-limiting 4': 'time.sleep(60) while the 60-second window runs out',
};
/** How long a waiting program must keep running. */
const STILL_WAITING_MS = 3000;
/** How long any other program may take (the longest sleeps 5 s for a TTL). */
const PROGRAM_TIMEOUT_MS = 20_000;
/** Modules from outside the standard library that a step may import; the browser may lack them. */
const THIRD_PARTY = ['cryptography', 'yaml'];

const PYTHON = '/usr/bin/python3';
const OUR_PACKAGE = join(import.meta.dirname, '../../src/python');
/** The port the programs connect to (the documents' default), sent to our server instead. */
const DOCUMENTS_PORT = 6379;

// The programs say localhost:6379 (or nothing: redis-py's default); a sitecustomize module, first
// on PYTHONPATH, sends those connections to our server's port. The program text is not touched.
const siteDir = mkdtempSync(join(tmpdir(), 'lesson-steps-'));
writeFileSync(
  join(siteDir, 'sitecustomize.py'),
  `import os
import socket

_port = int(os.environ["LESSON_STEPS_PORT"])
_create_connection = socket.create_connection


def _to_our_server(address, *args, **kwargs):
    host, port = address[0], address[1]
    if port == ${DOCUMENTS_PORT} and host in ("localhost", "127.0.0.1"):
        address = ("127.0.0.1", _port)
    return _create_connection(address, *args, **kwargs)


socket.create_connection = _to_our_server
`,
);
afterAll(() => rmSync(siteDir, { recursive: true, force: true }));

const importable = new Map(THIRD_PARTY.map((m) => [m, spawnSync(PYTHON, ['-c', `import ${m}`]).status === 0]));

/** The third-party modules the code imports that this machine's python3 does not have. */
function missingModules(code: string): string[] {
  return THIRD_PARTY.filter((m) => new RegExp(`^\\s*(?:import|from)\\s+${m}\\b`, 'm').test(code) && !importable.get(m));
}

/** Runs a typed line for a client, as the terminal sends it (redis-cli's splitting). */
function send(engine: Engine, client: Client, line: string): void {
  const argv = splitArgs(line);
  if (argv === null || argv.length === 0) throw new Error(`not a command line: ${line}`);
  engine.execute(client, argv);
}

/**
 * An engine in the state step `index` of the lesson starts from: reset (SELECT db, FLUSHDB,
 * setup) on a connection of its own, then the earlier steps' solutions, each lesson client on
 * its own connection (a new terminal starts in database 0), which stay open as the learner's
 * terminals do. Returns the connections to close.
 */
function stateOf(engine: Engine, clock: AdjustableClock, lesson: Lesson, index: number): Client[] {
  const reset = engine.createClient();
  for (const line of [`SELECT ${lesson.db ?? 0}`, 'FLUSHDB', ...(lesson.setup ?? [])]) send(engine, reset, line);
  engine.closeClient(reset);
  const terminals = new Map<number, Client>();
  for (const step of lesson.steps.slice(0, index)) {
    if (step.wait !== undefined) {
      // The fast-forward button: the clock moves, and what expired goes.
      clock.advance(step.wait * 1000);
      engine.activeExpireCycle(Math.max(0, ...engine.dbs.map((d) => d.expires.size)));
    }
    for (const line of step.solution) {
      const n = lineClient(line);
      let c = terminals.get(n);
      if (c === undefined) terminals.set(n, (c = engine.createClient()));
      if (c.unblock !== null) throw new Error(`client ${n} still waits in a blocking command when "${lineText(line)}" comes`);
      send(engine, c, lineText(line));
    }
  }
  return [...terminals.values()];
}

interface Outcome {
  /** The exit status; null when it was still running and was killed. */
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the program; kills it after `ms` (then status is null). */
function runPython(program: string, port: number, ms: number): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    // Without this machine's REDIS_* settings: the programs run on their defaults, as in the browser.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('REDIS_')));
    const child = spawn(PYTHON, ['-c', program], {
      env: { ...env, PYTHONPATH: [siteDir, OUR_PACKAGE].join(delimiter), PYTHONDONTWRITEBYTECODE: '1', LESSON_STEPS_PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, ms);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ status: killed ? null : code, stdout, stderr });
    });
  });
}

const steps = lessons.flatMap((lesson) =>
  lesson.steps.flatMap((step, index) => (step.pythonCode === undefined ? [] : [{ name: `${lesson.id} ${index + 1}`, lesson, index, code: step.pythonCode }])),
);

describe.concurrent('every lesson step’s Python runs on its own, in the state of its step', () => {
  it('names only steps that exist and have Python', () => {
    const names = new Set(steps.map((s) => s.name));
    for (const name of Object.keys(WAITING)) expect(names, name).toContain(name);
  });

  it.each(steps)(
    '$name',
    async ({ name, lesson, index, code }) => {
      const clock = new AdjustableClock();
      const engine = new Engine({ clock, late });
      // As the browser's engine: CONFIG SET appendonly yes makes an AOF in memory.
      late.memoryAof(engine);
      const terminals = stateOf(engine, clock, lesson, index);
      const server = await startServer({ engine, port: 0, host: '127.0.0.1' });
      try {
        const waits = WAITING[name];
        const out = await runPython(pythonProgram(code, lesson.db ?? 0), server.port, waits === undefined ? PROGRAM_TIMEOUT_MS : STILL_WAITING_MS);
        const shown = `\n--- stdout\n${out.stdout}--- stderr\n${out.stderr}`;
        const missing = missingModules(code);
        if (missing.length > 0) {
          // The machine lacks a module the step needs (as the browser's Python may): it must say so.
          expect(out.stderr, shown).toContain(`ModuleNotFoundError: No module named '${missing[0]}'`);
        } else if (waits !== undefined) {
          expect(out.status, `should still be waiting (${waits})${shown}`).toBeNull();
          expect(out.stderr, shown).not.toContain('Traceback');
        } else {
          expect(out.status, `exit status${shown}`).toBe(0);
          expect(out.stderr, shown).not.toContain('Traceback');
        }
      } finally {
        for (const c of terminals) engine.closeClient(c);
        await server.close();
      }
    },
    60_000,
  );
});
