// Replaying AOF text into an engine (aof.c's loadSingleAppendOnlyFile loop): the server's AOF
// loading (aof.ts) and the browser's journal at start-up share it. Small on purpose: the
// worker needs it before its first prompt, the rest of aof.ts never.

import { AOF_CLIENT_ID, Client } from './client.js';
import type { Engine } from './engine.js';

/**
 * Replays the commands of an AOF text as the AOF client (no reply, no propagation). Returns
 * 'ok', or where the text stops being whole ('truncated' with the offset of the last whole
 * command, an incomplete MULTI counting as not whole), or a format error.
 */
export function replay(engine: Engine, c: Client, text: string, from: number, name: string): { status: 'ok' | 'truncated' | 'failed'; validUpTo: number } {
  let i = from;
  let validUpTo = from;
  let beforeMulti = from;
  const line = (): string | null => {
    const end = text.indexOf('\n', i);
    if (end < 0) return null;
    const l = text.slice(i, end + 1);
    i = end + 1;
    return l;
  };
  const fmtErr = (): { status: 'failed'; validUpTo: number } => {
    engine.log(
      '#',
      `Bad file format reading the append only file ${name}: make a backup of your AOF file, then use ./redis-check-aof --fix <filename.manifest>`,
    );
    return { status: 'failed', validUpTo };
  };
  while (i < text.length) {
    const head = line();
    if (head === null) return { status: 'truncated', validUpTo };
    if (head[0] === '#') continue;
    if (head[0] !== '*') return fmtErr();
    const argc = parseInt(head.slice(1), 10);
    if (!(argc >= 1)) return fmtErr();
    const argv: string[] = [];
    for (let j = 0; j < argc; j++) {
      const h = line();
      if (h === null) return { status: 'truncated', validUpTo };
      if (h[0] !== '$') return fmtErr();
      const len = parseInt(h.slice(1), 10) || 0;
      if (i + len + 2 > text.length) return { status: 'truncated', validUpTo };
      argv.push(text.slice(i, i + len));
      i += len + 2;
    }
    const cmd = engine.lookupCommand(argv);
    if (cmd === undefined) {
      engine.log('#', `Unknown command '${argv[0]}' reading the append only file ${name}`);
      return { status: 'failed', validUpTo };
    }
    if (cmd.fullName === 'multi') beforeMulti = validUpTo;
    if (c.multi !== null && cmd.fullName !== 'exec') c.multi.push({ cmd, argv });
    else engine.call(c, cmd, argv);
    validUpTo = i;
  }
  if (c.multi !== null) {
    engine.log('#', `Revert incomplete MULTI/EXEC transaction in AOF file ${name}`);
    return { status: 'truncated', validUpTo: beforeMulti };
  }
  return { status: 'ok', validUpTo };
}

/**
 * Replays an AOF text (commands only, as a journal holds) into the engine as loading does:
 * nothing it runs is propagated again. Returns null, or why it stopped (the commands before
 * that point stay applied).
 */
export function replayAof(engine: Engine, text: string): string | null {
  const logged: string[] = [];
  const log = engine.log;
  engine.log = (_level, message) => void logged.push(message);
  try {
    const r = whileLoading(engine, () => replay(engine, aofClient(engine), text, 0, 'journal'));
    if (r.status === 'ok') return null;
    return r.status === 'truncated' ? `the journal ends in the middle of a command (at byte ${r.validUpTo})` : (logged[0] ?? 'the journal could not be read');
  } finally {
    engine.log = log;
  }
}

/**
 * Runs `load` as Redis loads its files (server.loading): no feed takes what it runs (nothing is
 * propagated again), and expiries in the past keep their keys for the commands that follow.
 */
export function whileLoading<T>(engine: Engine, load: () => T): T {
  engine.now = Math.floor(engine.clock.now());
  const feeds = [...engine.propagation.feeds];
  engine.propagation.feeds.clear();
  engine.loading = true;
  try {
    return load();
  } finally {
    engine.loading = false;
    for (const f of feeds) engine.propagation.feeds.add(f);
  }
}

/** createAOFClient: replays commands; its replies go nowhere. */
export function aofClient(engine: Engine): Client {
  const c = new Client(engine, AOF_CLIENT_ID, engine.dbs[0]!, engine.now, { addr: '' });
  c.authenticated = true;
  return c;
}
