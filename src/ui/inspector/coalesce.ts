// Work the inspector does in answer to change events, at most once per frame however many
// events come: a client writing thousands of keys a second must not cost thousands of reads.

/** Runs `fn` at the next animation frame, or after 100 ms where frames stall (a hidden page). */
export function nextFrame(fn: () => void): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    fn();
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(run);
  setTimeout(run, typeof requestAnimationFrame === 'function' ? 100 : 0);
}

/** Runs `fn` after `ms` (for reads that need not follow every frame: counts, the clients). */
export function after(ms: number): (fn: () => void) => void {
  return (fn) => setTimeout(fn, ms);
}

export interface Coalesced {
  /** Asks for a run: one comes at the next frame, or after the one running now ends. */
  trigger: () => void;
  /** No more runs (a run under way finishes, its result is the caller's to ignore). */
  cancel: () => void;
}

/**
 * `task` runs at most once per frame and never twice at once: triggers while it is queued
 * are the same run, triggers while it runs ask for one more run after it.
 */
export function coalesced(task: () => Promise<unknown> | void, frame: (fn: () => void) => void = nextFrame): Coalesced {
  let queued = false;
  let running = false;
  let again = false;
  let cancelled = false;
  const run = () => {
    queued = false;
    if (cancelled) return;
    running = true;
    const done = () => {
      running = false;
      if (again) {
        again = false;
        trigger();
      }
    };
    let result: Promise<unknown> | void;
    try {
      result = task();
    } catch {
      result = undefined;
    }
    if (result instanceof Promise) void result.catch(() => undefined).then(done);
    else done();
  };
  const trigger = () => {
    if (cancelled) return;
    if (running) again = true;
    else if (!queued) {
      queued = true;
      frame(run);
    }
  };
  return {
    trigger,
    cancel: () => {
      cancelled = true;
    },
  };
}
