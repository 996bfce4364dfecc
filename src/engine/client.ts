import type { Replica, ReplicaHandshake } from './replication.js';
import type { Command } from './command.js';
import type { User } from './acl.js';
import type { Database } from './database.js';
import type { Engine } from './engine.js';
import type { ClientSubscriptions } from './pubsub.js';
import type { Reply } from '../shared/reply.js';

export interface ClientInfo {
  /** 'ip:port' of the peer, as CLIENT LIST shows it. */
  addr?: string;
  /** 'ip:port' of our side. */
  laddr?: string;
  /** Numeric file descriptor shown by CLIENT LIST (fake but stable). */
  fd?: number;
}

/** Client.replyFlags bits (Redis's CLIENT_REPLY_OFF, CLIENT_REPLY_SKIP_NEXT, CLIENT_REPLY_SKIP). */
export const REPLY_OFF = 1;
export const REPLY_SKIP_NEXT = 2;
export const REPLY_SKIP = 4;

/** CLIENT TRACKING mode of a connection (Redis's CLIENT_TRACKING_* flags and fields). */
export interface TrackingState {
  bcast: boolean;
  optin: boolean;
  optout: boolean;
  noloop: boolean;
  /** CLIENT CACHING YES|NO was given for the next command. */
  caching: boolean;
  /** Client id invalidations go to; 0 for this connection itself. */
  redirect: number;
  brokenRedirect: boolean;
  /** BCAST prefixes, sorted by bytes ('' = every key). */
  prefixes: string[];
}

/** A queued command inside MULTI. */
export interface QueuedCommand {
  cmd: Command;
  argv: string[];
}

/** PROTO_REPLY_CHUNK_BYTES: a new client's reply buffer. */
export const REPLY_CHUNK_BYTES = 16 * 1024;

/**
 * One connection: a terminal tab or a TCP socket. Everything per-connection lives here
 * (selected database, protocol version, transaction, watched keys, name).
 */
/** The AOF loader's client id (Redis's CLIENT_ID_AOF): no connection has it. */
export const AOF_CLIENT_ID = -1;

export class Client {
  readonly id: number;
  name = '';
  db: Database;
  resp: 2 | 3 = 2;
  authenticated: boolean;
  /** The ACL user it runs as (CLIENT LIST user=); null for internal clients, which may run anything. */
  user: User | null = null;
  readonly createdAt: number;
  lastInteraction: number;
  /** The last command run, for CLIENT LIST's cmd= field. */
  lastCommand = 'NULL';
  addr: string;
  laddr: string;
  fd: number;

  /** Commands queued since MULTI, or null outside a transaction. */
  multi: QueuedCommand[] | null = null;
  /** A command was rejected while queuing: EXEC must answer EXECABORT. */
  multiError = false;
  /** A watched key was touched: EXEC must fail. */
  dirtyCas = false;
  /** Watched keys: 'db\0key' → whether the key was already logically expired when watched. */
  readonly watched = new Map<string, { db: Database; key: string; expired: boolean }>();

  /** Set by QUIT and CLIENT KILL: the transport closes the connection after the pending reply. */
  closeAfterReply = false;
  /** Called by the engine for replies and pushes that arrive outside `execute` (set by the transport). */
  deliver: (reply: Reply) => void = () => {};
  /**
   * Called by the engine when this client must be disconnected now (CLIENT KILL; the cron's
   * output buffer limit check, when its pending output must be dropped).
   */
  onKill: () => void = () => {};
  /**
   * Reply bytes the host holds for this client that its peer has not taken yet: what CLIENT
   * LIST's obl/oll/omem show and client-output-buffer-limit limits (output-buffer.ts). The TCP
   * server counts its unwritten output and the socket's backlog. Null where no output is held
   * (the worker posts every reply to the page as it comes): no limit applies there.
   */
  pendingOutput: (() => number) | null = null;
  /** Its tot-mem when clientsCron last looked (last_memory_usage): INFO's mem_clients_normal adds these up. */
  lastMemoryUsage = 0;
  /**
   * The static reply buffer as clientsCron resizes it (CLIENT LIST's rbs and rbp): its size, the
   * most of it a batch of replies filled, and when that peak was last reset. Redis starts the
   * reset time in seconds and compares it with milliseconds, so the first cron run resets it.
   */
  readonly replyBuffer: { size: number; peak: number; peakResetAt: number };
  /**
   * CLIENT_CLOSE_ASAP: a command found its reply cannot fit under the client's output buffer
   * limit (output-buffer.ts replyCannotFit); the host closes the client instead of answering.
   */
  closeAsap = false;
  /** obuf_soft_limit_reached_time: unix seconds since the output is over the soft limit, or 0. */
  obufSoftLimitReachedTime = 0;

  /**
   * CLIENT REPLY state (REPLY_OFF / REPLY_SKIP_NEXT / REPLY_SKIP bits, see commands/connection.ts):
   * Engine.execute returns null instead of the reply while replies are off or skipped.
   */
  replyFlags = 0;
  /** CLIENT NO-EVICT ON (flag 'e' in CLIENT LIST). */
  noEvict = false;
  /** The link of a replica to its master runs the master's stream as this client (flag M). */
  isMaster = false;

  /** mustObeyClient: the AOF loader's or the master's commands, applied as they were written. */
  get mustObey(): boolean {
    return this.isMaster || this.id === AOF_CLIENT_ID;
  }
  /** Set once the connection sent SYNC or PSYNC: it is a replica (replication.ts). */
  replica: Replica | null = null;
  /** master_repl_offset after its last command: what WAIT waits for replicas to acknowledge. */
  woff = 0;
  /** What REPLCONF told before SYNC/PSYNC (listening-port, ip-address, capa). */
  replicaHandshake: ReplicaHandshake | null = null;
  /** CLIENT TRACKING ON state, null when off. */
  tracking: TrackingState | null = null;
  /**
   * Set while the client is blocked (BLPOP …): CLIENT UNBLOCK calls it, with true for the
   * ERROR form (reply -UNBLOCKED …) and false for TIMEOUT (the command's timeout reply).
   * CLIENT LIST shows flag 'b' while it is set.
   */
  unblock: ((byError: boolean) => void) | null = null;
  /**
   * Set while the client's command waits for the host's I/O (MIGRATE talking to its target):
   * as for a blocked client, its reply comes later through `deliver` and a host holds its next
   * commands until then; unlike one, nothing (CLIENT UNBLOCK) can end the wait.
   */
  awaitingIo = false;
  /**
   * Pub/sub subscriptions (pubsub.ts), null while the client has none: Redis's CLIENT_PUBSUB
   * flag (CLIENT LIST 'P'; a RESP2 client may then run only (P|S)SUBSCRIBE & co).
   */
  pubsub: ClientSubscriptions | null = null;
  /** MONITOR was run (CLIENT LIST flag 'O'): other clients' commands are delivered to it. */
  monitor = false;
  /** Redis's CLIENT_SCRIPT: the client scripts run commands as (it may not block). */
  script = false;
  /**
   * The vector the running command propagates instead of its argv (Redis's
   * rewriteClientCommandVector: EXPIRE as PEXPIREAT …), or null; set through Engine.rewrite.
   */
  propArgv: string[] | null = null;
  /** PROP_FORCE / PROP_PREVENT for the running command (propagate.ts). */
  propFlags = 0;

  constructor(
    readonly engine: Engine,
    id: number,
    db: Database,
    now: number,
    info: ClientInfo = {},
  ) {
    this.id = id;
    this.db = db;
    this.createdAt = now;
    this.replyBuffer = { size: REPLY_CHUNK_BYTES, peak: REPLY_CHUNK_BYTES, peakResetAt: Math.floor(now / 1000) };
    this.lastInteraction = now;
    this.authenticated = false;
    this.addr = info.addr ?? `127.0.0.1:${40000 + (id % 20000)}`;
    this.laddr = info.laddr ?? '127.0.0.1:6379';
    this.fd = info.fd ?? 7 + id;
  }
}
