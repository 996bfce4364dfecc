// The site open in two tabs where the first is of an older version, whose worker does not relay
// the second tab's commands (src/worker/tabs.ts): this one says that it shows a read-only copy.
// Once the other tab has closed, this tab's worker restarts and owns the data. Fetched only in
// such a tab (App.tsx).

import { useLateStrings } from './late-strings.js';

export function ElsewhereBanner() {
  const t = useLateStrings();
  return (
    <div className="banner" role="alert">
      <span>{t.elsewhere}</span>
    </div>
  );
}
