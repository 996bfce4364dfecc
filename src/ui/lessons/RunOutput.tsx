// On a phone the terminal sits behind the lessons panel, so a lesson's ▶ Run would print where
// nobody sees it. There, the rows the terminal printed for the command are shown under the
// step's commands as well, followed until the terminal is back at its prompt.

import { useEffect, useRef, useState } from 'react';
import { lineText, type Lesson, type Line } from '../../lessons/model.js';
import { useUi } from '../../store/ui-store.js';
import { useScreenKind } from '../layout/screen.js';
import { existingTerminal, screenText } from '../terminal/terminals.js';
import { printedRows } from './printed-rows.js';
import { runLine, type Interrupted } from './runner.js';
import type { Strings } from './strings.js';
import './run-output.css';

export interface RunShown {
  /** The row the command was typed on, then everything printed after it. */
  rows: string[];
  /** Back at a prompt (the prompt itself is left out). */
  done: boolean;
}

/** How long a command that does not finish (SUBSCRIBE, BLPOP 0) is followed. */
const FOLLOW_MS = 60_000;
/** While it runs, the screen is read this often (reading it walks the whole scrollback). */
const READ_EVERY_MS = 250;

/** Reads the tab's screen each frame until it is idle; returns a function that stops. */
function follow(tabId: number, before: number, line: string, show: (shown: RunShown) => void): () => void {
  const started = performance.now();
  let lastRead = -Infinity;
  let handle = 0;
  const look = () => {
    const entry = existingTerminal(tabId);
    if (!entry) return;
    const done = entry.session.idle;
    const now = performance.now();
    if (done || now - lastRead >= READ_EVERY_MS) {
      lastRead = now;
      show({ rows: printedRows(screenText(tabId), before, line, done), done });
    }
    if (!done && now - started < FOLLOW_MS) handle = requestAnimationFrame(look);
  };
  handle = requestAnimationFrame(look);
  return () => cancelAnimationFrame(handle);
}

/**
 * runLine, and on a phone what the terminal printed for the last line run from `lines` (null
 * elsewhere, and once `lines` are another step's).
 */
export function useRunOutput(lesson: Lesson, lines: readonly Line[]): { run: (line: Line) => Promise<Interrupted>; output: RunShown | null } {
  const phone = useScreenKind() === 'phone';
  const [output, setOutput] = useState<{ lines: readonly Line[]; shown: RunShown } | null>(null);
  const stop = useRef<(() => void) | null>(null);
  const current = useRef(lines);
  current.current = lines;
  // Another step (or leaving the lesson) stops following the last Run.
  useEffect(() => () => stop.current?.(), [lines]);

  const run = async (line: Line): Promise<Interrupted> => {
    if (!phone) return runLine(line, lesson);
    stop.current?.();
    // The Run may land in any tab (a second client's, or a new one): remember every screen.
    const before = new Map(useUi.getState().tabs.map((t) => [t.id, screenText(t.id).length]));
    const interrupted = await runLine(line, lesson);
    if (current.current === lines) {
      const tabId = useUi.getState().activeTab; // runLine selects the tab it typed in
      stop.current = follow(tabId, before.get(tabId) ?? 0, lineText(line).replace(/\r?\n/g, ' '), (shown) => setOutput({ lines, shown }));
    }
    return interrupted;
  };
  return { run, output: phone && output?.lines === lines ? output.shown : null };
}

export function RunOutputBox({ output, t }: { output: RunShown | null; t: Strings }) {
  if (!output) return null;
  return (
    <div className="run-output" role="status" aria-label={t.runOutput} data-done={output.done}>
      <pre>{output.rows.join('\n')}</pre>
      {!output.done && <p className="run-output-waiting">{t.runWaiting}</p>}
    </div>
  );
}
