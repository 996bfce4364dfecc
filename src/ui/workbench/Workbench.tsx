// The workbench panel: named scripts in a Monaco editor, run on the workbench's own connection
// or a terminal tab's, each command's reply as a card printed as the terminal prints it. This
// module (with Monaco) is a chunk of its own, fetched when the panel is first opened.

import { useCallback, useEffect, useRef, useState, type ChangeEvent } from 'react';
import { CliSession } from '../../cli/session.js';
import { useUi } from '../../store/ui-store.js';
import { freshScriptName, localizedName, useWorkbench, type RunMode } from '../../store/workbench-store.js';
import { engine } from '../engine-client.js';
import { commandRan } from '../commands-heard.js';
import { useUiStrings } from '../strings.js';
import { terminalFor } from '../terminal/terminals.js';
import { WorkbenchConnection } from './connection.js';
import { REDIS_LANGUAGE, registerRedisLanguage } from './language.js';
import { registerPythonCompletion } from './python-language.js';
import { monaco, monacoTheme } from './monaco.js';
import { PythonConsole, PythonToolbar, usePython } from './python.js';
import { unavailable } from './unavailable.js';
import { runScript, scriptLines, type Card, type RunTarget, type ScriptLine } from './runner.js';
import { exportScript, importScript, scriptFileName, scriptNameOf } from './script-file.js';
import { useWorkbenchStrings, type WorkbenchStrings } from './strings.js';
import { tableOf } from './table.js';
import './workbench.css';

type Editor = ReturnType<typeof monaco.editor.create>;
type Model = ReturnType<typeof monaco.editor.createModel>;

/** A terminal tab's connection as a run target (the tab's prompt follows what ran). */
function tabTarget(tabId: number): RunTarget {
  return {
    async send(argv) {
      const session = terminalFor(tabId).session;
      const result = await session.runFor(argv);
      return { replies: result.replies, resp: result.resp, truncated: result.truncated };
    },
  };
}

interface Run {
  cards: Card[];
  running: boolean;
  /** Bumped by each run: keys of its cards. */
  serial: number;
}

export function Workbench() {
  const ui = useUiStrings();
  const w = useWorkbenchStrings();
  const theme = useUi((s) => s.theme);
  const tabs = useUi((s) => s.tabs);
  const scripts = useWorkbench((s) => s.scripts);
  const active = useWorkbench((s) => s.active);
  const options = useWorkbench((s) => s.options);
  const wb = useWorkbench.getState();
  const script = scripts.find((s) => s.id === active) ?? scripts[0]!;
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<Editor | null>(null);
  const models = useRef(new Map<number, Model>());
  const [run, setRun] = useState<Run>({ cards: [], running: false, serial: 0 });
  // Whether Tab leaves the editor (Ctrl+M): shown under it, so a keyboard user sees the way out.
  const [tabMoves, setTabMoves] = useState(false);
  const stop = useRef(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const runRef = useRef<(which: 'all' | 'line' | 'from') => void>(() => undefined);
  /** A script made with New, New Python or Import: its editor takes the keyboard when shown. */
  const focusNew = useRef(false);
  const python = usePython(w);
  const isPython = script.language === 'python';
  const runOnOpen = useWorkbench((s) => s.runOnOpen);
  // Monaco reads its label when it is made; later words go through updateOptions below.
  const label = useRef(w.editor);
  label.current = w.editor;
  // The panel's own connection, made when it first runs something and closed with the panel.
  // Its commands reach the lessons the way a terminal's do (commands-heard.ts).
  const own = useRef<WorkbenchConnection | null>(null);
  const ownConnection = () => (own.current ??= new WorkbenchConnection(engine, (ran) => commandRan('workbench', ran)));
  useEffect(
    () => () => {
      own.current?.dispose();
      own.current = null;
    },
    [],
  );
  /** The database the workbench runs in: its own connection's, or the chosen terminal tab's. */
  const workbenchDb = useRef(() => {
    const client = useWorkbench.getState().options.client;
    if (client === 'own') return own.current?.db ?? 0;
    return useUi.getState().tabs.find((t) => t.id === client)?.db ?? 0;
  }).current;

  // The editor, once: the language needs the command table the worker sends with `ready`.
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    let disposed = false;
    let unregister: () => void = () => undefined;
    const ed = monaco.editor.create(el, {
      model: null,
      theme: monacoTheme(useUi.getState().theme),
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 14,
      fontFamily: "ui-monospace, 'DejaVu Sans Mono', 'Noto Sans KR', Menlo, Consolas, monospace",
      lineNumbersMinChars: 3,
      scrollBeyondLastLine: false,
      wordWrap: 'on',
      placeholder: 'SET greeting "hello"',
      ariaLabel: label.current,
      accessibilitySupport: 'auto',
      // The textarea input, not Chromium's EditContext: with EditContext, Tab never left the
      // editor even in Tab-moves-focus mode (Ctrl+M), a keyboard trap.
      editContext: false,
      // Enter takes a suggestion only when it changes the text: "import redis" typed in full and
      // then Enter is a new line, not the word the list offered again.
      acceptSuggestionOnEnter: 'smart',
    });
    editor.current = ed;
    performance.mark('workbench-editor');
    // Ctrl/Cmd+Enter: the line or the selection; with Shift: the whole script.
    ed.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => runRef.current('line'));
    ed.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyMod.Shift | monaco.KeyCode.Enter, () => runRef.current('all'));
    // Ctrl+M (Monaco's Tab-moves-focus mode): Tab and Shift+Tab leave the editor for the page's
    // next or previous control. Monaco's mode stops the indent but, here, kept the key from
    // moving focus, a keyboard trap; the move is made here.
    // Followed here from the key itself: Monaco's own state changes a moment after the key.
    let tabMoves = ed.getOption(monaco.editor.EditorOption.tabFocusMode);
    setTabMoves(tabMoves);
    const tabOut = ed.onKeyDown((e) => {
      // Ctrl+M, or Ctrl+Shift+M on a Mac (Monaco's binding there).
      if (e.keyCode === monaco.KeyCode.KeyM && e.ctrlKey && !e.altKey && !e.metaKey && e.shiftKey === /Mac/.test(navigator.platform)) {
        tabMoves = !tabMoves;
        setTabMoves(tabMoves);
        return;
      }
      if (e.keyCode !== monaco.KeyCode.Tab || e.ctrlKey || e.altKey || e.metaKey || !tabMoves) return;
      const next = neighbourControl(el, e.shiftKey ? -1 : 1);
      if (!next) return;
      e.preventDefault();
      e.stopPropagation();
      next.focus();
    });
    // Python's completion needs nothing from the engine: our package's methods are in the chunk.
    const unregisterPython = registerPythonCompletion(monaco);
    void engine.ready.then(() => {
      if (!disposed)
        unregister = registerRedisLanguage(monaco, engine.commands, {
          keys: (prefix) => engine.scanKeys(workbenchDb(), prefix, { limit: 100 }).then((r) => r.keys),
        });
    });
    const changes = ed.onDidChangeModelContent(() => {
      const m = ed.getModel();
      const id = [...models.current].find(([, model]) => model === m)?.[0];
      if (id !== undefined && m) useWorkbench.getState().setText(id, m.getValue());
    });
    // The panel itself is focused by Alt+4 (focusPanel): focus goes on into the editor, now if
    // the panel was focused while Monaco loaded, else whenever the panel gets it.
    const panel = el.closest<HTMLElement>('#workbench');
    const passOn = (e: FocusEvent) => {
      if (e.target === panel) ed.focus();
    };
    panel?.addEventListener('focus', passOn);
    const owned = models.current;
    return () => {
      disposed = true;
      panel?.removeEventListener('focus', passOn);
      changes.dispose();
      tabOut.dispose();
      unregister();
      unregisterPython();
      ed.dispose();
      for (const m of owned.values()) m.dispose();
      owned.clear();
      editor.current = null;
    };
    // workbenchDb is the same function for the panel's life (a ref's first value).
  }, [workbenchDb]);

  // The active script's model (one a script, so each keeps its undo history).
  useEffect(() => {
    const ed = editor.current;
    if (!ed) return;
    let model = models.current.get(script.id);
    if (!model) {
      model = monaco.editor.createModel(script.text, script.language === 'python' ? 'python' : REDIS_LANGUAGE);
      models.current.set(script.id, model);
    } else if (model.getValue() !== script.text) {
      model.setValue(script.text); // changed outside the editor (an import, another tab)
    }
    if (ed.getModel() !== model) ed.setModel(model);
    // The panel was focused (Alt+4) while Monaco loaded, or a new script was just made: the
    // editor takes the keyboard now.
    if (document.activeElement === host.current?.closest('#workbench') || focusNew.current) ed.focus();
    focusNew.current = false;
  }, [script.id, script.text, script.language]);

  useEffect(() => monaco.editor.setTheme(monacoTheme(theme)), [theme]);
  // Given names ("script 1") follow the page's language; a name the person chose stays.
  useEffect(() => {
    for (const s of useWorkbench.getState().scripts) {
      const name = localizedName(s.name, w.scriptBase);
      if (name !== null) useWorkbench.getState().rename(s.id, name);
    }
  }, [w.scriptBase]);
  useEffect(
    () =>
      editor.current?.updateOptions({ ariaLabel: isPython ? w.pythonEditor : w.editor, placeholder: isPython ? 'print(r.ping())' : 'SET greeting "hello"' }),
    [w, isPython],
  );

  const runPython = python.run;
  const start = useCallback(
    (which: 'all' | 'line' | 'from') => {
      const ed = editor.current;
      const model = ed?.getModel();
      if (!ed || !model) return;
      // The signature help of the line just typed would cover the run options and the results.
      ed.trigger('run', 'closeParameterHints', null);
      const text = model.getValue();
      // A Python program runs whole, whichever key asked.
      if (model.getLanguageId() === 'python') {
        if (!python.state.running) runPython(text, `${script.name}.py`);
        return;
      }
      if (run.running) return;
      const sel = ed.getSelection();
      const cursor = ed.getPosition()?.lineNumber ?? 1;
      let lines: ScriptLine[];
      if (which === 'all') lines = scriptLines(text);
      else if (which === 'from') lines = scriptLines(text, cursor);
      else if (sel && !sel.isEmpty())
        lines = scriptLines(
          text,
          sel.startLineNumber,
          sel.endColumn === 1 && sel.endLineNumber > sel.startLineNumber ? sel.endLineNumber - 1 : sel.endLineNumber,
        );
      else lines = scriptLines(text, cursor, cursor);
      if (lines.length === 0) return;
      const client = options.client;
      const target = client === 'own' || !useUi.getState().tabs.some((x) => x.id === client) ? ownConnection() : tabTarget(client);
      const cli = new CliSession({ specs: engine.commands, mode: client !== 'own' && useUi.getState().tabs.find((x) => x.id === client)?.raw ? 'raw' : 'tty' });
      stop.current = false;
      const serial = run.serial + 1;
      setRun({ cards: [], running: true, serial });
      const cards: Card[] = [];
      void runScript(
        lines,
        target,
        cli,
        { mode: options.mode, stopOnError: options.stopOnError },
        (card) => {
          cards.push(card);
          setRun({ cards: [...cards], running: true, serial });
        },
        () => stop.current,
      )
        .catch(() => undefined)
        .finally(() => setRun({ cards: [...cards], running: false, serial }));
    },
    [options, run.running, run.serial, python.state.running, runPython, script.name],
  );
  runRef.current = start;

  // A lesson's "Run in Python": the script it added runs once the editor shows it.
  useEffect(() => {
    if (runOnOpen === null || runOnOpen !== script.id || !editor.current?.getModel()) return;
    useWorkbench.getState().ranOnOpen();
    runRef.current('all');
  }, [runOnOpen, script.id, script.text]);

  const stopRun = () => {
    stop.current = true;
    own.current?.interrupt();
  };

  const newScript = (name: string, text: string, language?: 'python') => {
    focusNew.current = true;
    wb.add(name, text, language);
  };

  const onImport = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    newScript(scriptNameOf(file.name), importScript(await file.text()));
  };

  const onExport = () => {
    const blob = new Blob([exportScript(script.text)], { type: 'text/plain' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = scriptFileName(script.name);
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 0);
  };

  const errors = run.cards.filter((c) => c.error).length;
  return (
    <div className="wb">
      <div className="wb-head">
        <h2 id="wb-heading">{ui.workbench}</h2>
        <select className="wb-field" value={script.id} onChange={(e) => wb.select(Number(e.target.value))} aria-label={w.script}>
          {scripts.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
        <input className="wb-name" aria-label={w.scriptName} value={script.name} onChange={(e) => wb.rename(script.id, e.target.value)} />
        <button className="tool" title={w.newScriptTitle} onClick={() => newScript(freshScriptName(scripts, w.scriptBase), '')}>
          {w.newScript}
        </button>
        <button className="tool" title={w.newPythonTitle} onClick={() => newScript(freshScriptName(scripts, w.scriptBase), '', 'python')}>
          {w.newPython}
        </button>
        <button className="tool" title={w.deleteScriptTitle} {...unavailable(scripts.length <= 1)} onClick={() => scripts.length > 1 && wb.remove(script.id)}>
          {w.deleteScript}
        </button>
        <button className="tool" title={w.importTitle} onClick={() => fileInput.current?.click()}>
          {w.importScript}
        </button>
        <input ref={fileInput} type="file" accept=".redis,.txt,text/plain" hidden onChange={(e) => void onImport(e)} />
        <button className="tool" title={w.exportTitle} onClick={onExport}>
          {w.exportScript}
        </button>
      </div>
      {isPython ? (
        <PythonToolbar w={w} state={python.state} onRun={() => start('all')} onStop={python.stop} />
      ) : (
        <div className="wb-toolbar">
          <button className="tool primary" title={w.runAllTitle} {...unavailable(run.running)} onClick={() => start('all')}>
            {w.runAll}
          </button>
          <button className="tool" title={w.runLineTitle} {...unavailable(run.running)} onClick={() => start('line')}>
            {w.runLine}
          </button>
          <button className="tool" title={w.runFromTitle} {...unavailable(run.running)} onClick={() => start('from')}>
            {w.runFrom}
          </button>
          <button className="tool" title={w.stopTitle} {...unavailable(!run.running)} onClick={() => run.running && stopRun()}>
            {w.stop}
          </button>
          <label className="wb-field">
            {w.mode}{' '}
            <select className="wb-mode" value={options.mode} onChange={(e) => wb.setOptions({ mode: e.target.value as RunMode })}>
              <option value="each">{w.modeEach}</option>
              <option value="pipeline">{w.modePipeline}</option>
              <option value="multi">{w.modeMulti}</option>
            </select>
          </label>
          <label className="wb-field toggle">
            <input
              type="checkbox"
              checked={options.stopOnError}
              disabled={options.mode !== 'each'}
              onChange={(e) => wb.setOptions({ stopOnError: e.target.checked })}
            />
            {w.stopOnError}
          </label>
          <label className="wb-field">
            {w.client}{' '}
            <select
              className="wb-client"
              value={String(options.client)}
              onChange={(e) => wb.setOptions({ client: e.target.value === 'own' ? 'own' : Number(e.target.value) })}
            >
              <option value="own">{w.ownClient}</option>
              {tabs.map((tab) => (
                <option key={tab.id} value={tab.id}>
                  {w.tabClient(tab.title)}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      <div className="wb-editor" ref={host} />
      <p className={`wb-keys muted${tabMoves ? ' on' : ''}`}>{tabMoves ? w.keysTabMoves : w.keys}</p>
      {isPython ? (
        <PythonConsole w={w} state={python.state} onClear={python.clear} />
      ) : (
        <>
          <div className="wb-results-head">
            <h3>{w.results}</h3>
            <span className="muted" aria-live="polite">
              {!run.running && run.cards.length > 0 ? w.ran(run.cards.filter((c) => c.argv !== null).length, errors) : ''}
            </span>
            <button
              className="tool"
              {...unavailable(run.cards.length === 0 || run.running)}
              onClick={() => run.cards.length > 0 && !run.running && setRun({ cards: [], running: false, serial: run.serial })}
            >
              {w.clear}
            </button>
          </div>
          {/* Focusable: a keyboard scrolls a long reply with the arrow keys. */}
          <ol className="wb-results" aria-label={w.results} aria-live="polite" aria-relevant="additions" tabIndex={0}>
            {run.cards.length === 0 && <li className="muted wb-empty">{w.noResults}</li>}
            {run.cards.map((card, i) => (
              <ResultCard key={`${run.serial}-${i}`} card={card} w={w} />
            ))}
          </ol>
        </>
      )}
    </div>
  );
}

/** The page's next (1) or previous (-1) keyboard-focusable control outside `from`, in tab order. */
function neighbourControl(from: HTMLElement, direction: 1 | -1): HTMLElement | null {
  const all = [...document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])')].filter(
    (x) => !x.matches(':disabled, [hidden], [type="hidden"], [tabindex="-1"]') && x.getClientRects().length > 0 && !from.contains(x),
  );
  const after = all.filter((x) => (from.compareDocumentPosition(x) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0);
  const before = all.filter((x) => (from.compareDocumentPosition(x) & Node.DOCUMENT_POSITION_PRECEDING) !== 0);
  return (direction === 1 ? after[0] : before.at(-1)) ?? null;
}

function ResultCard({ card, w }: { card: Card; w: WorkbenchStrings }) {
  const [asTable, setAsTable] = useState(false);
  const table = card.argv ? tableOf(card.reply, card.argv, card.resp) : null;
  const note =
    card.note === 'unsupported'
      ? w.unsupported
      : card.note === 'truncated'
        ? w.truncated
        : card.note === 'lost'
          ? w.lost
          : card.note === 'exec'
            ? w.inExec
            : null;
  return (
    <li className={`wb-card${card.error ? ' error' : ''}`}>
      <div className="wb-card-head">
        <span className="wb-line">{w.line(card.line)}</span>
        <code className="wb-source">{card.source.trim()}</code>
        {/* The time and the view toggle keep together at the right when a narrow card wraps. */}
        <span className="wb-card-meta">
          {card.ms !== null && <span className="muted wb-ms">{w.took(card.ms.toFixed(card.ms < 10 ? 2 : 0))}</span>}
          {table && (
            <button className="tool wb-view" aria-pressed={asTable} onClick={() => setAsTable(!asTable)}>
              {asTable ? w.asText : w.asTable}
            </button>
          )}
        </span>
      </div>
      {note && <p className="muted wb-note">{note}</p>}
      {asTable && table ? (
        <table className="wb-table">
          <thead>
            <tr>
              {table.columns.map((c) => (
                <th key={c} scope="col">
                  {w.columns[c]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, i) => (
              <tr key={i}>
                {row.map((c, j) => (
                  <td key={j}>{c}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        card.output !== '' && <pre className="wb-output">{card.output.replace(/\n$/, '')}</pre>
      )}
    </li>
  );
}
