import { lazy, Suspense, useEffect } from 'react';
import { useLessons } from '../store/lesson-store.js';
import { useUi } from '../store/ui-store.js';
import { engine } from './engine-client.js';
import { firstPromptShown } from './first-prompt.js';
import { LessonsPanel } from './lessons/LessonsPanel.js';
import { TabBar } from './terminal/TabBar.js';
import { TerminalPane } from './terminal/TerminalPane.js';
import { setTerminalLanguage, setTerminalTheme } from './terminal/terminals.js';
import { UI_STRINGS } from './strings.js';

// Not needed for typing: fetched once the first prompt takes input.
const Inspector = lazy(() => firstPromptShown.then(() => import('./inspector/Inspector.js')).then((m) => ({ default: m.Inspector })));

export function App() {
  const theme = useUi((s) => s.theme);
  const tabs = useUi((s) => s.tabs);
  const active = useUi((s) => s.activeTab);
  const layout = useUi((s) => s.layout);
  const lessonsOpen = useUi((s) => s.lessonsOpen);
  const inspectorOpen = useUi((s) => s.inspectorOpen);
  const status = useUi((s) => s.engine);
  const locale = useLessons((s) => s.locale);
  const t = UI_STRINGS[locale];
  const { toggleTheme, toggleLessons, toggleInspector, setEngine } = useUi.getState();
  const activeDb = tabs.find((t) => t.id === active)?.db ?? 0;

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    setTerminalTheme(theme);
  }, [theme]);

  useEffect(() => {
    document.documentElement.lang = locale;
    setTerminalLanguage(UI_STRINGS[locale]);
  }, [locale]);

  useEffect(() => {
    void engine.ready.then(() => setEngine({ kind: 'ready' }));
    return engine.onRestart((reason) => {
      setEngine({ kind: 'restarted', reason });
      // The new worker's clock is the one of its autosave.
      void engine.ready.then(() => engine.clock('read')).then((state) => useUi.getState().setClock(state), () => undefined);
    });
  }, [setEngine]);

  // Alt+1 lessons, Alt+2 terminal, Alt+3 inspector: every panel is reachable from the keyboard.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const target = { Digit1: 'lessons', Digit2: 'terminals', Digit3: 'inspector' }[e.code];
      if (!target) return;
      e.preventDefault();
      if (target === 'lessons' && !useUi.getState().lessonsOpen) toggleLessons();
      if (target === 'inspector' && !useUi.getState().inspectorOpen) toggleInspector();
      requestAnimationFrame(() => {
        const el = document.getElementById(target);
        const focusable = target === 'terminals' ? el?.querySelector<HTMLElement>('.terminal-box:not([hidden]) textarea') : el;
        focusable?.focus();
      });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [toggleLessons, toggleInspector]);

  return (
    <div className={`app${lessonsOpen ? ' with-lessons' : ''}${inspectorOpen ? ' with-inspector' : ''}`}>
      <header className="topbar">
        <h1>
          <span className="logo" aria-hidden="true">
            &gt;_
          </span>{' '}
          Redis Playground
        </h1>
        <nav aria-label={t.panels}>
          <button className="tool" aria-pressed={lessonsOpen} aria-controls="lessons" onClick={toggleLessons} title={t.lessonsTitle}>
            {t.lessons}
          </button>
          <button className="tool" aria-pressed={inspectorOpen} aria-controls="inspector" onClick={toggleInspector} title={t.inspectorTitle}>
            {t.inspector}
          </button>
          <button className="tool" onClick={toggleTheme} title={t.themeTitle}>
            {theme === 'dark' ? t.lightTheme : t.darkTheme}
          </button>
        </nav>
      </header>
      {status.kind === 'restarted' && (
        <div className="banner" role="alert">
          {t.restarted(status.reason)}
          <button className="tool" onClick={() => setEngine({ kind: 'ready' })}>
            {t.dismiss}
          </button>
        </div>
      )}
      <main className="workspace">
        {lessonsOpen && (
          <aside id="lessons" className="panel lessons" aria-label={t.lessons} tabIndex={-1}>
            <LessonsPanel />
          </aside>
        )}
        <section id="terminals" className="terminals" aria-label={t.terminals}>
          <TabBar />
          <div className={`terminal-grid ${layout}`} data-count={tabs.length}>
            {tabs.map((t) => (
              <TerminalPane key={t.id} tabId={t.id} visible={layout === 'split' || t.id === active} focused={t.id === active} />
            ))}
          </div>
        </section>
        {inspectorOpen && (
          <aside id="inspector" className="panel inspector" aria-label={t.inspector} tabIndex={-1}>
            <h2>{t.keys}</h2>
            <Suspense fallback={null}>
              <Inspector followDb={activeDb} />
            </Suspense>
          </aside>
        )}
      </main>
    </div>
  );
}
