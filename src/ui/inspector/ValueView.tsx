import { useEffect, useState } from 'react';
import type { KeyDetails } from '../../worker/protocol.js';
import { engine } from '../engine-client.js';
import { useUi } from '../../store/ui-store.js';
import { humanBytes, prettyJson, showBytes } from './bytes.js';
import { coalesced } from './coalesce.js';
import { ShownBytes, ShownText } from './ShownText.js';
import { commandLine, recreate } from './commands.js';
import { useLateStrings, type LateStrings } from '../late-strings.js';
import { existingTerminal } from '../terminal/terminals.js';

const PAGE = 100;
/**
 * The most elements one page holds (the worker's own limit), and the most bytes of a string:
 * a 2 MB string or a list of 100,000 elements is never read or drawn whole, but a page at a
 * time, fetched from the worker when it is shown.
 */
const MAX_PAGE = 1000;
const MAX_STRING_PAGE = 64 * 1024;

/** One key's value, by type, read again whenever the key changes. Everything is shown as text. */
export function ValueView({ db, keyName, onGone }: { db: number; keyName: string; onGone: () => void }) {
  const [details, setDetails] = useState<KeyDetails | null | undefined>(undefined);
  // Which part of the value is shown: from `offset`, `count` elements (bytes of a string).
  const [{ offset, count }, setWindow] = useState({ offset: 0, count: PAGE });
  const clockVersion = useUi((s) => s.clock.version);
  const t = useLateStrings();

  useEffect(() => {
    let cancelled = false;
    // A key written thousands of times a second is read again once a frame, not each time.
    const read = coalesced(() =>
      engine.inspect(db, keyName, offset, count).then(
        (d) => !cancelled && setDetails(d),
        () => undefined,
      ),
    );
    read.trigger();
    const off = engine.onChanges((events) => {
      if (events.some((e) => e.db === db && (e.key === keyName || e.key === ''))) read.trigger();
    });
    return () => {
      cancelled = true;
      read.cancel();
      off();
    };
  }, [db, keyName, offset, count, clockVersion]);

  if (details === undefined) return null;
  if (details === null) {
    return (
      <section className="value-view" aria-label={t.value}>
        <p className="muted">{t.gone(showBytes(keyName).text)}</p>
        <button className="tool" onClick={onGone}>
          {t.close}
        </button>
      </section>
    );
  }
  const v = details.value;
  const paged = v.kind === 'string' || 'offset' in v;
  const shown = v.kind === 'string' ? v.bytes.length : elementsShown(v);
  const max = v.kind === 'string' ? MAX_STRING_PAGE : MAX_PAGE;
  const end = offset + shown;
  const canGrow = paged && end < details.size && count < max;
  const canPage = paged && (offset > 0 || (end < details.size && count >= max));
  return (
    <section className="value-view" aria-label={t.value}>
      <header>
        <h3 title={showBytes(details.key).text}>
          <ShownText text={showBytes(details.key).text} />
        </h3>
        <button className="tool" onClick={onGone} aria-label={t.closeValue}>
          ×
        </button>
      </header>
      <p className="muted meta">
        <span className={`type type-${details.type}`}>{details.type}</span> {details.encoding} · {sizeLabel(details, t)}
        {details.memory !== null && (
          <>
            {' · '}
            <span className="key-memory" title={t.keyMemoryTitle}>
              {t.keyMemory(humanBytes(details.memory))}
            </span>
          </>
        )}
        {details.ttl >= 0 ? ` · ${t.ttl((details.ttl / 1000).toFixed(1))}` : ''}
      </p>
      <Actions key={details.key} details={details} />
      <Value details={details} />
      {canGrow && (
        <button className="tool" onClick={() => setWindow({ offset, count: Math.min(max, count * 4) })}>
          {t.showMore(end, details.size)}
        </button>
      )}
      {canPage && (
        <nav className="value-pages" aria-label={t.valuePages}>
          <button className="tool" disabled={offset === 0} onClick={() => setWindow({ offset: Math.max(0, offset - count), count })}>
            {t.previousPage}
          </button>
          <span className="muted">{t.pageRange(offset, end, details.size)}</span>
          <button className="tool" disabled={end >= details.size} onClick={() => setWindow({ offset: offset + count, count })}>
            {t.nextPage}
          </button>
        </nav>
      )}
    </section>
  );
}

/** Runs a command line in the active terminal, where the learner sees it. */
function runInTerminal(line: string): void {
  const entry = existingTerminal(useUi.getState().activeTab);
  entry?.session.typeLine(line);
  entry?.term.focus();
}

function Actions({ details }: { details: KeyDetails }) {
  const [ttl, setTtl] = useState('');
  const [copied, setCopied] = useState(false);
  const t = useLateStrings();
  const lines = recreate(details);
  return (
    <div className="key-actions">
      <button className="tool" onClick={() => runInTerminal(commandLine(['DEL', details.key]))}>
        {t.delete}
      </button>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const seconds = ttl.trim();
          if (/^\d+$/.test(seconds)) runInTerminal(commandLine(['EXPIRE', details.key, seconds]));
          else if (seconds === '' && details.ttl >= 0) runInTerminal(commandLine(['PERSIST', details.key]));
          setTtl('');
        }}
      >
        <input aria-label={t.ttlInput} placeholder={t.ttlPlaceholder} size={5} value={ttl} onChange={(e) => setTtl(e.target.value)} />
        <button className="tool" type="submit">
          {ttl.trim() === '' && details.ttl >= 0 ? t.persist : t.setTtl}
        </button>
      </form>
      {lines !== null && (
        <button
          className="tool"
          onClick={() => {
            void navigator.clipboard?.writeText(lines.join('\n')).then(
              () => setCopied(true),
              () => setCopied(false),
            );
          }}
          title={lines.join('\n')}
        >
          {copied ? t.copied : t.copyAsCommands}
        </button>
      )}
    </div>
  );
}

/** How many elements of a paged value came (0 for values shown whole). */
function elementsShown(v: KeyDetails['value']): number {
  if ('items' in v) return v.items.length;
  if ('entries' in v) return v.entries.length;
  if ('members' in v) return v.members.length;
  return 0;
}

function sizeLabel(d: KeyDetails, t: LateStrings): string {
  if (d.type === 'string') return t.bytes(d.size);
  if (d.type === 'list') return t.length(d.size);
  if (d.type === 'stream') return t.entries(d.size);
  return d.type === 'hash' ? t.fields(d.size) : t.members(d.size);
}

function Bytes({ value }: { value: string }) {
  return <ShownBytes value={value} />;
}

function pairs(fields: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) out.push([fields[i]!, fields[i + 1]!]);
  return out;
}

/** Bits drawn for at most this many bytes (a bitmap of 1,024 users). */
const BIT_GRID_BYTES = 128;

function StringValue({ bytes, length, offset }: { bytes: string; length: number; offset: number }) {
  const [bits, setBits] = useState(false);
  const { text, escaped } = showBytes(bytes);
  const json = escaped ? null : prettyJson(text);
  const t = useLateStrings();
  return (
    <>
      <label className="toggle bits-toggle">
        <input type="checkbox" checked={bits} onChange={(e) => setBits(e.target.checked)} />
        {t.showBits}
      </label>
      {bits ? <BitGrid bytes={bytes.slice(0, BIT_GRID_BYTES)} /> : <pre className="string-value">{json ?? <ShownText text={text} newlines />}</pre>}
      {!bits && json !== null && <p className="muted">{t.jsonNote}</p>}
      {bits && bytes.length > BIT_GRID_BYTES && <p className="muted">{t.bitsShown(BIT_GRID_BYTES * 8 - 1, length * 8)}</p>}
      {!bits && offset === 0 && bytes.length < length && <p className="muted">{t.bytesShown(bytes.length, length)}</p>}
    </>
  );
}

/** Each byte's 8 bits, most significant first as SETBIT numbers them; set bits filled. */
function BitGrid({ bytes }: { bytes: string }) {
  const t = useLateStrings();
  const cells = [];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes.charCodeAt(i);
    for (let bit = 0; bit < 8; bit++) {
      const offset = i * 8 + bit;
      const on = (b >> (7 - bit)) & 1;
      cells.push(<span key={offset} className={on ? 'bit on' : 'bit'} title={t.bit(offset, on)} />);
    }
  }
  return (
    <div className="bit-grid" role="img" aria-label={t.bitmap(bytes.length * 8, countBits(bytes))}>
      {cells}
    </div>
  );
}

function countBits(bytes: string): number {
  let n = 0;
  for (let i = 0; i < bytes.length; i++) for (let b = bytes.charCodeAt(i); b; b &= b - 1) n++;
  return n;
}

function Value({ details }: { details: KeyDetails }) {
  const v = details.value;
  const t = useLateStrings();
  const col = t.col;
  switch (v.kind) {
    case 'string':
      return <StringValue bytes={v.bytes} length={v.length} offset={v.offset} />;
    case 'hll': {
      const [before, after] = t.hll(v.encoding, v.length);
      return (
        <p className="hll">
          {before}
          <strong>{v.cardinality}</strong>
          {after}
        </p>
      );
    }
    case 'stream':
      return (
        <>
          <table className="value-table">
            <thead>
              <tr>
                <th>{col.id}</th>
                <th>{col.fields}</th>
              </tr>
            </thead>
            <tbody>
              {v.entries.map(([id, fields]) => (
                <tr key={id}>
                  <td className="num">{id}</td>
                  <td>
                    {pairs(fields).map(([f, val], i) => (
                      <div key={i}>
                        <Bytes value={f} /> = <Bytes value={val} />
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {v.groups.length > 0 && (
            <table className="value-table groups">
              <thead>
                <tr>
                  <th>{col.group}</th>
                  <th>{col.lastDelivered}</th>
                  <th>{col.consumers}</th>
                  <th>{col.pending}</th>
                </tr>
              </thead>
              <tbody>
                {v.groups.map((g) => (
                  <tr key={g.name}>
                    <td>
                      <Bytes value={g.name} />
                    </td>
                    <td className="num">{g.lastDelivered}</td>
                    <td>
                      {g.consumers.length === 0
                        ? '—'
                        : g.consumers.map((c) => (
                            <div key={c.name}>
                              <Bytes value={c.name} /> ({c.pending})
                            </div>
                          ))}
                    </td>
                    <td className="num">{g.pending}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      );
    case 'list':
      return (
        <table className="value-table">
          <thead>
            <tr>
              <th>{col.index}</th>
              <th>{col.value}</th>
            </tr>
          </thead>
          <tbody>
            {v.items.map((item, i) => (
              <tr key={i}>
                <td className="num">{v.offset + i}</td>
                <td>
                  <Bytes value={item} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      );
    case 'hash':
      return (
        <table className="value-table">
          <thead>
            <tr>
              <th>{col.field}</th>
              <th>{col.value}</th>
            </tr>
          </thead>
          <tbody>
            {v.entries.map(([f, val], i) => (
              <tr key={i}>
                <td>
                  <Bytes value={f} />
                </td>
                <td>
                  <Bytes value={val} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      );
    case 'set':
      return (
        <ul className="members">
          {v.members.map((m, i) => (
            <li key={i}>
              <Bytes value={m} />
            </li>
          ))}
        </ul>
      );
    case 'zset': {
      if (looksGeo(v.entries)) return <GeoOrTable entries={v.entries} points={v.points} offset={v.offset} />;
      return <ScoreTable entries={v.entries} offset={v.offset} />;
    }
    default:
      return <p className="muted">{t.noView}</p>;
  }
}

/**
 * A geo set is a sorted set whose scores are 52-bit geohashes: whole numbers below 2^52, and
 * (for any place but the far south-west corner of the map) above 2^32, which scores of
 * leaderboards and counters rarely reach.
 */
function looksGeo(entries: [string, number][]): boolean {
  return entries.length > 0 && entries.every(([, s]) => Number.isInteger(s) && s >= 2 ** 32 && s < 2 ** 52);
}

function GeoOrTable({ entries, points, offset }: { entries: [string, number][]; points: [number, number][]; offset: number }) {
  const [map, setMap] = useState(true);
  const t = useLateStrings();
  return (
    <>
      <label className="toggle bits-toggle">
        <input type="checkbox" checked={map} onChange={(e) => setMap(e.target.checked)} />
        {t.showPoints}
      </label>
      {map ? <GeoMap entries={entries} points={points} /> : <ScoreTable entries={entries} offset={offset} />}
    </>
  );
}

/** Members at the longitude and latitude their geohash scores decode to (the worker's), fitted to the view. */
function GeoMap({ entries, points: at }: { entries: [string, number][]; points: [number, number][] }) {
  const t = useLateStrings();
  const points = entries.map(([m], i) => ({ member: showBytes(m).text, lon: at[i]![0], lat: at[i]![1] }));
  const lons = points.map((p) => p.lon);
  const lats = points.map((p) => p.lat);
  const pad = 0.1;
  let [x0, x1, y0, y1] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const w = Math.max(x1 - x0, 0.01);
  const h = Math.max(y1 - y0, 0.01);
  [x0, x1, y0, y1] = [x0 - w * pad, x1 + w * pad, y0 - h * pad, y1 + h * pad];
  const W = 260;
  const H = 180;
  const x = (lon: number) => ((lon - x0) / (x1 - x0)) * W;
  const y = (lat: number) => H - ((lat - y0) / (y1 - y0)) * H;
  return (
    <svg className="geo-map" viewBox={`-10 -10 ${W + 20} ${H + 20}`} role="img" aria-label={t.points(points.length)}>
      <rect x={0} y={0} width={W} height={H} className="geo-frame" />
      {points.map((p, i) => (
        <g key={i}>
          <circle cx={x(p.lon)} cy={y(p.lat)} r={3.5} className="geo-point" />
          <text x={x(p.lon) + 5} y={y(p.lat) - 4} className="geo-label">
            {p.member}
          </text>
          <title>{`${p.member}: ${p.lon.toFixed(6)}, ${p.lat.toFixed(6)}`}</title>
        </g>
      ))}
    </svg>
  );
}

function ScoreTable({ entries, offset }: { entries: [string, number][]; offset: number }) {
  const v = { entries, offset };
  const { col } = useLateStrings();
  const scores = v.entries.map(([, s]) => s).filter(Number.isFinite);
  const max = Math.max(0, ...scores.map(Math.abs)) || 1;
  return (
    <table className="value-table">
      <thead>
        <tr>
          <th>{col.rank}</th>
          <th>{col.member}</th>
          <th>{col.score}</th>
        </tr>
      </thead>
      <tbody>
        {v.entries.map(([m, s], i) => (
          <tr key={i}>
            <td className="num">{v.offset + i}</td>
            <td>
              <Bytes value={m} />
            </td>
            <td className="score">
              <span className="bar" style={{ width: `${Number.isFinite(s) ? (Math.abs(s) / max) * 100 : 100}%` }} aria-hidden="true" />
              <span className="num">{s === Infinity ? 'inf' : s === -Infinity ? '-inf' : String(s)}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
