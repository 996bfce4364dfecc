// Every command a person runs, typed in a terminal tab or run from the workbench, with what its
// connection received. The lesson runner checks the open step with them and the clients panel
// reads its list again: one path from both places, so a lesson step can be done in either.

import type { SentCommand } from '../lessons/session.js';

/** Who ran it: a terminal tab (its id), or the workbench on its own connection. */
export type CommandSource = number | 'workbench';

type Listener = (from: CommandSource, ran: SentCommand) => void;

const listeners = new Set<Listener>();

/** Hears every command a terminal or the workbench sends, with its replies (lesson checks). */
export function onCommandRan(fn: Listener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Tells the listeners a command ran (a terminal's, or the workbench's once its reply came). */
export function commandRan(from: CommandSource, ran: SentCommand): void {
  for (const l of listeners) l(from, ran);
}
