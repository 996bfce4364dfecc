// The browser refused to store the data (private browsing, storage turned off, a full quota):
// said once, and the playground goes on with data that lives as long as the tab. Fetched only
// then (App.tsx).

import { useLateStrings } from './late-strings.js';

export function StorageBanner({ reason, dismiss }: { reason: string; dismiss: () => void }) {
  const t = useLateStrings();
  return (
    <div className="banner" role="alert">
      <span>{t.storageFailed(reason)}</span>
      <button className="tool" onClick={dismiss}>
        {t.dismiss}
      </button>
    </div>
  );
}
