// What the inspector's memory line shows: the used memory against maxmemory, the eviction
// policy and the keys evicted so far (INFO memory's used_memory, maxmemory and
// maxmemory_policy, INFO stats' evicted_keys). Fetched when the inspector first asks.

import type { Engine } from '../engine/engine.js';
import { memoryFigures } from '../engine/memory.js';

export interface MemoryView {
  /** INFO memory's used_memory, in bytes. */
  used: number;
  /** maxmemory in bytes, 0 when there is no limit. */
  maxmemory: number;
  /** maxmemory-policy ('noeviction', 'allkeys-lru', …). */
  policy: string;
  /** INFO stats' evicted_keys. */
  evicted: number;
}

export function memoryView(engine: Engine): MemoryView {
  return {
    used: memoryFigures(engine).used,
    maxmemory: engine.config.maxmemory,
    policy: engine.config.maxmemoryPolicy,
    evicted: engine.stats.evictedKeys,
  };
}
