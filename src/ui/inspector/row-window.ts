// Which rows of a long list of fixed-height rows are in view. Only those are rendered; the
// list's height stands for the rest. Browsers cap an element's height (Chromium near 33.5M px),
// so past MAX_HEIGHT the scroll position is scaled: the whole list stays reachable.

import { useEffect, useState, type RefObject } from 'react';

const MAX_HEIGHT = 8_000_000;
/** Rows drawn above and below the view, so a quick scroll shows no gap. */
const OVERSCAN = 12;

export interface RowWindow {
  first: number;
  count: number;
  /** The list's height in pixels. */
  height: number;
  /** Where row `i` goes (px from the top of the list). */
  top(i: number): number;
}

/** The rows in view when scrolled to `scrollTop` in a viewport `viewport` px high. */
export function rowWindow(rows: number, rowHeight: number, scrollTop: number, viewport: number): RowWindow {
  const full = rows * rowHeight;
  const height = Math.min(full, MAX_HEIGHT);
  // How far down the full list the top of the view is.
  const scale = height > viewport && full > height ? (full - viewport) / (height - viewport) : 1;
  const offset = Math.max(0, Math.min(scrollTop, Math.max(0, height - viewport))) * scale;
  const first = Math.max(0, Math.floor(offset / rowHeight) - OVERSCAN);
  const last = Math.min(rows, Math.ceil((offset + viewport) / rowHeight) + OVERSCAN);
  return { first, count: Math.max(0, last - first), height, top: (i) => i * rowHeight - offset + Math.min(scrollTop, height) };
}

export function useRowWindow(scroller: RefObject<HTMLElement | null>, rows: number, rowHeight: number): RowWindow {
  const [view, setView] = useState({ top: 0, height: 600 });
  useEffect(() => {
    const el = scroller.current;
    if (el === null) return;
    const read = () => setView((v) => (v.top === el.scrollTop && v.height === el.clientHeight ? v : { top: el.scrollTop, height: el.clientHeight }));
    read();
    el.addEventListener('scroll', read, { passive: true });
    const resize = new ResizeObserver(read);
    resize.observe(el);
    return () => {
      el.removeEventListener('scroll', read);
      resize.disconnect();
    };
  }, [scroller]);
  return rowWindow(rows, rowHeight, view.top, view.height || 600);
}
