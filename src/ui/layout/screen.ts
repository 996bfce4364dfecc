// Which layout the screen gets, from the same media queries as layout.css (the CSS lays the
// page out, before and without JavaScript too; components ask here to decide what to mount).

import { useEffect, useSyncExternalStore } from 'react';

export type ScreenKind = 'phone' | 'tablet' | 'desktop';

/** Keep in step with layout.css. A phone held sideways is short: it gets the phone layout. */
export const PHONE_QUERY = '(max-width: 700px), (max-height: 500px) and (max-width: 1000px)';
export const TABLET_QUERY = '(min-width: 701px) and (max-width: 1000px) and (min-height: 501px)';

function currentKind(): ScreenKind {
  if (typeof matchMedia !== 'function') return 'desktop';
  if (matchMedia(PHONE_QUERY).matches) return 'phone';
  return matchMedia(TABLET_QUERY).matches ? 'tablet' : 'desktop';
}

function subscribe(onChange: () => void): () => void {
  if (typeof matchMedia !== 'function') return () => undefined;
  const lists = [matchMedia(PHONE_QUERY), matchMedia(TABLET_QUERY)];
  for (const l of lists) l.addEventListener('change', onChange);
  return () => lists.forEach((l) => l.removeEventListener('change', onChange));
}

export function useScreenKind(): ScreenKind {
  return useSyncExternalStore(subscribe, currentKind, () => 'desktop');
}

/**
 * Gives CSS the height actually visible (--visible-height): with an on-screen keyboard open,
 * iOS Safari keeps the layout viewport (and 100dvh) full height and the keyboard would cover
 * the prompt; the visual viewport is what is left above the keyboard.
 */
export function useVisibleHeight(): void {
  useEffect(() => {
    const vv = window.visualViewport;
    if (!vv) return;
    const root = document.documentElement;
    const update = () => {
      // Zoomed in by pinching, the visual viewport is a small part of the page: keep the layout.
      if (Math.abs(vv.scale - 1) > 0.01) root.style.removeProperty('--visible-height');
      else root.style.setProperty('--visible-height', `${Math.round(vv.height)}px`);
    };
    update();
    vv.addEventListener('resize', update);
    return () => {
      vv.removeEventListener('resize', update);
      root.style.removeProperty('--visible-height');
    };
  }, []);
}
