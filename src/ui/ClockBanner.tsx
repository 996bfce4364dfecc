// A paused or shifted engine clock changes what every TTL does, so it is shown on every screen
// (not only in the inspector) with a way back to real time.

import { useEffect } from 'react';
import { useUi } from '../store/ui-store.js';
import { engine } from './engine-client.js';
import { useUiStrings } from './strings.js';

/** Under a second of drift is not worth a banner (a pause of a moment, a rounding). */
const SHOWN_FROM_MS = 1000;

export function ClockBanner() {
  const clock = useUi((s) => s.clock);
  const t = useUiStrings();

  // A reloaded page's engine may come back paused or ahead (its saved state): read it once.
  useEffect(() => {
    void engine.ready
      .then(() => engine.clock('read'))
      .then(
        (state) => useUi.getState().setClock(state),
        () => undefined,
      );
  }, []);

  const shifted = Math.abs(clock.ahead) >= SHOWN_FROM_MS;
  if (!clock.paused && !shifted) return null;
  const d = t.duration(Math.abs(clock.ahead));
  const text = clock.paused ? (shifted && clock.ahead > 0 ? t.clockPausedAhead(d) : t.clockPaused) : clock.ahead > 0 ? t.clockAhead(d) : t.clockBehind(d);
  return (
    <div className="banner clock-banner" role="status">
      <span>
        <span aria-hidden="true">{clock.paused ? '⏸ ' : '⏩ '}</span>
        {text}
      </span>
      {/* The runner comes with the lessons' chunk, after the first prompt (loaded by now). */}
      <button className="tool primary" onClick={() => void import('./lessons/runner.js').then((m) => m.backToRealTime())}>
        {t.realTime}
      </button>
    </div>
  );
}
