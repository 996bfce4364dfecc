// The lesson runner in the browser: loads the lessons lazily, keeps its own engine connection for
// checks and resets, hears what every terminal runs (onTerminalCommand) and what subscribed
// connections receive (engine.onPush), and marks the open step done when its check passes.
// The check itself is the same evaluate() the headless tests use.

import { splitArgs } from '../../cli/split-args.js';
import type { Reply } from '../../engine/reply.js';
import { evaluate, messageOf, type CheckContext, type RanCommand, type Received } from '../../lessons/check.js';
import { clientsOf, lineClient, lineText, resetLines, type Check, type Lesson, type Line, type Step } from '../../lessons/model.js';
import { progressOf, useLessons } from '../../store/lesson-store.js';
import { useUi } from '../../store/ui-store.js';
import { engine } from '../engine-client.js';
import { firstPromptShown } from '../first-prompt.js';
import { existingTerminal, onTerminalCommand } from '../terminal/terminals.js';
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

// ---- what the current step has seen --------------------------------------------------------

let commands: RanCommand[] = [];
let received: Received[] = [];
/** Which terminal tab plays which lesson client (1 = the learner's, 2 = the second one). */
const clientTabs = new Map<number, number>();

function tabExists(tabId: number | undefined): tabId is number {
  return tabId !== undefined && useUi.getState().tabs.some((t) => t.id === tabId);
}

/** The lesson client a terminal tab plays; a new tab takes the first free role. */
function clientOfTab(tabId: number): number {
  for (const [client, tab] of clientTabs) if (tab === tabId && tabExists(tab)) return client;
  for (const client of [1, 2]) {
    if (!tabExists(clientTabs.get(client))) {
      clientTabs.set(client, tabId);
      return client;
    }
  }
  return 0;
}

// ---- the checker's connection --------------------------------------------------------------

let checker: Promise<number> | null = null;

function checkerHandle(): Promise<number> {
  checker ??= engine.ready.then(() => engine.open({ name: 'lessons' }));
  return checker;
}

async function runOnChecker(argv: string[]): Promise<Reply> {
  const handle = await checkerHandle();
  const result = await engine.run(handle, argv);
  return result.replies[0] ?? { t: 'bulk', v: null };
}

async function useDb(db: number): Promise<void> {
  const handle = await checkerHandle();
  if (engine.state(handle).db !== db) await runOnChecker(['SELECT', String(db)]);
}

function context(lesson: Lesson): CheckContext {
  return {
    query: async (argv) => {
      await useDb(lesson.db ?? 0);
      return runOnChecker(argv);
    },
    commands,
    received,
  };
}

/** Empties the lesson's database and runs its setup (what Reset does). */
export async function resetLesson(lesson: Lesson): Promise<void> {
  for (const line of resetLines(lesson)) await runOnChecker(splitArgs(line) ?? []);
  beginStep();
  useLessons.getState().restart(lesson.id);
}

// ---- evaluating ----------------------------------------------------------------------------

let generation = 0;
let scheduled = false;
let timer: ReturnType<typeof setInterval> | null = null;
const stepListeners = new Set<() => void>();

/** Forget what was run: a step starts with a clean slate. */
export function beginStep(): void {
  commands = [];
  received = [];
  generation++;
  restartTimer();
  scheduleCheck();
}

function current(): { lesson: Lesson; index: number; step: Step } | null {
  const s = useLessons.getState();
  const lesson = lessonById(s.current);
  if (!lesson) return null;
  const index = Math.min(progressOf(s, lesson.id).step, lesson.steps.length - 1);
  return { lesson, index, step: lesson.steps[index]! };
}

function scheduleCheck(): void {
  if (scheduled) return;
  scheduled = true;
  queueMicrotask(() => {
    scheduled = false;
    void checkNow();
  });
}

async function checkNow(): Promise<void> {
  const cur = current();
  if (!cur) return;
  const { lesson, index, step } = cur;
  if (progressOf(useLessons.getState(), lesson.id).done.includes(index)) return;
  const gen = generation;
  let pass = false;
  try {
    pass = await evaluate(step.check, context(lesson));
  } catch {
    return; // the worker restarted mid-check: the next event checks again
  }
  if (pass && gen === generation) {
    useLessons.getState().markDone(lesson.id, index);
    for (const l of stepListeners) l();
  }
}

/** Checks that time alone can satisfy (a TTL running out) are looked at once a second. */
function timeMatters(check: Check): boolean {
  if ('all' in check) return check.all.some(timeMatters);
  if ('key' in check) return check.exists === false || check.ttlBetween !== undefined;
  return false;
}

function restartTimer(): void {
  if (timer !== null) clearInterval(timer);
  timer = null;
  const cur = current();
  if (cur && (cur.step.wait !== undefined || timeMatters(cur.step.check))) timer = setInterval(scheduleCheck, 1000);
}

let started = false;

/** Starts listening (once): terminal commands, pushes, and changes to the data. */
export function startRunner(): void {
  if (started) return;
  started = true;
  onTerminalCommand((tabId, argv, replies) => {
    commands.push({ client: clientOfTab(tabId), argv, replies });
    scheduleCheck();
  });
  engine.onPush((_handle, reply) => {
    const msg = messageOf(reply);
    if (msg === null) return;
    received.push({ client: 0, ...msg });
    scheduleCheck();
  });
  engine.onChanges(() => scheduleCheck());
  let last = '';
  useLessons.subscribe((s) => {
    const key = `${s.current}/${s.current === null ? '' : progressOf(s, s.current).step}`;
    if (key === last) return;
    last = key;
    beginStep();
  });
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
    const mapped = clientTabs.get(1);
    if (twoClients && tabExists(mapped)) return mapped;
    const active = ui.activeTab;
    if (twoClients && clientTabs.get(2) === active) return ui.tabs.find((t) => t.id !== active)?.id;
    clientTabs.set(1, active);
    return active;
  }
  const mapped = clientTabs.get(client);
  if (tabExists(mapped) && mapped !== clientTabs.get(1)) return mapped;
  const first = tabForClient(1, true);
  const other = ui.tabs.find((t) => t.id !== first && ![...clientTabs.values()].includes(t.id));
  if (other) {
    clientTabs.set(client, other.id);
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
  clientTabs.set(2, id);
  if (first !== undefined) clientTabs.set(1, first);
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
  scheduleCheck();
}

/** Called after a step turns green (the panel moves focus or announces it). */
export function onStepPassed(fn: () => void): () => void {
  stepListeners.add(fn);
  return () => stepListeners.delete(fn);
}

/** The learner's terminal database, to tell them when it is not the lesson's. */
export function learnerDb(): number {
  const ui = useUi.getState();
  const tab = clientTabs.get(1);
  const id = tabExists(tab) ? tab : ui.activeTab;
  return ui.tabs.find((t) => t.id === id)?.db ?? 0;
}

