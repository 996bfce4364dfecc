"""The page's engine as the browser's Python reaches it: the `_playground` module of
python.worker.ts, used by the redis package's connections, time.sleep and green_threads.

Where the browser can switch stacks (JSPI) a program runs as a promising call, and a call here
parks only the calling thread: its stack is suspended on the page's answer while other threads
run. Elsewhere the call blocks the whole worker until the answer comes."""

import _thread
import asyncio
import operator

import _playground
from pyodide.ffi import can_run_sync, run_sync

__all__ = ["ThreadExit", "call", "park", "sleep", "MAIN"]

# The main thread's ident; `current` is the ident of the thread whose stack runs now
# (green_threads.py sets it when a thread starts; park() restores it when one resumes).
MAIN = _thread.get_ident()
current = MAIN
# The idents of the threads started and not yet ended (green_threads.py keeps it). With none,
# nothing else could run while the main thread waits, so it waits in the channel instead: a
# round trip three times quicker than a parked stack's.
others = set()

# Pyodide's own event loop (its WebLoop), the running loop whenever no program's loop runs.
_PYODIDE_LOOP = asyncio.get_event_loop()


class ThreadExit(BaseException):
    """Ends a thread that is still waiting when its program is over (Python's own threads
    simply vanish with the process)."""


def park(make):
    """Suspends the calling thread until the JavaScript promise `make()` returns (one of
    _playground's) settles, and returns its value; other threads run meanwhile. Stop raises
    KeyboardInterrupt in the main thread (the others go on waiting, as in Python); the
    program's end raises ThreadExit.

    run_sync resumes a stack through the running event loop, and so does the Future Pyodide
    wraps a returned promise in: a program's own loop (asyncio.run's) cannot, as it waits here
    too. So Pyodide's loop is the running one while the thread makes its promise and waits
    (other threads meanwhile see no loop of theirs, as under CPython)."""
    global current
    me = current
    loop = asyncio.events._get_running_loop()
    asyncio.events._set_running_loop(_PYODIDE_LOOP)
    try:
        promise = make()
        while True:
            try:
                result = run_sync(_playground.park(promise))
            finally:
                current = me
            # Only the gates settle with a str (see python.worker.ts's `park`).
            if result == "end":
                raise ThreadExit
            # Stop is the main thread's, even when what it waited for came first.
            if me == MAIN and _playground.takeInterrupt():
                raise KeyboardInterrupt
            if isinstance(result, str):
                continue
            return result
    finally:
        asyncio.events._set_running_loop(loop)


def call(name, *args):
    """_playground's `name`: parking the calling thread while other threads may run (stacks
    can be switched), blocking the worker in the channel otherwise."""
    fn = getattr(_playground, name)
    if others and can_run_sync():
        return park(lambda: fn(*args, True))
    return fn(*args, False)


def sleep(seconds):
    """time.sleep, waiting for the page's timer: Stop interrupts it."""
    if not isinstance(seconds, float):
        seconds = operator.index(seconds)
    if seconds < 0:
        raise ValueError("sleep length must be non-negative")
    call("sleep", seconds)
