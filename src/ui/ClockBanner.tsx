// A paused or shifted engine clock changes what every TTL does, so it is shown on every screen
// (not only in the inspector) with a way back to real time.

import { useEffect } from 'react';
import { useLessons } from '../store/lesson-store.js';
import { useUi } from '../store/ui-store.js';
import { engine } from './engine-client.js';
import { backToRealTime } from './lessons/runner.js';

const WORDS = {
  en: {
    paused: 'The engine’s clock is paused: TTLs do not run down.',
    ahead: (d: string) => `The engine’s clock runs ${d} ahead of real time.`,
    pausedAhead: (d: string) => `The engine’s clock is paused, ${d} ahead of real time: TTLs do not run down.`,
    behind: (d: string) => `The engine’s clock runs ${d} behind real time.`,
    real: 'Back to real time',
    units: [' d', ' h', ' min', ' s'],
  },
  ko: {
    paused: '엔진 시계가 멈춰 있어요. TTL이 줄지 않아요.',
    ahead: (d: string) => `엔진 시계가 실제 시간보다 ${d} 앞서 있어요.`,
    pausedAhead: (d: string) => `엔진 시계가 실제 시간보다 ${d} 앞선 채로 멈춰 있어요. TTL이 줄지 않아요.`,
    behind: (d: string) => `엔진 시계가 실제 시간보다 ${d} 늦어요.`,
    real: '실제 시간으로',
    units: ['일', '시간', '분', '초'],
  },
};

/** Under a second of drift is not worth a banner (a pause of a moment, a rounding). */
const SHOWN_FROM_MS = 1000;

function duration(ms: number, units: readonly string[]): string {
  const abs = Math.abs(ms);
  const parts = [Math.floor(abs / 86_400_000), Math.floor(abs / 3_600_000) % 24, Math.floor(abs / 60_000) % 60, Math.floor(abs / 1000) % 60];
  return (
    parts
      .map((n, i) => (n > 0 ? `${n}${units[i]}` : ''))
      .filter((p) => p !== '')
      .slice(0, 2)
      .join(' ') || `1${units[3]}`
  );
}

export function ClockBanner() {
  const clock = useUi((s) => s.clock);
  const locale = useLessons((s) => s.locale);
  const w = WORDS[locale];

  // A reloaded page's engine may come back paused or ahead (its saved state): read it once.
  useEffect(() => {
    void engine.ready.then(() => engine.clock('read')).then((state) => useUi.getState().setClock(state), () => undefined);
  }, []);

  const shifted = Math.abs(clock.ahead) >= SHOWN_FROM_MS;
  if (!clock.paused && !shifted) return null;
  const d = duration(clock.ahead, w.units);
  const text = clock.paused ? (shifted && clock.ahead > 0 ? w.pausedAhead(d) : w.paused) : clock.ahead > 0 ? w.ahead(d) : w.behind(d);
  return (
    <div className="banner clock-banner" role="status">
      <span>
        <span aria-hidden="true">{clock.paused ? '⏸ ' : '⏩ '}</span>
        {text}
      </span>
      <button className="tool primary" onClick={() => void backToRealTime()}>
        {w.real}
      </button>
    </div>
  );
}
