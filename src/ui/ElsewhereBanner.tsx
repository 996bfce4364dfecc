// The site open in two tabs: the first owns the stored data, and this one says that it shows a
// read-only copy (src/worker/engine.worker.ts ownStorage), then, once the other tab has closed,
// that a reload carries on here with the saved data.

import { useEffect, useState } from 'react';
import { engine } from './engine-client.js';
import { useUiStrings } from './strings.js';

export function ElsewhereBanner() {
  const t = useUiStrings();
  const [state, setState] = useState<'own' | 'elsewhere' | 'free'>('own');

  useEffect(() => {
    // Each worker says it in `ready`, a restarted one too.
    const read = () => void engine.ready.then(() => setState(engine.ownerFree ? 'free' : engine.elsewhere ? 'elsewhere' : 'own'));
    read();
    const offRestart = engine.onRestart(read);
    const offFree = engine.onOwnerFree(() => setState('free'));
    return () => {
      offRestart();
      offFree();
    };
  }, []);

  if (state === 'own') return null;
  return (
    <div className="banner" role="alert">
      <span>{state === 'free' ? t.elsewhereClosed : t.elsewhere}</span>
      {state === 'free' && (
        <button className="tool primary" onClick={() => location.reload()}>
          {t.reload}
        </button>
      )}
    </div>
  );
}
