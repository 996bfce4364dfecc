// Replication, the master's side (Redis's replication.c): a connection that sends SYNC or PSYNC
// becomes a replica. It gets the dataset as an RDB payload, then the stream of propagated
// commands (the same effects the AOF gets, propagate.ts), and tells its progress with REPLCONF
// ACK. Every byte of the stream counts in master_repl_offset and is kept in a backlog of
// `repl-backlog-size` bytes, from which a replica that comes back with PSYNC <replid> <offset>
// continues (+CONTINUE) instead of loading everything again.
//
// The snapshot is made at once (Redis forks for it): the stream that follows starts where it ends.

import type { Client } from './client.js';
import type { Engine } from './engine.js';
import { extrasOf, hexId, NO_REPLID } from './info-stats.js';
import { snapshot } from './persistence.js';
import { respCommand, type PropagatedOp, type PropagationFeed } from './propagate.js';
import { parseInt64 } from './numbers.js';
import { isOpt } from '../shared/args.js';
import { array, bulk, error, int, OK, type Reply } from '../shared/reply.js';
import * as E from '../shared/errors.js';
import { latin1FromBytes } from './rdb-encodings.js';
import { setMaster, unsetMaster } from './replica.js';
import { clientInfoLine } from './commands/connection.js';

/** A replica's state as INFO names it (replstateToString). */
export type ReplicaState = 'wait_bgsave' | 'send_bulk' | 'online';

/** What the master keeps about a connection that became its replica. */
export interface Replica {
  state: ReplicaState;
  /** REPLCONF listening-port (0 until told). */
  listeningPort: number;
  /** REPLCONF ip-address, else the connection's own address. */
  announcedIp: string | null;
  /** REPLCONF capa psync2: +CONTINUE names the replication ID. */
  psync2: boolean;
  /** The last offset the replica acknowledged (repl_ack_off). */
  ackOffset: number;
  /** When it last acknowledged, in engine ms (repl_ack_time). */
  ackTime: number;
  /** Attached with SYNC, not PSYNC (CLIENT_PRE_PSYNC): never timed out, as in Redis. */
  prePsync: boolean;
}

/** What REPLCONF tells before SYNC or PSYNC. */
export interface ReplicaHandshake {
  listeningPort: number;
  announcedIp: string | null;
  psync2: boolean;
  /** rdb-only 1: the RDB payload and nothing after it (redis-cli --rdb); the connection then closes. */
  rdbOnly: boolean;
  /** rdb-filter-only: what the payload leaves out (all but the listed parts: only "functions" exists). */
  excludeKeys: boolean;
  excludeFunctions: boolean;
}

function newHandshake(): ReplicaHandshake {
  return { listeningPort: 0, announcedIp: null, psync2: false, rdbOnly: false, excludeKeys: false, excludeFunctions: false };
}

/** changeReplicationId and clearReplicationId2: a new history, continuing none. */
export function newReplicationHistory(engine: Engine): void {
  const x = extrasOf(engine);
  x.replId = hexId(engine);
  x.replId2 = NO_REPLID;
  x.secondReplOffset = -1;
}

/**
 * The history now goes on as `replId` (a new random one by default): the one it had is valid as
 * the second ID up to `offset`, the last byte both share (shiftReplicationId, and a replica that
 * hears +CONTINUE with its master's new ID).
 */
export function shiftReplicationId(engine: Engine, offset: number, replId = hexId(engine)): void {
  const x = extrasOf(engine);
  x.replId2 = x.replId;
  x.secondReplOffset = offset + 1;
  x.replId = replId;
}

export class ReplicationMaster implements PropagationFeed {
  readonly forReplicas = true;
  readonly replicas: Client[] = [];
  /** Clients blocked in WAIT, with the number of replicas each waits for. */
  private readonly waiting = new Map<Client, { numreplicas: number; offset: number }>();
  /** master_repl_offset: bytes fed to the stream so far. */
  offset = 0;
  /**
   * The newest `repl-backlog-size` bytes of the stream are `backlog` past its first
   * `backlogSkip` characters (dropped in one cut once they are as many as the size, so that
   * each write does not copy the whole backlog); `backlogFirst` is the first kept byte's offset.
   */
  private backlog = '';
  private backlogSkip = 0;
  private backlogFirst = 1;
  /** The database the stream last selected (slaveseldb); -1 makes the next command select. */
  private selected = -1;
  /** When the stream last carried a PING (replicationCron, every repl-ping-replica-period s). */
  private lastPing: number;

  /**
   * createReplicationBacklog: on a master with its first replica, or on a replica once it has
   * its master's data, whose stream it then keeps from `offset` on (its own replicas get it too).
   */
  constructor(
    private readonly engine: Engine,
    offset = 0,
  ) {
    this.lastPing = engine.now;
    this.offset = offset;
    this.backlogFirst = offset + 1;
  }

  get replid(): string {
    return extrasOf(this.engine).replId;
  }

  get backlogHistlen(): number {
    return this.backlog.length - this.backlogSkip;
  }

  get backlogFirstByte(): number {
    return this.backlogFirst;
  }

  /** replicationFeedSlaves: the op as RESP, with a SELECT first when its database differs. */
  feed(op: PropagatedOp): void {
    // A replica passes its master's stream on as it came (feedRaw), not its own re-encoding.
    if (this.engine.masterLink !== null) return;
    let text = '';
    if (op.db !== this.selected) {
      text = respCommand(['SELECT', String(op.db)]);
      this.selected = op.db;
    }
    this.send(text + respCommand(op.argv));
  }

  /** DEBUG REPLICATE: a command to the replicas in the database the stream last selected. */
  feedReplicas(argv: readonly string[]): void {
    this.send(respCommand(argv));
  }

  /** replicationFeedStreamFromMasterStream: a replica keeps its master's bytes, and passes them on. */
  feedRaw(text: string): void {
    this.send(text);
  }

  /**
   * The stream goes on under a new master or as a master itself: its replicas resync
   * (disconnectSlaves), and the next command selects its database again.
   */
  newStream(): void {
    this.selected = -1;
    for (const c of [...this.replicas]) {
      c.onKill();
      this.engine.closeClient(c);
    }
  }

  private send(text: string): void {
    this.offset += text.length;
    this.backlog += text;
    const size = Number(this.engine.config.get('repl-backlog-size'));
    const over = this.backlogHistlen - size;
    if (over > 0) {
      this.backlogSkip += over;
      this.backlogFirst += over;
      if (this.backlogSkip >= size) {
        this.backlog = this.backlog.slice(this.backlogSkip);
        this.backlogSkip = 0;
      }
    }
    const raw: Reply = { t: 'raw', v: text };
    for (const c of this.replicas) if (c.replica!.state === 'online') c.deliver(raw);
  }

  /**
   * syncCommand for SYNC or PSYNC <replid> <offset>: the reply that starts the replica's stream
   * (+CONTINUE and the backlog it missed, or +FULLRESYNC with PSYNC and the RDB payload), null
   * for a connection that is a replica already.
   */
  attach(c: Client, argv: string[]): Reply | null {
    if (c.replica !== null) return null;
    if (c.monitor) return null;
    const engine = this.engine;
    const psync = isOpt(argv[0]!, 'psync');
    const hs = c.replicaHandshake ?? newHandshake();
    const replica: Replica = {
      state: 'wait_bgsave',
      listeningPort: hs.listeningPort,
      announcedIp: hs.announcedIp,
      psync2: hs.psync2,
      ackOffset: 0,
      ackTime: engine.now,
      prePsync: !psync,
    };
    if (psync) {
      const continued = this.tryPartial(argv[1]!, argv[2]!, replica.psync2);
      if (continued !== null) {
        engine.stats.syncPartialOk++;
        replica.state = 'online';
        this.addReplica(c, replica);
        return continued;
      }
      if (argv[1] !== '?') engine.stats.syncPartialErr++;
    }
    engine.stats.syncFull++;
    this.addReplica(c, replica);
    // replicationSetupSlaveForFullResync: the next command selects its database again.
    this.selected = -1;
    const head = psync ? `+FULLRESYNC ${this.replid} ${this.offset}\r\n` : '';
    const rdb = latin1FromBytes(snapshot(engine, { keys: !hs.excludeKeys, functions: !hs.excludeFunctions }));
    // replicaPutOnline; an rdb-only replica is closed once it has its payload.
    if (hs.rdbOnly) {
      this.detach(c);
      c.closeAfterReply = true;
    } else replica.state = 'online';
    return { t: 'raw', v: `${head}$${rdb.length}\r\n${rdb}` };
  }

  private addReplica(c: Client, replica: Replica): void {
    c.replica = replica;
    this.replicas.push(c);
  }

  /** masterTryPartialResynchronization: +CONTINUE and the missed bytes, or null for a full one. */
  private tryPartial(replid: string, offsetArg: string, psync2: boolean): Reply | null {
    const offset = parseInt64(offsetArg);
    if (offset === null) return null;
    const at = Number(offset);
    // The current history, or the one it continues up to where they part (PSYNC2).
    const x = extrasOf(this.engine);
    if (replid !== x.replId && (replid !== x.replId2 || at > x.secondReplOffset)) return null;
    if (at < this.backlogFirst || at > this.backlogFirst + this.backlogHistlen) return null;
    const head = psync2 ? `+CONTINUE ${this.replid}\r\n` : '+CONTINUE\r\n';
    return { t: 'raw', v: head + this.backlog.slice(this.backlogSkip + at - this.backlogFirst) };
  }

  /** refreshGoodSlavesCount: online replicas heard from at most `maxLag` seconds ago. */
  goodReplicas(maxLag: number): number {
    const now = Math.floor(this.engine.now / 1000);
    let n = 0;
    for (const c of this.replicas) if (c.replica!.state === 'online' && now - Math.floor(c.replica!.ackTime / 1000) <= maxLag) n++;
    return n;
  }

  /** Replicas whose acknowledged offset reached `offset` (replicationCountAcksByOffset). */
  ackedAt(offset: number): number {
    let n = 0;
    for (const c of this.replicas) if (c.replica!.state === 'online' && c.replica!.ackOffset >= offset) n++;
    return n;
  }

  /** A WAIT blocks: the replicas are asked for an ACK at once (REPLCONF GETACK *). */
  awaitAcks(c: Client, numreplicas: number, offset: number): void {
    this.waiting.set(c, { numreplicas, offset });
    if (this.replicas.length !== 0) this.send(respCommand(['REPLCONF', 'GETACK', '*']));
  }

  /** processClientsWaitingReplicas: the WAITs that have their acknowledgements now answer. */
  acked(): void {
    const blocking = this.engine.blocking;
    for (const [c, { numreplicas, offset }] of this.waiting) {
      if (blocking.stateOf(c)?.type !== 'wait') {
        this.waiting.delete(c);
        continue;
      }
      const n = this.ackedAt(offset);
      if (n >= numreplicas) {
        this.waiting.delete(c);
        blocking.release(c, { t: 'int', v: n });
      }
    }
  }

  /** The connection closed or was killed. */
  detach(c: Client): void {
    const i = this.replicas.indexOf(c);
    if (i >= 0) this.replicas.splice(i, 1);
  }

  /** replicationCron's PING to the replicas, every repl-ping-replica-period seconds. */
  cron(): void {
    const period = Number(this.engine.config.get('repl-ping-replica-period')) * 1000;
    if (this.engine.now - this.lastPing < period) return;
    this.lastPing = this.engine.now;
    // A replica's replicas hear its master's PINGs instead.
    if (this.replicas.length !== 0 && this.engine.masterLink === null) this.send(respCommand(['PING']));
  }
}

/** SYNC and PSYNC. */
export function syncCommand(c: Client, argv: string[]): Reply | null {
  const engine = c.engine;
  const link = engine.masterLink;
  if (link !== null && link.state !== 'connected' && c.replica === null) return error(E.NO_MASTER_LINK);
  // The first replica of a master without a backlog: a new history (a replica has one already).
  if (engine.replication === null) newReplicationHistory(engine);
  return replicationBacklog(engine).attach(c, argv);
}

/** The engine's backlog, made at `offset` when it has none (createReplicationBacklog). */
export function replicationBacklog(engine: Engine, offset = 0): ReplicationMaster {
  if (engine.replication === null) {
    engine.replication = new ReplicationMaster(engine, offset);
    engine.propagation.feeds.add(engine.replication);
  }
  return engine.replication;
}

/** REPLCONF option value …: what a replica tells its master during the handshake, and its ACKs. */
export function replconfCommand(c: Client, argv: string[]): Reply | null {
  if (argv.length % 2 === 0) return error(E.SYNTAX);
  for (let j = 1; j < argv.length; j += 2) {
    const opt = argv[j]!;
    const value = argv[j + 1]!;
    const hs = (c.replicaHandshake ??= newHandshake());
    if (isOpt(opt, 'listening-port')) {
      const port = parseInt64(value);
      if (port === null) return error(E.NOT_INTEGER);
      hs.listeningPort = Number(port);
      if (c.replica !== null) c.replica.listeningPort = hs.listeningPort;
    } else if (isOpt(opt, 'ip-address')) {
      // NET_HOST_STR_LEN: 256.
      if (value.length >= 256) return error(`ERR REPLCONF ip-address provided by replica instance is too long: ${value.length} bytes`);
      hs.announcedIp = value;
      if (c.replica !== null) c.replica.announcedIp = value;
    } else if (isOpt(opt, 'capa')) {
      // Capabilities this master does not know are ignored.
      if (isOpt(value, 'psync2')) hs.psync2 = true;
    } else if (isOpt(opt, 'ack')) {
      // Only a replica acknowledges, and an ACK is never answered.
      const replica = c.replica;
      if (replica === null) return null;
      const offset = parseInt64(value);
      if (offset === null) return null;
      if (Number(offset) > replica.ackOffset) replica.ackOffset = Number(offset);
      replica.ackTime = c.engine.now;
      c.engine.replication?.acked();
      return null;
    } else if (isOpt(opt, 'getack')) {
      // Sent by a master to its replicas: this server replicates from no one.
      return null;
    } else if (isOpt(opt, 'rdb-only')) {
      const v = parseInt64(value);
      if (v === null) return error(E.NOT_INTEGER);
      if (v < 0n || v > 1n) return error('ERR value is out of range, value must between 0 and 1');
      hs.rdbOnly = v === 1n;
    } else if (isOpt(opt, 'rdb-filter-only')) {
      // By default everything is left out; each listed part is kept.
      hs.excludeKeys = true;
      hs.excludeFunctions = true;
      for (const f of value.split(' ').filter((s) => s !== '')) {
        if (!isOpt(f, 'functions')) return error(`ERR Unsupported rdb-filter-only option: ${f}`);
        hs.excludeFunctions = false;
      }
    } else {
      return error(`ERR Unrecognized REPLCONF option: ${opt}`);
    }
  }
  return OK;
}

/** REPLICAOF host port | NO ONE (and SLAVEOF). */
export function replicaofCommand(c: Client, argv: string[]): Reply {
  const engine = c.engine;
  if (isOpt(argv[1]!, 'no') && isOpt(argv[2]!, 'one')) {
    if (engine.masterLink !== null) {
      unsetMaster(engine);
      engine.log('*', `MASTER MODE enabled (user request from '${clientInfoLine(engine, c, null)}')`);
    }
    return OK;
  }
  // Becoming a replica drops every replica, this one too.
  if (c.replica !== null) return error('ERR Command is not valid when client is a replica.');
  const port = parseInt64(argv[2]!);
  if (port === null || port < 0n || port > 65535n) return error('ERR Invalid master port');
  const link = engine.masterLink;
  if (link !== null && link.host.toLowerCase() === argv[1]!.toLowerCase() && link.port === Number(port)) {
    return { t: 'simple', v: 'OK Already connected to specified master' };
  }
  setMaster(engine, argv[1]!, Number(port));
  engine.log('*', `REPLICAOF ${argv[1]}:${port} enabled (user request from '${clientInfoLine(engine, c, null)}')`);
  return OK;
}

/** The lines of INFO's replication section. */
export function replicationInfo(engine: Engine): string[] {
  const m = engine.replication;
  const link = engine.masterLink;
  const lines: string[] = [];
  if (link === null) lines.push('role:master');
  else {
    const connected = link.state === 'connected';
    lines.push(
      'role:slave',
      `master_host:${link.host}`,
      `master_port:${link.port}`,
      `master_link_status:${connected ? 'up' : 'down'}`,
      `master_last_io_seconds_ago:${connected ? Math.floor((engine.now - link.lastIo) / 1000) : -1}`,
      `master_sync_in_progress:${link.state === 'sync' ? 1 : 0}`,
      `slave_read_repl_offset:${Math.max(link.offset, 0)}`,
      `slave_repl_offset:${Math.max(link.offset, 0)}`,
    );
    if (!connected) lines.push(`master_link_down_since_seconds:${Math.floor((engine.now - link.lastIo) / 1000)}`);
    lines.push(
      `slave_priority:${engine.config.get('replica-priority')}`,
      `slave_read_only:${engine.config.replicaReadOnly ? 1 : 0}`,
      `replica_announced:${engine.config.get('replica-announced') === 'yes' ? 1 : 0}`,
    );
  }
  lines.push(`connected_slaves:${m?.replicas.length ?? 0}`);
  const { minReplicasToWrite, minReplicasMaxLag } = engine.config;
  if (minReplicasToWrite !== 0 && minReplicasMaxLag !== 0) lines.push(`min_slaves_good_slaves:${m?.goodReplicas(minReplicasMaxLag) ?? 0}`);
  if (m !== null) {
    m.replicas.forEach((c, i) => {
      const r = c.replica!;
      const lag = r.state === 'online' ? Math.floor(engine.now / 1000) - Math.floor(r.ackTime / 1000) : 0;
      lines.push(`slave${i}:ip=${replicaIp(c)},port=${r.listeningPort},state=${r.state},offset=${r.ackOffset},lag=${lag}`);
    });
  }
  lines.push(
    'master_failover_state:no-failover',
    `master_replid:${extrasOf(engine).replId}`,
    `master_replid2:${extrasOf(engine).replId2}`,
    `master_repl_offset:${link !== null ? Math.max(link.offset, 0) : (m?.offset ?? 0)}`,
    `second_repl_offset:${extrasOf(engine).secondReplOffset}`,
    `repl_backlog_active:${m !== null ? 1 : 0}`,
    `repl_backlog_size:${engine.config.get('repl-backlog-size')}`,
    `repl_backlog_first_byte_offset:${m?.backlogFirstByte ?? 0}`,
    `repl_backlog_histlen:${m?.backlogHistlen ?? 0}`,
  );
  return lines;
}

/** The address a replica is known by: the one it announced, else its connection's. */
export function replicaIp(c: Client): string {
  const announced = c.replica?.announcedIp;
  if (announced) return announced;
  const addr = c.addr;
  return addr.slice(0, addr.lastIndexOf(':'));
}

/** ROLE: master, its offset and its online replicas; or slave, its master and the link's state. */
export function roleCommand(c: Client): Reply {
  const link = c.engine.masterLink;
  if (link !== null) {
    // The link's state as ROLE names it (connect, connecting, sync, connected); the offset is
    // the master client's, -1 while there is none (server.master).
    return array([bulk('slave'), bulk(link.host), int(link.port), bulk(link.state), int(link.state === 'connected' ? link.offset : -1)]);
  }
  return array([bulk('master'), int(c.engine.replication?.offset ?? 0), array(roleReplicas(c.engine))]);
}

/** ROLE's list of online replicas: [ip, port, acknowledged offset]. */
export function roleReplicas(engine: Engine): Reply[] {
  const m = engine.replication;
  if (m === null) return [];
  return m.replicas
    .filter((c) => c.replica!.state === 'online')
    .map((c) => array([bulk(replicaIp(c)), bulk(String(c.replica!.listeningPort)), bulk(String(c.replica!.ackOffset))]));
}
