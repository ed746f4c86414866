"""A per-request memo for facts that many resolvers ask for (e.g. "is the tree on D today's
tree?"). The GraphQL view opens a scope per request; outside a scope nothing is cached."""
import contextlib
import contextvars
import functools

_scope: contextvars.ContextVar[dict | None] = contextvars.ContextVar("orgchart_memo", default=None)


@contextlib.contextmanager
def request_scope():
    token = _scope.set({})
    try:
        yield
    finally:
        _scope.reset(token)


@contextlib.contextmanager
def suspended():
    """No memo while the block runs (e.g. writes that change the tree between reads); what the
    request memoised before is forgotten afterwards."""
    token = _scope.set(None)
    try:
        yield
    finally:
        _scope.reset(token)
        clear()


def clear():
    """Forget everything memoised in the current scope (call after structural writes)."""
    cache = _scope.get()
    if cache is not None:
        cache.clear()


def memoized(fn):
    """Memoise `fn(*args)` (hashable args) within the current request scope."""

    @functools.wraps(fn)
    def wrapper(*args):
        cache = _scope.get()
        if cache is None:
            return fn(*args)
        key = (fn.__qualname__, args)
        if key not in cache:
            cache[key] = fn(*args)
        return cache[key]

    return wrapper
