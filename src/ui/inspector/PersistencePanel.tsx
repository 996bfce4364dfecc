// How the data would be kept on disk: the save points and the last save (RDB), the AOF's
// directory as Redis 7.0 writes it, growing with every write once `CONFIG SET appendonly yes`
// has turned it on and compacted by BGREWRITEAOF, and what this browser keeps of the data.

import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { PersistenceView } from '../../worker/protocol.js';
import { onCommandRan } from '../commands-heard.js';
import { engine } from '../engine-client.js';
import { useLateStrings, type LateStrings } from '../late-strings.js';
import { showBytes } from './bytes.js';
import { after, coalesced } from './coalesce.js';

export function PersistencePanel() {
  const t = useLateStrings();
  const [view, setView] = useState<PersistenceView | null>(null);
  // The file as written (RESP), or its commands as one would type them.
  const [asCommands, setAsCommands] = useState(false);
  const tailBox = useRef<HTMLPreElement>(null);
  const tail = view?.tail ?? null;
  // The newest writes are at the end: kept in sight as the file grows (and when a hidden
  // inspector is shown), unless the learner has scrolled back to read.
  const atEnd = useRef(true);
  const toEnd = () => {
    const box = tailBox.current;
    if (box !== null && atEnd.current) box.scrollTop = box.scrollHeight;
  };
  useLayoutEffect(toEnd, [tail, asCommands]);
  const hasTail = tail !== null;
  useEffect(() => {
    const box = tailBox.current;
    if (box === null || typeof ResizeObserver === 'undefined') return;
    const seen = new ResizeObserver(toEnd);
    seen.observe(box);
    return () => seen.disconnect();
  }, [hasTail]);

  useEffect(() => {
    const read = coalesced(
      () =>
        engine.persistence().then(
          (next) => setView((old) => (JSON.stringify(old) === JSON.stringify(next) ? old : next)),
          () => undefined,
        ),
      after(200),
    );
    read.trigger();
    // CONFIG SET and BGREWRITEAOF change no key: every command is a reason to look again.
    const offs = [onCommandRan(read.trigger), engine.onChanges(read.trigger), engine.onRestart(read.trigger)];
    // Python programs and other tabs write without a command heard here.
    const timer = setInterval(read.trigger, 2_000);
    return () => {
      clearInterval(timer);
      read.cancel();
      for (const off of offs) off();
    };
  }, []);

  if (view === null) return null;
  return (
    <section className="persistence" aria-label={t.persistence}>
      <h2>{t.persistence}</h2>
      <dl>
        <dt>{t.savePoints}</dt>
        <dd>{savePoints(view.save, t)}</dd>
        <dt>{t.lastSave}</dt>
        <dd>
          {new Date(view.lastSave * 1000).toLocaleTimeString()} <code>LASTSAVE {view.lastSave}</code> · {t.changesSince(view.changes)}
        </dd>
        <dt>AOF</dt>
        <dd>
          <code>appendonly {view.appendonly ? 'yes' : 'no'}</code>
          {view.appendonly && (
            <>
              {' '}
              · <code>appendfsync {view.fsync}</code> · <code>aof_rewrites:{view.rewrites}</code>
            </>
          )}
        </dd>
      </dl>
      {!view.appendonly && <p className="muted">{t.aofOff}</p>}
      {view.files.length > 0 && (
        <>
          <h3>{view.dir}/</h3>
          <ul className="aof-files">
            {view.files.map((f) => (
              <li key={f.name}>
                <code>{f.name}</code> <span className="muted">{t.aofFile[f.kind](kb(f.bytes))}</span>
              </li>
            ))}
          </ul>
          <pre className="aof-text manifest" tabIndex={0} aria-label={t.aofManifest}>
            {view.manifest}
          </pre>
        </>
      )}
      {tail !== null && (
        <>
          <h3>
            {t.aofTail(tail.name, tail.from)}{' '}
            <button className="tool" aria-pressed={asCommands} onClick={() => setAsCommands(!asCommands)}>
              {t.aofAsCommands}
            </button>
          </h3>
          <pre
            ref={tailBox}
            className="aof-text"
            tabIndex={0}
            aria-label={t.aofTail(tail.name, tail.from)}
            onScroll={(e) => {
              const box = e.currentTarget;
              // Hidden, it has no size: that is no scrolling back.
              if (box.clientHeight > 0) atEnd.current = box.scrollTop + box.clientHeight >= box.scrollHeight - 4;
            }}
          >
            {tail.text === '' ? t.aofEmpty : asCommands ? tail.commands.map(commandLine).join('\n') : aofLines(tail.text)}
          </pre>
        </>
      )}
      {view.journal !== null && <p className="muted">{t.storedHere(kb(view.journal))}</p>}
    </section>
  );
}

const kb = (bytes: number) => (bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`);

/** `save` as sentences: "3600 1 300 100" is two points. */
function savePoints(save: string, t: LateStrings): string {
  const words = save.split(' ').filter((w) => w !== '');
  if (words.length === 0) return t.noSavePoints;
  const points: string[] = [];
  for (let i = 0; i + 1 < words.length; i += 2) points.push(t.savePoint(Number(words[i]), Number(words[i + 1])));
  return points.join(' · ');
}

/** A command as one would type it: each word readable, quoted when it has spaces or quotes. */
function commandLine(argv: readonly string[]): string {
  return argv
    .map((a) => {
      const { text, escaped } = showBytes(a);
      return escaped || (text !== '' && !/[\s"'\\]/.test(text)) ? text : `"${text.replace(/["\\]/g, '\\$&')}"`;
    })
    .join(' ');
}

/** The file's lines as written (each ends in \r\n), a byte string shown readably. */
function aofLines(text: string): string {
  return text
    .split('\r\n')
    .slice(0, -1)
    .map((line) => showBytes(line).text)
    .join('\n');
}
