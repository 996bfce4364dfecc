// client-output-buffer-limit, as Redis 7.0's networking.c enforces it: a client's class
// (getClientType), the memory its unsent replies take as CLIENT LIST shows it (obl, oll, omem),
// the hard limit (close at once) and the soft limit (close once above it for longer than its
// seconds). The host says how many reply bytes it still holds for a client (Client.pendingOutput:
// the TCP server's unwritten output and socket backlog) and closes the client when told to; the
// worker hands every reply to the page at once, so its clients never hold output here.

import { REPLY_CHUNK_BYTES, type Client } from './client.js';
import type { Engine } from './engine.js';
import { mallocSize } from './malloc.js';

export const CLIENT_TYPE_NORMAL = 0;
export const CLIENT_TYPE_SLAVE = 1;
export const CLIENT_TYPE_PUBSUB = 2;
export const CLIENT_TYPE_MASTER = 3;

/**
 * getClientType. A replica (SYNC, PSYNC) is a replica; there are no masters here. A MONITOR client, a replica to Redis,
 * counts as normal there too. A subscribed client is pubsub in RESP3 as in RESP2 (CLIENT_PUBSUB
 * is set by any subscription).
 */
export function clientType(c: Client): number {
  if (c.isMaster) return CLIENT_TYPE_MASTER;
  if (c.replica !== null && !c.monitor) return CLIENT_TYPE_SLAVE;
  return c.pubsub !== null ? CLIENT_TYPE_PUBSUB : CLIENT_TYPE_NORMAL;
}

/** PROTO_REPLY_CHUNK_BYTES: the client's static reply buffer, filled before the reply list. */
const REPLY_BUFFER_BYTES = 16 * 1024;
/** A reply list block's payload: 16 KB plus the block header, in jemalloc's 20 KB size class. */
const BLOCK_BYTES = 20480 - 16;
/** sizeof(listNode) + sizeof(clientReplyBlock), counted per block by getClientOutputBufferMemoryUsage. */
const BLOCK_OVERHEAD = 24 + 16;

/** CLIENT LIST's obl, oll and omem. */
export interface OutputBufferFigures {
  /** Bytes in the static buffer. */
  obl: number;
  /** Blocks in the reply list. */
  oll: number;
  /** getClientOutputBufferMemoryUsage: the reply list's blocks, what the limits are compared with. */
  omem: number;
}

/**
 * The figures Redis would show for `pending` unsent reply bytes: the first 16 KB in the static
 * buffer (which the limits ignore), the rest in full 20 KB blocks.
 */
export function outputBufferFigures(pending: number): OutputBufferFigures {
  if (pending <= REPLY_BUFFER_BYTES) return { obl: pending, oll: 0, omem: 0 };
  const oll = Math.ceil((pending - REPLY_BUFFER_BYTES) / BLOCK_BYTES);
  return { obl: REPLY_BUFFER_BYTES, oll, omem: oll * (BLOCK_BYTES + BLOCK_OVERHEAD) };
}

/**
 * checkClientOutputBufferLimits: whether `omem` reaches the hard limit of the client's class, or
 * has stayed at or above the soft limit for more than its seconds (the time it was first seen
 * there is kept on the client, and forgotten once below).
 */
export function checkOutputBufferLimits(engine: Engine, c: Client, omem: number): boolean {
  // Redis raises a replica's hard limit to repl-backlog-size; there are no replicas here.
  const limit = engine.config.clientObufLimits[clientType(c)];
  if (limit === undefined) return false;
  const hard = limit.hardBytes > 0 && omem >= limit.hardBytes;
  let soft = limit.softBytes > 0 && omem >= limit.softBytes;
  if (soft) {
    const now = Math.floor(engine.clock.now() / 1000);
    if (c.obufSoftLimitReachedTime === 0) {
      c.obufSoftLimitReachedTime = now;
      soft = false;
    } else if (now - c.obufSoftLimitReachedTime <= limit.softSeconds) {
      soft = false;
    }
  } else {
    c.obufSoftLimitReachedTime = 0;
  }
  return soft || hard;
}

/**
 * closeClientOnOutputBufferLimitReached's test: the client holds reply blocks (output in the
 * static buffer alone is never limited) and is over a limit, counting `adding` more bytes about
 * to be queued (Redis queues a whole reply before it writes any). The caller closes it, discarding
 * its output, and logs outputLimitLogLine.
 */
export function outputBufferLimitReached(engine: Engine, c: Client, adding = 0): boolean {
  if (c.pendingOutput === null) return false;
  const omem = outputBufferFigures(c.pendingOutput() + adding).omem;
  return omem > 0 && checkOutputBufferLimits(engine, c, omem);
}

/**
 * Redis's warning when it closes such a client: `clientInfo` is its CLIENT LIST line taken
 * before the close; `async` when found while adding a reply (the close waits for the event
 * loop), not in the cron.
 */
export function outputLimitLogLine(clientInfo: string, async: boolean): string {
  return async
    ? `Client ${clientInfo} scheduled to be closed ASAP for overcoming of output buffer limits.`
    : `Client ${clientInfo} closed for overcoming of output buffer limits.`;
}

/** The smallest reply a pick can be: the bulk of an empty string, "$0\r\n\r\n". */
export const MIN_PICK_BYTES = 6;

/**
 * HRANDFIELD, SRANDMEMBER and ZRANDMEMBER with a negative count: Redis adds picks to the reply
 * until the client passes its output buffer limit, then stops and closes it (the client gets
 * nothing). When `count` picks of at least `minBytes` each are sure to pass it, the same end
 * comes without building them: the client is marked to be closed and true returned.
 */
export function replyCannotFit(c: Client, count: number, minBytes = MIN_PICK_BYTES): boolean {
  if (!outputBufferLimitReached(c.engine, c, count * minBytes)) return false;
  c.closeAsap = true;
  return true;
}

/** CLIENTS_PEAK_MEM_USAGE_SLOTS: client_recent_max_output_buffer is the peak of the last 8 seconds. */
export const PEAK_SLOTS = 8;

/**
 * clientsCron's output work for every client: the largest omem of the second goes in the
 * second's slot (the next slot, the oldest, is cleared at every run, as Redis does), and a client
 * over its limit with no new output (a soft limit's seconds run out while nothing is published)
 * is closed by `close`, given the CLIENT LIST line to log.
 */
export function clientsCronOutput(engine: Engine, describe: (c: Client) => string): void {
  const slot = Math.floor(engine.clock.now() / 1000) % PEAK_SLOTS;
  const peaks = engine.clientsPeakOutput;
  peaks[(slot + 1) % PEAK_SLOTS] = 0;
  for (const c of [...engine.clients.values()]) {
    if (c.pendingOutput === null) continue;
    const omem = outputBufferFigures(c.pendingOutput()).omem;
    if (omem > peaks[slot]!) peaks[slot] = omem;
    if (omem > 0 && checkOutputBufferLimits(engine, c, omem)) {
      engine.log('#', outputLimitLogLine(describe(c), false));
      c.onKill();
    }
  }
}

/** client_recent_max_output_buffer. */
export function recentMaxOutput(engine: Engine): number {
  return Math.max(...engine.clientsPeakOutput);
}

/** PROTO_REPLY_MIN_BYTES: the least a reply buffer shrinks to. */
const REPLY_MIN_BYTES = 1024;

/**
 * _addReplyToBuffer's peak: the host says how many bytes of replies wait to be written in one
 * go; the static buffer holds as much of them as it can.
 */
export function noteReplyBytes(c: Client, queued: number): void {
  const b = c.replyBuffer;
  const used = Math.min(queued, b.size);
  if (used > b.peak) b.peak = used;
}

/**
 * clientsCronResizeOutputBuffer: a buffer whose peak stayed under half shrinks to fit it, one
 * the peak filled doubles (up to 16 KB); the peak is read again every five seconds.
 */
export function resizeReplyBuffer(engine: Engine, c: Client, nowMs: number): void {
  const b = c.replyBuffer;
  // DEBUG REPLYBUFFER RESIZING 0 / PEAK-RESET-TIME.
  const debug = engine.debugSettings;
  if (!debug.replyBufferResizing) return;
  const shrinkTo = Math.floor(b.size / 2);
  let size = 0;
  if (shrinkTo >= REPLY_MIN_BYTES && b.peak < shrinkTo) {
    size = Math.max(REPLY_MIN_BYTES, b.peak + 1);
    engine.stats.replyBufferShrinks++;
  } else if (b.size * 2 < REPLY_CHUNK_BYTES * 2 && b.peak === b.size) {
    size = Math.min(REPLY_CHUNK_BYTES, b.size * 2);
    engine.stats.replyBufferExpands++;
  }
  if (debug.replyBufferPeakResetMs >= 0 && nowMs - b.peakResetAt >= debug.replyBufferPeakResetMs) {
    b.peak = Math.min(c.pendingOutput?.() ?? 0, b.size);
    b.peakResetAt = nowMs;
  }
  if (size !== 0) b.size = mallocSize(size);
}
