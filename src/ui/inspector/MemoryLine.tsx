// The memory line: the used memory against maxmemory (with a thin bar when one is set), the
// eviction policy and the keys evicted so far (INFO memory and INFO stats), read again as keys
// change (evictions included: each is a change event) at most 4 times a second, as the key
// counts are, and after each command (CONFIG SET changes no key). Keys evicted just now flash
// their count, so a learner sees them go.

import { useEffect, useState } from 'react';
import type { MemoryView } from '../../worker/protocol.js';
import { onCommandRan } from '../commands-heard.js';
import { engine } from '../engine-client.js';
import { useLateStrings } from '../late-strings.js';
import { humanBytes } from './bytes.js';
import { after, coalesced } from './coalesce.js';

/** How long the count of a burst of evictions stays after its last eviction. */
const FLASH_MS = 4000;

const same = (a: MemoryView | null, b: MemoryView) =>
  a !== null && a.used === b.used && a.maxmemory === b.maxmemory && a.policy === b.policy && a.evicted === b.evicted;

export function MemoryLine() {
  const t = useLateStrings();
  const [view, setView] = useState<MemoryView | null>(null);
  // Keys evicted in the burst going on (0: none lately), counted as evicted_keys grows, so that
  // it never runs ahead of the total shown beside it.
  const [burst, setBurst] = useState(0);

  useEffect(() => {
    let last: number | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const evicted = (n: number) => {
      // The first read is where counting starts; CONFIG RESETSTAT starts it again at 0.
      const more = last === null ? 0 : n - last;
      last = n;
      if (more <= 0) return;
      setBurst((b) => b + more);
      clearTimeout(timer);
      timer = setTimeout(() => setBurst(0), FLASH_MS);
    };
    const read = coalesced(
      () =>
        engine.memory().then(
          (next) => {
            evicted(next.evicted);
            setView((old) => (same(old, next) ? old : next));
          },
          () => undefined,
        ),
      after(250),
    );
    // The first read waits until the page is idle: it loads the worker's memory code, which has
    // no business competing with the first prompt.
    const idle = globalThis.requestIdleCallback?.(() => read.trigger(), { timeout: 2000 });
    if (idle === undefined) read.trigger();
    // Keys change as they are written, and as they are evicted; CONFIG SET changes none.
    const offs = [engine.onChanges(read.trigger), onCommandRan(read.trigger), engine.onRestart(read.trigger)];
    return () => {
      if (idle !== undefined) globalThis.cancelIdleCallback(idle);
      clearTimeout(timer);
      read.cancel();
      for (const off of offs) off();
    };
  }, []);

  if (view === null) return null;
  const max = view.maxmemory;
  const percent = max > 0 ? Math.round((view.used / max) * 100) : 0;
  return (
    <section className="memory-line" aria-label={t.memory}>
      <p>
        <span className="memory-label">{t.memory}</span>{' '}
        <span className="memory-used" title={t.memoryUsedTitle}>
          {t.memoryUsed(humanBytes(view.used, max || view.used), max > 0 ? humanBytes(max) : null)}
        </span>
        {' · '}
        {max > 0 ? (
          <code className="memory-policy" title={t.policyTitle}>
            {view.policy}
          </code>
        ) : (
          <span className="muted" title={t.noMaxmemoryTitle}>
            {t.noMaxmemory}
          </span>
        )}
        {view.evicted > 0 && (
          <>
            {' · '}
            <span className="memory-evicted" title={t.evictedTitle}>
              {t.evictedTotal(view.evicted)}
            </span>
          </>
        )}
        <span className="evict-now" role="status">
          {/* Keyed by the count: each new batch flashes again. */}
          {burst > 0 && (
            <>
              {' '}
              <span key={burst} className="evict-flash">
                {t.evictedNow(burst)}
              </span>
            </>
          )}
        </span>
      </p>
      {max > 0 && (
        <div className="memory-bar" title={t.memoryBar(percent)} aria-hidden="true">
          <span className={percent >= 95 ? 'full' : ''} style={{ width: `${Math.min(100, percent)}%` }} />
        </div>
      )}
    </section>
  );
}
