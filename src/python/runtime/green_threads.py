"""Threads for the browser's Python where the browser can switch stacks (JSPI), installed by
the Python worker (python.worker.ts) in place of threads.py's cooperative ones.

Pyodide cannot start an operating-system thread. Here each threading.Thread runs on a stack of
its own (a promising call of the worker) and is suspended whenever it waits: for the engine's
answer, time.sleep, a lock, join. Then the other threads run, so a thread blocked in BLPOP waits
while the main thread pushes, as under CPython. A thread that never waits keeps the others
waiting (there is no preemption; Stop still ends it).

threading's own classes stay: only what blocks is replaced (starting, joining, the lock, the
thread's identity); Condition, Event, Semaphore, Barrier, Timer and queue.Queue are built on
those. On Stop the main thread gets KeyboardInterrupt, as in Python; when the program is over,
non-daemon threads are waited for (a second Stop ends them) and the rest end."""

import _thread
import collections
import sys
import threading
import time

import _playground
import engine
from pyodide.ffi import can_run_sync, create_proxy

__all__ = ["install", "begin", "finish", "end"]

_idents = iter(range(engine.MAIN + 1, sys.maxsize))


def _ms(seconds):
    return -1 if seconds is None else max(0, round(seconds * 1000))


class Lock:
    """threading.Lock: a blocked acquire parks the thread until a release wakes it."""

    def __init__(self):
        self._locked = False
        self._waiters = collections.deque()

    def acquire(self, blocking=True, timeout=-1):
        if not blocking and timeout != -1:
            raise ValueError("can't specify a timeout for a non-blocking call")
        if timeout < 0 and timeout != -1:
            raise ValueError("timeout value must be a non-negative number")
        if not self._locked:
            self._locked = True
            return True
        if not blocking:
            return False
        deadline = None if timeout == -1 else time.monotonic() + timeout
        while self._locked:
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                return False
            waiter = _playground.waiter(_ms(left))
            self._waiters.append(waiter)
            try:
                engine.park(lambda: waiter.promise)
            finally:
                self._waiters.remove(waiter)
        self._locked = True
        return True

    def release(self):
        if not self._locked:
            raise RuntimeError("release unlocked lock")
        self._locked = False
        if self._waiters:
            self._waiters[0].resolve(True)

    def locked(self):
        return self._locked

    def _at_fork_reinit(self):
        self._locked = False
        self._waiters.clear()

    __enter__ = acquire

    def __exit__(self, *exc):
        self.release()

    def __repr__(self):
        return f"<{'locked' if self._locked else 'unlocked'} {type(self).__module__}.Lock object at {id(self):#x}>"


def _get_ident():
    return engine.current


def _start_joinable_thread(function, handle=None, daemon=True):
    """What Thread.start() calls: `function` is the thread's bound _bootstrap."""
    if not can_run_sync():
        raise RuntimeError("can't start new thread: this Python call cannot switch stacks")
    thread = function.__self__
    thread._green_ident = next(_idents)
    engine.others.add(thread._green_ident)
    thread._green_done = _playground.start(create_proxy(lambda: _run(thread)))
    thread._green_over = False


def _run(thread):
    """A thread's life on its own stack (Thread._bootstrap_inner without the context switch,
    which cannot be shared by stacks that take turns)."""
    engine.current = thread._green_ident
    thread._ident = thread._green_ident
    thread._native_id = thread._green_ident
    try:
        with threading._active_limbo_lock:
            threading._active[thread._ident] = thread
            del threading._limbo[thread]
        thread._started.set()
        try:
            thread.run()
        except (engine.ThreadExit, SystemExit):
            pass
        except KeyboardInterrupt:
            # Stop landed while this thread ran: Python raises it in the main thread.
            _playground.interrupt()
        except BaseException:
            thread._invoke_excepthook(thread)
    finally:
        engine.others.discard(thread._green_ident)
        thread._green_over = True
        with threading._active_limbo_lock:
            threading._active.pop(thread._ident, None)


def _join(self, timeout=None):
    if not self._initialized:
        raise RuntimeError("Thread.__init__() not called")
    if not self._started.is_set():
        raise RuntimeError("cannot join thread before it is started")
    if self is threading.current_thread():
        raise RuntimeError("cannot join current thread")
    if not hasattr(self, "_green_done"):
        return  # the main thread: whoever joins it runs after it anyway
    ms = _ms(None if timeout is None else max(timeout, 0))
    engine.park(lambda: _playground.within(self._green_done, ms))


def _is_alive(self):
    if hasattr(self, "_green_done"):
        return self._started.is_set() and not self._green_over
    return _is_alive_os(self)


_is_alive_os = threading.Thread.is_alive


def install():
    threading._start_joinable_thread = _start_joinable_thread
    threading.Thread.join = _join
    threading.Thread.is_alive = _is_alive
    threading.get_ident = _thread.get_ident = _get_ident
    threading.Lock = threading._allocate_lock = _thread.allocate_lock = Lock
    threading.RLock = threading._PyRLock
    from _threading_local import local

    threading.local = local


def _others():
    return [t for t in threading.enumerate() if hasattr(t, "_green_done") and t.is_alive()]


def begin():
    """A new program: the main thread is the one running."""
    engine.current = engine.MAIN
    engine.others.clear()


def finish():
    """After the program's last line: Python waits for its non-daemon threads. A Stop then ends
    them: the program itself ended well, so that is one line, not a traceback."""
    try:
        for t in _others():
            if not t.daemon:
                t.join()
    except KeyboardInterrupt:
        print("KeyboardInterrupt: Stop ended the program's threads", file=sys.stderr)


def end():
    """Ends the threads left (daemon ones, or all after an exception): each wait of theirs
    raises ThreadExit."""
    _playground.end()
