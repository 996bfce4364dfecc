// The RESP TCP server: the engine behind a node:net listener, so real clients (redis-cli,
// redis-py, redis-benchmark) can talk to it. One engine client per connection.
//
// Reading: every chunk goes into the connection's RequestParser; each complete command runs at
// once and its reply is appended to one output string, written with a single socket.write per
// chunk (pipelines cost one syscall, not one per command). Protocol errors are answered and the
// connection closed after the replies before them, as Redis does. Output not yet taken by the
// socket (that string and the socket's backlog) is what client-output-buffer-limit limits: a
// client over it is closed as the reply that passed it is queued (engine/output-buffer.ts).

import { createServer, Socket, type Server } from 'node:net';
import type { Client } from '../engine/client.js';
import { CronTimer } from '../engine/cron.js';
import type { Engine } from '../engine/engine.js';
import { clientInfoLine } from '../engine/commands/connection.js';
import { noteReplyBytes, outputBufferLimitReached, outputLimitLogLine } from '../engine/output-buffer.js';
import { catRepr } from '../engine/pubsub.js';
import { errorText, internalError, PROTECTED_MODE_DENIED } from '../shared/errors.js';
import { cancelBackgroundSave, endBackgroundSave, stepBackgroundSave } from '../engine/persistence.js';
import { error, type Reply } from '../shared/reply.js';
import { encodeReply } from '../protocol/encode.js';
import { RequestError, RequestParser } from '../protocol/request-parser.js';
import { silentLogger, type Logger } from './log.js';

export interface ServerOptions {
  engine: Engine;
  /** 0 picks a free port (see the returned `port`). */
  port: number;
  /** Address to listen on. Default 127.0.0.1. */
  host?: string;
  /** Called once SHUTDOWN has closed the server and every connection (the CLI exits there). */
  onShutdown?: () => void;
  log?: Logger;
  /**
   * Read sockets through one shared buffer (net.Socket's `onread`) instead of 'data' events:
   * about 3 µs less per read, which is a third of the cost of an unpipelined command. Default
   * true; false uses plain 'data' events.
   */
  fastRead?: boolean;
}

export interface RunningServer {
  port: number;
  host: string;
  /** Stops listening and drops every connection. */
  close(): Promise<void>;
}

/** Where a taken-over socket's reads go (set once the connection's state exists). */
interface ChunkSink {
  onChunk(chunk: Uint8Array): void;
}

/** Output above this is written before more is encoded (keeps strings and writes bounded). */
const FLUSH_AT = 256 * 1024;
/** Stop reading from a client while this much of its output waits in memory. */
const PAUSE_AT = 16 * 1024 * 1024;
/** A background save runs this long per event-loop turn, then lets clients in. */
const SAVE_SLICE_MS = 4;
/** Keys written between looks at the time. */
const SAVE_STEP_KEYS = 64;
/** A long script runs this long per event-loop turn, then sockets are read (engine.stepScript). */
const SCRIPT_SLICE_MS = 10;

/** Redis's anetFormatAddr: "ip:port", IPv6 in brackets; IPv4-mapped IPv6 shown as IPv4. */
function formatAddr(ip: string | undefined, port: number | undefined): string {
  let host = ip ?? '?';
  if (host.startsWith('::ffff:') && host.includes('.')) host = host.slice(7);
  return host.includes(':') ? `[${host}]:${port ?? 0}` : `${host}:${port ?? 0}`;
}

/**
 * islocalClient: Redis compares the peer's address with exactly these two. An IPv4 client of a
 * dual-stack listener shows as ::ffff:127.0.0.1 here, which Redis (one socket per family) never sees.
 */
function isLoopback(ip: string | undefined): boolean {
  return ip === '127.0.0.1' || ip === '::1' || ip === '::ffff:127.0.0.1';
}

function socketFd(socket: Socket, fallback: number): number {
  const handle = (socket as unknown as { _handle?: { fd?: unknown } })._handle;
  const fd = handle?.fd;
  return typeof fd === 'number' && fd >= 0 ? fd : fallback;
}

/** POST and "Host:" as a command: someone is speaking HTTP to us (cross-protocol scripting). */
function isHttpAttack(name: string): boolean {
  const c = name.charCodeAt(0) | 0x20;
  if (c === 0x70 /* p */) return name.length === 4 && name.toLowerCase() === 'post';
  if (c === 0x68 /* h */) return name.length === 5 && name.toLowerCase() === 'host:';
  return false;
}

export function startServer(options: ServerOptions): Promise<RunningServer> {
  const { engine } = options;
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? silentLogger;
  const sockets = new Set<Socket>();
  let stopped = false;
  let lastAttackLog = -Infinity;

  // serverCron at hz and blocked clients' timeouts at their deadline (engine/cron.ts); the
  // timers are unref'd so that they alone do not keep the process running.
  const cron = new CronTimer(
    engine,
    {
      setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
      clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    },
    {
      onError: (what, e) => log('#', `${what} failed: ${errorText(e)}`),
    },
  );
  cron.start();

  // BGSAVE without fork: the snapshot job (engine/snapshot-job.ts) advances a slice per turn of
  // the event loop (setImmediate runs after pending socket reads), then the file is written.
  let saveQueued = false;
  const stepSave = (): void => {
    saveQueued = false;
    if (stopped || engine.bgsave === null) return;
    const until = performance.now() + SAVE_SLICE_MS;
    let chunks: Uint8Array[] | null;
    try {
      do chunks = stepBackgroundSave(engine, SAVE_STEP_KEYS);
      while (chunks === null && performance.now() < until);
    } catch (e) {
      endBackgroundSave(engine, `snapshot failed: ${errorText(e)}`);
      return;
    }
    if (chunks === null) {
      queueSave();
      return;
    }
    const bgsave = engine.bgsave;
    const storage = engine.storage;
    // The file is written asynchronously when the storage can (a file), the save still in progress.
    if (storage?.saveInBackground !== undefined) {
      const end = (failure: string | null): void => {
        if (engine.bgsave === bgsave) endBackgroundSave(engine, failure); // not cancelled meanwhile
      };
      storage
        .saveInBackground(chunks, () => engine.bgsave === bgsave)
        .then(
          () => end(null),
          (e: unknown) => end(errorText(e)),
        );
      return;
    }
    let failure: string | null = null;
    try {
      storage?.save(Buffer.concat(chunks));
    } catch (e) {
      failure = errorText(e);
    }
    endBackgroundSave(engine, failure);
  };
  const queueSave = (): void => {
    if (saveQueued) return;
    saveQueued = true;
    setImmediate(stepSave);
  };
  engine.onBackgroundSave = queueSave;

  // A script that outlives its first slice (engine.scriptRun) runs a slice per turn of the event
  // loop, so sockets are still read; connections the engine holds (engine.holds) stop reading
  // commands and wait here, woken when the script times out or ends.
  const scriptWaiters = new Set<() => void>();
  let scriptQueued = false;
  const stepScript = (): void => {
    scriptQueued = false;
    const run = engine.scriptRun;
    if (stopped || run === null) return;
    const until = performance.now() + SCRIPT_SLICE_MS;
    try {
      do engine.stepScript();
      while (engine.scriptRun === run && performance.now() < until);
    } catch (e) {
      log('#', `internal error running a script: ${errorText(e)}`);
    }
    // Past the threshold (maybe since its first slice) the others' commands run; at its end all.
    if (engine.scriptRun !== run || run.timedOut) {
      const waiting = [...scriptWaiters];
      scriptWaiters.clear();
      for (const wake of waiting) wake();
    }
    if (engine.scriptRun !== null) queueScript();
  };
  const queueScript = (): void => {
    if (scriptQueued) return;
    scriptQueued = true;
    setImmediate(stepScript);
  };
  engine.onScriptRun = queueScript;

  const fastRead = options.fastRead ?? true;
  /** Every socket reads into this; the parser copies out what it keeps (see detach). */
  const readBuffer = Buffer.allocUnsafe(64 * 1024);

  const server: Server = createServer({ noDelay: true, pauseOnConnect: fastRead }, (accepted) => {
    if (stopped) {
      accepted.destroy();
      return;
    }
    const maxClients = Number(engine.config.get('maxclients') ?? 10000);
    if (engine.clients.size >= maxClients) {
      refuse(accepted, '-ERR max number of clients reached\r\n');
      return;
    }
    // Protected mode: with no password, only loopback clients (the message says what to do).
    if (engine.config.protectedMode && engine.defaultUserNopass() && !isLoopback(accepted.remoteAddress)) {
      refuse(accepted, '-' + PROTECTED_MODE_DENIED + '\r\n');
      return;
    }
    const taken = fastRead ? takeOver(accepted) : null;
    const socket = taken?.socket ?? accepted;
    if (fastRead && taken === null) accepted.resume();
    sockets.add(socket);
    serveConnection(socket, taken?.sink ?? null);
  });

  /** Writes `message` and closes, as Redis does, without waiting for the client (a paused socket never reads its end). */
  function refuse(accepted: Socket, message: string): void {
    accepted.on('error', () => {});
    accepted.end(message, () => accepted.destroy());
  }

  /**
   * Moves an accepted (paused, not yet reading) socket's handle into a new net.Socket created
   * with `onread`, which net.Server cannot do itself. The accepted socket, left without a
   * handle, is destroyed so that the server's connection count stays right. Returns null (and
   * the caller keeps the accepted socket) if the handle is not where Node keeps it.
   */
  function takeOver(accepted: Socket): { socket: Socket; sink: ChunkSink } | null {
    const holder = accepted as unknown as { _handle?: { readStart?: unknown; reading?: boolean } | null };
    const handle = holder._handle;
    if (handle === null || typeof handle !== 'object' || typeof handle.readStart !== 'function' || handle.reading) {
      return null;
    }
    const sink: ChunkSink = { onChunk: () => {} };
    holder._handle = null;
    accepted.destroy();
    const socket = new Socket({
      handle,
      onread: { buffer: readBuffer, callback: (n: number, buf: Uint8Array) => void sink.onChunk(buf.subarray(0, n)) },
    } as ConstructorParameters<typeof Socket>[0]);
    return { socket, sink };
  }

  function serveConnection(socket: Socket, sink: ChunkSink | null): void {
    socket.setNoDelay(true);
    const client: Client = engine.createClient({
      addr: formatAddr(socket.remoteAddress, socket.remotePort),
      laddr: formatAddr(socket.localAddress, socket.localPort),
      fd: socketFd(socket, 7 + engine.clients.size),
    });
    const parser = new RequestParser({
      maxBulkLen: () => engine.config.protoMaxBulkLen,
      authRequired: () => engine.authRequired(client),
    });

    let out = '';
    /** Inside processInput: replies go to `out`, written once at the end. */
    let inBatch = false;
    /** No more commands: the output is flushed, then the connection closes. */
    let closing = false;
    let paused = false;
    /**
     * The last command blocked the client (BLPOP …, client.unblock set) or waits for I/O
     * (MIGRATE, client.awaitingIo): like Redis, its later commands wait in the parser until the
     * blocked one has been answered.
     */
    let blocked = false;
    let gone = false;

    /** Writes so far; processInput looks at the socket's backlog only when this moved. */
    let flushes = 0;
    let flushesSeen = 0;
    const write = (s: string): void => {
      if (gone || s.length === 0) return;
      // flushAppendOnlyFile runs before any reply goes out (beforeSleep).
      engine.aof?.flush();
      flushes++;
      socket.write(s, 'latin1');
    };
    const flush = (): void => {
      if (out.length > 0) {
        const s = out;
        out = '';
        write(s);
      }
    };
    /** The reply being queued while the limit is checked: Redis's log line counts it, having queued it. */
    let queuing = 0;
    client.pendingOutput = () => (gone ? 0 : out.length + socket.writableLength + queuing);
    /**
     * client-output-buffer-limit, checked as each reply is queued: over it, the client is closed
     * at once and what it was owed is dropped (Redis frees it before writing anything more).
     */
    const overOutputLimit = (adding: number): boolean => {
      if (!outputBufferLimitReached(engine, client, adding)) return false;
      queuing = adding;
      log('#', outputLimitLogLine(clientInfoLine(engine, client, null), true));
      queuing = 0;
      drop();
      return true;
    };
    const emit = (reply: Reply): void => {
      let s: string;
      try {
        s = encodeReply(reply, client.resp);
      } catch (e) {
        if (e instanceof RangeError) {
          // Longer than a JS string can be: write it piece by piece.
          flush();
          writeLarge(reply, client.resp, (piece) => {
            if (gone || overOutputLimit(piece.length)) return;
            noteReplyBytes(client, piece.length);
            write(piece);
          });
          return;
        }
        throw e;
      }
      if (overOutputLimit(s.length)) return;
      // What waits to be written at once fills the client's static reply buffer (CLIENT LIST's rbp).
      noteReplyBytes(client, out.length + s.length);
      if (out.length + s.length > FLUSH_AT) {
        flush();
        if (s.length > FLUSH_AT) {
          write(s);
          return;
        }
      }
      out += s;
    };

    client.deliver = (reply) => {
      if (gone || closing) return;
      try {
        if (inBatch) emit(reply);
        else {
          emit(reply);
          flush();
        }
      } catch (e) {
        log('#', `cannot send a reply to client id=${client.id}: ${errorText(e)}`);
      }
      // Redis runs an unblocked client's pending commands after the current one, not inside it.
      if (blocked) queueMicrotask(resumeIfUnblocked);
    };
    /** Runs what waited while the engine held this client (a script ran). */
    const resumeAfterScript = (): void => {
      if (!gone && !paused && !blocked) runInput();
    };
    const resumeIfUnblocked = (): void => {
      if (!blocked || gone || client.unblock !== null || client.awaitingIo) return;
      blocked = false;
      if (!paused) runInput();
    };
    client.onKill = () => {
      if (gone) return;
      if (inBatch) {
        // Killed by its own command (CLIENT KILL on itself): its reply still goes out.
        closing = true;
      } else {
        drop();
      }
    };

    const drop = (): void => {
      if (gone) return;
      gone = true;
      out = '';
      socket.destroy();
    };

    const closeAfterOutput = (): void => {
      gone = true;
      socket.end();
      socket.once('finish', () => socket.destroy());
    };

    const processInput = (): void => {
      inBatch = true;
      try {
        while (!closing && !stopped && !blocked) {
          if (engine.scriptRun !== null && engine.holds(client)) {
            scriptWaiters.add(resumeAfterScript);
            break;
          }
          const argv = parser.next();
          if (argv === null) break;
          if (argv instanceof RequestError) {
            out += '-' + argv.message + '\r\n';
            if (argv.fatal) closing = true;
            continue;
          }
          if (isHttpAttack(argv[0]!)) {
            const now = Date.now();
            if (now - lastAttackLog > 60_000) {
              lastAttackLog = now;
              log(
                '#',
                'Possible SECURITY ATTACK detected. It looks like somebody is sending POST or Host: commands to Redis. ' +
                  'This is likely due to an attacker attempting to use Cross Protocol Scripting to compromise your ' +
                  'Redis instance. Connection aborted.',
              );
            }
            drop();
            return;
          }
          let reply: Reply | null;
          try {
            reply = engine.execute(client, argv);
          } catch (e) {
            log('#', `internal error running '${argv[0]}': ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
            reply = error(internalError(errorText(e)));
          }
          if (gone || stopped) return;
          if (client.closeAsap) {
            // Its reply could not fit under its output buffer limit (output-buffer.ts replyCannotFit).
            log('#', outputLimitLogLine(clientInfoLine(engine, client, null), true));
            drop();
            return;
          }
          if (reply !== null) emit(reply);
          if (gone) return; // over its output buffer limit
          if (client.closeAfterReply) closing = true;
          if (client.unblock !== null || client.awaitingIo) blocked = true;
          // Output waiting in memory only grows when flushes happen (big pipelines or replies).
          if (flushes !== flushesSeen) {
            flushesSeen = flushes;
            if (socket.writableLength > PAUSE_AT) {
              paused = true;
              socket.pause();
              break;
            }
          }
        }
      } catch (e) {
        // A bug in parsing or encoding: answer, log, and end this connection only.
        log('#', `internal error on client id=${client.id}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        out += '-' + internalError(errorText(e)) + '\r\n';
        closing = true;
      } finally {
        inBatch = false;
      }
      if (gone || stopped) return;
      flush();
      if (closing) closeAfterOutput();
    };

    /** Runs what the parser holds (guarded: processInput catches its own errors). */
    const runInput = (): void => {
      try {
        processInput();
        // The shared read buffer is overwritten by the next read: keep the unread bytes.
        if (sink !== null) parser.detach();
      } catch (e) {
        log('#', `internal error reading from client id=${client.id}: ${errorText(e)}`);
        drop();
      }
    };
    const onChunk = (chunk: Uint8Array): void => {
      if (gone || closing) return;
      parser.push(chunk);
      if (parser.queryBufferLength > engine.config.clientQueryBufferLimit) {
        // Checked after each read, before parsing, as Redis does (readQueryFromClient).
        const head = parser.queryBufferHead(64).toString('latin1');
        log('#', `Closing client that reached max query buffer length: ${clientInfoLine(engine, client, null)} (qbuf initial bytes: ${catRepr(head)})`);
        drop();
        return;
      }
      if (!paused && !blocked) runInput();
      else if (sink !== null) parser.detach();
    };
    if (sink !== null) sink.onChunk = onChunk;
    else socket.on('data', onChunk);
    socket.on('drain', () => {
      if (paused && !gone) {
        paused = false;
        socket.resume();
        if (!blocked) runInput();
      }
    });
    socket.on('error', () => {
      // ECONNRESET and the like: 'close' follows.
    });
    socket.on('close', () => {
      gone = true;
      sockets.delete(socket);
      engine.closeClient(client);
    });
  }

  const previousShutdown = engine.onShutdown;
  const shutdown = (): void => {
    if (stopped) return;
    void stop();
    options.onShutdown?.();
  };

  function stop(): Promise<void> {
    stopped = true;
    cron.stop();
    if (engine.onShutdown === shutdown) engine.onShutdown = previousShutdown;
    if (engine.onScriptRun === queueScript) engine.onScriptRun = null;
    if (engine.onBackgroundSave === queueSave) {
      engine.onBackgroundSave = null;
      cancelBackgroundSave(engine, false);
    }
    for (const s of sockets) s.destroy();
    sockets.clear();
    engine.migrateLinks?.closeAll();
    return new Promise((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
    });
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      server.on('error', (e) => log('#', `server error: ${errorText(e)}`));
      engine.onShutdown = shutdown;
      const addr = server.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : options.port;
      resolve({ port, host, close: stop });
    });
  });
}

/** Writes a reply too large for one string: aggregates element by element, bulks in parts. */
function writeLarge(reply: Reply, resp: 2 | 3, write: (s: string) => void): void {
  switch (reply.t) {
    case 'bulk':
      if (reply.v !== null && reply.v.length > FLUSH_AT) {
        write('$' + reply.v.length + '\r\n');
        write(reply.v);
        write('\r\n');
        return;
      }
      break;
    case 'array':
    case 'set':
    case 'push':
      if (reply.v !== null) {
        const prefix = reply.t === 'array' || resp === 2 ? '*' : reply.t === 'set' ? '~' : '>';
        write(prefix + reply.v.length + '\r\n');
        for (const item of reply.v) writeLarge(item, resp, write);
        return;
      }
      break;
    case 'map':
      write((resp === 3 ? '%' + reply.v.length : '*' + reply.v.length * 2) + '\r\n');
      for (const [k, v] of reply.v) {
        writeLarge(k, resp, write);
        writeLarge(v, resp, write);
      }
      return;
    default:
      break;
  }
  write(encodeReply(reply, resp));
}
