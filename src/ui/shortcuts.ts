// The page's own keyboard shortcuts. One definition serves the window's listener and the
// terminals, which would otherwise swallow these keys (focus is in a terminal most of the time).

import { useEffect } from 'react';
import { useUi } from '../store/ui-store.js';

export type Panel = 'lessons' | 'terminals' | 'inspector' | 'workbench';
export type Shortcut = Panel | 'help';

const PANEL_KEYS: Record<string, Panel> = { Digit1: 'lessons', Digit2: 'terminals', Digit3: 'inspector', Digit4: 'workbench' };

/**
 * Which of the page's shortcuts a key event is, if any. Keys are matched by e.code (the key's
 * place on the keyboard): on macOS Option+1 types "¡", so e.key would never be "1". None of
 * these is bound by the terminal's line editor, which uses Alt only with B and F (by word).
 */
export function shortcutOf(e: KeyboardEvent): Shortcut | null {
  // Ctrl+Alt is AltGr on Windows keyboards: that types characters, it is not a shortcut.
  if (e.ctrlKey || e.metaKey) return null;
  if (e.code === 'F1' && !e.altKey && !e.shiftKey) return 'help';
  if (!e.altKey) return null;
  // Alt+/ and Alt+? (Shift+/ on many layouts) both open the list.
  if (e.code === 'Slash') return 'help';
  return e.shiftKey ? null : (PANEL_KEYS[e.code] ?? null);
}

/** Opens a panel if it is closed and moves keyboard focus into it once it is on the page. */
export function focusPanel(panel: Panel): void {
  const ui = useUi.getState();
  // On a phone one panel shows at a time: the bottom bar's choice follows the shortcut too.
  ui.showPhonePanel(panel);
  if (panel === 'lessons' && !ui.lessonsOpen) ui.toggleLessons();
  if (panel === 'inspector' && !ui.inspectorOpen) ui.toggleInspector();
  // (Picking the workbench on a phone has just opened it: asked afresh.)
  if (panel === 'workbench' && !useUi.getState().workbenchOpen) ui.toggleWorkbench();
  // React renders a panel just opened within a frame or two; a few frames are allowed for it.
  const attempt = (left: number) => {
    const el = document.getElementById(panel);
    // The workbench's panel passes its focus on to the editor (now, or once Monaco is up).
    const target = panel === 'terminals' ? el?.querySelector<HTMLElement>('.terminal-box:not([hidden]) textarea') : el;
    if (target) target.focus();
    else if (left > 0) requestAnimationFrame(() => attempt(left - 1));
  };
  requestAnimationFrame(() => attempt(10));
}

/** Listens for the page's shortcuts anywhere on the page; `help` opens the list of keys. */
export function useShortcuts(help: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const shortcut = shortcutOf(e);
      // Behind a modal dialog the panels cannot take focus: the dialog is closed first.
      if (!shortcut || document.querySelector('dialog:modal')) return;
      e.preventDefault();
      if (shortcut === 'help') help();
      else focusPanel(shortcut);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [help]);
}
