// A link that recreates a playground (share.ts) runs nothing by itself: this dialog shows what
// it would run and runs it only when the person says so, then goes to the lesson step the link
// names. Either way the fragment goes, so a reload does not ask again.

import { useEffect, useRef, useState } from 'react';
import { splitBytes, utf8Decode } from '../cli/split-args.js';
import { engine } from './engine-client.js';
import { useLateStrings } from './late-strings.js';
import { readShared, type Shared } from './share.js';

/** The first lines the dialog lists; the count says how many there are in all. */
const SHOWN = 30;

export function SharedLinkDialog() {
  const dialog = useRef<HTMLDialogElement>(null);
  const decline = useRef<HTMLButtonElement>(null);
  const t = useLateStrings();
  const [shared, setShared] = useState<Shared | null | 'unreadable'>(null);
  const [running, setRunning] = useState(false);

  useEffect(() => {
    void readShared(location.hash).then((s) => setShared(s ?? 'unreadable'));
  }, []);

  useEffect(() => {
    const d = dialog.current;
    if (!d || shared === null || d.open) return;
    d.showModal();
    // showModal focuses the first control (Run them): Enter alone must never run what a link
    // brought, so focus starts on declining. (React's autoFocus runs before showModal.)
    decline.current?.focus();
  }, [shared]);

  const lines = typeof shared === 'object' && shared !== null ? shared.commands.split('\n').filter((l) => l.length !== 0) : [];

  const finish = (lesson?: Shared['lesson']) => {
    // The lessons follow #/lessons/<id>/<step>; otherwise the address keeps no fragment.
    if (lesson !== undefined) location.hash = `#/lessons/${lesson.id}/${lesson.step + 1}`;
    else history.replaceState(null, '', location.pathname + location.search);
    dialog.current?.close();
  };

  const run = async (s: Shared) => {
    setRunning(true);
    const client = await engine.open({ name: 'shared-link' });
    try {
      for (const line of lines) {
        const argv = splitBytes(line);
        if (argv !== null && argv.length !== 0) await engine.run(client, argv);
      }
    } finally {
      await engine.close(client);
    }
    finish(s.lesson);
  };

  if (shared === null) return null;
  return (
    <dialog ref={dialog} className="shared-link" aria-labelledby="shared-link-heading" onCancel={() => finish()}>
      <h2 id="shared-link-heading">{t.sharedLinkTitle}</h2>
      {shared === 'unreadable' ? (
        <p>{t.sharedLinkUnreadable}</p>
      ) : (
        <>
          <p>{t.sharedLinkIntro(lines.length, shared.lesson?.id ?? null)}</p>
          <pre className="shared-link-lines">{lines.slice(0, SHOWN).map(utf8Decode).join('\n') + (lines.length > SHOWN ? '\n…' : '')}</pre>
          <button className="tool primary" disabled={running} onClick={() => void run(shared)}>
            {t.sharedLinkRun}
          </button>
        </>
      )}
      <button ref={decline} className="tool" disabled={running} onClick={() => finish()}>
        {t.sharedLinkCancel}
      </button>
    </dialog>
  );
}
