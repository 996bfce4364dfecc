import { useEffect, useState } from 'react';
import { showBytes } from './bytes.js';
import { ValueView } from './ValueView.js';
import type { KeyInfo } from '../../worker/protocol.js';
import { useUi } from '../../store/ui-store.js';
import { engine } from '../engine-client.js';

const MAX_KEYS = 1000;

interface Listing {
  keys: KeyInfo[];
  size: number;
  /** When the TTLs were read (performance.now()), for the countdown. */
  at: number;
}

/** The keys of one database with their type and a TTL that counts down; reread after changes. */
export function KeyList({ db }: { db: number }) {
  const [listing, setListing] = useState<Listing>({ keys: [], size: 0, at: 0 });
  const [, tick] = useState(0);
  const [selected, setSelected] = useState<string | null>(null);
  // Pausing or moving the engine's clock changes every TTL: read them again.
  const clock = useUi((s) => s.clock);

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = async () => {
      const keys: KeyInfo[] = [];
      let cursor = 0;
      let size = 0;
      do {
        const page = await engine.snapshot(db, cursor, 200);
        keys.push(...page.keys);
        cursor = page.cursor;
        size = page.size;
      } while (cursor !== 0 && keys.length < MAX_KEYS);
      keys.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      if (!cancelled) setListing({ keys, size, at: performance.now() });
    };
    const soon = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void read().catch(() => undefined), 50);
    };
    soon();
    const off = engine.onChanges((events) => {
      if (events.some((e) => e.db === db)) soon();
    });
    const offRestart = engine.onRestart(soon);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      off();
      offRestart();
    };
  }, [db, clock.version]);

  useEffect(() => setSelected(null), [db]);

  const hasTtl = listing.keys.some((k) => k.ttl >= 0) && !clock.paused;
  useEffect(() => {
    if (!hasTtl) return;
    const id = setInterval(() => tick((n) => n + 1), 250);
    return () => clearInterval(id);
  }, [hasTtl]);

  const elapsed = clock.paused ? 0 : performance.now() - listing.at;
  return (
    <div className="keylist">
      <p className="muted" aria-live="polite">
        db{db}: {listing.size} {listing.size === 1 ? 'key' : 'keys'}
        {listing.size > listing.keys.length ? ` (first ${listing.keys.length} shown)` : ''}
      </p>
      <ul>
        {listing.keys.map((k) => {
          const left = k.ttl < 0 ? null : Math.max(0, k.ttl - elapsed);
          return (
            <li key={k.key} className={`${left === 0 ? 'expiring' : ''}${k.key === selected ? ' selected' : ''}`}>
              <button className="key-row" onClick={() => setSelected(k.key)} aria-pressed={k.key === selected}>
                <span className={`type type-${k.type}`}>{k.type}</span>
                <span className="key" title={showBytes(k.key).text}>
                  {showBytes(k.key).text}
                </span>
                {left !== null && <span className="ttl">{(left / 1000).toFixed(1)}s</span>}
              </button>
            </li>
          );
        })}
      </ul>
      {selected !== null && <ValueView db={db} keyName={selected} onGone={() => setSelected(null)} />}
    </div>
  );
}
