// Lesson UI state: which lesson and step are open, the language, and each lesson's progress.
// Progress and the language survive a reload (localStorage); what the learner ran does not.

import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { Locale } from '../lessons/model.js';
import type { Feedback } from '../lessons/session.js';

export interface LessonProgress {
  /** Steps (0-based) whose check passed. */
  done: number[];
  /** The step last shown (0-based). */
  step: number;
  /** Setup ran (the lesson's database was prepared) since the last reset. */
  prepared?: boolean;
}

interface LessonState {
  locale: Locale;
  /** The open lesson, or null for the list. */
  current: string | null;
  progress: Record<string, LessonProgress>;
  /** Why the open step has not passed, for the step it was computed for (`lesson/index`); not kept. */
  feedback: { at: string; feedback: Feedback } | null;
  setFeedback: (feedback: { at: string; feedback: Feedback } | null) => void;
  setLocale: (locale: Locale) => void;
  /** Opens a lesson at a step (default: where the learner left it). */
  open: (id: string, step?: number) => void;
  close: () => void;
  goto: (step: number) => void;
  markDone: (id: string, step: number) => void;
  markPrepared: (id: string) => void;
  /** Forgets a lesson's progress (after a reset). */
  restart: (id: string) => void;
}

export function browserLocale(): Locale {
  const langs = typeof navigator === 'undefined' ? [] : navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const l of langs) {
    const lang = l.toLowerCase();
    if (lang.startsWith('ko')) return 'ko';
    if (lang.startsWith('en')) return 'en';
  }
  return 'en';
}

const empty: LessonProgress = { done: [], step: 0 };

export const useLessons = create<LessonState>()(
  persist(
    (set, get) => ({
      locale: browserLocale(),
      current: null,
      progress: {},
      feedback: null,
      setFeedback(feedback) {
        set({ feedback });
      },
      setLocale(locale) {
        set({ locale });
      },
      open(id, step) {
        const p = get().progress[id] ?? empty;
        set((s) => ({ current: id, progress: { ...s.progress, [id]: { ...p, step: step ?? p.step } } }));
      },
      close() {
        set({ current: null });
      },
      goto(step) {
        const id = get().current;
        if (id === null) return;
        const p = get().progress[id] ?? empty;
        set((s) => ({ progress: { ...s.progress, [id]: { ...p, step } } }));
      },
      markDone(id, step) {
        const p = get().progress[id] ?? empty;
        if (p.done.includes(step)) return;
        set((s) => ({ progress: { ...s.progress, [id]: { ...p, done: [...p.done, step].sort((a, b) => a - b) } } }));
      },
      markPrepared(id) {
        const p = get().progress[id] ?? empty;
        set((s) => ({ progress: { ...s.progress, [id]: { ...p, prepared: true } } }));
      },
      restart(id) {
        set((s) => ({ progress: { ...s.progress, [id]: { done: [], step: 0, prepared: true } } }));
      },
    }),
    {
      name: 'redis-playground:lessons',
      version: 1,
      partialize: (s) => ({ locale: s.locale, current: s.current, progress: s.progress }),
    },
  ),
);

export function progressOf(state: { progress: Record<string, LessonProgress> }, id: string): LessonProgress {
  return state.progress[id] ?? empty;
}
