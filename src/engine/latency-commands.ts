// LATENCY LATEST, HISTORY, RESET, GRAPH and DOCTOR (latency.c, sparkline.c) over the samples
// latency.ts keeps. A late part: the report's words are many, and no one needs them early.

import type { Client } from './client.js';
import type { Engine } from './engine.js';
import { LATENCY_TS_LEN, latencyEvents, type LatencySeries } from './latency.js';
import type { Command } from './command.js';
import { commandsWithStats } from './info-stats.js';
import { lookupCommandByName } from './commands/server.js';
import { array, bulk, error, int, map, verbatim, type Reply } from '../shared/reply.js';
import * as E from '../shared/errors.js';

const DISABLED =
  "I'm sorry, Dave, I can't do that. Latency monitoring is disabled in this Redis instance. You may use \"CONFIG SET latency-monitor-threshold <milliseconds>.\" in order to enable it. If we weren't in a deep space mission I'd suggest to take a look at https://redis.io/topics/latency-monitor.\n";

/** The samples in time order (the ring from its oldest slot), unused slots left out. */
function samplesInOrder(ts: LatencySeries): { time: number; latency: number }[] {
  const out = [];
  for (let j = 0; j < LATENCY_TS_LEN; j++) {
    const s = ts.samples[(ts.idx + j) % LATENCY_TS_LEN]!;
    if (s.time !== 0) out.push(s);
  }
  return out;
}

export function latencyLatestCommand(c: Client): Reply {
  const out: Reply[] = [];
  for (const [event, ts] of latencyEvents(c.engine)) {
    const last = ts.samples[(ts.idx + LATENCY_TS_LEN - 1) % LATENCY_TS_LEN]!;
    out.push(array([bulk(event), int(last.time), int(last.latency), int(ts.max)]));
  }
  return array(out);
}

export function latencyHistoryCommand(c: Client, argv: string[]): Reply {
  const ts = latencyEvents(c.engine).get(argv[2]!);
  if (ts === undefined) return array([]);
  return array(samplesInOrder(ts).map((s) => array([int(s.time), int(s.latency)])));
}

/** RESET [event ...]: the events forgotten (all without a name; names compared in any case). */
export function latencyResetCommand(c: Client, argv: string[]): Reply {
  const events = latencyEvents(c.engine);
  if (argv.length === 2) {
    const n = events.size;
    events.clear();
    return int(n);
  }
  let resets = 0;
  for (const name of argv.slice(2)) {
    for (const event of [...events.keys()]) {
      if (event.toLowerCase() === name.toLowerCase() && events.delete(event)) resets++;
    }
  }
  return int(resets);
}

/** LATENCY HISTOGRAM: per command with a histogram (latency-tracking), its calls by duration. */
export function latencyHistogramCommand(c: Client, argv: string[]): Reply {
  const engine = c.engine;
  const entry = (cmd: Command): [Reply, Reply] | null => {
    const hist = engine.stats.commands.get(cmd.fullName)?.histogram;
    if (!hist) return null;
    // fillCommandCDF: by bucket, the calls up to it, for the buckets that add some.
    const buckets: [Reply, Reply][] = [];
    let total = 0;
    hist.forEach((n, k) => {
      if (n === undefined || n === 0) return;
      total += n;
      buckets.push([int(histogramMicros(k)), int(total)]);
    });
    return [
      bulk(cmd.fullName),
      map([
        [bulk('calls'), int(total)],
        [bulk('histogram_usec'), map(buckets)],
      ]),
    ];
  };
  const out: [Reply, Reply][] = [];
  if (argv.length === 2) {
    for (const { cmd } of commandsWithStats(engine)) {
      const e = entry(cmd);
      if (e) out.push(e);
    }
  } else {
    const done = new Set<Command>();
    for (let i = 2; i < argv.length; i++) {
      const cmd = lookupCommandByName(engine, argv[i]!);
      if (cmd === undefined || done.has(cmd)) continue;
      done.add(cmd);
      const targets = cmd.subs ? [...cmd.subs.values()] : [cmd];
      for (const t of targets) {
        const e = entry(t);
        if (e) out.push(e);
      }
    }
  }
  return map(out);
}

// ---- GRAPH: latencyCommandGenSparkeline and sparkline.c --------------------------------------

const GRAPH_COLS = 80;
const GRAPH_ROWS = 4;
const FILL = '_o#';
const LABEL_MARGIN_TOP = 1;

export function latencyGraphCommand(c: Client, argv: string[]): Reply {
  const event = argv[2]!;
  const ts = latencyEvents(c.engine).get(event);
  if (ts === undefined) return error(E.latencyNoSamples(event));
  const now = Math.floor(c.engine.clock.now() / 1000);
  const samples = samplesInOrder(ts);
  let min = 0;
  let max = 0;
  samples.forEach((s, i) => {
    if (i === 0) min = max = s.latency;
    else {
      if (s.latency > max) max = s.latency;
      if (s.latency < min) min = s.latency;
    }
  });
  // Each sample labelled with how long ago it was, in the largest unit that fits.
  const seq = samples.map((s) => {
    const ago = now - s.time;
    const label = ago < 60 ? `${ago}s` : ago < 3600 ? `${Math.trunc(ago / 60)}m` : ago < 86400 ? `${Math.trunc(ago / 3600)}h` : `${Math.trunc(ago / 86400)}d`;
    return { value: s.latency, label };
  });
  let graph = `${event} - high ${max} ms, low ${min} ms (all time high ${ts.max} ms)\n${'-'.repeat(GRAPH_COLS)}\n`;
  for (let j = 0; j < seq.length; j += GRAPH_COLS) {
    if (j !== 0) graph += '\n';
    graph += sparklineRange(seq, j, Math.min(GRAPH_COLS, seq.length - j));
  }
  return verbatim(graph);
}

/** sparklineRenderRange with SPARKLINE_FILL over seq[offset, offset + len), whose min and max it spans. */
function sparklineRange(seq: readonly { value: number; label: string }[], offset: number, len: number): string {
  // The sequence's own min and max (sparklineSequenceAddSample keeps them as samples come).
  let lo = seq[0]!.value;
  let hi = lo;
  for (const s of seq) {
    if (s.value < lo) lo = s.value;
    else if (s.value > hi) hi = s.value;
  }
  const relmax = hi - lo === 0 ? 1 : hi - lo;
  const steps = FILL.length * GRAPH_ROWS;
  let out = '';
  for (let row = 0; ; row++) {
    let loop = false;
    const chars: string[] = new Array<string>(len).fill(' ');
    for (let j = 0; j < len; j++) {
      const s = seq[j + offset]!;
      let step = Math.trunc(Math.trunc((s.value - lo) * steps) / relmax);
      if (step < 0) step = 0;
      if (step >= steps) step = steps - 1;
      if (row < GRAPH_ROWS) {
        const at = step - (GRAPH_ROWS - row - 1) * FILL.length;
        loop = true;
        if (at >= 0 && at < FILL.length) chars[j] = FILL[at]!;
        else if (at >= FILL.length) chars[j] = '|';
      } else {
        // A blank line between the graph and the labels, then the labels top down.
        if (row - GRAPH_ROWS < LABEL_MARGIN_TOP) {
          loop = true;
          break;
        }
        const at = row - GRAPH_ROWS - LABEL_MARGIN_TOP;
        if (s.label.length > at) {
          loop = true;
          chars[j] = s.label[at]!;
        }
      }
    }
    if (!loop) return out;
    out += chars.join('') + '\n';
  }
}

// ---- DOCTOR: createLatencyReport ---------------------------------------------------------------

interface LatencyStats {
  samples: number;
  avg: number;
  mad: number;
  period: number;
}

/** analyzeLatencyForEvent: the samples' count, average, mean absolute deviation, and span in seconds. */
function analyze(engine: Engine, ts: LatencySeries): LatencyStats {
  const used = ts.samples.filter((s) => s.time !== 0);
  if (used.length === 0) return { samples: 0, avg: 0, mad: 0, period: 0 };
  const avg = Math.trunc(used.reduce((n, s) => n + s.latency, 0) / used.length);
  const oldest = Math.min(...used.map((s) => s.time));
  const period = Math.floor(engine.clock.now() / 1000) - oldest || 1;
  const mad = Math.trunc(used.reduce((n, s) => n + Math.abs(avg - s.latency), 0) / used.length);
  return { samples: used.length, avg, mad, period };
}

/** The advice each event calls for, in the order the report gives advice. */
const ADVICE = {
  betterVm:
    '- If you are using a virtual machine, consider upgrading it with a faster one using a hypervisior that provides less latency during fork() calls. Xen is known to have poor fork() performance. Even in the context of the same VM provider, certain kinds of instances can execute fork faster than others.\n',
  slowlogInspect:
    '- Check your Slow Log to understand what are the commands you are running which are too slow to execute. Please check https://redis.io/commands/slowlog for more information.\n',
  scheduler:
    '- The system is slow to execute Redis code paths not containing system calls. This usually means the system does not provide Redis CPU time to run for long periods. You should try to:\n' +
    '  1) Lower the system load.\n' +
    '  2) Use a computer / VM just for Redis if you are running other software in the same system.\n' +
    '  3) Check if you have a "noisy neighbour" problem.\n' +
    "  4) Check with 'redis-cli --intrinsic-latency 100' what is the intrinsic latency in your system.\n" +
    '  5) Check if the problem is allocator-related by recompiling Redis with MALLOC=libc, if you are using Jemalloc. However this may create fragmentation problems.\n',
  localDisk:
    '- It is strongly advised to use local disks for persistence, especially if you are using AOF. Remote disks provided by platform-as-a-service providers are known to be slow.\n',
  ssd: '- SSD disks are able to reduce fsync latency, and total time needed for snapshotting and AOF log rewriting (resulting in smaller memory usage). With extremely high write load SSD disks can be a good option. However Redis should perform reasonably with high load using normal disks. Use this advice as a last resort.\n',
  dataWriteback:
    '- Mounting ext3/4 filesystems with data=writeback can provide a performance boost compared to data=ordered, however this mode of operation provides less guarantees, and sometimes it can happen that after a hard crash the AOF file will have a half-written command at the end and will require to be repaired before Redis restarts.\n',
  diskContention:
    '- Try to lower the disk contention. This is often caused by other disk intensive processes running in the same computer (including other Redis instances).\n',
  noAppendfsync:
    "- Assuming from the point of view of data safety this is viable in your environment, you could try to enable the 'no-appendfsync-on-rewrite' option, so that fsync will not be performed while there is a child rewriting the AOF file or producing an RDB file (the moment where there is high disk contention).\n",
  relaxFsync:
    "- Your fsync policy is set to 'always'. It is very hard to get good performances with such a setup, if possible try to relax the fsync policy to 'onesec'.\n",
  writeLoadInfo:
    '- Latency during the AOF atomic rename operation or when the final difference is flushed to the AOF file at the end of the rewrite, sometimes is caused by very high write load, causing the AOF buffer to get very large. If possible try to send less commands to accomplish the same work, or use Lua scripts to group multiple operations into a single EVALSHA call.\n',
  hz: "- In order to make the Redis keys expiring process more incremental, try to set the 'hz' configuration parameter to 100 using 'CONFIG SET hz 100'.\n",
  largeObjects:
    '- Deleting, expiring or evicting (because of maxmemory policy) large objects is a blocking operation. If you have very large objects that are often deleted, expired, or evicted, try to fragment those objects into multiple smaller objects.\n',
  massEviction:
    "- Sudden changes to the 'maxmemory' setting via 'CONFIG SET', or allocation of large objects via sets or sorted sets intersections, STORE option of SORT, Redis Cluster large keys migrations (RESTORE command), may create sudden memory pressure forcing the server to block trying to evict keys. \n",
};

export function latencyDoctorCommand(c: Client): Reply {
  const engine = c.engine;
  const config = engine.config;
  const events = latencyEvents(engine);
  if (events.size === 0 && config.latencyMonitorThreshold === 0) return verbatim(DISABLED);
  const threshold = config.latencyMonitorThreshold;
  const advise = new Set<keyof typeof ADVICE | 'slowlogEnabled' | 'slowlogTuning'>();
  let advices = 0;
  const add = (...which: (keyof typeof ADVICE | 'slowlogEnabled' | 'slowlogTuning')[]) => {
    for (const w of which) advise.add(w);
    advices += which.length;
  };
  let report = '';
  let eventnum = 0;
  for (const [event, ts] of events) {
    eventnum++;
    if (eventnum === 1) report += "Dave, I have observed latency spikes in this Redis instance. You don't mind talking about it, do you Dave?\n\n";
    const ls = analyze(engine, ts);
    report += `${eventnum}. ${event}: ${ls.samples} latency spikes (average ${ls.avg}ms, mean deviation ${ls.mad}ms, period ${(ls.period / ls.samples).toFixed(2)} sec). Worst all time event ${ts.max}ms.`;
    const e = event.toLowerCase();
    if (e === 'fork') {
      // No fork here: its rate is 0, which Redis calls terrible.
      add('betterVm');
      report += ' Fork rate is 0.00 GB/sec (terrible).';
    }
    if (e === 'command') {
      const slower = config.slowlogLogSlowerThan;
      if (slower < 0) add('slowlogEnabled');
      else if (Math.trunc(slower / 1000) > threshold) add('slowlogTuning');
      add('slowlogInspect', 'largeObjects');
    }
    if (e === 'fast-command') add('scheduler');
    if (e === 'aof-write-pending-fsync') add('localDisk', 'diskContention', 'ssd', 'dataWriteback');
    if (e === 'aof-write-active-child') add('noAppendfsync', 'dataWriteback', 'ssd');
    if (e === 'aof-write-alone') add('localDisk', 'dataWriteback', 'ssd');
    if (e === 'aof-fsync-always') add('relaxFsync');
    if (e === 'aof-fstat' || e === 'rdb-unlink-temp-file') add('diskContention', 'localDisk');
    if (e === 'aof-rewrite-diff-write' || e === 'aof-rename') add('writeLoadInfo', 'dataWriteback', 'ssd', 'localDisk');
    if (e === 'expire-cycle') add('hz', 'largeObjects');
    if (e === 'eviction-del') add('largeObjects');
    if (e === 'eviction-cycle') add('massEviction');
    report += '\n';
  }
  if (eventnum === 0 && advices === 0) {
    return verbatim(
      report +
        'Dave, no latency spike was observed during the lifetime of this Redis instance, not in the slightest bit. I honestly think you ought to sit down calmly, take a stress pill, and think things over.\n',
    );
  }
  if (advices === 0) {
    return verbatim(
      report +
        "\nWhile there are latency events logged, I'm not able to suggest any easy fix. Please use the Redis community to get some help, providing this report in your help request.\n",
    );
  }
  report += '\nI have a few advices for you:\n\n';
  if (advise.has('betterVm')) report += ADVICE.betterVm;
  if (advise.has('slowlogEnabled')) {
    report += `- There are latency issues with potentially slow commands you are using. Try to enable the Slow Log Redis feature using the command 'CONFIG SET slowlog-log-slower-than ${threshold * 1000}'. If the Slow log is disabled Redis is not able to log slow commands execution for you.\n`;
  }
  if (advise.has('slowlogTuning')) {
    report += `- Your current Slow Log configuration only logs events that are slower than your configured latency monitor threshold. Please use 'CONFIG SET slowlog-log-slower-than ${threshold * 1000}'.\n`;
  }
  const order: (keyof typeof ADVICE)[] = ['slowlogInspect', 'scheduler', 'localDisk', 'ssd', 'dataWriteback', 'diskContention', 'noAppendfsync'];
  for (const w of order) if (advise.has(w)) report += ADVICE[w];
  if (advise.has('relaxFsync') && config.get('appendfsync') === 'always') report += ADVICE.relaxFsync;
  if (advise.has('writeLoadInfo')) report += ADVICE.writeLoadInfo;
  if (advise.has('hz') && config.hz < 100) report += ADVICE.hz;
  if (advise.has('largeObjects')) report += ADVICE.largeObjects;
  if (advise.has('massEviction')) report += ADVICE.massEviction;
  return verbatim(report);
}

/** The µs LATENCY HISTOGRAM names bucket k by: the highest value equivalent to 1024·2^k ns. */
function histogramMicros(k: number): number {
  const level = 1024 * 2 ** k;
  return Math.floor((level + level / 128 - 1) / 1000);
}
