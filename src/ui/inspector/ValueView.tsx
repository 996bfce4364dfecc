import { useEffect, useState } from 'react';
import type { KeyDetails } from '../../worker/protocol.js';
import { engine } from '../engine-client.js';
import { useUi } from '../../store/ui-store.js';
import { prettyJson, showBytes } from './bytes.js';

const PAGE = 100;

/** One key's value, by type, read again whenever the key changes. Everything is shown as text. */
export function ValueView({ db, keyName, onGone }: { db: number; keyName: string; onGone(): void }) {
  const [details, setDetails] = useState<KeyDetails | null | undefined>(undefined);
  const [count, setCount] = useState(PAGE);
  const clockVersion = useUi((s) => s.clock.version);

  useEffect(() => {
    let cancelled = false;
    const read = () =>
      void engine.inspect(db, keyName, 0, count).then(
        (d) => !cancelled && setDetails(d),
        () => undefined,
      );
    read();
    const off = engine.onChanges((events) => {
      if (events.some((e) => e.db === db && (e.key === keyName || e.key === ''))) read();
    });
    return () => {
      cancelled = true;
      off();
    };
  }, [db, keyName, count, clockVersion]);

  if (details === undefined) return null;
  if (details === null) {
    return (
      <section className="value-view" aria-label="Value">
        <p className="muted">The key {showBytes(keyName).text} no longer exists.</p>
        <button className="tool" onClick={onGone}>
          Close
        </button>
      </section>
    );
  }
  const shown = 'items' in details.value ? details.value.items.length : 'entries' in details.value ? details.value.entries.length : 'members' in details.value ? details.value.members.length : 0;
  return (
    <section className="value-view" aria-label="Value">
      <header>
        <h3 title={showBytes(details.key).text}>{showBytes(details.key).text}</h3>
        <button className="tool" onClick={onGone} aria-label="Close the value view">
          ×
        </button>
      </header>
      <p className="muted meta">
        <span className={`type type-${details.type}`}>{details.type}</span> {details.encoding} · {sizeLabel(details)}
        {details.ttl >= 0 ? ` · TTL ${(details.ttl / 1000).toFixed(1)} s` : ''}
      </p>
      <Value details={details} />
      {shown < details.size && details.type !== 'string' && (
        <button className="tool" onClick={() => setCount((c) => c + PAGE * 4)}>
          Show more ({shown} of {details.size})
        </button>
      )}
    </section>
  );
}

function sizeLabel(d: KeyDetails): string {
  if (d.type === 'string') return `${d.size} ${d.size === 1 ? 'byte' : 'bytes'}`;
  if (d.type === 'list') return `length ${d.size}`;
  return `${d.size} ${d.type === 'hash' ? (d.size === 1 ? 'field' : 'fields') : d.size === 1 ? 'member' : 'members'}`;
}

function Bytes({ value }: { value: string }) {
  const { text, escaped } = showBytes(value);
  return <span className={escaped ? 'bytes escaped' : 'bytes'}>{text}</span>;
}

function Value({ details }: { details: KeyDetails }) {
  const v = details.value;
  switch (v.kind) {
    case 'string': {
      const { text, escaped } = showBytes(v.bytes);
      const json = escaped ? null : prettyJson(text);
      return (
        <>
          <pre className="string-value">{json ?? text}</pre>
          {json !== null && <p className="muted">Shown as formatted JSON.</p>}
          {v.bytes.length < v.length && <p className="muted">First {v.bytes.length} of {v.length} bytes.</p>}
        </>
      );
    }
    case 'list':
      return (
        <table className="value-table">
          <thead>
            <tr>
              <th>index</th>
              <th>value</th>
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
              <th>field</th>
              <th>value</th>
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
      const scores = v.entries.map(([, s]) => s).filter(Number.isFinite);
      const max = Math.max(0, ...scores.map(Math.abs)) || 1;
      return (
        <table className="value-table">
          <thead>
            <tr>
              <th>rank</th>
              <th>member</th>
              <th>score</th>
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
    default:
      return <p className="muted">This type has no detailed view yet.</p>;
  }
}
