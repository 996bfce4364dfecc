// MEMORY USAGE, STATS and DOCTOR (declared in commands/server.ts): one of the engine's late
// parts (late.ts), as is the sizing of every type and encoding they read (memory.ts).

import type { Client } from './client.js';
import type { Engine } from './engine.js';
import { isOpt } from '../shared/args.js';
import { extrasOf } from './info-stats.js';
import { keyMemoryUsage, memoryFigures, STARTUP_MEMORY } from './memory.js';
import { formatDouble, parseInt64 } from './numbers.js';
import type { RObj } from './objects.js';
import { bulk, double, int, map, NIL, verbatim, ZERO, type Reply } from '../shared/reply.js';
import { NOT_INTEGER_R, SYNTAX_R } from './error-replies.js';

export function memoryUsageCommand(c: Client, argv: string[]): Reply {
  // OBJ_COMPUTE_SIZE_DEF_SAMPLES; 0 looks at every element.
  let samples = 5;
  for (let j = 3; j < argv.length; j++) {
    if (isOpt(argv[j]!, 'samples') && j + 1 < argv.length) {
      const n = parseInt64(argv[j + 1]!);
      if (n === null) return NOT_INTEGER_R;
      if (n < 0n) return SYNTAX_R;
      samples = Number(n);
      j++;
    } else {
      return SYNTAX_R;
    }
  }
  const key = argv[2]!;
  const db = c.db;
  // MEMORY USAGE looks the key up without touching its access time or the hit/miss counters.
  const when = db.expires.get(key);
  if (when !== undefined && when < c.engine.now) return NIL;
  const obj = db.dict.get(key);
  if (obj === undefined) return NIL;
  return int(keyMemory(c.engine, key, obj, samples));
}

/** MEMORY USAGE of a key, as the server's settings size it (the inspector shows it too). */
export function keyMemory(engine: Engine, key: string, obj: RObj, samples = 5): number {
  const listMaxListpackSize = Number(engine.config.get('list-max-listpack-size'));
  return keyMemoryUsage(key, obj, { samples, listMaxListpackSize, packedThreshold: engine.debugSettings.quicklistPackedThreshold });
}

export function memoryStatsCommand(c: Client): Reply {
  const engine = c.engine;
  const m = memoryFigures(engine);
  const x = extrasOf(engine);
  if (m.used > x.peakMemory) x.peakMemory = m.used;
  const fields: [Reply, Reply][] = [
    [bulk('peak.allocated'), int(x.peakMemory)],
    [bulk('total.allocated'), int(m.used)],
    [bulk('startup.allocated'), int(STARTUP_MEMORY)],
    [bulk('replication.backlog'), ZERO],
    [bulk('clients.slaves'), ZERO],
    [bulk('clients.normal'), int(m.clients)],
    [bulk('cluster.links'), ZERO],
    [bulk('aof.buffer'), ZERO],
    [bulk('lua.caches'), ZERO],
    [bulk('functions.caches'), int(184)],
  ];
  for (const h of m.hashtables) {
    fields.push([
      bulk(`db.${h.db}`),
      map([
        [bulk('overhead.hashtable.main'), int(h.main)],
        [bulk('overhead.hashtable.expires'), int(h.expires)],
        [bulk('overhead.hashtable.slot-to-keys'), ZERO],
      ]),
    ]);
  }
  const used = m.used;
  const net = used - STARTUP_MEMORY;
  // Redis keeps these ratios as C floats and prints them with %.17g.
  const dbl = (v: number) => double(Math.fround(v), formatDouble(Math.fround(v)));
  fields.push(
    [bulk('overhead.total'), int(m.overhead)],
    [bulk('keys.count'), int(m.keys)],
    [bulk('keys.bytes-per-key'), int(m.keys ? Math.floor(net / m.keys) : 0)],
    [bulk('dataset.bytes'), int(m.dataset)],
    [bulk('dataset.percentage'), dbl(net > 0 ? (m.dataset / net) * 100 : 0)],
    [bulk('peak.percentage'), dbl(x.peakMemory ? (used / x.peakMemory) * 100 : 0)],
    [bulk('allocator.allocated'), int(used + 900000)],
    [bulk('allocator.active'), int(Math.round((used + 900000) * 1.1))],
    [bulk('allocator.resident'), int(Math.round((used + 900000) * 1.54))],
    [bulk('allocator-fragmentation.ratio'), dbl(1.1)],
    [bulk('allocator-fragmentation.bytes'), int(Math.round((used + 900000) * 0.1))],
    [bulk('allocator-rss.ratio'), dbl(1.4)],
    [bulk('allocator-rss.bytes'), int(Math.round((used + 900000) * 0.44))],
    [bulk('rss-overhead.ratio'), dbl(1.2)],
    [bulk('rss-overhead.bytes'), int(Math.round(used * 0.2))],
    [bulk('fragmentation'), dbl(1.9)],
    [bulk('fragmentation.bytes'), int(Math.round(used * 0.9))],
  );
  return map(fields);
}

const EMPTY_DOCTOR =
  "Hi Sam, this instance is empty or is using very little memory, my issues detector can't be used in these conditions. Please, leave for your mission on Earth and fill it with some data. The new Sam and I will be back to our programming as soon as I finished rebooting.\n";
const HEALTHY_DOCTOR = "Hi Sam, I can't find any memory issue in your instance. I can only account for what occurs on this base.\n";

export function memoryDoctorCommand(c: Client): Reply {
  const m = memoryFigures(c.engine);
  // Redis stays silent below 5MB of memory in use.
  return verbatim(m.used < 5 * 1024 * 1024 ? EMPTY_DOCTOR : HEALTHY_DOCTOR);
}
