import { useEffect, useState } from 'react';
import { useUi } from '../../store/ui-store.js';
import { engine } from '../engine-client.js';

const STEPS: { label: string; ms: number }[] = [
  { label: '+1 s', ms: 1_000 },
  { label: '+10 s', ms: 10_000 },
  { label: '+1 min', ms: 60_000 },
];

/** "2 min 5 s" for how far the engine's clock runs ahead of real time. */
export function formatAhead(ms: number): string {
  let s = Math.round(ms / 1000);
  const parts: string[] = [];
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3_600],
    ['min', 60],
  ] as const) {
    if (s >= size) {
      parts.push(`${Math.floor(s / size)} ${unit}`);
      s %= size;
    }
  }
  if (s > 0 || parts.length === 0) parts.push(`${s} s`);
  return parts.join(' ');
}

/**
 * Pause the engine's time or move it forward, for every client at once: TTL lessons need no
 * waiting, and a paused clock lets a learner look at a key before it goes.
 */
export function ClockControls() {
  const clock = useUi((s) => s.clock);
  const setClock = useUi((s) => s.setClock);
  const [custom, setCustom] = useState('');
  const act = (action: 'read' | 'pause' | 'resume' | 'advance', ms?: number) =>
    void engine.clock(action, ms).then(setClock, () => undefined);
  // A reloaded page's engine may have come back ahead of real time (its saved state).
  useEffect(() => {
    void engine.ready.then(() => act('read'));
  }, []);

  return (
    <div className="clock" role="group" aria-label="Engine clock">
      <button className="tool" onClick={() => act(clock.paused ? 'resume' : 'pause')} aria-pressed={clock.paused}>
        {clock.paused ? 'Resume time' : 'Pause time'}
      </button>
      {STEPS.map((s) => (
        <button key={s.ms} className="tool" onClick={() => act('advance', s.ms)} title={`Move the clock ${s.label.slice(1)} forward`}>
          {s.label}
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
          aria-label="Seconds to move forward"
          inputMode="decimal"
          placeholder="s"
          value={custom}
          onChange={(e) => setCustom(e.target.value)}
          size={4}
        />
        <button className="tool" type="submit">
          Go
        </button>
      </form>
      <p className="muted clock-state" aria-live="polite">
        {clock.paused ? 'Time is paused' : 'Time runs'}
        {clock.ahead > 0 ? `, ${formatAhead(clock.ahead)} ahead` : ''}
      </p>
    </div>
  );
}
