import { useState } from 'react';
import { useUi } from '../../store/ui-store.js';
import { engine } from '../engine-client.js';
import { useUiStrings } from '../strings.js';

/** The buttons' steps forward. */
const STEPS = [1_000, 10_000, 60_000];

/**
 * Pause the engine's time or move it forward, for every client at once: TTL lessons need no
 * waiting, and a paused clock lets a learner look at a key before it goes.
 */
export function ClockControls() {
  const clock = useUi((s) => s.clock);
  const setClock = useUi((s) => s.setClock);
  const [custom, setCustom] = useState('');
  const t = useUiStrings();
  const act = (action: 'pause' | 'resume' | 'advance', ms?: number) => void engine.clock(action, ms).then(setClock, () => undefined);

  return (
    <div className="clock" role="group" aria-label={t.clock}>
      <button className="tool" onClick={() => act(clock.paused ? 'resume' : 'pause')} aria-pressed={clock.paused}>
        {clock.paused ? t.resume : t.pause}
      </button>
      {STEPS.map((ms) => (
        <button key={ms} className="tool" onClick={() => act('advance', ms)} title={t.moveTitle(t.duration(ms))}>
          {`+${t.duration(ms)}`}
        </button>
      ))}
      <form
        className="clock-custom"
        onSubmit={(e) => {
          e.preventDefault();
          const seconds = Number(custom);
          if (seconds > 0 && Number.isFinite(seconds)) act('advance', seconds * 1000);
          setCustom('');
        }}
      >
        <input
          aria-label={t.seconds}
          inputMode="decimal"
          placeholder={t.secondsPlaceholder}
          value={custom}
          onChange={(e) => setCustom(e.target.value)}
          size={4}
        />
        <button className="tool" type="submit">
          {t.go}
        </button>
      </form>
      <p className="muted clock-state" aria-live="polite">
        {t.clockState(clock.paused, clock.ahead > 0 ? t.duration(clock.ahead) : null)}
      </p>
    </div>
  );
}
