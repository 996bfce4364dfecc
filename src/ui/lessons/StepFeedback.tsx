// The open step's status line: done, waiting for the learner, or why it has not passed yet
// (the runner core's feedback), with what to do about it.

import type { Lesson, Locale } from '../../lessons/model.js';
import { useLessons } from '../../store/lesson-store.js';
import { UI_STRINGS } from '../strings.js';
import { FEEDBACK } from './feedback-strings.js';
import { Markdown } from './Markdown.js';
import { backToRealTime } from './runner.js';
import type { Strings } from './strings.js';

/** One line of a reply, short enough to quote in a sentence. */
function quote(text: string): string {
  const first = text.split('\n')[0]!;
  return first.length > 80 || first !== text ? first.slice(0, 80) + '…' : first;
}

export function StepFeedback(props: { lesson: Lesson; index: number; passed: boolean; pending: string; t: Strings; locale: Locale }) {
  const { lesson, index, passed, pending, t, locale } = props;
  const stored = useLessons((s) => s.feedback);
  const feedback = stored?.at === `${lesson.id}/${index}` ? stored.feedback : null;
  if (passed || feedback === null) {
    return (
      <p className="step-status" role="status">
        {passed ? `✓ ${t.passed}` : pending}
      </p>
    );
  }
  const f = FEEDBACK[locale];
  let body;
  switch (feedback.kind) {
    case 'error':
      body = (
        <>
          <Markdown source={f.error(feedback.line, feedback.error)} />
          {feedback.syntax !== null && <Markdown source={f.syntax(feedback.syntax)} />}
          {feedback.hint !== null && (
            <div className="feedback-hint">
              <p>{f.hint}</p>
              <Markdown source={feedback.hint[locale]} />
            </div>
          )}
        </>
      );
      break;
    case 'db':
      body = <Markdown source={f.db(feedback.db, feedback.lessonDb)} />;
      break;
    case 'clock':
      body = (
        <>
          <Markdown source={f.clock(feedback.ahead >= 1000 ? UI_STRINGS[locale].duration(feedback.ahead) : null)} />
          <button className="tool primary" onClick={() => void backToRealTime()}>
            {UI_STRINGS[locale].realTime}
          </button>
        </>
      );
      break;
    case 'miss': {
      const miss = feedback.miss.kind === 'reply' ? { ...feedback.miss, got: quote(feedback.miss.got) } : feedback.miss;
      body = <Markdown source={f.miss(miss, lesson.db ?? 0)} />;
      break;
    }
  }
  return (
    <div className="step-status feedback" role="status" data-feedback={feedback.kind}>
      <p className="feedback-heading">{f.heading}</p>
      {body}
    </div>
  );
}
