"""asyncio.run for the browser's Python, installed by the Python worker (python.worker.ts).

Pyodide's event loop (its WebLoop) runs on the browser's own event loop and is always the
running loop, so the standard asyncio.run refuses to start ("cannot be called from a running
event loop"), and WebLoop.run_until_complete cannot wait without JSPI. A program here runs
synchronously from start to end (its commands wait in Atomics.wait), so asyncio.run can too:
on an event loop whose only waiting is a sleep until its next timer. Under CPython the same
loop runs unchanged (test/python/asyncio-run.test.ts)."""

import asyncio
import signal
import time

__all__ = ["BlockingLoop", "install", "run"]


class _Sleeper:
    """The selector of a loop without file descriptors: select() only waits out its timeout.
    time.sleep is the worker's interruptible one in the browser: Stop ends the wait."""

    def select(self, timeout=None):
        if timeout is None:
            # Nothing ready and no timer: only Stop (KeyboardInterrupt) can end this.
            while True:
                time.sleep(0.05)
        if timeout > 0:
            time.sleep(timeout)
        return []

    def close(self):
        pass


class BlockingLoop(asyncio.BaseEventLoop):
    """An event loop that runs ready callbacks and sleeps until the next timer."""

    def __init__(self):
        super().__init__()
        self._selector = _Sleeper()

    def _process_events(self, event_list):
        pass

    def _write_to_self(self):
        # Only one thread: nobody to wake.
        pass


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def run(main, *, debug=None, loop_factory=None):
    """asyncio.run on a BlockingLoop, with the page's WebLoop set aside while it runs."""
    outer = asyncio.events._get_running_loop()
    asyncio.events._set_running_loop(None)
    # asyncio's Runner would replace the default SIGINT handler by one that only cancels the main
    # task on the first interrupt: Stop would then wait for the task's next await. A handler of
    # our own keeps Stop a KeyboardInterrupt wherever the program is.
    try:
        previous = signal.signal(signal.SIGINT, _interrupt) if signal.getsignal(signal.SIGINT) is signal.default_int_handler else None
    except Exception:
        # No signals here after all: asyncio's handler it is.
        previous = None
    try:
        with asyncio.Runner(debug=debug, loop_factory=loop_factory or BlockingLoop) as runner:
            return runner.run(main)
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
        asyncio.events._set_running_loop(outer)


def install():
    asyncio.run = run
