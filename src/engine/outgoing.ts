// Connections the engine opens to other servers: MIGRATE's to its target (Redis's cluster.c
// migrate_cached_sockets). The engine knows no sockets: a host that can open TCP connections
// (the RESP server, with node:net) hands one in as EngineOptions.connect; the browser has none,
// and MIGRATE then answers as Redis does when it cannot connect.
//
// Redis talks to the target with blocking reads and writes, each bounded by MIGRATE's timeout,
// and keeps the connection to each host:port for 10 seconds after its last use, at most 64 of
// them. Here the reads and writes are promises; the cache is the same.

/**
 * How an operation on an outgoing connection failed: 'timeout' is Redis's ETIMEDOUT (MIGRATE
 * does not try again after one), 'error' anything else (refused, reset, closed by the peer).
 */
export type LinkFailure = 'timeout' | 'error';

/** What a read gives: the bytes that came (one or more, as a latin1 string), or why none came. */
export type LinkRead = string | { failure: LinkFailure };

/** An open TCP connection to another server. Bytes are latin1 strings, as the engine's are. */
export interface OutgoingLink {
  /** Hands `bytes` to the connection: null once written, or why they were not within `timeoutMs`. */
  write(bytes: string, timeoutMs: number): Promise<LinkFailure | null>;
  /** Whatever the peer sent next (bytes already received at once), or why nothing came within `timeoutMs`. */
  read(timeoutMs: number): Promise<LinkRead>;
  close(): void;
}

/**
 * Opens a connection to host:port, waiting at most `timeoutMs`. Null when it cannot even start
 * (Redis's anetTcpNonBlockConnect failing: a name that does not resolve). A connection refused
 * or never answered is still a link, whose writes then fail: Redis 7.0's connect does not wait
 * for the outcome, so its MIGRATE says "writing" for those.
 */
export type Connector = (host: string, port: number, timeoutMs: number) => Promise<OutgoingLink | null>;

/** MIGRATE_SOCKET_CACHE_ITEMS and MIGRATE_SOCKET_CACHE_TTL (seconds). */
const CACHE_ITEMS = 64;
const CACHE_TTL_SEC = 10;

/** One cached connection (Redis's migrateCachedSocket). */
export interface CachedLink {
  readonly link: OutgoingLink;
  /** Its replies, line by line (what a read left over stays for the next MIGRATE, as in a socket). */
  readonly lines: LineReader;
  /** The database the target last SELECTed on it; -1 when unknown (a new link, an error). */
  lastDb: bigint;
  /** Unix seconds of its last use (server.unixtime). */
  lastUse: number;
  /** A MIGRATE is using it: the idle sweep leaves it alone. */
  busy: boolean;
}

/** syncReadLine's buffer: a line longer than this is read in pieces (1024 bytes with the NUL). */
const LINE_MAX = 1023;

/**
 * Lines from a link, read as Redis's syncReadLine reads them: up to '\n' (a '\r' before it
 * dropped) or LINE_MAX bytes, whichever comes first. Bytes after the line stay for the next.
 */
export class LineReader {
  private buffered = '';

  constructor(private readonly link: OutgoingLink) {}

  /** The next line without its "\r\n", or why it did not come. */
  async readLine(timeoutMs: number): Promise<LinkRead> {
    for (;;) {
      const nl = this.buffered.indexOf('\n');
      if (nl !== -1 && nl < LINE_MAX) {
        const raw = this.buffered.slice(0, nl);
        this.buffered = this.buffered.slice(nl + 1);
        // syncReadLine answers the count of bytes before the '\n': a bare "\n" is 0, which
        // MIGRATE takes for a failed read ("\r\n" is 1, an empty line that did not fail).
        if (raw === '') return { failure: 'error' };
        return raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      }
      if (this.buffered.length >= LINE_MAX) {
        const part = this.buffered.slice(0, LINE_MAX);
        this.buffered = this.buffered.slice(LINE_MAX);
        return part;
      }
      const more = await this.link.read(timeoutMs);
      if (typeof more !== 'string') return more;
      this.buffered += more;
    }
  }
}

/** MIGRATE's connections by "host:port" as typed (Redis's migrate_cached_sockets). */
export class MigrateLinks {
  private readonly links = new Map<string, CachedLink>();
  /** MIGRATEs talk to their targets one after another, as Redis's (which blocks) do. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly connector: Connector,
    private readonly random: () => number,
  ) {}

  /** INFO's migrate_cached_sockets. */
  get size(): number {
    return this.links.size;
  }

  /** Runs `job` once the MIGRATEs before it are done. */
  enqueue(job: () => Promise<void>): void {
    this.queue = this.queue.then(job, job);
  }

  /**
   * migrateGetSocket: the cached connection for host:port (its use time renewed), or a new one,
   * cached (one taken at random is closed if the cache is full); null if it cannot be opened.
   */
  async get(host: string, port: string, portNumber: number, timeoutMs: number, nowSec: number): Promise<CachedLink | null> {
    const name = `${host}:${port}`;
    const cached = this.links.get(name);
    if (cached !== undefined) {
      cached.lastUse = nowSec;
      return cached;
    }
    if (this.links.size >= CACHE_ITEMS) {
      const names = [...this.links.keys()];
      this.close(names[Math.floor(this.random() * names.length)]!);
    }
    const link = await this.connector(host, portNumber, timeoutMs);
    if (link === null) return null;
    const made: CachedLink = { link, lines: new LineReader(link), lastDb: -1n, lastUse: nowSec, busy: false };
    this.links.set(name, made);
    return made;
  }

  /** migrateCloseSocket: the connection is closed and forgotten (the next MIGRATE opens one). */
  close(name: string): void {
    const cached = this.links.get(name);
    if (cached === undefined) return;
    this.links.delete(name);
    cached.link.close();
  }

  /** migrateCloseTimedoutSockets (serverCron, each second): links unused for over 10 seconds close. */
  closeIdle(nowSec: number): void {
    if (this.links.size === 0) return;
    for (const [name, cached] of this.links) {
      if (!cached.busy && nowSec - cached.lastUse > CACHE_TTL_SEC) this.close(name);
    }
  }

  /** The host stops: every cached link closes. */
  closeAll(): void {
    for (const name of [...this.links.keys()]) this.close(name);
  }
}
