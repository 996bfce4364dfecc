import { describe, expect, it } from 'vitest';
import { AdjustableClock } from './clock.js';

describe('AdjustableClock', () => {
  const rig = () => {
    let real = 1_000_000;
    const clock = new AdjustableClock(() => real);
    return { clock, pass: (ms: number) => (real += ms) };
  };

  it('follows real time until told otherwise', () => {
    const { clock, pass } = rig();
    expect(clock.now()).toBe(1_000_000);
    pass(250);
    expect(clock.now()).toBe(1_000_250);
    expect(clock.ahead).toBe(0);
  });

  it('fast-forwards, and keeps running from there', () => {
    const { clock, pass } = rig();
    clock.advance(60_000);
    expect(clock.now()).toBe(1_060_000);
    pass(10);
    expect(clock.now()).toBe(1_060_010);
    expect(clock.ahead).toBe(60_000);
  });

  it('stands still while paused, moves only by advance, and resumes where it stopped', () => {
    const { clock, pass } = rig();
    clock.pause();
    pass(5_000);
    expect(clock.now()).toBe(1_000_000);
    expect(clock.paused).toBe(true);
    clock.advance(1_000);
    expect(clock.now()).toBe(1_001_000);
    clock.resume();
    expect(clock.paused).toBe(false);
    expect(clock.now()).toBe(1_001_000);
    pass(20);
    expect(clock.now()).toBe(1_001_020);
  });

  it('comes back as saved: ahead, held back by a pause, or standing still', () => {
    const { clock, pass } = rig();
    clock.restore({ ahead: 60_000, pausedAt: null });
    expect(clock.now()).toBe(1_060_000);
    clock.restore({ ahead: -4_000, pausedAt: null });
    pass(10);
    expect(clock.now()).toBe(996_010);
    expect(clock.paused).toBe(false);
    clock.restore({ ahead: 0, pausedAt: 900_000 });
    pass(5_000);
    expect(clock.paused).toBe(true);
    expect(clock.now()).toBe(900_000);
    clock.resume();
    pass(1);
    expect(clock.now()).toBe(900_001);
  });

  it('ignores advances that are not positive finite numbers', () => {
    const { clock } = rig();
    for (const bad of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) clock.advance(bad);
    expect(clock.now()).toBe(1_000_000);
  });

  it('goes back to real time, running, from paused and ahead', () => {
    const { clock, pass } = rig();
    clock.advance(86_400_000);
    clock.pause();
    pass(5_000);
    clock.real();
    expect(clock.paused).toBe(false);
    expect(clock.ahead).toBe(0);
    expect(clock.now()).toBe(1_005_000);
    pass(10);
    expect(clock.now()).toBe(1_005_010);
  });
});
