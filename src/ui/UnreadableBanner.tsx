// A stored dataset that the worker could not load is never dropped without a word: the page says
// so, offers the bytes as a file, and forgets them only when the learner says so.

import { useEffect, useState } from 'react';
import type { Unreadable } from '../worker/protocol.js';
import { engine } from './engine-client.js';
import { useLateStrings } from './late-strings.js';
import { downloadBytes } from './download.js';

export function UnreadableBanner() {
  const t = useLateStrings();
  const [copy, setCopy] = useState<Unreadable | null>(null);

  useEffect(() => {
    // Each worker says it in `ready`, a restarted one too.
    const read = () => void engine.ready.then(() => setCopy(engine.unreadable));
    read();
    return engine.onRestart(read);
  }, []);

  if (copy === null) return null;
  return (
    <div className="banner" role="alert">
      <span>{t.unreadable(copy.reason)}</span>
      <button className="tool primary" onClick={() => downloadBytes(copy.data, 'dump.rdb')}>
        {t.unreadableDownload}
      </button>
      <button
        className="tool"
        onClick={() =>
          void engine.discardUnreadable().then(
            () => setCopy(null),
            () => undefined,
          )
        }
      >
        {t.unreadableDiscard}
      </button>
    </div>
  );
}
