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
