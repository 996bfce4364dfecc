// INFO (server.c genRedisInfoString): the engine's state in Redis's sections, fields and order.
// One of the engine's late parts (late.ts): nobody asks for it before the first prompt.

import { cString } from '../shared/args.js';
import type { Engine } from './engine.js';
import { bytesToHuman, memoryFigures, STARTUP_MEMORY } from './memory.js';
import { recentMaxOutput } from './output-buffer.js';
import { commandsWithStats, extrasOf } from './info-stats.js';
import { replicationInfo } from './replication.js';

/** What INFO says about the process; hosts (the Node server) may fill in real values. */
export const hostInfo = {
  os: 'Linux 6.1.0 x86_64',
  processId: 1,
  executable: '/usr/local/bin/redis-server',
  configFile: '',
  totalSystemMemory: 8589934592,
};

/** Fixed fields of the Server section that describe the build. */
const BUILD_ID = '7f6e5d4c3b2a1908';

const INFO_UNSAFE = /[#:\n\r]/g;

function safeInfo(s: string): string {
  return s.replace(INFO_UNSAFE, '_');
}

function cpuSeconds(us: number): string {
  const sec = Math.floor(us / 1e6);
  return `${sec}.${String(Math.floor(us - sec * 1e6)).padStart(6, '0')}`;
}

type Section = (engine: Engine) => string[];

function serverSection(engine: Engine): string[] {
  const now = engine.clock.now();
  const uptime = Math.max(0, Math.floor((now - engine.startedAt) / 1000));
  return [
    'redis_version:7.0.15',
    'redis_git_sha1:00000000',
    'redis_git_dirty:0',
    `redis_build_id:${BUILD_ID}`,
    'redis_mode:standalone',
    `os:${hostInfo.os}`,
    'arch_bits:64',
    'monotonic_clock:POSIX clock_gettime',
    'multiplexing_api:epoll',
    'atomicvar_api:c11-builtin',
    'gcc_version:12.2.0',
    `process_id:${hostInfo.processId}`,
    'process_supervised:no',
    `run_id:${extrasOf(engine).runId}`,
    `tcp_port:${engine.config.port}`,
    `server_time_usec:${Math.floor(now * 1000)}`,
    `uptime_in_seconds:${uptime}`,
    `uptime_in_days:${Math.floor(uptime / 86400)}`,
    `hz:${engine.config.hz}`,
    `configured_hz:${engine.config.hz}`,
    `lru_clock:${Math.floor(now / 1000) % 16777216}`,
    `executable:${hostInfo.executable}`,
    `config_file:${hostInfo.configFile}`,
    'io_threads_active:0',
  ];
}

function clientsSection(engine: Engine): string[] {
  let blocked = 0;
  let tracking = 0;
  for (const c of engine.clients.values()) {
    if (c.unblock !== null) blocked++;
    if (c.tracking !== null) tracking++;
  }
  return [
    `connected_clients:${engine.clients.size}`,
    'cluster_connections:0',
    `maxclients:${engine.config.maxclients}`,
    'client_recent_max_input_buffer:20480',
    `client_recent_max_output_buffer:${recentMaxOutput(engine)}`,
    `blocked_clients:${blocked}`,
    `tracking_clients:${tracking}`,
    `clients_in_timeout_table:${engine.blocking.withTimeout}`,
  ];
}

function memorySection(engine: Engine): string[] {
  const m = memoryFigures(engine);
  const x = extrasOf(engine);
  if (m.used > x.peakMemory) x.peakMemory = m.used;
  const rss = Math.round((m.used * 1.15) / 4096) * 4096 + 4 * 1048576;
  const allocated = m.used + 900000;
  const active = Math.round(allocated * 1.1);
  const resident = Math.round(active * 1.4);
  const sys = hostInfo.totalSystemMemory;
  const maxmemory = engine.config.maxmemory;
  const functions = engine.scriptingStarted?.functionsStarted?.ctx;
  const pct = (a: number, b: number) => (b === 0 ? 0 : (a / b) * 100).toFixed(2);
  const datasetPct = m.used - STARTUP_MEMORY <= 0 ? 0 : (m.dataset / (m.used - STARTUP_MEMORY)) * 100;
  return [
    `used_memory:${m.used}`,
    `used_memory_human:${bytesToHuman(m.used)}`,
    `used_memory_rss:${rss}`,
    `used_memory_rss_human:${bytesToHuman(rss)}`,
    `used_memory_peak:${x.peakMemory}`,
    `used_memory_peak_human:${bytesToHuman(x.peakMemory)}`,
    `used_memory_peak_perc:${pct(m.used, x.peakMemory)}%`,
    `used_memory_overhead:${m.overhead}`,
    `used_memory_startup:${STARTUP_MEMORY}`,
    `used_memory_dataset:${m.dataset}`,
    `used_memory_dataset_perc:${datasetPct.toFixed(2)}%`,
    `allocator_allocated:${allocated}`,
    `allocator_active:${active}`,
    `allocator_resident:${resident}`,
    `total_system_memory:${sys}`,
    `total_system_memory_human:${bytesToHuman(sys)}`,
    'used_memory_lua:31744',
    'used_memory_vm_eval:31744',
    'used_memory_lua_human:31.00K',
    'used_memory_scripts_eval:0',
    `number_of_cached_scripts:${engine.scriptingStarted?.scripts.size ?? 0}`,
    `number_of_functions:${functions?.functions.size ?? 0}`,
    `number_of_libraries:${functions?.libraries.size ?? 0}`,
    'used_memory_vm_functions:32768',
    'used_memory_vm_total:64512',
    'used_memory_vm_total_human:63.00K',
    'used_memory_functions:184',
    'used_memory_scripts:184',
    'used_memory_scripts_human:184B',
    `maxmemory:${maxmemory}`,
    `maxmemory_human:${bytesToHuman(maxmemory)}`,
    `maxmemory_policy:${engine.config.maxmemoryPolicy}`,
    `allocator_frag_ratio:${(active / allocated).toFixed(2)}`,
    `allocator_frag_bytes:${active - allocated}`,
    `allocator_rss_ratio:${(resident / active).toFixed(2)}`,
    `allocator_rss_bytes:${resident - active}`,
    `rss_overhead_ratio:${(rss / resident).toFixed(2)}`,
    `rss_overhead_bytes:${rss - resident}`,
    `mem_fragmentation_ratio:${(rss / m.used).toFixed(2)}`,
    `mem_fragmentation_bytes:${rss - m.used}`,
    'mem_not_counted_for_evict:0',
    'mem_replication_backlog:0',
    'mem_total_replication_buffers:0',
    'mem_clients_slaves:0',
    `mem_clients_normal:${m.clients}`,
    'mem_cluster_links:0',
    'mem_aof_buffer:0',
    'mem_allocator:jemalloc-5.3.0',
    'active_defrag_running:0',
    'lazyfree_pending_objects:0',
    `lazyfreed_objects:${engine.stats.lazyfreedObjects}`,
  ];
}

function persistenceSection(engine: Engine): string[] {
  const aof = engine.aof;
  const lines = [
    'loading:0',
    'async_loading:0',
    'current_cow_peak:0',
    'current_cow_size:0',
    'current_cow_size_age:0',
    'current_fork_perc:0.00',
    `current_save_keys_processed:${engine.bgsave?.job.keysWritten ?? 0}`,
    `current_save_keys_total:${engine.bgsave?.job.keysTotal ?? 0}`,
    `rdb_changes_since_last_save:${engine.changesSinceLastSave}`,
    `rdb_bgsave_in_progress:${engine.bgsave !== null ? 1 : 0}`,
    `rdb_last_save_time:${Math.floor(engine.lastSave / 1000)}`,
    `rdb_last_bgsave_status:${engine.lastBgsaveOk ? 'ok' : 'err'}`,
    `rdb_last_bgsave_time_sec:${engine.lastBgsaveTimeSec}`,
    `rdb_current_bgsave_time_sec:${engine.bgsave !== null ? Math.floor((engine.now - engine.bgsave.startedAt) / 1000) : -1}`,
    `rdb_saves:${engine.stats.rdbSaves}`,
    'rdb_last_cow_size:0',
    `rdb_last_load_keys_expired:${engine.lastLoadKeysExpired}`,
    `rdb_last_load_keys_loaded:${engine.lastLoadKeysLoaded}`,
    `aof_enabled:${aof?.on ? 1 : 0}`,
    'aof_rewrite_in_progress:0',
    `aof_rewrite_scheduled:${aof?.rewriteScheduled ? 1 : 0}`,
    `aof_last_rewrite_time_sec:${aof?.lastRewriteTimeSec ?? -1}`,
    'aof_current_rewrite_time_sec:-1',
    `aof_last_bgrewrite_status:${aof === null || aof.lastRewriteOk ? 'ok' : 'err'}`,
    `aof_rewrites:${aof?.rewrites ?? 0}`,
    `aof_rewrites_consecutive_failures:${aof === null || aof.lastRewriteOk ? 0 : 1}`,
    `aof_last_write_status:${aof === null || aof.lastWriteOk ? 'ok' : 'err'}`,
    'aof_last_cow_size:0',
    'module_fork_in_progress:0',
    'module_fork_last_cow_size:0',
  ];
  if (aof?.on) {
    lines.push(
      `aof_current_size:${aof.currentSize}`,
      `aof_base_size:${aof.baseSize}`,
      `aof_pending_rewrite:${aof.rewriteScheduled ? 1 : 0}`,
      `aof_buffer_length:${aof.buffered}`,
      'aof_pending_bio_fsync:0',
      'aof_delayed_fsync:0',
    );
  }
  return lines;
}

function statsSection(engine: Engine): string[] {
  const evictor = engine.evictor;
  const s = engine.stats;
  const tracking = engine.tracker?.totals() ?? { keys: 0, items: 0, prefixes: 0 };
  return [
    `total_connections_received:${s.totalConnections}`,
    `total_commands_processed:${s.totalCommands}`,
    'instantaneous_ops_per_sec:0',
    'total_net_input_bytes:0',
    'total_net_output_bytes:0',
    'total_net_repl_input_bytes:0',
    'total_net_repl_output_bytes:0',
    'instantaneous_input_kbps:0.00',
    'instantaneous_output_kbps:0.00',
    'instantaneous_input_repl_kbps:0.00',
    'instantaneous_output_repl_kbps:0.00',
    'rejected_connections:0',
    `sync_full:${engine.stats.syncFull}`,
    `sync_partial_ok:${engine.stats.syncPartialOk}`,
    `sync_partial_err:${engine.stats.syncPartialErr}`,
    `expired_keys:${s.expiredKeys}`,
    'expired_stale_perc:0.00',
    'expired_time_cap_reached_count:0',
    'expire_cycle_cpu_milliseconds:0',
    `evicted_keys:${engine.stats.evictedKeys}`,
    'evicted_clients:0',
    `total_eviction_exceeded_time:${Math.floor(evictor?.exceededTotalMs ?? 0) + (evictor?.currentExceededMs() ?? 0)}`,
    `current_eviction_exceeded_time:${evictor?.currentExceededMs() ?? 0}`,
    `keyspace_hits:${s.keyspaceHits}`,
    `keyspace_misses:${s.keyspaceMisses}`,
    `pubsub_channels:${engine.pubsub.channels.size}`,
    `pubsub_patterns:${engine.pubsub.patterns.size}`,
    `pubsubshard_channels:${engine.pubsub.shardChannels.size}`,
    'latest_fork_usec:0',
    'total_forks:0',
    `migrate_cached_sockets:${engine.migrateLinks?.size ?? 0}`,
    'slave_expires_tracked_keys:0',
    'active_defrag_hits:0',
    'active_defrag_misses:0',
    'active_defrag_key_hits:0',
    'active_defrag_key_misses:0',
    'total_active_defrag_time:0',
    'current_active_defrag_time:0',
    `tracking_total_keys:${tracking.keys}`,
    `tracking_total_items:${tracking.items}`,
    `tracking_total_prefixes:${tracking.prefixes}`,
    'unexpected_error_replies:0',
    `total_error_replies:${s.errorReplies}`,
    'dump_payload_sanitizations:0',
    `total_reads_processed:${s.totalCommands}`,
    `total_writes_processed:${s.totalCommands}`,
    'io_threaded_reads_processed:0',
    'io_threaded_writes_processed:0',
    `reply_buffer_shrinks:${s.replyBufferShrinks}`,
    `reply_buffer_expands:${s.replyBufferExpands}`,
  ];
}

function replicationSection(engine: Engine): string[] {
  return replicationInfo(engine);
}

function cpuSection(engine: Engine): string[] {
  // A plausible share of the uptime: the engine cannot read the process's rusage.
  const up = Math.max(0, engine.clock.now() - engine.startedAt) * 1000;
  const user = up * 0.0004 + engine.stats.totalCommands * 2;
  const sys = up * 0.0006 + engine.stats.totalCommands;
  return [
    `used_cpu_sys:${cpuSeconds(sys)}`,
    `used_cpu_user:${cpuSeconds(user)}`,
    'used_cpu_sys_children:0.000000',
    'used_cpu_user_children:0.000000',
    `used_cpu_sys_main_thread:${cpuSeconds(sys * 0.98)}`,
    `used_cpu_user_main_thread:${cpuSeconds(user * 0.98)}`,
  ];
}

function commandstatsSection(engine: Engine): string[] {
  const lines: string[] = [];
  for (const { cmd, st } of commandsWithStats(engine)) {
    if (!st.calls && !st.failed && !st.rejected) continue;
    const perCall = st.calls === 0 ? 0 : st.usec / st.calls;
    lines.push(
      `cmdstat_${safeInfo(cmd.fullName)}:calls=${st.calls},usec=${st.usec},usec_per_call=${perCall.toFixed(2)},rejected_calls=${st.rejected},failed_calls=${st.failed}`,
    );
  }
  return lines;
}

function errorstatsSection(engine: Engine): string[] {
  const codes = [...engine.stats.errorCodes.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return codes.map((code) => `errorstat_${safeInfo(code)}:count=${engine.stats.errorCodes.get(code)}`);
}

function formatPercentile(p: number): string {
  let s = p.toFixed(6);
  s = s.replace(/0+$/, '');
  return s.endsWith('.') ? s.slice(0, -1) : s;
}

function latencystatsSection(engine: Engine): string[] {
  if (!engine.config.latencyTracking) return [];
  const lines: string[] = [];
  for (const { cmd, st } of commandsWithStats(engine)) {
    if (st.calls === 0) continue;
    // One-microsecond samples read back from an HDR histogram with 2 significant digits.
    const usec = Math.max(1, st.usec / st.calls);
    const value = usec <= 1 ? '1.003' : usec.toFixed(3);
    const parts = engine.config.latencyPercentiles.map((p) => `p${formatPercentile(p)}=${value}`);
    lines.push(`latency_percentiles_usec_${safeInfo(cmd.fullName)}:${parts.join(',')}`);
  }
  return lines;
}

function keyspaceSection(engine: Engine): string[] {
  const lines: string[] = [];
  const now = engine.now;
  for (const db of engine.dbs) {
    const keys = db.dict.size;
    const expires = db.expires.size;
    if (!keys && !expires) continue;
    let avg = 0;
    if (expires) {
      let sum = 0;
      let n = 0;
      for (const when of db.expires.values()) {
        const ttl = when - now;
        if (ttl > 0) {
          sum += ttl;
          n++;
        }
        if (n >= 10000) break;
      }
      avg = n ? Math.floor(sum / n) : 0;
    }
    lines.push(`db${db.id}:keys=${keys},expires=${expires},avg_ttl=${avg}`);
  }
  return lines;
}

/** The sections in the order genRedisInfoString emits them. */
const SECTIONS: readonly [name: string, header: string, gen: Section][] = [
  ['server', 'Server', serverSection],
  ['clients', 'Clients', clientsSection],
  ['memory', 'Memory', memorySection],
  ['persistence', 'Persistence', persistenceSection],
  ['stats', 'Stats', statsSection],
  ['replication', 'Replication', replicationSection],
  ['cpu', 'CPU', cpuSection],
  ['modules', 'Modules', () => []],
  ['commandstats', 'Commandstats', commandstatsSection],
  ['errorstats', 'Errorstats', errorstatsSection],
  ['latencystats', 'Latencystats', latencystatsSection],
  ['cluster', 'Cluster', () => ['cluster_enabled:0']],
  ['keyspace', 'Keyspace', keyspaceSection],
];

const DEFAULT_SECTIONS = ['server', 'clients', 'memory', 'persistence', 'stats', 'replication', 'cpu', 'module_list', 'errorstats', 'cluster', 'keyspace'];

/** The INFO text for the given section arguments (INFO's argv after the name). */
export function infoString(engine: Engine, args: readonly string[]): string {
  const wanted = new Set<string>();
  let all = false;
  if (args.length === 0) {
    for (const s of DEFAULT_SECTIONS) wanted.add(s);
  }
  for (const a of args) {
    const s = cString(a).toLowerCase();
    if (s === 'default') for (const d of DEFAULT_SECTIONS) wanted.add(d);
    else if (s === 'all' || s === 'everything') all = true;
    else wanted.add(s);
  }
  const parts: string[] = [];
  for (const [name, header, gen] of SECTIONS) {
    const want = all || wanted.has(name) || (name === 'modules' && wanted.has('module_list'));
    if (!want) continue;
    let text = `# ${header}\r\n`;
    for (const line of gen(engine)) text += line + '\r\n';
    parts.push(text);
  }
  return parts.join('\r\n');
}
