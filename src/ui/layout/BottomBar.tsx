// A phone's bottom bar: one panel fills the screen at a time, and these buttons pick it. Hidden
// by layout.css on larger screens, where every panel has its own place.

import { useUi, type PhonePanel } from '../../store/ui-store.js';
import { useUiStrings } from '../strings.js';
import './layout.css';

const GLYPHS: Record<PhonePanel, string> = { lessons: '☰', terminals: '>_', workbench: '✎', inspector: '⊞' };

export function BottomBar() {
  const panel = useUi((s) => s.phonePanel);
  const show = useUi((s) => s.showPhonePanel);
  // aria-controls must name an element on the page: the workbench is there once first opened.
  const workbenchOpen = useUi((s) => s.workbenchOpen);
  const t = useUiStrings();
  const labels: Record<PhonePanel, string> = { lessons: t.lessons, terminals: t.terminals, workbench: t.workbench, inspector: t.inspector };
  return (
    <nav className="bottom-bar" aria-label={t.panels}>
      {(['lessons', 'terminals', 'workbench', 'inspector'] as const).map((p) => (
        <button
          key={p}
          className="bottom-tab"
          aria-pressed={panel === p}
          aria-controls={p !== 'workbench' || workbenchOpen ? p : undefined}
          data-panel={p}
          onClick={() => show(p)}
        >
          <span className="bottom-glyph" aria-hidden="true">
            {GLYPHS[p]}
          </span>
          {labels[p]}
        </button>
      ))}
    </nav>
  );
}
