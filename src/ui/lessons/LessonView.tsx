// One lesson, one step at a time: the text, Run buttons, hints, the solution, redis-py code,
// Back/Next, Reset; the step turns green when its check passes (the runner decides).

import { useEffect, useRef, useState } from 'react';
import { clientsOf, lineClient, lineText, selectsDatabase, solutionRepeatsCommands, type Lesson, type Line, type Step } from '../../lessons/model.js';
import { progressOf, useLessons } from '../../store/lesson-store.js';
import { useUi } from '../../store/ui-store.js';
import { focusPanel } from '../shortcuts.js';
import { useUiStrings } from '../strings.js';
import { Markdown } from './Markdown.js';
import { fastForward, hasSecondTerminal, learnerDb, openSecondTerminal, resetLesson, type Interrupted } from './runner.js';
import { RunOutputBox, useRunOutput } from './RunOutput.js';
import { StepFeedback } from './StepFeedback.js';
import { STRINGS, type Strings } from './strings.js';

export function LessonView({ lesson, lessons }: { lesson: Lesson; lessons: readonly Lesson[] }) {
  const locale = useLessons((s) => s.locale);
  const progress = useLessons((s) => progressOf(s, lesson.id));
  const { close, goto, open } = useLessons.getState();
  const t = STRINGS[locale];
  const total = lesson.steps.length;
  const index = Math.min(progress.step, total - 1);
  const step = lesson.steps[index]!;
  const passed = progress.done.includes(index);
  // Why the last Run on this step pressed Ctrl-C first, if it had to.
  const stepAt = `${lesson.id}/${index}`;
  const [interrupted, setInterrupted] = useState<{ at: string; kind: NonNullable<Interrupted> } | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);

  // After Back/Next, keyboard focus goes to the new step's heading (not on first render).
  useEffect(() => {
    if (moved.current) heading.current?.focus();
    moved.current = true;
  }, [index]);

  const nextLesson = lessons[lessons.indexOf(lesson) + 1];
  const allDone = progress.done.length >= total;

  return (
    <article className="lesson" data-lesson={lesson.id}>
      <button className="link-button" onClick={close}>
        {t.allLessons}
      </button>
      <h3 className="lesson-heading" tabIndex={-1}>
        {lesson.title[locale]}
      </h3>
      <nav className="step-dots" aria-label={t.step(index + 1, total)}>
        {lesson.steps.map((_, i) => (
          <a
            key={i}
            href={`#/lessons/${lesson.id}/${i + 1}`}
            className={`dot${progress.done.includes(i) ? ' done' : ''}${i === index ? ' current' : ''}`}
            aria-label={t.stepLink(i + 1) + (progress.done.includes(i) ? ` (${t.complete})` : '')}
            aria-current={i === index ? 'step' : undefined}
            onClick={(e) => {
              e.preventDefault();
              goto(i);
            }}
          >
            {i + 1}
          </a>
        ))}
      </nav>
      <Setup lesson={lesson} t={t} prepared={progress.prepared === true} />
      <section className={`step${passed ? ' passed' : ''}${step.challenge ? ' challenge' : ''}`} data-step={index + 1} data-passed={passed}>
        <h4 ref={heading} tabIndex={-1}>
          {t.step(index + 1, total)}
          {step.challenge && (
            <>
              {' '}
              <span className="challenge-label">{t.challenge}</span>
            </>
          )}
        </h4>
        <div className="step-text">
          <Markdown source={step.text[locale]} />
        </div>
        <StepNotices lesson={lesson} step={step} t={t} />
        {interrupted?.at === stepAt && (
          <p className="notice run-interrupted" role="status">
            {interrupted.kind === 'listening' ? t.interruptedListening : t.interruptedBlocked}
          </p>
        )}
        {!step.challenge && <Commands lines={step.commands} lesson={lesson} t={t} onRun={(kind) => setInterrupted(kind && { at: stepAt, kind })} />}
        {!step.challenge && step.commands.length > 1 && <OpenInEditor lines={step.commands} lesson={lesson} name={`${lesson.title[locale]} ${index + 1}`} />}
        <StepFeedback lesson={lesson} index={index} passed={passed} pending={step.challenge ? t.pendingChallenge : t.pending} t={t} locale={locale} />
        <StepHelp key={`${lesson.id}/${index}`} lesson={lesson} step={step} t={t} locale={locale} />
      </section>
      {allDone && (
        <p className="lesson-done" role="status">
          {t.doneLesson}
        </p>
      )}
      <div className="step-nav">
        <button className="tool" onClick={() => goto(index - 1)} disabled={index === 0}>
          {t.back}
        </button>
        {index < total - 1 ? (
          <button className={`tool${passed ? ' primary' : ''}`} onClick={() => goto(index + 1)}>
            {t.next}
          </button>
        ) : (
          <button className={`tool${passed ? ' primary' : ''}`} onClick={() => (nextLesson ? open(nextLesson.id) : close())}>
            {nextLesson ? `${t.next}: ${nextLesson.title[locale]}` : t.finish}
          </button>
        )}
      </div>
      <ResetControl lesson={lesson} t={t} />
    </article>
  );
}

function Commands({ lines, lesson, t, onRun }: { lines: readonly Line[]; lesson: Lesson; t: Strings; onRun?: (interrupted: Interrupted) => void }) {
  const { run: runShown, output } = useRunOutput(lesson, lines);
  const run = (line: Line) => {
    void runShown(line).then(
      (interrupted) => onRun?.(interrupted),
      () => undefined,
    );
  };
  return (
    <>
      <ul className="commands">
        {lines.map((line, i) => (
          <li key={i}>
            {/* Named by what it shows ("Run PING"), so speech input finds it by the words seen. */}
            <button className="run-command" onClick={() => run(line)} title={t.runLabel(lineText(line))}>
              <span className="run-label">
                <span aria-hidden="true">▶ </span>
                {t.run}
              </span>{' '}
              <code>{lineText(line)}</code>
              {lineClient(line) > 1 && <span className="badge">{t.secondTerminal}</span>}
            </button>
          </li>
        ))}
      </ul>
      <RunOutputBox output={output} t={t} />
    </>
  );
}

/**
 * A step of several lines, as a new workbench script: the first terminal's lines, after a SELECT
 * of the lesson's database when it has one (the workbench's connection starts in db 0).
 */
function OpenInEditor({ lines, lesson, name }: { lines: readonly Line[]; lesson: Lesson; name: string }) {
  const ui = useUiStrings();
  const open = () => {
    const text = lines.filter((l) => lineClient(l) === 1).map(lineText);
    const db = lesson.db ?? 0;
    if (db !== 0 && !selectsDatabase(lines)) text.unshift(`SELECT ${db}`);
    // The scripts' store comes with the workbench's chunk, not the page's first script.
    return import('../../store/workbench-store.js').then(({ useWorkbench }) => useWorkbench.getState().add(name, text.join('\n')));
  };
  return <ToWorkbench className="open-in-editor" title={ui.openInEditorTitle} label={ui.openInEditor} send={open} />;
}

/** A step's pythonCode as a new Python script of the workbench, run as soon as it shows. */
function RunInPython({ code, lesson, t }: { code: string; lesson: Lesson; t: Strings }) {
  // With the workbench's chunk (its store), not the page's first script.
  const open = () => import('./python-program.js').then(({ runInWorkbench }) => runInWorkbench(`${lesson.id}.py`, code, lesson.db ?? 0));
  return <ToWorkbench className="run-python" title={t.runPythonTitle} label={t.runPython} send={open} />;
}

/** A button that hands something to the workbench (its code fetched on first use), then shows it. */
function ToWorkbench({ className, title, label, send }: { className: string; title: string; label: string; send: () => Promise<unknown> }) {
  const click = () => void send().then(() => focusPanel('workbench'));
  return (
    <button className={`tool ${className}`} title={title} onClick={click}>
      {label}
    </button>
  );
}

function Setup({ lesson, t, prepared }: { lesson: Lesson; t: Strings; prepared: boolean }) {
  const [busy, setBusy] = useState(false);
  if (!lesson.setup || prepared) return null;
  return (
    <div className="notice">
      <p>{t.setupNeeded(lesson.db ?? 0)}</p>
      <button
        className="tool primary"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          void resetLesson(lesson).finally(() => setBusy(false));
        }}
      >
        {t.setupButton}
      </button>
    </div>
  );
}

function StepNotices({ lesson, step, t }: { lesson: Lesson; step: Step; t: Strings }) {
  // Re-render when a tab's database or the tab list changes.
  useUi((s) => s.tabs);
  const db = learnerDb();
  const lessonDb = lesson.db ?? 0;
  const two = clientsOf(step) > 1;
  const usesSelect = selectsDatabase(step.commands);
  return (
    <>
      {db !== lessonDb && !usesSelect && (
        <div className="notice">
          <p>{t.wrongDb(db, lessonDb)}</p>
          <Commands lines={[`SELECT ${lessonDb}`]} lesson={lesson} t={t} />
        </div>
      )}
      {two && (
        <div className="notice">
          <p>{t.twoClients}</p>
          {hasSecondTerminal() ? (
            <p>{t.secondReady}</p>
          ) : (
            <button
              className="tool primary"
              onClick={() => {
                openSecondTerminal();
                // On a phone the terminals are a panel of their own: that is where it opened.
                useUi.getState().showPhonePanel('terminals');
              }}
            >
              {t.openSecond}
            </button>
          )}
        </div>
      )}
      {step.wait !== undefined && <WaitNotice seconds={step.wait} t={t} />}
    </>
  );
}

/** A TTL step: the learner may wait, or move the engine's clock forward with one press. */
function WaitNotice({ seconds, t }: { seconds: number; t: Strings }) {
  const [busy, setBusy] = useState(false);
  return (
    <div className="notice">
      <p>{t.wait(seconds)}</p>
      <button
        className="tool primary fast-forward"
        disabled={busy}
        aria-label={t.fastForwardLabel(seconds)}
        onClick={() => {
          setBusy(true);
          void fastForward(seconds).finally(() => setBusy(false));
        }}
      >
        {t.fastForward(seconds)}
      </button>
    </div>
  );
}

function StepHelp({ lesson, step, t, locale }: { lesson: Lesson; step: Step; t: Strings; locale: 'ko' | 'en' }) {
  const [hints, setHints] = useState(0);
  const [solution, setSolution] = useState(false);
  return (
    <div className="step-help">
      {hints > 0 && (
        <div className="hints">
          <h5>{t.hints}</h5>
          <ul>
            {step.hints.slice(0, hints).map((h, i) => (
              <li key={i}>
                <Markdown source={h[locale]} />
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="help-buttons">
        {hints < step.hints.length && (
          <button className="tool" onClick={() => setHints(hints + 1)}>
            {hints === 0 ? t.hint : t.moreHint}
          </button>
        )}
        {/* On a plain step whose solution is its Run buttons again, the button would show nothing new. */}
        {!solutionRepeatsCommands(step) && (
          <button className="tool" aria-expanded={solution} onClick={() => setSolution(!solution)}>
            {solution ? t.hideSolution : t.showSolution}
          </button>
        )}
      </div>
      {solution && (
        <div className="solution">
          <h5>{t.solution}</h5>
          <Commands lines={step.solution} lesson={lesson} t={t} />
        </div>
      )}
      {step.pythonCode && (
        <details className="python">
          <summary>{t.python}</summary>
          <pre>
            <code>{step.pythonCode}</code>
          </pre>
          <RunInPython code={step.pythonCode} lesson={lesson} t={t} />
        </details>
      )}
    </div>
  );
}

function ResetControl({ lesson, t }: { lesson: Lesson; t: Strings }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const db = lesson.db ?? 0;
  if (!asking) {
    return (
      <div className="reset">
        <button className="tool" onClick={() => setAsking(true)}>
          {t.reset}
        </button>
      </div>
    );
  }
  return (
    <div className="reset notice" role="group" aria-label={t.reset}>
      <p>{t.resetAsk(db)}</p>
      <button
        className="tool primary"
        disabled={busy}
        autoFocus
        onClick={() => {
          setBusy(true);
          void resetLesson(lesson).finally(() => {
            setBusy(false);
            setAsking(false);
          });
        }}
      >
        {t.resetYes}
      </button>{' '}
      <button className="tool" onClick={() => setAsking(false)}>
        {t.cancel}
      </button>
    </div>
  );
}
