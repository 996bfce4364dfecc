// The workbench's scripts and run options. Scripts survive a reload (localStorage, as the
// terminal's history and the lessons' progress do); results do not.

import { create } from 'zustand';
import { persist } from 'zustand/middleware';

/**
 * The editor's language for a script: Redis commands, or a Python program (redis-py style, run
 * by the browser's Python against the same engine); Lua (EVAL bodies) has its place here.
 */
export type ScriptLanguage = 'redis' | 'python';

export interface Script {
  id: number;
  name: string;
  text: string;
  language: ScriptLanguage;
}

/** How a run sends its commands: one at a time, all at once (a pipeline), or inside MULTI/EXEC. */
export type RunMode = 'each' | 'pipeline' | 'multi';

export interface RunOptions {
  mode: RunMode;
  /** One at a time: stop at the first error reply (a pipeline or a transaction sends everything). */
  stopOnError: boolean;
  /** Whose connection runs the commands: the workbench's own, or a terminal tab's (its id). */
  client: 'own' | number;
}

interface WorkbenchState {
  scripts: Script[];
  active: number;
  nextId: number;
  options: RunOptions;
  select: (id: number) => void;
  /** A Python script to run as soon as the workbench shows it (a lesson's "Run in Python"); not persisted. */
  runOnOpen: number | null;
  /** Adds a script and makes it the active one; returns its id. */
  add: (name: string, text: string, language?: ScriptLanguage) => number;
  /** Adds a Python script and asks the workbench to run it. */
  addAndRun: (name: string, text: string) => number;
  /** The workbench took the run request. */
  ranOnOpen: () => void;
  setText: (id: number, text: string) => void;
  rename: (id: number, name: string) => void;
  remove: (id: number) => void;
  setOptions: (change: Partial<RunOptions>) => void;
}

const FIRST: Script = { id: 1, name: 'script 1', text: '', language: 'redis' };

export const useWorkbench = create<WorkbenchState>()(
  persist(
    (set, get) => ({
      scripts: [FIRST],
      active: 1,
      nextId: 2,
      options: { mode: 'each', stopOnError: true, client: 'own' },
      runOnOpen: null,
      select(active) {
        set({ active });
      },
      add(name, text, language = 'redis') {
        const id = get().nextId;
        set((s) => ({ scripts: [...s.scripts, { id, name, text, language }], active: id, nextId: id + 1 }));
        return id;
      },
      addAndRun(name, text) {
        const id = get().add(name, text, 'python');
        set({ runOnOpen: id });
        return id;
      },
      ranOnOpen() {
        set({ runOnOpen: null });
      },
      setText(id, text) {
        set((s) => ({ scripts: s.scripts.map((x) => (x.id === id ? { ...x, text } : x)) }));
      },
      rename(id, name) {
        set((s) => ({ scripts: s.scripts.map((x) => (x.id === id ? { ...x, name } : x)) }));
      },
      remove(id) {
        set((s) => {
          if (s.scripts.length <= 1) return s; // one script always stays
          const i = s.scripts.findIndex((x) => x.id === id);
          const scripts = s.scripts.filter((x) => x.id !== id);
          const active = s.active === id ? scripts[Math.min(Math.max(i, 0), scripts.length - 1)]!.id : s.active;
          return { scripts, active };
        });
      },
      setOptions(change) {
        set((s) => ({ options: { ...s.options, ...change } }));
      },
    }),
    {
      name: 'redis-playground:workbench',
      version: 1,
      // A terminal tab's connection is not kept across reloads: the choice goes back to our own.
      partialize: (s) => ({ scripts: s.scripts, active: s.active, nextId: s.nextId, options: { ...s.options, client: 'own' as const } }),
    },
  ),
);

/** The words a script's given name starts with, in each of the page's languages. */
export const SCRIPT_BASES = ['script', '스크립트'] as const;

/**
 * A given name ("script 1") in the page's language ("스크립트 1"), or null when the name is the
 * person's own or already in that language.
 */
export function localizedName(name: string, base: string): string | null {
  const m = /^(\S+) (\d+)$/.exec(name);
  if (!m || !(SCRIPT_BASES as readonly string[]).includes(m[1]!) || m[1] === base) return null;
  return `${base} ${m[2]}`;
}

/** A name for a new script not yet taken ("script 2", ...). */
export function freshScriptName(scripts: readonly Script[], base = 'script'): string {
  const taken = new Set(scripts.map((s) => s.name));
  for (let n = scripts.length + 1; ; n++) if (!taken.has(`${base} ${n}`)) return `${base} ${n}`;
}
