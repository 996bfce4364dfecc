/** Where the engine reads time from: real time in the app, a virtual clock in tests. */
export interface Clock {
  /** Milliseconds since the Unix epoch; may carry a fraction (microseconds for TIME). */
  now(): number;
}

export const systemClock: Clock = {
  now: () => Date.now(),
};

/** A clock that moves only when told to: deterministic expiry in tests and "fast-forward". */
export class VirtualClock implements Clock {
  constructor(private ms = 1_700_000_000_000) {}

  now(): number {
    return this.ms;
  }

  advance(ms: number): void {
    this.ms += ms;
  }

  set(ms: number): void {
    this.ms = ms;
  }
}

/**
 * Real time that a person can pause and fast-forward (the inspector's clock controls): every
 * client of the engine sees the same time, so a key with EX 60 expires at once after "+1 min".
 * `base` is where the real time comes from (Date.now in the app).
 */
export class AdjustableClock implements Clock {
  /** Added to the base time: the sum of every fast-forward (and of pauses, subtracted). */
  private offset = 0;
  private pausedAt: number | null = null;

  constructor(private readonly base: () => number = () => Date.now()) {}

  now(): number {
    return this.pausedAt ?? this.base() + this.offset;
  }

  get paused(): boolean {
    return this.pausedAt !== null;
  }

  /** How far this clock is ahead of real time, ms. */
  get ahead(): number {
    return this.now() - this.base();
  }

  advance(ms: number): void {
    if (!(ms > 0) || !Number.isFinite(ms)) return;
    if (this.pausedAt !== null) this.pausedAt += ms;
    else this.offset += ms;
  }

  pause(): void {
    this.pausedAt ??= this.now();
  }

  /**
   * Back to a saved state: standing still at `pausedAt`, or running `ahead` ms off real time
   * (negative once a pause has held it back).
   */
  restore(state: { ahead: number; pausedAt: number | null }): void {
    this.pausedAt = state.pausedAt;
    if (state.pausedAt === null) this.offset = state.ahead;
  }

  /**
   * Back to real time, running: what a learner who lost track of pauses and fast-forwards wants.
   * Keys written while the clock was ahead keep their absolute expiry, so they live that much longer.
   */
  real(): void {
    this.pausedAt = null;
    this.offset = 0;
  }

  /** Time goes on from where it was paused (the paused span does not count). */
  resume(): void {
    if (this.pausedAt === null) return;
    this.offset = this.pausedAt - this.base();
    this.pausedAt = null;
  }
}
