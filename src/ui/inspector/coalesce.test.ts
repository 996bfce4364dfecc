import { describe, expect, it } from 'vitest';
import { coalesced } from './coalesce.js';

function frames() {
  const queue: (() => void)[] = [];
  return { frame: (fn: () => void) => queue.push(fn), queue, next: () => queue.shift()!() };
}

describe('coalesced', () => {
  it('runs once per frame however often it is asked', () => {
    const f = frames();
    let runs = 0;
    const c = coalesced(() => void runs++, f.frame);
    for (let i = 0; i < 100; i++) c.trigger();
    expect(f.queue).toHaveLength(1);
    f.next();
    expect(runs).toBe(1);
    c.trigger();
    f.next();
    expect(runs).toBe(2);
  });

  it('never runs twice at once: asked while running, it runs once more after', async () => {
    const f = frames();
    let finish!: () => void;
    let runs = 0;
    const c = coalesced(() => {
      runs++;
      return new Promise<void>((r) => (finish = r));
    }, f.frame);
    c.trigger();
    f.next();
    c.trigger();
    c.trigger();
    expect(f.queue).toHaveLength(0);
    finish();
    await expect.poll(() => f.queue.length).toBe(1);
    f.next();
    expect(runs).toBe(2);
  });

  it('stops when cancelled', () => {
    const f = frames();
    let runs = 0;
    const c = coalesced(() => void runs++, f.frame);
    c.trigger();
    c.cancel();
    f.next();
    c.trigger();
    expect(runs).toBe(0);
    expect(f.queue).toHaveLength(0);
  });
});
