import '@xterm/xterm/css/xterm.css';
// Hangul for a machine without a Korean font: @font-face rules only (trimmed by
// scripts/korean-font-plugin.ts); a slice is fetched when a character it holds is on screen.
import '@fontsource/noto-sans-kr/400.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { firstPromptShown } from './first-prompt.js';
import { exposeTestHooks } from './test-hooks.js';

exposeTestHooks();
// The bold face's rules (half the font's CSS) wait for the first prompt, off the first screen's
// path; until they come, bold Hangul is the regular face made bold.
void firstPromptShown.then(() => import('@fontsource/noto-sans-kr/700.css'));
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// Offline after the first visit (the service worker is written by the build, not in dev).
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  addEventListener('load', () => void navigator.serviceWorker.register('./sw.js').catch(() => undefined));
  // Font slices fetched before the service worker took over (a first visit) are stored too: the
  // page names those it has once the worker is in charge, and after each batch of font loads.
  const storeFonts = () => {
    const fonts = performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.woff2'));
    if (fonts.length > 0) navigator.serviceWorker.controller?.postMessage({ type: 'store-fonts', urls: fonts.map((e) => e.name) });
  };
  navigator.serviceWorker.addEventListener('controllerchange', storeFonts);
  document.fonts.addEventListener('loadingdone', storeFonts);
}
