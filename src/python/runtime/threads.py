"""Threads for the browser's Python where the browser cannot switch stacks (no JSPI; elsewhere
green_threads.py gives real ones), installed by the Python worker (python.worker.ts).

Pyodide cannot start a thread, yet the course's subscriber ends with pubsub.run_in_thread(),
whose handler must be called as messages come. Here that worker thread runs cooperatively: a
turn of its loop (PubSubWorkerThread._step) whenever the program waits (time.sleep, Event.wait,
Thread.join) and, after the program's last line, turn after turn until it is stopped or Stop is
pressed, as the real program keeps running with its thread. Starting any other thread raises a
RuntimeError that says so. Under CPython the same code runs unchanged
(test/python/threads.test.ts)."""

import sys
import threading
import time

__all__ = ["install", "begin", "finish", "end"]

NO_THREADS = (
    "this Python runs in a browser that cannot switch stacks (JSPI), so it has no threads: "
    "pubsub.run_in_thread() works (its handler is called while the program waits, and after "
    "its last line), other threads do not; Chromium-based browsers run them"
)

# The cooperative threads, in the order they started.
_turning = []
_sleep = time.sleep
_join = threading.Thread.join
_is_alive = threading.Thread.is_alive


def _turn(timeout):
    """One turn of every cooperative thread, all of them waiting `timeout` seconds at most."""
    if not _turning:
        _sleep(timeout)
        return
    share = timeout / len(_turning)
    for t in list(_turning):
        if not t._step(share):
            _turning.remove(t)


def _wait_until(ready, timeout):
    """Turns the threads until ready() holds or `timeout` seconds (None: no limit) have passed;
    whether it holds."""
    deadline = None if timeout is None else time.monotonic() + max(0.0, timeout)
    while not ready():
        left = None if deadline is None else deadline - time.monotonic()
        if left is not None and left <= 0:
            return False
        _turn(0.05 if left is None else min(0.05, left))
    return True


def _start(self):
    if not hasattr(self, "_step"):
        raise RuntimeError(NO_THREADS)
    self._running.set()  # as its run() would
    self._cooperative = True
    _turning.append(self)


def _join_thread(self, timeout=None):
    if getattr(self, "_cooperative", False):
        _wait_until(lambda: self not in _turning, timeout)
    else:
        _join(self, timeout)


def _is_alive_thread(self):
    return self in _turning if getattr(self, "_cooperative", False) else _is_alive(self)


def _event_wait(self, timeout=None):
    return _wait_until(self.is_set, timeout)


def _sleep_turning(seconds):
    if _turning:
        _wait_until(lambda: False, seconds)
    else:
        _sleep(seconds)


def install():
    threading.Thread.start = _start
    threading.Thread.join = _join_thread
    threading.Thread.is_alive = _is_alive_thread
    threading.Event.wait = _event_wait
    time.sleep = _sleep_turning


def begin():
    """A new program: no thread of an earlier one (ended by Stop) goes on."""
    _turning.clear()


def finish():
    """After the program's last line: its threads go on (daemon ones end with the program, as
    in Python) until they are stopped, or Stop ends them: the program itself ended well, so
    that is one line, not a traceback through this module."""
    try:
        while any(not t.daemon for t in _turning):
            for t in list(_turning):
                # A sleep_time of 0 would ask the engine for messages in a tight loop.
                if not t._step(max(t.sleep_time, 0.05)):
                    _turning.remove(t)
    except KeyboardInterrupt:
        print("KeyboardInterrupt: Stop ended the program's threads", file=sys.stderr)


def end():
    """The program is over (or ended with an exception): its threads stop."""
    for t in _turning:
        t.pubsub.close()
    _turning.clear()
