// The browser's Python: Pyodide in a Web Worker of its own, loaded from our build on the first
// run (nothing from any other host), with our `redis` package (./redis/**/*.py) importable. Python
// reaches the engine through `_playground` (below). Where the browser can switch stacks (JSPI),
// a program runs as a promising call and each of its waits suspends only the waiting Python
// thread (runtime/engine.py parks it on a promise of this module), so threads run meanwhile;
// elsewhere a wait blocks this worker in Atomics.wait until the page answers (protocol.ts). The
// Stop button sets Pyodide's interrupt buffer, which Python's own loop checks, and so do the
// waits: a blocking one every 50 ms, a suspended one by a timer here.

import type { PyodideAPI } from 'pyodide';
import type { PyCallable, PyProxy } from 'pyodide/ffi';
import { pyodideAssets } from 'virtual:pyodide-assets';
import { AnswerStatus, CHANNEL_DATA, CHANNEL_HEADER, Cell, type BridgeAnswer, type BridgeRequest, type FromPython, type ToPython } from './protocol.js';

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

/**
 * Runs a program as `__main__` and prints its traceback without this function's frame. Its
 * threads are green_threads (one stack each, suspended while it waits) where stacks can be
 * switched, and otherwise threads (only pubsub.run_in_thread's, run cooperatively).
 */
const runner = (switchStacks: boolean) => `
import sys, time, traceback
import engine

# time.sleep waits for the page: Stop still interrupts it, and other threads run meanwhile.
time.sleep = engine.sleep

# asyncio.run on a loop that blocks (Pyodide's WebLoop cannot run a program to its end).
import asyncio_run
asyncio_run.install()

import ${switchStacks ? 'green_threads as threads' : 'threads'}
threads.install()

# Pyodide adds to a failed import of a package it builds "await micropip.install(...)", which
# would fetch from another host: the playground loads nothing from one. It says why instead.
from _pyodide import _importhook
_PYODIDE_PACKAGES = dict(_importhook.REPODATA_PACKAGES_IMPORT_TO_PACKAGE_NAME)
_importhook.REPODATA_PACKAGES_IMPORT_TO_PACKAGE_NAME = {}

def _missing(e):
    top = (e.name or "").partition(".")[0]
    if top and top not in _importhook.STDLIBS:
        import _playground
        _playground.missing(top, _PYODIDE_PACKAGES.get(top, top))

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
        if isinstance(e, ModuleNotFoundError):
            _missing(e)
        return False
    finally:
        threads.end()
        sys.stdout.flush()
        sys.stderr.flush()
`;

/** A promise and the function that settles it. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

class PythonWorker {
  private pyodide: Promise<PyodideAPI> | null = null;
  private ctl!: Int32Array;
  private data!: Uint8Array;
  private interrupt!: Uint8Array;
  private indexURL = '';
  /** The page's browser can switch stacks (JSPI): programs run as promising calls. */
  private switchStacks = false;
  private seq = 0;
  /** Requests answered by message, by seq. */
  private readonly answers = new Map<number, (answer: BridgeAnswer) => void>();
  /** A run's threads (their promising calls), to let them unwind before the run is done. */
  private readonly threads = new Set<Promise<void>>();
  /** Settles every wait with 'interrupt' (Stop: the main thread raises KeyboardInterrupt); renewed each time. */
  private interruptGate = deferred<'interrupt'>();
  /** Stop came while Python waited or ran in another thread: the main thread raises it when it resumes. */
  private interruptOwed = false;
  /** Settles every wait, now and later, with 'end': the run is over, its threads end. */
  private endGate = deferred<'end'>();
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
      this.switchStacks = msg.switchStacks && typeof (WebAssembly as { Suspending?: unknown }).Suspending === 'function';
      return;
    }
    if (msg.type === 'answer') {
      const resolve = this.answers.get(msg.seq);
      this.answers.delete(msg.seq);
      resolve?.(msg);
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
    // The interrupt buffer is not cleared here: the page clears it before asking for a run, and
    // a Stop pressed since (while Python loaded, or at once) is meant for this program.
    this.told = false;
    this.toldSleep = false;
    const runProgram = (py.globals as unknown as { get(name: string): PyCallable }).get('_run_program');
    let ok: boolean;
    try {
      ok = this.switchStacks ? await this.runPromising(runProgram, code, filename) : (runProgram(code, filename) as boolean);
    } catch (e) {
      // Pyodide itself failed (_run_program catches whatever the program raises): this worker
      // cannot run another program, and the page starts a new one.
      self.postMessage({ type: 'crashed', message: e instanceof Error ? e.message : String(e) });
      return;
    }
    runProgram.destroy();
    self.postMessage({ type: 'done', id, ok });
  }

  /** The program as a promising call: its waits suspend only the waiting thread (JSPI). */
  private async runPromising(runProgram: PyCallable, code: string, filename: string): Promise<boolean> {
    this.answers.clear();
    this.interruptGate = deferred();
    this.interruptOwed = false;
    this.endGate = deferred();
    // While every thread waits, no Python runs to see Stop: look for it here.
    const watch = setInterval(() => {
      if (this.interrupt[0] === 0) return;
      this.interrupt[0] = 0;
      this.interruptWaits();
    }, 50);
    try {
      return (await runProgram.callPromising(code, filename)) as boolean;
    } finally {
      // The runner ended the threads left (threads.end); they unwind when their waits return.
      await Promise.race([Promise.allSettled(this.threads), delay(1000)]);
      clearInterval(watch);
    }
  }

  private interruptWaits(): void {
    this.interruptOwed = true;
    const gate = this.interruptGate;
    this.interruptGate = deferred();
    gate.resolve('interrupt');
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
    py.runPython(`import sys\nsys.path.insert(0, "/playground")\n${runner(this.switchStacks)}`);
    // After our own setup, which a Stop pressed while Python loaded must not break.
    py.setInterruptBuffer(this.interrupt);
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

  /**
   * The `_playground` module Python imports (runtime/engine.py is its one user): the engine's
   * connections and a sleep, each answering at once (`park` false: this worker blocks) or with
   * a promise for engine.park (`park` true: only the calling thread waits); and, for
   * green_threads, the promises threads wait on.
   */
  private bridgeModule(py: PyodideAPI): object {
    const recvBytes = (answer: BridgeAnswer): Uint8Array | undefined =>
      answer.status === AnswerStatus.timeout ? undefined : answer.status === AnswerStatus.closed ? new Uint8Array(0) : (answer.data ?? new Uint8Array(0));
    return {
      open: (host: string, port: number, name: string, park: boolean) => {
        if (!this.told) {
          this.told = true;
          self.postMessage({ type: 'connected', host, port });
        }
        return this.request(py, { op: 'open', host, port, name }, park, (a) => a.value);
      },
      // `data` is Python's to_js(bytes): a copy, ours to post.
      send: (conn: number, data: Uint8Array, park: boolean) => this.request(py, { op: 'send', conn, data }, park, (a) => a.status === AnswerStatus.ok),
      // Bytes, b'' when the connection is gone, undefined (None) when nothing came in time.
      recv: (conn: number, max: number, timeout: number, park: boolean) =>
        this.request(py, { op: 'recv', conn, max: Math.min(max, CHANNEL_DATA), timeoutMs: timeout < 0 ? -1 : Math.round(timeout * 1000) }, park, recvBytes),
      close: (conn: number, park: boolean) => this.request(py, { op: 'close', conn }, park, () => undefined),
      // Real time, whatever the engine's clock does: that clock is every client's, and a
      // program's sleep is no reason to move it (the page warns when it stands paused).
      sleep: (seconds: number, park: boolean): Promise<void> | undefined => {
        if (!this.toldSleep) {
          this.toldSleep = true;
          self.postMessage({ type: 'sleeping' });
        }
        if (park) return delay(seconds * 1000);
        const until = performance.now() + seconds * 1000;
        for (let left = until - performance.now(); left > 0; left = until - performance.now()) {
          Atomics.wait(this.ctl, Cell.sleep, 0, Math.min(left, 50));
          py.checkInterrupt();
        }
        return undefined;
      },
      // The program ended on `import module` (pip's name for it: `pip`); the page says why.
      missing: (module: string, pip: string) => self.postMessage({ type: 'missing', module, pip }),
      // What a waiting thread's stack is suspended on: the promise, or Stop, or the run's end.
      // (None of these promises rejects: a rejected run_sync confuses Pyodide's stacks.)
      park: (promise: Promise<unknown>) => Promise.race([this.endGate.promise, this.interruptGate.promise, promise]),
      // A promise a lock's release settles (true), or false after `ms` (-1: never).
      waiter: (ms: number) => {
        const d = deferred<boolean>();
        if (ms >= 0) setTimeout(() => d.resolve(false), ms);
        return d;
      },
      // Whether `promise` settled within `ms` (-1: no limit). Python hands its Futures over as
      // borrowed proxies, and a proxy's then() destroys it: called here, inside the call, that
      // is a fatal error when Pyodide registers the call's proxies after it; Promise.resolve
      // calls then() a microtask later.
      within: (promise: Promise<unknown>, ms: number) => {
        const settled = Promise.resolve(promise).then(() => true);
        return ms < 0 ? settled : Promise.race([settled, delay(ms).then(() => false)]);
      },
      // A new thread: its own promising call, begun from this worker's loop, not from inside
      // the starting thread's stack. Resolves when it ends.
      start: (fn: PyCallable & PyProxy) => {
        const done = delay(0)
          .then(() => fn.callPromising())
          .then(
            () => undefined,
            () => undefined,
          )
          .finally(() => fn.destroy());
        this.threads.add(done);
        void done.then(() => this.threads.delete(done));
        return done;
      },
      // Stop reached a thread that was running: it is the main thread's, as in Python.
      interrupt: () => this.interruptWaits(),
      // Whether the main thread owes a KeyboardInterrupt (asked by it after each wait: the
      // promise it waited on may have settled before Stop came).
      takeInterrupt: () => {
        const owed = this.interruptOwed;
        this.interruptOwed = false;
        return owed;
      },
      // The program is over: every wait of its threads returns 'end'.
      end: () => this.endGate.resolve('end'),
    };
  }

  /** A request to the page, answered at once (blocking) or as a promise (a message). */
  private request<T>(py: PyodideAPI, request: BridgeRequest, park: boolean, result: (answer: BridgeAnswer) => T): T | Promise<T> {
    if (!park) return result(this.call(py, request));
    const seq = ++this.seq;
    return new Promise<BridgeAnswer>((resolve) => {
      this.answers.set(seq, resolve);
      self.postMessage({ type: 'bridge', seq, by: 'message', ...request });
    }).then(result);
  }

  /** Posts a request and sleeps until the page answers in the channel; Stop raises KeyboardInterrupt here. */
  private call(py: PyodideAPI, request: BridgeRequest): BridgeAnswer {
    const ctl = this.ctl;
    const seq = ++this.seq;
    self.postMessage({ type: 'bridge', seq, by: 'channel', ...request });
    // Until the page writes this request's number, which it does after the rest of the answer.
    // (Clearing a flag here instead once lost an answer that landed between two reads.)
    for (let at = Atomics.load(ctl, Cell.seq); at !== seq; at = Atomics.load(ctl, Cell.seq)) {
      Atomics.wait(ctl, Cell.seq, at, 50);
      py.checkInterrupt();
    }
    const length = Atomics.load(ctl, Cell.length);
    return { status: Atomics.load(ctl, Cell.status), value: Atomics.load(ctl, Cell.value), ...(length > 0 && { data: this.data.slice(0, length) }) };
  }
}

const worker = new PythonWorker();
self.onmessage = (event) => worker.handle(event.data);
