// The lesson runner in the browser: loads the lessons lazily and drives the lesson-runner core
// (LessonSession, the one the headless lesson tests drive too) with what every terminal, the
// workbench and the learner's Python programs run and receive; the open step turns green when its
// check passes, and otherwise the core's feedback says why (shown by the lesson view).

import type { Lesson, Line } from '../../lessons/model.js';
import { clientsOf, lineClient, lineText } from '../../lessons/model.js';
import { LessonSession, timeMatters } from '../../lessons/session.js';
import { progressOf, useLessons } from '../../store/lesson-store.js';
import { useUi } from '../../store/ui-store.js';
import { engine } from '../engine-client.js';
import { firstPromptShown } from '../first-prompt.js';
import { onCommandRan, onPythonPrinted } from '../commands-heard.js';
import { existingTerminal, tabOfConnection } from '../terminal/terminals.js';
import type { TerminalSession } from '../terminal/terminal-session.js';

let loading: Promise<readonly Lesson[]> | null = null;
let loaded: readonly Lesson[] | null = null;

/** Every lesson (one lazily loaded chunk, fetched once the first prompt is up). */
export function loadLessons(): Promise<readonly Lesson[]> {
  loading ??= firstPromptShown.then(() => import('../../../lessons/index.js')).then((m) => (loaded = m.lessons));
  return loading;
}

export function lessonById(id: string | null): Lesson | undefined {
  return id === null ? undefined : loaded?.find((l) => l.id === id);
}

function tabExists(tabId: number | undefined): tabId is number {
  return tabId !== undefined && useUi.getState().tabs.some((t) => t.id === tabId);
}

/** The page's one runner: which tab plays which lesson client, and when to check again. */
class BrowserRunner {
  readonly session: LessonSession;
  /** Which terminal tab plays which lesson client (1 = the learner's, 2 = the second one). */
  readonly clientTabs = new Map<number, number>();
  /** The workbench's and Python's own connections: they run as the learner (client 1), like their terminal. */
  private readonly learners = new Set<number>();
  private scheduled = false;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly stepListeners = new Set<() => void>();

  constructor() {
    this.session = new LessonSession(engine, (handle) => {
      const tab = tabOfConnection(handle);
      if (tab !== undefined) return this.clientOfTab(tab);
      return this.learners.has(handle) ? 1 : null;
    });
    // A terminal's command, a workbench run's and a Python program's come the same way: a step
    // can be done in any.
    onCommandRan((from, ran) => {
      if (from === 'workbench' || from === 'python') this.learners.add(ran.handle);
      this.session.ran(ran.handle, ran.argv, ran.replies, ran.resp, ran.db);
      this.schedule();
    });
    onPythonPrinted((text) => {
      this.session.print(text);
      this.schedule();
    });
    engine.onClosed((handle) => this.learners.delete(handle));
    engine.onPush(() => this.schedule());
    engine.onChanges(() => this.schedule());
    let last = '';
    const follow = (s: ReturnType<typeof useLessons.getState>) => {
      const key = `${s.current}/${s.current === null ? '' : progressOf(s, s.current).step}`;
      if (key === last) return;
      last = key;
      this.beginStep();
    };
    useLessons.subscribe(follow);
    follow(useLessons.getState());
  }

  /** The open step starts with a clean slate (after Back/Next, opening a lesson, or a reset). */
  beginStep(): void {
    const s = useLessons.getState();
    const lesson = lessonById(s.current) ?? null;
    this.session.begin(lesson, lesson === null ? 0 : progressOf(s, lesson.id).step);
    s.setFeedback(null);
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    // Time alone can make such a step pass (a TTL running out): look again once a second.
    const cur = this.session.step;
    if (cur !== null && timeMatters(cur.step)) this.timer = setInterval(() => this.schedule(), 1000);
    this.schedule();
  }

  schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      void this.check();
    });
  }

  onStepPassed(fn: () => void): () => void {
    this.stepListeners.add(fn);
    return () => this.stepListeners.delete(fn);
  }

  /** The lesson client a terminal tab plays; a new tab takes the first free role. */
  clientOfTab(tabId: number): number {
    for (const [client, tab] of this.clientTabs) if (tab === tabId && tabExists(tab)) return client;
    for (const client of [1, 2]) {
      if (!tabExists(this.clientTabs.get(client))) {
        this.clientTabs.set(client, tabId);
        return client;
      }
    }
    return 0;
  }

  private async check(): Promise<void> {
    const cur = this.session.step;
    if (cur === null) return;
    const store = useLessons.getState();
    if (progressOf(store, cur.lesson.id).done.includes(cur.index)) return;
    let verdict;
    try {
      verdict = await this.session.verdict();
    } catch {
      return; // the worker restarted mid-check: the next event checks again
    }
    if (verdict === null) return; // the step changed meanwhile
    if (verdict.pass) {
      store.markDone(cur.lesson.id, cur.index);
      store.setFeedback(null);
      for (const l of this.stepListeners) l();
    } else {
      const next = verdict.feedback === null ? null : { at: `${cur.lesson.id}/${cur.index}`, feedback: verdict.feedback };
      // Checked again on every change and once a second on time steps: re-render only on news.
      if (JSON.stringify(next) !== JSON.stringify(store.feedback)) store.setFeedback(next);
    }
  }
}

let runner: BrowserRunner | null = null;

/** Starts listening (once): terminal commands, pushes, and changes to the data. */
export function startRunner(): void {
  runner ??= new BrowserRunner();
}

/** Which terminal tab plays which lesson client (the runner starts on first use). */
function roles(): Map<number, number> {
  startRunner();
  return runner!.clientTabs;
}

/** Empties the lesson's database and runs its setup (what Reset does). */
export async function resetLesson(lesson: Lesson): Promise<void> {
  startRunner();
  await runner!.session.reset(lesson);
  useLessons.getState().restart(lesson.id);
  runner!.beginStep();
}

// ---- running lines in terminals ------------------------------------------------------------

function waitForTerminal(tabId: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const look = () => {
      if (existingTerminal(tabId)) resolve();
      else if (performance.now() - started > 5000) reject(new Error(`terminal ${tabId} did not appear`));
      else requestAnimationFrame(look);
    };
    look();
  });
}

/** The tab for a lesson client: the active tab for client 1, a second tab for client 2. */
export function tabForClient(client: number, twoClients: boolean): number | undefined {
  const ui = useUi.getState();
  if (client === 1) {
    const mapped = roles().get(1);
    if (twoClients && tabExists(mapped)) return mapped;
    const active = ui.activeTab;
    if (twoClients && roles().get(2) === active) return ui.tabs.find((t) => t.id !== active)?.id;
    roles().set(1, active);
    return active;
  }
  const mapped = roles().get(client);
  if (tabExists(mapped) && mapped !== roles().get(1)) return mapped;
  const first = tabForClient(1, true);
  const other = ui.tabs.find((t) => t.id !== first && ![...roles().values()].includes(t.id));
  if (other) {
    roles().set(client, other.id);
    return other.id;
  }
  return undefined;
}

/** Opens (or finds) the second terminal for a two-client step; returns its tab id. */
export function openSecondTerminal(): number {
  const existing = tabForClient(2, true);
  if (existing !== undefined) return existing;
  const first = tabForClient(1, true);
  const id = useUi.getState().addTab();
  roles().set(2, id);
  if (first !== undefined) roles().set(1, first);
  return id;
}

export function hasSecondTerminal(): boolean {
  return tabForClient(2, true) !== undefined;
}

/** What a Run had to interrupt first: a subscribed terminal, or one blocked in BLPOP & co. */
export type Interrupted = TerminalSession['occupied'];

/**
 * Runs a line in the terminal of its client, as if typed there. A terminal that is listening
 * (SUBSCRIBE) or blocked (BLPOP) gets Ctrl-C first; the answer says which, so the panel can tell
 * the learner why the subscription or wait ended.
 */
export async function runLine(line: Line, lesson: Lesson): Promise<Interrupted> {
  const client = lineClient(line);
  // In a lesson that plays two clients, client 1 stays on its tab even when another is active.
  const two = lesson.steps.some((s) => clientsOf(s) > 1);
  let tabId = tabForClient(client, two);
  if (tabId === undefined) tabId = client === 1 ? useUi.getState().activeTab : openSecondTerminal();
  if (useUi.getState().activeTab !== tabId) useUi.getState().selectTab(tabId);
  await waitForTerminal(tabId);
  const session = existingTerminal(tabId)!.session;
  const occupied = session.occupied;
  session.typeLine(lineText(line), true);
  return occupied;
}

/**
 * Moves the engine's shared clock forward (a TTL step's fast-forward button) instead of making
 * the learner wait; the inspector re-reads TTLs, and the step is checked again.
 */
export async function fastForward(seconds: number): Promise<void> {
  const state = await engine.clock('advance', seconds * 1000);
  useUi.getState().setClock(state);
  runner?.schedule();
}

/**
 * Puts the engine's shared clock back on real time, running (a paused or shifted clock broke a
 * step). The button that asked goes away with the notice, so the keyboard goes back to the
 * terminal, where the learner types next.
 */
export async function backToRealTime(): Promise<void> {
  const state = await engine.clock('real');
  useUi.getState().setClock(state);
  existingTerminal(useUi.getState().activeTab)?.term.focus();
  runner?.schedule();
}

/** Called after a step turns green (the panel moves focus or announces it). */
export function onStepPassed(fn: () => void): () => void {
  startRunner();
  return runner!.onStepPassed(fn);
}

/** The learner's terminal database, to tell them when it is not the lesson's. */
export function learnerDb(): number {
  const ui = useUi.getState();
  const tab = roles().get(1);
  const id = tabExists(tab) ? tab : ui.activeTab;
  return ui.tabs.find((t) => t.id === id)?.db ?? 0;
}
