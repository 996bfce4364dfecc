// UI state only (the worker owns the data): tabs, layout, theme, panels, the engine's status.
// Preferences and tab names survive a reload (localStorage); connection state does not.

import { create } from 'zustand';
import { persist } from 'zustand/middleware';

export interface TabInfo {
  id: number;
  /** What the tab is called: its client's name (CLIENT SETNAME) once it has one. */
  title: string;
  /** The database its client has selected, and whether it is inside MULTI. */
  db: number;
  inMulti: boolean;
  /** `redis-cli --raw` instead of the tty format. */
  raw: boolean;
  /** The server it connects to when not the first (6379): the second server's port. */
  port?: number;
}

export type Theme = 'light' | 'dark';
export type Layout = 'tabs' | 'split';
/** The engine's shared clock as last reported; `version` grows with each change people made. */
export interface ClockInfo {
  paused: boolean;
  ahead: number;
  version: number;
}

/** On a phone one panel fills the screen at a time; the bottom bar picks it. */
export type PhonePanel = 'lessons' | 'terminals' | 'workbench' | 'inspector';

export type EngineStatus = { kind: 'starting' } | { kind: 'ready' } | { kind: 'restarted'; reason: string };

interface UiState {
  tabs: TabInfo[];
  activeTab: number;
  nextTabId: number;
  layout: Layout;
  theme: Theme;
  lessonsOpen: boolean;
  inspectorOpen: boolean;
  /** The workbench (script editor); closed until asked for, so Monaco loads only then. */
  workbenchOpen: boolean;
  phonePanel: PhonePanel;
  engine: EngineStatus;
  clock: ClockInfo;
  /** A new terminal tab, on the first server or the one at `port`; its id. */
  addTab: (port?: number) => number;
  closeTab: (id: number) => void;
  selectTab: (id: number) => void;
  updateTab: (id: number, change: Partial<Omit<TabInfo, 'id'>>) => void;
  setLayout: (layout: Layout) => void;
  toggleTheme: () => void;
  toggleLessons: () => void;
  toggleInspector: () => void;
  toggleWorkbench: () => void;
  showPhonePanel: (panel: PhonePanel) => void;
  setEngine: (status: EngineStatus) => void;
  setClock: (state: { paused: boolean; ahead: number }) => void;
}

/** The title a tab has until it is renamed (shown in the page's language by the tab bar). */
export function defaultTabTitle(id: number): string {
  return `client ${id}`;
}

function newTab(id: number, port?: number): TabInfo {
  return { id, title: defaultTabTitle(id), db: 0, inMulti: false, raw: false, ...(port !== undefined ? { port } : {}) };
}

function preferredTheme(): Theme {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
}

export const useUi = create<UiState>()(
  persist(
    (set, get) => ({
      tabs: [newTab(1)],
      activeTab: 1,
      nextTabId: 2,
      layout: 'tabs',
      theme: preferredTheme(),
      lessonsOpen: true,
      inspectorOpen: true,
      workbenchOpen: false,
      // The terminal first: its welcome line says where to start (not kept across reloads).
      phonePanel: 'terminals',
      engine: { kind: 'starting' },
      clock: { paused: false, ahead: 0, version: 0 },
      addTab(port) {
        const id = get().nextTabId;
        set((s) => ({ tabs: [...s.tabs, newTab(id, port)], activeTab: id, nextTabId: id + 1 }));
        return id;
      },
      closeTab(id) {
        set((s) => {
          if (s.tabs.length <= 1) return s; // the last terminal stays
          const i = s.tabs.findIndex((t) => t.id === id);
          if (i === -1) return s;
          const tabs = s.tabs.filter((t) => t.id !== id);
          const activeTab = s.activeTab === id ? tabs[Math.min(i, tabs.length - 1)]!.id : s.activeTab;
          return { tabs, activeTab };
        });
      },
      selectTab(id) {
        set({ activeTab: id });
      },
      updateTab(id, change) {
        set((s) => ({ tabs: s.tabs.map((t) => (t.id === id ? { ...t, ...change } : t)) }));
      },
      setLayout(layout) {
        set({ layout });
      },
      toggleTheme() {
        set((s) => ({ theme: s.theme === 'dark' ? 'light' : 'dark' }));
      },
      toggleLessons() {
        set((s) => ({ lessonsOpen: !s.lessonsOpen }));
      },
      toggleInspector() {
        set((s) => ({ inspectorOpen: !s.inspectorOpen }));
      },
      toggleWorkbench() {
        set((s) => ({ workbenchOpen: !s.workbenchOpen }));
      },
      showPhonePanel(phonePanel) {
        // A phone mounts the workbench once it is first picked, and keeps it from then on.
        set((s) => ({ phonePanel, workbenchOpen: s.workbenchOpen || phonePanel === 'workbench' }));
      },
      setEngine(engine) {
        set({ engine });
      },
      setClock({ paused, ahead }) {
        set((s) => ({ clock: { paused, ahead, version: s.clock.version + 1 } }));
      },
    }),
    {
      name: 'redis-playground:ui',
      version: 1,
      // Tabs come back with their names and modes; their connections are new (db 0, no MULTI).
      partialize: (s) => ({
        tabs: s.tabs.map((t) => ({ ...t, db: 0, inMulti: false })),
        activeTab: s.activeTab,
        nextTabId: s.nextTabId,
        layout: s.layout,
        theme: s.theme,
        lessonsOpen: s.lessonsOpen,
        inspectorOpen: s.inspectorOpen,
        workbenchOpen: s.workbenchOpen,
      }),
    },
  ),
);
