// The lessons panel's body: the list with progress, or one lesson a step at a time, and the
// runner that checks steps. Lazily loaded with the lessons themselves (LessonsPanel.tsx).
// Links: #/lessons/<id>/<step> (1-based).

import { useEffect, useRef, useState, type RefObject } from 'react';
import type { Lesson } from '../../lessons/model.js';
import { progressOf, useLessons } from '../../store/lesson-store.js';
import { UI_STRINGS } from '../strings.js';
import { LessonView } from './LessonView.js';
import { loadLessons, startRunner } from './runner.js';
import { STRINGS } from './strings.js';

const HASH = /^#\/lessons(?:\/([a-z0-9-]+)(?:\/(\d+))?)?\/?$/;

/** Applies the address's #/lessons/<id>/<step> to the store; false when it is not a lesson link. */
function followHash(lessons: readonly Lesson[]): boolean {
  const m = HASH.exec(location.hash);
  if (!m) return false;
  const store = useLessons.getState();
  const lesson = lessons.find((l) => l.id === m[1]);
  if (!lesson) {
    store.close();
    return true;
  }
  const step = m[2] === undefined ? undefined : Math.min(Math.max(Number(m[2]) - 1, 0), lesson.steps.length - 1);
  store.open(lesson.id, step);
  return true;
}

function hashFor(current: string | null, step: number): string {
  return current === null ? '#/lessons' : `#/lessons/${current}/${step + 1}`;
}

/** The list or the open lesson, with the runner behind them: a chunk fetched with the lessons
 *  after the first prompt (the panel's head and language switch come with the page). */
export function LessonsBody({ panel }: { panel: RefObject<HTMLDivElement | null> }) {
  const [lessons, setLessons] = useState<readonly Lesson[] | null>(null);
  const [failed, setFailed] = useState(false);
  const locale = useLessons((s) => s.locale);
  const current = useLessons((s) => s.current);
  const ui = UI_STRINGS[locale];

  useEffect(() => {
    let live = true;
    loadLessons().then(
      (ls) => {
        if (!live) return;
        startRunner();
        followHash(ls);
        setLessons(ls);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, []);

  // The address follows the open lesson and step; a pasted or edited link opens it.
  useEffect(() => {
    if (!lessons) return;
    // The address as last followed or written: one that differs is a link whose hashchange is
    // still to come, and wins over a store change meanwhile (a Run's step update would send it
    // back to the step it left).
    let known = location.hash;
    const write = () => {
      if (location.hash !== known && HASH.test(location.hash)) return;
      const s = useLessons.getState();
      const id = s.current !== null && lessons.some((l) => l.id === s.current) ? s.current : null;
      const want = hashFor(id, id === null ? 0 : progressOf(s, id).step);
      if (location.hash !== want && (id !== null || HASH.test(location.hash))) history.replaceState(null, '', want);
      known = location.hash;
    };
    const onHash = () => {
      followHash(lessons);
      known = location.hash;
      write();
    };
    window.addEventListener('hashchange', onHash);
    // A link followed between loading and this listener (a hashchange nobody heard) counts too.
    onHash();
    const unsubscribe = useLessons.subscribe(write);
    return () => {
      window.removeEventListener('hashchange', onHash);
      unsubscribe();
    };
  }, [lessons]);

  const lesson = lessons?.find((l) => l.id === current);
  const shownId = lesson?.id ?? null;
  // The lesson shown at the last render; undefined until the lessons load.
  const shown = useRef<string | null | undefined>(undefined);

  // Focus follows what the learner opened: a lesson's heading, or back to its link in the list.
  // Not at load, where a lesson from the address simply appears and the terminal keeps focus.
  useEffect(() => {
    if (!lessons) return;
    const before = shown.current;
    shown.current = shownId;
    if (before === undefined || before === shownId) return;
    const target =
      shownId !== null
        ? panel.current?.querySelector<HTMLElement>('.lesson-heading')
        : before !== null
          ? panel.current?.querySelector<HTMLElement>(`[data-lesson="${before}"] .lesson-link`)
          : null;
    target?.focus();
  }, [lessons, shownId, panel]);

  if (failed) return <p role="alert">{ui.lessonsLoadFailed}</p>;
  if (!lessons) return <p className="muted">{ui.lessonsLoading}</p>;
  return lesson ? <LessonView lesson={lesson} lessons={lessons} /> : <LessonList lessons={lessons} />;
}

function LessonList({ lessons }: { lessons: readonly Lesson[] }) {
  const locale = useLessons((s) => s.locale);
  const progress = useLessons((s) => s.progress);
  const open = useLessons((s) => s.open);
  const t = STRINGS[locale];
  // Before any lesson was opened, the first one says it is where to begin.
  const untouched = lessons.every((l) => progress[l.id] === undefined);
  return (
    <ol className="lesson-list">
      {lessons.map((l, i) => {
        const done = progressOf({ progress }, l.id).done.length;
        const total = l.steps.length;
        const complete = done >= total;
        const prereq = l.prerequisites.map((p) => lessons.find((x) => x.id === p)?.title[locale] ?? p);
        const startHere = untouched && i === 0;
        return (
          <li key={l.id} className={complete ? 'complete' : startHere ? 'start-here' : undefined} data-lesson={l.id}>
            {startHere && <p className="start-here-label">{t.startHere}</p>}
            <a
              className="lesson-link"
              href={`#/lessons/${l.id}/${Math.min(progressOf({ progress }, l.id).step, total - 1) + 1}`}
              onClick={(e) => {
                e.preventDefault();
                open(l.id);
              }}
            >
              <span className="lesson-title">{l.title[locale]}</span>
              <span className="lesson-meta">
                <span className="badge">{t.level(l.level)}</span>{' '}
                <span className="lesson-progress" aria-label={t.progress(done, total)}>
                  {complete ? `✓ ${t.complete}` : `${done}/${total}`}
                </span>
              </span>
            </a>
            <p className="lesson-summary">{l.summary[locale]}</p>
            {prereq.length > 0 && (
              <p className="lesson-prereq">
                {t.after} {prereq.join(', ')}
              </p>
            )}
            <div className="lesson-bar" aria-hidden="true">
              <span style={{ width: `${(100 * done) / total}%` }} />
            </div>
          </li>
        );
      })}
    </ol>
  );
}
