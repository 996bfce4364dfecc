// Every command a person runs, typed in a terminal tab, run from the workbench or sent by their
// Python program, with what its connection received. The lesson runner checks the open step with
// them and the clients panel reads its list again: one path from every place, so a lesson step
// can be done in any.

import type { SentCommand } from '../lessons/session.js';

/** Who ran it: a terminal tab (its id), the workbench on its own connection, or a Python program. */
export type CommandSource = number | 'workbench' | 'python';

type Listener = (from: CommandSource, ran: SentCommand) => void;

const listeners = new Set<Listener>();

/** Hears every command a terminal, the workbench or a Python program sends, with its replies (lesson checks). */
export function onCommandRan(fn: Listener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

const printedListeners = new Set<(text: string) => void>();

/** Hears what the learner's Python programs print (standard output, a piece as it comes). */
export function onPythonPrinted(fn: (text: string) => void): () => void {
  printedListeners.add(fn);
  return () => printedListeners.delete(fn);
}

export function pythonPrinted(text: string): void {
  for (const l of printedListeners) l(text);
}

/** Tells the listeners a command ran (a terminal's, or the workbench's once its reply came). */
export function commandRan(from: CommandSource, ran: SentCommand): void {
  for (const l of listeners) l(from, ran);
}
