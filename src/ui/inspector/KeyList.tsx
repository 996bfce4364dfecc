import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { globMatcher } from '../../shared/glob.js';
import { utf8Encode } from '../../cli/split-args.js';
import { useUi } from '../../store/ui-store.js';
import { engine } from '../engine-client.js';
import { useLateStrings } from '../late-strings.js';
import { ShownBytes } from './ShownText.js';
import { after, coalesced } from './coalesce.js';
import { KeyIndex, timeLeft, type SortBy } from './key-index.js';
import { useRowWindow } from './row-window.js';
import { ValueView } from './ValueView.js';

const ROW_HEIGHT = 26;
const TYPES = ['string', 'list', 'hash', 'set', 'zset', 'stream'];

/**
 * Every key of a database (the active tab's, or one picked here) with its type and a TTL that
 * counts down; filtered by glob and type, sorted, virtualised: only the rows in view exist, so
 * a million keys scroll and update smoothly.
 */
export function KeyList({ followDb }: { followDb: number }) {
  const [picked, setPicked] = useState<number | null>(null);
  const db = picked ?? followDb;
  const clock = useUi((s) => s.clock);
  const t = useLateStrings();
  const [pattern, setPattern] = useState('');
  const [type, setType] = useState('');
  const [sortBy, setSortBy] = useState<SortBy>('name');
  const [selected, setSelected] = useState<string | null>(null);
  const [sizes, setSizes] = useState<number[]>([]);

  const index = useMemo(() => new KeyIndex(db, engine), [db]);
  const version = useSyncExternalStore(index.subscribe, index.getVersion);
  // start/stop (not create/dispose) so that StrictMode's effect, cleanup, effect again leaves a
  // working index: the one useMemo made is used again after its cleanup.
  useEffect(() => {
    void index.start().catch(() => undefined);
    const off = engine.onChanges((events) => void index.apply(events).catch(() => undefined));
    const offRestart = engine.onRestart(() => void index.reload().catch(() => undefined));
    return () => {
      off();
      offRestart();
      index.stop();
    };
  }, [index]);
  // Pausing or moving the clock changes every TTL: read them again.
  useEffect(() => {
    if (clock.version > 0) void index.reload().catch(() => undefined);
  }, [index, clock.version]);
  useEffect(() => setSelected(null), [db]);

  const match = useMemo(() => (pattern === '' ? null : globMatcher(utf8Encode(pattern))), [pattern]);
  useEffect(() => void index.setView({ type, match, sortBy }).catch(() => undefined), [index, type, match, sortBy]);

  // Key counts per database for the picker, read at most 4 times a second while keys change.
  useEffect(() => {
    const read = coalesced(
      () =>
        engine.dbSizes().then(
          (next) => setSizes((old) => (old.length === next.length && old.every((n, i) => n === next[i]) ? old : next)),
          () => undefined,
        ),
      after(250),
    );
    read.trigger();
    const off = engine.onChanges(read.trigger);
    return () => {
      read.cancel();
      off();
    };
  }, []);

  const rows = index.rows;
  const hasTtl = index.withTtl > 0 && !clock.paused;
  const [, tick] = useState(0);
  useEffect(() => {
    if (!hasTtl) return;
    const id = setInterval(() => tick((n) => n + 1), 200);
    return () => clearInterval(id);
  }, [hasTtl]);

  const scroller = useRef<HTMLDivElement>(null);
  const win = useRowWindow(scroller, rows.size, ROW_HEIGHT);
  // `version` stands for the rows' contents: `rows` is changed in place, so its identity alone
  // would keep a stale slice.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const shown = useMemo(() => rows.slice(win.first, win.count), [rows, version, win.first, win.count]);
  const now = performance.now();
  // The list's own count once it has read the database (DBSIZE also counts keys whose TTL
  // passed but that are not deleted yet, which the list leaves out).
  const total = index.version > 0 ? index.keys.size : (sizes[db] ?? 0);

  return (
    <div className="keylist">
      <div className="keylist-tools">
        <label>
          <span className="sr-only">{t.databaseLabel}</span>
          <select value={db} onChange={(e) => setPicked(Number(e.target.value) === followDb ? null : Number(e.target.value))} aria-label={t.databaseLabel}>
            {Array.from({ length: Math.max(16, sizes.length) }, (_, i) => (
              <option key={i} value={i}>
                db{i} ({sizes[i] ?? 0}){i === followDb ? t.thisTab : ''}
              </option>
            ))}
          </select>
        </label>
        <input aria-label={t.patternFilter} placeholder={t.patternPlaceholder} value={pattern} onChange={(e) => setPattern(e.target.value)} />
        <select aria-label={t.typeFilter} value={type} onChange={(e) => setType(e.target.value)}>
          <option value="">{t.allTypes}</option>
          {TYPES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <select aria-label={t.sort} value={sortBy} onChange={(e) => setSortBy(e.target.value as SortBy)}>
          <option value="name">{t.byName}</option>
          <option value="type">{t.byType}</option>
          <option value="ttl">{t.byTtl}</option>
        </select>
      </div>
      <p className="muted" aria-live="polite">
        {t.keyCount(db, total, rows.size !== index.keys.size ? rows.size : null)}
      </p>
      <div className="keylist-scroll" ref={scroller} style={{ height: `min(45vh, ${Math.max(rows.size, 1) * ROW_HEIGHT + 2}px)` }}>
        <ul style={{ height: win.height }}>
          {shown.map((k, i) => {
            const left = timeLeft(k, now, clock.paused);
            const classes = ['key-item'];
            if (left === 0) classes.push('expiring');
            if (k.key === selected) classes.push('selected');
            if (k.touched !== 0 && k.touched === index.batch) classes.push('touched');
            return (
              <li key={k.key} className={classes.join(' ')} style={{ transform: `translateY(${win.top(win.first + i)}px)`, height: ROW_HEIGHT }}>
                <button className="key-row" onClick={() => setSelected(k.key)} aria-pressed={k.key === selected}>
                  <span className={`type type-${k.type}`}>{k.type}</span>
                  <ShownBytes value={k.key} className="key" titled />
                  <span className="key-meta" title={t.keyMeta(k.encoding, k.type, k.size)}>
                    {t.keyMetaShort(k.encoding, k.type, k.size)}
                  </span>
                  {left !== null && (
                    <span className="ttl">
                      {t.ttlLeft((left / 1000).toFixed(1))}
                      <span className="ttl-bar" style={{ width: `${k.fullTtl > 0 ? (left / k.fullTtl) * 100 : 0}%` }} aria-hidden="true" />
                    </span>
                  )}
                </button>
              </li>
            );
          })}
        </ul>
      </div>
      {/* Another key starts at its first page. */}
      {selected !== null && <ValueView key={`${db}:${selected}`} db={db} keyName={selected} onGone={() => setSelected(null)} />}
    </div>
  );
}
