// The workbench's Python: a program in the editor run by the browser's Python (Pyodide in a
// worker of its own, src/python), its print output and tracebacks in a console under the editor.
// Pyodide is fetched on the first run only (a progress bar counts its bytes), from our own build.

import { useCallback, useEffect, useRef, useState } from 'react';
import { pyodideAssets } from 'virtual:pyodide-assets';
import { PythonHost, pythonAvailable } from '../../python/host.js';
import { engine } from '../engine-client.js';
import { commandRan, pythonPrinted } from '../commands-heard.js';
import { useUi } from '../../store/ui-store.js';
import type { WorkbenchStrings } from './strings.js';
import { unavailable } from './unavailable.js';

export interface ConsoleLine {
  kind: 'stdout' | 'stderr' | 'note';
  text: string;
}

export interface PythonState {
  lines: ConsoleLine[];
  /** Bytes of Pyodide fetched while it loads the first time. */
  loading: { loaded: number; total: number } | null;
  running: boolean;
  /** How the last run ended. */
  ended: 'ok' | 'error' | null;
}

const IDLE: PythonState = { lines: [], loading: null, running: false, ended: null };

function startWorker(): Worker {
  return new Worker(new URL('../../python/python.worker.ts', import.meta.url), { type: 'module', name: 'python' });
}

/** The panel's Python: made on the first run, ended with the panel. */
export function usePython(w: WorkbenchStrings): { state: PythonState; run: (code: string, filename: string) => void; stop: () => void; clear: () => void } {
  const [state, setState] = useState<PythonState>(IDLE);
  const host = useRef<PythonHost | null>(null);
  const words = useRef(w);
  words.current = w;
  useEffect(
    () => () => {
      host.current?.dispose();
      host.current = null;
    },
    [],
  );
  const append = useCallback((kind: ConsoleLine['kind'], text: string) => {
    setState((s) => {
      const last = s.lines.at(-1);
      // Output comes in pieces: a piece of the same stream continues the last one.
      if (last && last.kind === kind && kind !== 'note') return { ...s, lines: [...s.lines.slice(0, -1), { kind, text: last.text + text }] };
      return { ...s, lines: [...s.lines, { kind, text }] };
    });
  }, []);
  const run = useCallback(
    (code: string, filename: string) => {
      const h = (host.current ??= new PythonHost(engine, startWorker, new URL(pyodideAssets.path, document.baseURI).href, {
        output: (stream, text) => {
          append(stream, text);
          if (stream === 'stdout') pythonPrinted(text);
        },
        progress: (loaded, total) => setState((s) => ({ ...s, loading: { loaded, total } })),
        loaded: (ms) => {
          performance.mark('python-loaded', { detail: ms });
          setState((s) => ({ ...s, loading: null }));
          append('note', words.current.pythonLoaded((ms / 1000).toFixed(1)));
        },
        failed: (message) => append('stderr', words.current.pythonFailed(message) + '\n'),
        connected: (hostName, port) => append('note', words.current.connectedNote(hostName, port)),
        // time.sleep waits real time; a paused engine clock keeps every TTL where it was.
        ran: (handle, argv, replies, resp, db) => commandRan('python', { handle, argv, replies, resp, db }),
        restarted: (why, message) => append('note', why === 'stop' ? words.current.restartedAfterStop : words.current.pythonCrashed(message)),
        missing: (module, pip) => append('note', words.current.missingModuleNote(module, pip)),
        sleeping: () => {
          if (useUi.getState().clock.paused) append('note', words.current.pausedClockNote);
        },
      }));
      setState((s) => ({ ...s, lines: [], running: true, ended: null }));
      void h.run(code, filename).then((ok) => setState((s) => ({ ...s, running: false, loading: null, ended: ok ? 'ok' : 'error' })));
    },
    [append],
  );
  const stop = useCallback(() => host.current?.stop(), []);
  const clear = useCallback(() => setState((s) => ({ ...s, lines: [], ended: null })), []);
  return { state, run, stop, clear };
}

export function PythonToolbar({ w, state, onRun, onStop }: { w: WorkbenchStrings; state: PythonState; onRun: () => void; onStop: () => void }) {
  const available = pythonAvailable();
  return (
    <div className="wb-toolbar">
      <button
        className="tool primary wb-run-python"
        title={w.runPythonTitle}
        {...unavailable(state.running || !available)}
        onClick={() => !state.running && available && onRun()}
      >
        {w.runPython}
      </button>
      <button className="tool" title={w.stopPythonTitle} {...unavailable(!state.running)} onClick={() => state.running && onStop()}>
        {w.stopPython}
      </button>
      {!available && (
        <span className="wb-note muted">
          {w.needsIsolation}{' '}
          <button className="tool" onClick={() => location.reload()}>
            {w.reload}
          </button>
        </span>
      )}
    </div>
  );
}

export function PythonConsole({ w, state, onClear }: { w: WorkbenchStrings; state: PythonState; onClear: () => void }) {
  const mb = (n: number) => (n / 1e6).toFixed(1);
  return (
    <>
      <div className="wb-results-head">
        <h3>{w.console}</h3>
        <span className="muted" aria-live="polite">
          {state.ended === 'ok' ? w.finished : state.ended === 'error' ? w.failed : ''}
        </span>
        <button
          className="tool"
          {...unavailable(state.lines.length === 0 || state.running)}
          onClick={() => state.lines.length > 0 && !state.running && onClear()}
        >
          {w.clear}
        </button>
      </div>
      {state.loading && (
        <div className="wb-python-loading">
          <progress max={state.loading.total} value={state.loading.loaded} aria-label={w.loadingPython(mb(state.loading.loaded), mb(state.loading.total))} />
          <span className="muted">{w.loadingPython(mb(state.loading.loaded), mb(state.loading.total))}</span>
        </div>
      )}
      <div className="wb-console" role="log" aria-label={w.console} aria-live="polite">
        {state.lines.length === 0 && !state.loading && <p className="muted wb-empty">{w.noOutput}</p>}
        {state.lines.map((line, i) => (
          <pre key={i} className={`wb-console-${line.kind}`}>
            {line.text}
          </pre>
        ))}
      </div>
    </>
  );
}
