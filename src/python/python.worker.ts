// The browser's Python: Pyodide in a Web Worker of its own, loaded from our build on the first
// run (nothing from any other host), with our `redis` package (./redis/**/*.py) importable. Python
// reaches the engine through `_playground` (below), whose calls block this worker in
// Atomics.wait until the page answers (protocol.ts); the Stop button sets Pyodide's interrupt
// buffer, which those waits and Python's own loop both check.

import type { PyodideAPI } from 'pyodide';
import { pyodideAssets } from 'virtual:pyodide-assets';
import { AnswerStatus, CHANNEL_DATA, CHANNEL_HEADER, Cell, type BridgeRequest, type FromPython, type ToPython } from './protocol.js';

declare const self: {
  postMessage(message: FromPython, transfer?: Transferable[]): void;
  onmessage: ((event: { data: ToPython }) => void) | null;
  location: { href: string; origin: string };
  fetch: typeof fetch;
};

/** Our package's sources, bundled into this worker's chunk as text. */
const PACKAGE = import.meta.glob<string>('./redis/**/*.py', { query: '?raw', import: 'default', eager: true });
/** The runner's own modules (./runtime/*.py), written next to the package. */
const RUNTIME = import.meta.glob<string>('./runtime/*.py', { query: '?raw', import: 'default', eager: true });

/** Runs a program as `__main__` and prints its traceback without this function's frame. */
const RUNNER = `
import sys, time, traceback
import _playground

# time.sleep waits on the channel with a timeout: the worker sleeps and Stop still interrupts.
time.sleep = _playground.sleep

# asyncio.run on a loop that blocks (Pyodide's WebLoop cannot run a program to its end).
import asyncio_run
asyncio_run.install()

# pubsub.run_in_thread's thread, run cooperatively (Pyodide has no threads).
import threads
threads.install()

def _run_program(code, filename):
    scope = {"__name__": "__main__", "__builtins__": __builtins__}
    threads.begin()
    try:
        exec(compile(code, filename, "exec"), scope)
        threads.finish()
        return True
    except SystemExit as e:
        return e.code in (None, 0)
    except BaseException as e:
        traceback.print_exception(type(e), e, e.__traceback__.tb_next)
        return False
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
`;

class PythonWorker {
  private pyodide: Promise<PyodideAPI> | null = null;
  private ctl!: Int32Array;
  private data!: Uint8Array;
  private interrupt!: Uint8Array;
  private indexURL = '';
  private seq = 0;
  /** Whether this run has said what host and port mean. */
  private told = false;
  /** Whether this run has said it sleeps. */
  private toldSleep = false;

  handle(msg: ToPython): void {
    if (msg.type === 'init') {
      this.ctl = new Int32Array(msg.channel, 0, CHANNEL_HEADER / 4);
      this.data = new Uint8Array(msg.channel, CHANNEL_HEADER, CHANNEL_DATA);
      this.interrupt = new Uint8Array(msg.interrupt);
      this.indexURL = msg.indexURL;
      return;
    }
    void this.run(msg.id, msg.code, msg.filename);
  }

  private async run(id: number, code: string, filename: string): Promise<void> {
    let py: PyodideAPI;
    try {
      py = await (this.pyodide ??= this.load());
    } catch (e) {
      self.postMessage({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
      self.postMessage({ type: 'done', id, ok: false });
      return;
    }
    this.told = false;
    this.toldSleep = false;
    this.interrupt[0] = 0;
    const runProgram = (py.globals as unknown as { get(name: string): unknown }).get('_run_program') as (code: string, filename: string) => boolean;
    const ok = runProgram(code, filename);
    self.postMessage({ type: 'done', id, ok });
  }

  private async load(): Promise<PyodideAPI> {
    const started = performance.now();
    const indexURL = this.indexURL;
    this.countDownloads(indexURL);
    const { loadPyodide } = (await import(/* @vite-ignore */ indexURL + 'pyodide.mjs')) as typeof import('pyodide');
    const py = await loadPyodide({
      indexURL,
      lockFileURL: indexURL + 'pyodide-lock.json',
      packageBaseUrl: indexURL,
      cdnUrl: indexURL,
      checkAPIVersion: true,
    });
    for (const stream of ['stdout', 'stderr'] as const) {
      const decoder = new TextDecoder();
      const write = (bytes: Uint8Array) => {
        self.postMessage({ type: 'output', stream, text: decoder.decode(bytes, { stream: true }) });
        return bytes.length;
      };
      if (stream === 'stdout') py.setStdout({ write });
      else py.setStderr({ write });
    }
    py.setInterruptBuffer(this.interrupt);
    py.registerJsModule('_playground', this.bridgeModule(py));
    // Emscripten's FS (its types are not among this project's).
    const fs = py.FS as unknown as { mkdirTree(path: string): void; writeFile(path: string, data: string): void };
    fs.mkdirTree('/playground');
    for (const [path, source] of Object.entries(RUNTIME)) fs.writeFile('/playground/' + path.slice(path.lastIndexOf('/') + 1), source);
    for (const [path, source] of Object.entries(PACKAGE)) {
      // './redis/asyncio/client.py' → /playground/redis/asyncio/client.py
      const target = '/playground/' + path.slice(2);
      fs.mkdirTree(target.slice(0, target.lastIndexOf('/')));
      fs.writeFile(target, source);
    }
    py.runPython(`import sys\nsys.path.insert(0, "/playground")\n${RUNNER}`);
    self.postMessage({ type: 'loaded', ms: Math.round(performance.now() - started) });
    return py;
  }

  /**
   * Counts the bytes Pyodide fetches for the progress bar, and refuses any URL of another
   * origin: the playground loads nothing from elsewhere (a package download would be one).
   */
  private countDownloads(indexURL: string): void {
    const sizes = pyodideAssets.sizes;
    const total = (sizes['pyodide.asm.wasm'] ?? 0) + (sizes['python_stdlib.zip'] ?? 0) + (sizes['pyodide-lock.json'] ?? 0);
    let loaded = 0;
    const realFetch = self.fetch.bind(self);
    self.fetch = async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input), indexURL);
      if (url.origin !== self.location.origin) throw new Error(`refused to load ${url.href}: the playground's Python loads nothing from other hosts`);
      // Stored by the service worker already: no bar needed, and the response left as it is lets
      // the browser reuse its compiled WebAssembly (its code cache).
      const stored = (await caches.match(url.href, { ignoreVary: true })) !== undefined;
      const response = await realFetch(input, init);
      if (!response.body || stored) return response;
      let last = 0;
      const counted = response.body.pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, out) {
            loaded += chunk.byteLength;
            // A message every 256 KB or so is enough for a bar.
            if (loaded - last > 1 << 18 || loaded >= total) {
              last = loaded;
              self.postMessage({ type: 'progress', loaded, total });
            }
            out.enqueue(chunk);
          },
        }),
      );
      return new Response(counted, { status: response.status, statusText: response.statusText, headers: response.headers });
    };
  }

  /** The `_playground` module Python imports: the engine's connections, and a sleep. */
  private bridgeModule(py: PyodideAPI): object {
    return {
      open: (host: string, port: number, name: string): number => {
        if (!this.told) {
          this.told = true;
          self.postMessage({ type: 'connected', host, port });
        }
        return this.call(py, { op: 'open', host, port, name }).value;
      },
      // `data` is Python's to_js(bytes): a copy, ours to post.
      send: (conn: number, data: Uint8Array): boolean => this.call(py, { op: 'send', conn, data }).status === AnswerStatus.ok,
      // Bytes (Python gets a memoryview-able JS Uint8Array), b'' when the connection is gone,
      // undefined (None) when nothing came within the timeout.
      recv: (conn: number, max: number, timeout: number): Uint8Array | undefined => {
        const answer = this.call(py, { op: 'recv', conn, max: Math.min(max, CHANNEL_DATA), timeoutMs: timeout < 0 ? -1 : Math.round(timeout * 1000) });
        if (answer.status === AnswerStatus.timeout) return undefined;
        if (answer.status === AnswerStatus.closed) return new Uint8Array(0);
        return this.data.slice(0, answer.length);
      },
      close: (conn: number): void => {
        this.call(py, { op: 'close', conn });
      },
      // Real time, whatever the engine's clock does: that clock is every client's, and a
      // program's sleep is no reason to move it (the page warns when it stands paused).
      sleep: (seconds: number): void => {
        if (!this.toldSleep) {
          this.toldSleep = true;
          self.postMessage({ type: 'sleeping' });
        }
        const until = performance.now() + Math.max(0, seconds) * 1000;
        for (let left = until - performance.now(); left > 0; left = until - performance.now()) {
          Atomics.wait(this.ctl, Cell.sleep, 0, Math.min(left, 50));
          py.checkInterrupt();
        }
      },
    };
  }

  /** Posts a request and sleeps until the page answers; Stop raises KeyboardInterrupt here. */
  private call(py: PyodideAPI, request: BridgeRequest): { status: number; length: number; value: number } {
    const ctl = this.ctl;
    const seq = ++this.seq;
    self.postMessage({ type: 'bridge', seq, ...request });
    // Until the page writes this request's number, which it does after the rest of the answer.
    // (Clearing a flag here instead once lost an answer that landed between two reads.)
    for (let at = Atomics.load(ctl, Cell.seq); at !== seq; at = Atomics.load(ctl, Cell.seq)) {
      Atomics.wait(ctl, Cell.seq, at, 50);
      py.checkInterrupt();
    }
    return { status: Atomics.load(ctl, Cell.status), length: Atomics.load(ctl, Cell.length), value: Atomics.load(ctl, Cell.value) };
  }
}

const worker = new PythonWorker();
self.onmessage = (event) => worker.handle(event.data);
