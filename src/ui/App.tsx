import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { useLessons } from '../store/lesson-store.js';
import { useUi } from '../store/ui-store.js';
import { ClockBanner } from './ClockBanner.js';
import { engine } from './engine-client.js';
import { OWNER_GONE } from '../worker/client.js';
import { firstPromptShown } from './first-prompt.js';
import { LessonsPanel } from './lessons/LessonsPanel.js';
import { BottomBar } from './layout/BottomBar.js';
import { EngineLoading } from './layout/EngineLoading.js';
import { useScreenKind, useVisibleHeight } from './layout/screen.js';
import { TabBar } from './terminal/TabBar.js';
import { TerminalPane } from './terminal/TerminalPane.js';
import { setTerminalLabels, setTerminalTheme } from './terminal/terminals.js';
import { focusPanel, useShortcuts, type Panel } from './shortcuts.js';
import { UI_STRINGS } from './strings.js';

// Not needed for typing: fetched once the first prompt takes input.
const Inspector = lazy(() => firstPromptShown.then(() => import('./inspector/Inspector.js')).then((m) => ({ default: m.Inspector })));

// Opened with F1 or its button: fetched when first asked for.
const ShortcutsDialog = lazy(() => import('./ShortcutsDialog.js').then((m) => ({ default: m.ShortcutsDialog })));
// Only a tab that does not own the stored data fetches what says so.
const StorageBanner = lazy(() => import('./StorageBanner.js').then((m) => ({ default: m.StorageBanner })));
const ElsewhereBanner = lazy(() => import('./ElsewhereBanner.js').then((m) => ({ default: m.ElsewhereBanner })));
const UnreadableBanner = lazy(() => import('./UnreadableBanner.js').then((m) => ({ default: m.UnreadableBanner })));
// Only an address that carries a shared playground fetches its dialog.
const SharedLinkDialog = lazy(() => import('./SharedLinkDialog.js').then((m) => ({ default: m.SharedLinkDialog })));

// The workbench and Monaco: a chunk of their own, fetched when the panel is first opened (and
// never ahead of the first prompt, when a reload finds it open).
const Workbench = lazy(() => firstPromptShown.then(() => import('./workbench/Workbench.js')).then((m) => ({ default: m.Workbench })));

export function App() {
  const theme = useUi((s) => s.theme);
  const tabs = useUi((s) => s.tabs);
  const active = useUi((s) => s.activeTab);
  const layout = useUi((s) => s.layout);
  const lessonsOpen = useUi((s) => s.lessonsOpen);
  const inspectorOpen = useUi((s) => s.inspectorOpen);
  const workbenchOpen = useUi((s) => s.workbenchOpen);
  const status = useUi((s) => s.engine);
  const locale = useLessons((s) => s.locale);
  const t = UI_STRINGS[locale];
  const { toggleTheme, toggleLessons, toggleInspector, toggleWorkbench, setEngine } = useUi.getState();
  const activeDb = tabs.find((t) => t.id === active)?.db ?? 0;
  // A phone shows one panel at a time (the bottom bar picks it), so every panel stays mounted.
  const phone = useScreenKind() === 'phone';
  const phonePanel = useUi((s) => s.phonePanel);
  const showLessons = lessonsOpen || phone;
  const showInspector = inspectorOpen || phone;
  useVisibleHeight();

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    setTerminalTheme(theme);
  }, [theme]);

  useEffect(() => {
    document.documentElement.lang = locale;
    setTerminalLabels({ input: UI_STRINGS[locale].terminalInput, tooMuchOutput: UI_STRINGS[locale].terminalTooMuchOutput });
  }, [locale]);

  useEffect(() => {
    void engine.ready.then(() => setEngine({ kind: 'ready' }));
    return engine.onRestart((reason) => {
      setEngine({ kind: 'restarted', reason });
      // The new worker's clock is the one of its autosave.
      void engine.ready
        .then(() => engine.clock('read'))
        .then(
          (state) => useUi.getState().setClock(state),
          () => undefined,
        );
    });
  }, [setEngine]);

  // Alt+1 lessons, Alt+2 terminal, Alt+3 inspector, Alt+/ or F1 the list of keys.
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  // The browser refused to store the data: said once, until dismissed.
  const [storageFailed, setStorageFailed] = useState<string | null>(null);
  useEffect(() => {
    const seen = (reason: string) => setStorageFailed((shown) => (shown === null ? reason : shown));
    if (engine.storageFailed !== null) seen(engine.storageFailed);
    return engine.onStorageFailed(seen);
  }, []);
  const [storageDismissed, setStorageDismissed] = useState(false);
  // A tab of an older version of the site owns the stored data, or the stored data could not be
  // loaded (each worker says it in `ready`).
  const [elsewhere, setElsewhere] = useState(false);
  const [unreadable, setUnreadable] = useState(false);
  useEffect(() => {
    const read = () =>
      void engine.ready.then(() => {
        setElsewhere(engine.elsewhere);
        setUnreadable(engine.unreadable !== null);
      });
    read();
    return engine.onRestart(read);
  }, []);
  // A shared playground in the address, at load or pasted into it later (a same-page navigation).
  const [shareHash, setShareHash] = useState(() => (location.hash.startsWith('#share=') ? location.hash : null));
  useEffect(() => {
    const onHash = () => {
      if (location.hash.startsWith('#share=')) setShareHash(location.hash);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const openShortcuts = useCallback(() => setShortcutsOpen(true), []);
  useShortcuts(openShortcuts);
  // A dump.rdb or an AOF dropped anywhere on the page loads as if picked in the inspector.
  const [dropped, setDropped] = useState<string | null>(null);
  const dropFiles = (files: File[]) =>
    void Promise.all([import('./load-files.js'), import('./late-strings.js')])
      .then(([m, s]) => m.loadDataFiles(files, s.LATE_STRINGS[locale]))
      .then((said) => said !== null && setDropped(said));

  return (
    <div
      className={`app${showLessons ? ' with-lessons' : ''}${showInspector ? ' with-inspector' : ''}${workbenchOpen ? ' with-workbench' : ''}`}
      data-panel={phonePanel}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) e.preventDefault();
      }}
      onDrop={(e) => {
        if (e.dataTransfer.files.length === 0) return;
        e.preventDefault();
        dropFiles([...e.dataTransfer.files]);
      }}
    >
      <header className="topbar">
        <h1>
          <span className="logo" aria-hidden="true">
            &gt;_
          </span>{' '}
          Redis Playground
        </h1>
        <nav aria-label={t.panels}>
          <PanelButton panel="lessons" open={lessonsOpen} toggle={toggleLessons} label={t.lessons} title={t.lessonsTitle} />
          <PanelButton panel="inspector" open={inspectorOpen} toggle={toggleInspector} label={t.inspector} title={t.inspectorTitle} />
          <PanelButton panel="workbench" open={workbenchOpen} toggle={toggleWorkbench} label={t.workbench} title={t.workbenchTitle} />
          <button className="tool" onClick={toggleTheme} title={t.themeTitle}>
            {theme === 'dark' ? t.lightTheme : t.darkTheme}
          </button>
          <button className="tool" aria-haspopup="dialog" aria-label={t.shortcuts} title={t.shortcutsTitle} onClick={openShortcuts}>
            ?
          </button>
        </nav>
      </header>
      <ClockBanner />
      {unreadable && (
        <Suspense fallback={null}>
          <UnreadableBanner />
        </Suspense>
      )}
      {storageFailed !== null && !storageDismissed && (
        <Suspense fallback={null}>
          <StorageBanner reason={storageFailed} dismiss={() => setStorageDismissed(true)} />
        </Suspense>
      )}
      {elsewhere && (
        <Suspense fallback={null}>
          <ElsewhereBanner />
        </Suspense>
      )}
      {dropped !== null && (
        <div className="banner" role="status">
          {dropped}
          <button className="tool" onClick={() => setDropped(null)}>
            {t.dismiss}
          </button>
        </div>
      )}
      {status.kind === 'restarted' && (
        <div className="banner" role="alert">
          {status.reason === OWNER_GONE ? t.ownerGone : t.restarted(status.reason)}
          <button className="tool" onClick={() => setEngine({ kind: 'ready' })}>
            {t.dismiss}
          </button>
        </div>
      )}
      <main className="workspace">
        {showLessons && (
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
            <EngineLoading />
          </div>
        </section>
        {workbenchOpen && (
          <section id="workbench" className="workbench" aria-label={t.workbench} tabIndex={-1}>
            <Suspense fallback={<p className="wb-loading muted">{t.workbenchLoading}</p>}>
              <Workbench />
            </Suspense>
          </section>
        )}
        {showInspector && (
          <aside id="inspector" className="panel inspector" aria-label={t.inspector} tabIndex={-1}>
            <h2>{t.keys}</h2>
            <Suspense fallback={null}>
              <Inspector followDb={activeDb} />
            </Suspense>
          </aside>
        )}
      </main>
      <BottomBar />
      {shortcutsOpen && (
        <Suspense fallback={null}>
          <ShortcutsDialog open onClose={() => setShortcutsOpen(false)} />
        </Suspense>
      )}
      {/* share.ts's prefix, checked here so that the page's first script does not carry share.ts. */}
      {shareHash !== null && (
        <Suspense fallback={null}>
          <SharedLinkDialog key={shareHash} />
        </Suspense>
      )}
    </div>
  );
}

/** A top-bar button for a side panel: closes it when open, otherwise opens and focuses it.
 *  aria-controls only while the panel is on the page: it must name an element that exists. */
function PanelButton(props: { panel: Panel; open: boolean; toggle: () => void; label: string; title: string }) {
  const { panel, open, toggle } = props;
  return (
    <button
      className="tool panel-button"
      aria-pressed={open}
      aria-controls={open ? panel : undefined}
      onClick={() => (open ? toggle() : focusPanel(panel))}
      title={props.title}
    >
      {props.label}
    </button>
  );
}
