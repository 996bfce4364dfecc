// Raw-bytes helpers for the server tests: send exact bytes, read everything that comes back,
// and learn whether the server closed the connection.

import { Socket } from 'node:net';
import type { Reply } from '../../src/shared/reply.js';
import { Engine, type EngineOptions } from '../../src/engine/engine.js';
import type { Client } from '../../src/engine/client.js';
import { buildCommandTable } from '../../src/engine/commands/index.js';
import type { Logger } from '../../src/server/log.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { late } from '../../src/engine/late.js';

export interface Exchange {
  /** Everything received, as a byte string. */
  data: string;
  /** The server closed the connection (within the wait). */
  closed: boolean;
}

export interface ExchangeOptions {
  /** Pause between chunks, ms. */
  gap?: number;
  /**
   * How long to wait after the last chunk, and after each reply, for more data or the close, ms.
   * Silence can only be waited for; `quiet` is how long counts as silence.
   */
  quiet?: number;
  /** Address to connect to. Default 127.0.0.1. */
  host?: string;
}

/** Connects, writes each chunk (latin1), then collects replies until closed or quiet. */
export function exchange(port: number, chunks: readonly string[], options: ExchangeOptions = {}): Promise<Exchange> {
  const gap = options.gap ?? 20;
  const quiet = options.quiet ?? 150;
  return new Promise((resolve, reject) => {
    const s = new Socket();
    const parts: Buffer[] = [];
    let closed = false;
    let timer: NodeJS.Timeout | undefined;
    let sent = false;
    /** Chunks received so far: the quiet timer checks that none came while it waited. */
    let received = 0;
    const finish = () => {
      clearTimeout(timer);
      s.destroy();
      resolve({ data: Buffer.concat(parts).toString('latin1'), closed });
    };
    // Node runs due timers before it reads sockets: after a stall of this process (a busy
    // machine), replies may be waiting unread when the timer fires. Two more turns of the loop
    // let our own server (same process) read, answer, and this socket read the answer.
    const settle = () => {
      const seen = received;
      setImmediate(() => setImmediate(() => received === seen && finish()));
    };
    const arm = () => {
      clearTimeout(timer);
      if (sent) timer = setTimeout(settle, quiet);
    };
    s.on('data', (d: Buffer) => {
      parts.push(d);
      received++;
      arm();
    });
    s.on('error', (e: NodeJS.ErrnoException) => {
      // A reset after the server closed is a close too.
      if (e.code === 'ECONNRESET' || e.code === 'EPIPE') return;
      reject(e);
    });
    s.on('close', () => {
      closed = true;
      if (sent) finish();
    });
    const send = async () => {
      s.setNoDelay(true);
      for (const c of chunks) {
        if (closed) break;
        s.write(Buffer.from(c, 'latin1'));
        if (gap > 0) await new Promise((r) => setTimeout(r, gap));
      }
      sent = true;
      if (closed) finish();
      else arm();
    };
    s.connect(port, options.host ?? '127.0.0.1', () => void send());
  });
}

/** A RESP multibulk request. */
export function multibulk(argv: readonly string[]): string {
  let s = '*' + argv.length + '\r\n';
  for (const a of argv) s += '$' + a.length + '\r\n' + a + '\r\n';
  return s;
}

/** Our server on a free port with a fresh engine. */
export async function startOurs(
  options: EngineOptions = {},
  serverOptions: { fastRead?: boolean; host?: string; log?: Logger } = {},
): Promise<{ engine: Engine; server: RunningServer }> {
  const engine = new Engine({ late, ...options });
  const server = await startServer({ engine, port: 0, host: '127.0.0.1', ...serverOptions });
  return { engine, server };
}

/** Adds a command to one engine's table, for exercising the transport. */
export function addTestCommand(engine: Engine, name: string, handler: (c: Client, argv: string[]) => Reply | null): void {
  const table = buildCommandTable([
    {
      name,
      arity: -1,
      flags: [],
      acl: [],
      keys: [0, 0, 0],
      group: 'server',
      since: '0.0.0',
      summary: 'test only',
      syntax: '',
      handler,
    },
  ]);
  engine.commands.set(name, table.get(name)!);
}
