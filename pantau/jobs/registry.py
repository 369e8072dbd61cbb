"""Job kinds: each domain registers the function that does its long work.

A handler is `fn(job, progress)`: `progress(done, total=None, message="")`
records how far it got. It returns a JSON-able result dict. Handlers must be
safe to run again after a crash (the worker retries jobs whose heartbeat
stopped), which imports are by their natural keys.
"""

from collections.abc import Callable

HANDLERS: dict[str, Callable] = {}


def job_handler(kind: str):
    def register(fn):
        HANDLERS[kind] = fn
        return fn

    return register
