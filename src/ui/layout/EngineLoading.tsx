// "Loading the Redis engine…" where the prompt will be, from the static shell's first paint
// (index.html shows the same line) until the first prompt takes input.

import { useEffect, useState } from 'react';
import { useLessons } from '../../store/lesson-store.js';
import { FIRST_VISIT } from '../first-visit.js';
import { firstPromptShown } from '../first-prompt.js';

export function EngineLoading() {
  const [ready, setReady] = useState(false);
  const locale = useLessons((s) => s.locale);
  useEffect(() => {
    let live = true;
    void firstPromptShown.then(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, []);
  if (ready) return null;
  return <p className="engine-loading">{FIRST_VISIT[locale].loading}</p>;
}
