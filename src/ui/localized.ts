// Each part of the page keeps its words in a table per language (strings.ts, and the lazy
// panels' own strings.ts beside them); this makes the hook that picks the learner's language.

import type { Locale } from '../lessons/model.js';
import { useLessons } from '../store/lesson-store.js';

/** A hook giving `tables`' words in the language picked in the lessons panel. */
export function localized<T>(tables: Readonly<Record<Locale, T>>): () => T {
  return function useLocalized() {
    return tables[useLessons((s) => s.locale)];
  };
}
