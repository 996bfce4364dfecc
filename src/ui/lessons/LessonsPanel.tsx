// The lessons panel: its head (title, language switch) comes with the page; the list or the
// open lesson, and the runner behind them, are a chunk of their own fetched after the first
// prompt together with the lessons (LessonsBody.tsx), so the prompt does not wait for them.

import { lazy, Suspense, useRef } from 'react';
import type { Locale } from '../../lessons/model.js';
import { useLessons } from '../../store/lesson-store.js';
import { firstPromptShown } from '../first-prompt.js';
import { UI_STRINGS } from '../strings.js';
import './lessons.css';

const LessonsBody = lazy(() =>
  firstPromptShown.then(() => {
    // The lessons' data starts loading with the code that shows it, not after it.
    void import('../../../lessons/index.js');
    return import('./LessonsBody.js').then(
      (m) => ({ default: m.LessonsBody }),
      // Offline on a first visit, say: the panel says so instead of taking the page down.
      () => ({ default: LoadFailed }),
    );
  }),
);

function LoadFailed() {
  return <p role="alert">{UI_STRINGS[useLessons((s) => s.locale)].lessonsLoadFailed}</p>;
}

export function LessonsPanel() {
  const locale = useLessons((s) => s.locale);
  const t = UI_STRINGS[locale];
  const panel = useRef<HTMLDivElement>(null);
  return (
    <div className="lessons-panel" lang={locale} ref={panel}>
      <div className="lessons-head">
        <h2>{t.lessons}</h2>
        <LanguageSwitch locale={locale} />
      </div>
      <Suspense fallback={<p className="muted">{t.lessonsLoading}</p>}>
        <LessonsBody panel={panel} />
      </Suspense>
    </div>
  );
}

function LanguageSwitch({ locale }: { locale: Locale }) {
  const setLocale = useLessons((s) => s.setLocale);
  return (
    <div className="lang-switch" role="group" aria-label={UI_STRINGS[locale].language}>
      {(['ko', 'en'] as const).map((l) => (
        <button key={l} className="tool" aria-pressed={locale === l} lang={l} onClick={() => setLocale(l)}>
          {l === 'ko' ? '한국어' : 'English'}
        </button>
      ))}
    </div>
  );
}
