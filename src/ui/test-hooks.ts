// A small read-mostly handle on the page for end-to-end tests (and the curious, in devtools):
// what each terminal shows, row by row, as a person would read it.

import { useUi } from '../store/ui-store.js';
import { engine } from './engine-client.js';
import { existingTerminal, screenText } from './terminal/terminals.js';

export interface PlaygroundHooks {
  /** The active tab's id, and every tab's id in order. */
  activeTab(): number;
  tabs(): number[];
  /** Every line the tab's terminal holds (scrollback + screen), wrapped rows joined. */
  screen(tabId?: number): string[];
  /** Whether the tab's terminal waits at a prompt with nothing queued. */
  idle(tabId?: number): boolean;
  /** Stops the engine's worker as a crash would (the UI must notice and recover). */
  crashWorker(): void;
  /** Runs a command on a connection of its own (scripts that fill the database), returning the first reply. */
  run(argv: string[]): Promise<unknown>;
}

declare global {
  interface Window {
    redisPlayground?: PlaygroundHooks;
  }
}

let scriptConnection: Promise<number> | null = null;

export function exposeTestHooks(): void {
  const current = () => useUi.getState().activeTab;
  window.redisPlayground = {
    activeTab: current,
    tabs: () => useUi.getState().tabs.map((t) => t.id),
    screen: (tabId = current()) => screenText(tabId),
    idle: (tabId = current()) => existingTerminal(tabId)?.session.idle ?? false,
    crashWorker: () => engine.simulateCrash(),
    run: async (argv) => {
      scriptConnection ??= engine.open({ name: 'script' });
      const { replies } = await engine.run(await scriptConnection, argv);
      return replies[0];
    },
  };
}
