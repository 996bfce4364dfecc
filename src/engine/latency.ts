// The latency monitor (latency.c): for each event (a command, an expire cycle…) that took at
// least latency-monitor-threshold ms, one sample a second, the last LATENCY_TS_LEN of them kept.
// What LATENCY reports from them is a late part (latency-commands.ts).

import type { Engine } from './engine.js';

/** LATENCY_TS_LEN: the samples each event keeps. */
export const LATENCY_TS_LEN = 160;

export interface LatencySample {
  /** Unix seconds; 0 for a slot never used. */
  time: number;
  /** ms */
  latency: number;
}

export interface LatencySeries {
  samples: LatencySample[];
  /** Where the next sample goes. */
  idx: number;
  /** The worst ever, ms. */
  max: number;
}

/** Each engine's events, in the order they first happened. */
const monitors = new WeakMap<Engine, Map<string, LatencySeries>>();

export function latencyEvents(engine: Engine): Map<string, LatencySeries> {
  let m = monitors.get(engine);
  if (m === undefined) {
    m = new Map();
    monitors.set(engine, m);
  }
  return m;
}

/** latencyAddSampleIfNeeded: `ms` of `event`, kept when the monitor is on and it is that slow. */
export function latencySample(engine: Engine, event: string, ms: number): void {
  const threshold = engine.config.latencyMonitorThreshold;
  if (threshold === 0 || ms < threshold) return;
  const events = latencyEvents(engine);
  let ts = events.get(event);
  if (ts === undefined) {
    ts = { samples: Array.from({ length: LATENCY_TS_LEN }, () => ({ time: 0, latency: 0 })), idx: 0, max: 0 };
    events.set(event, ts);
  }
  if (ms > ts.max) ts.max = ms;
  const now = Math.floor(engine.clock.now() / 1000);
  // One sample a second: a second event in the same second keeps the worse of the two.
  const prev = ts.samples[(ts.idx + LATENCY_TS_LEN - 1) % LATENCY_TS_LEN]!;
  if (prev.time === now) {
    if (ms > prev.latency) prev.latency = ms;
    return;
  }
  ts.samples[ts.idx] = { time: now, latency: ms };
  ts.idx = (ts.idx + 1) % LATENCY_TS_LEN;
}

/**
 * updateCommandLatencyHistogram: where a call of `usec` µs is counted in LATENCY HISTOGRAM, the
 * k of the bucket reported as histogramMicros(k). Redis records the duration in ns (1 ns to 1 s)
 * in an hdr_histogram of 2 significant digits, and reports it by powers of two from 1024 ns: a
 * value goes in the first power at or above its lowest equivalent value.
 */
export function histogramBucket(usec: number): number {
  // Most calls: up to 1 µs, the first bucket.
  if (usec <= 1) return 0;
  const v = Math.min(usec * 1000, 1e9);
  // The sub-bucket it falls in (256 of them, half of which cover each power of two) drops the
  // bits below its precision.
  const shift = Math.max(0, 31 - Math.clz32(v | 255) - 7);
  const lowest = Math.floor(v / 2 ** shift) * 2 ** shift;
  return lowest <= 1024 ? 0 : 32 - Math.clz32(Math.ceil(lowest / 1024) - 1);
}
