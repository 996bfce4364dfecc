import { describe, expect, it } from 'vitest';
import { rowWindow } from './row-window.js';

describe('rowWindow', () => {
  it('gives the rows in view and a few more, placed at their offsets', () => {
    const w = rowWindow(1000, 26, 2600, 260);
    expect(w.height).toBe(26_000);
    expect(w.first).toBe(100 - 12);
    expect(w.first + w.count).toBe(110 + 12);
    expect(w.top(100)).toBe(2600);
  });

  it('scales a list taller than a browser allows, so its last rows can be reached', () => {
    const rows = 2_000_000;
    const view = 400;
    const top = rowWindow(rows, 26, 0, view);
    expect(top.height).toBeLessThan(rows * 26);
    expect(top.first).toBe(0);
    expect(top.top(0)).toBe(0);
    const bottom = rowWindow(rows, 26, top.height - view, view);
    expect(bottom.first + bottom.count).toBe(rows);
    // The last row ends at the bottom of the view.
    expect(bottom.top(rows - 1) + 26).toBeCloseTo(top.height, 5);
  });

  it('is empty without rows', () => {
    expect(rowWindow(0, 26, 0, 300)).toMatchObject({ first: 0, count: 0, height: 0 });
  });
});
