import '@xterm/xterm/css/xterm.css';
// Hangul for a machine without a Korean font: @font-face rules only (trimmed by
// scripts/korean-font-plugin.ts); a slice is fetched when a character it holds is on screen.
import '@fontsource/noto-sans-kr/400.css';
import '@fontsource/noto-sans-kr/700.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { exposeTestHooks } from './test-hooks.js';

exposeTestHooks();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// Offline after the first visit (the service worker is written by the build, not in dev).
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  addEventListener('load', () => void navigator.serviceWorker.register('./sw.js').catch(() => undefined));
}
