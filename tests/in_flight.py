"""The live server's requests, in tests (test settings only).

- On SQLite in memory every request thread of the live server shares the
  test's one database connection: two requests at once (a page's visit post
  racing the previous page's time report) break each other's transactions.
  There, Django handles one request at a time; static files, served before
  the middleware, still load in parallel.
- A browser test waits until the last request has ended before its
  database is emptied: a page being closed still reports time spent and
  activity state.
"""

import threading
import time

_lock = threading.Lock()
_count = 0
_last_change = time.monotonic()


_one_at_a_time = threading.RLock()


class InFlightRequestsMiddleware:
    def __init__(self, get_response):
        from django.db import connection

        self.get_response = get_response
        self.serial = connection.vendor == "sqlite"

    def __call__(self, request):
        _change(+1)
        try:
            if not self.serial:
                return self.get_response(request)
            with _one_at_a_time:
                return self.get_response(request)
        finally:
            _change(-1)


def _change(delta: int) -> None:
    global _count, _last_change
    with _lock:
        _count += delta
        _last_change = time.monotonic()


def wait_until_idle(*, quiet: float = 0.3, timeout: float = 10.0) -> None:
    """Return once no request has been in flight for ``quiet`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with _lock:
            idle_for = time.monotonic() - _last_change if _count == 0 else 0.0
        if idle_for >= quiet:
            return
        time.sleep(0.05)
