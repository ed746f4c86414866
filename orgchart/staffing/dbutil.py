"""Database helpers for the large set-based statements of this app."""
import contextlib

from django.db import connection, transaction


@contextlib.contextmanager
def analytic():
    """A block whose statements are big aggregates: on PostgreSQL, JIT compilation is switched
    off for the block (`SET LOCAL`, inside a transaction) — for these statements compiling
    costs seconds and saves nothing. Elsewhere a no-op."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("SET LOCAL jit = off")
        yield
