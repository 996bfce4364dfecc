// The site open in two tabs: the first owns the stored data, and this one says that it shows a
// read-only copy (src/worker/engine.worker.ts ownStorage), then, once the other tab has closed,
// that a reload carries on here with the saved data. Fetched only in such a tab (App.tsx).

import { useLateStrings } from './late-strings.js';

export function ElsewhereBanner({ state }: { state: 'elsewhere' | 'free' }) {
  const t = useLateStrings();
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
