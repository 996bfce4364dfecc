// The list of keyboard shortcuts: the page's own and the terminal's line editing. A modal
// <dialog>: the browser keeps focus inside it and closes it on Escape; focus then goes back to
// where it was (most often the terminal). Its first control, Close, takes focus on opening.

import { useEffect, useRef } from 'react';
import { useLateStrings, type LateStrings } from './late-strings.js';
import { useUiStrings } from './strings.js';

type Action = keyof LateStrings['keyHelp'];

const PAGE_KEYS: readonly (readonly [string, Action])[] = [
  ['Alt+1', 'lessons'],
  ['Alt+2', 'terminal'],
  ['Alt+3', 'inspector'],
  ['Alt+4', 'workbench'],
  ['Alt+/, F1', 'help'],
  ['Esc', 'escape'],
  ['← →', 'tabs'],
  ['F2', 'rename'],
  ['Delete', 'closeTab'],
];

const TERMINAL_KEYS: readonly (readonly [string, Action])[] = [
  ['Ctrl-A, Ctrl-E', 'lineEnds'],
  ['Alt-B, Alt-F', 'words'],
  ['Ctrl-K', 'killEnd'],
  ['Ctrl-U', 'killLine'],
  ['Ctrl-W', 'killWord'],
  ['Ctrl-R', 'search'],
  ['↑ ↓', 'history'],
  ['Tab', 'complete'],
  ['Ctrl-L', 'clear'],
  ['Ctrl-C', 'interrupt'],
];

const WORKBENCH_KEYS: readonly (readonly [string, Action])[] = [
  ['Ctrl+Enter', 'runLine'],
  ['Ctrl+Shift+Enter', 'runAll'],
  ['Ctrl+M', 'tabTrap'],
];

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const t = useLateStrings();
  const ui = useUiStrings();

  useEffect(() => {
    const d = dialog.current;
    if (!d || !open || d.open) return;
    // Chromium gives focus back on close by itself, not every browser does: done here for all.
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    d.showModal();
    const restore = () => before?.isConnected && before.focus();
    d.addEventListener('close', restore, { once: true });
    return () => d.removeEventListener('close', restore);
  }, [open]);

  return (
    <dialog ref={dialog} className="shortcuts" aria-labelledby="shortcuts-heading" onClose={onClose}>
      <div className="shortcuts-head">
        <h2 id="shortcuts-heading">{ui.shortcuts}</h2>
        <button className="tool" onClick={() => dialog.current?.close()}>
          {t.close}
        </button>
      </div>
      <KeyTable caption={t.shortcutsPage} keys={PAGE_KEYS} t={t} />
      <KeyTable caption={t.shortcutsTerminal} keys={TERMINAL_KEYS} t={t} />
      <KeyTable caption={ui.workbench} keys={WORKBENCH_KEYS} t={t} />
    </dialog>
  );
}

function KeyTable({ caption, keys, t }: { caption: string; keys: typeof PAGE_KEYS; t: LateStrings }) {
  return (
    <table className="key-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t.shortcutsKey}</th>
          <th scope="col">{t.shortcutsAction}</th>
        </tr>
      </thead>
      <tbody>
        {keys.map(([keys, action]) => (
          <tr key={action}>
            <td>
              <kbd>{keys}</kbd>
            </td>
            <td>{t.keyHelp[action]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
