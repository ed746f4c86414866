"""Relay pagination in both directions (first/after and last/before) over an ordered queryset,
with the offset cursors of `api.fields.paginate` (the same cursors work in both directions),
counting only when needed.

The window follows the Relay algorithm: the edges after `after` and before `before`, then the
first `first` of them, or the last `last`. Without first and last, a page of 100 (the last
100 when only `before` is given). `first` and `last` are each ≤ GRAPHQL_MAX_PAGE; giving both
is an `invalid` error, and so is a malformed cursor.

`totalCount` is computed when a client asks for it (`LazyConnection.total()`), and a forward
page reads one row more than it returns to know `hasNextPage`: a name search over millions of
officials then costs one indexed page read when the client does not ask for the count."""
import graphene
from django.conf import settings
from graphql_relay import from_global_id, offset_to_cursor

from orgchart.api.errors import Invalid
from orgchart.api.fields import CountedConnection, check_list_limit

DEFAULT_PAGE = 100


class LazyConnection(CountedConnection):
    """A counted connection whose total is read from the database only when resolved."""

    class Meta:
        abstract = True

    def resolve_total_count(root, info):
        return root.total()


def _offset(cursor: str | None, name: str) -> int | None:
    if not cursor:
        return None
    try:
        kind, offset = from_global_id(cursor)
        if kind != "arrayconnection":
            raise ValueError
        value = int(offset)
        if value < 0:
            raise ValueError
        return value
    except Exception:
        raise Invalid(f"{name}: invalid cursor")


class _Counter:
    def __init__(self, queryset):
        self.queryset, self.value = queryset, None

    def __call__(self) -> int:
        if self.value is None:
            self.value = self.queryset.count()
        return self.value


def window(count, first, after, last, before) -> tuple[int, int | None]:
    """[start, end) of the page; end None = `first` rows from start (the caller reads one more
    to learn whether a next page exists). `count()` gives the total when it is needed."""
    limit = settings.GRAPHQL_MAX_PAGE
    first = check_list_limit(first, limit=limit)
    last = check_list_limit(last, limit=limit)
    if first is not None and last is not None:
        raise Invalid("first and last cannot be used together")
    a, b = _offset(after, "after"), _offset(before, "before")
    start = 0 if a is None else a + 1
    if b is None and last is None:
        return start, start + (DEFAULT_PAGE if first is None else first)
    end = count() if b is None else b
    end = max(end, start)
    if first is not None:
        return start, min(end, start + first)
    return max(start, end - (DEFAULT_PAGE if last is None else last)), end


def paginate_both(connection_type, queryset, first, after, last, before, decorate=None):
    count = _Counter(queryset)
    start, end = window(count, first, after, last, before)
    rows = list(queryset[start:end + 1]) if end > start else []
    items = rows[: end - start]
    if decorate:
        items = decorate(items)
    edges = [connection_type.Edge(node=node, cursor=offset_to_cursor(start + i)) for i, node in enumerate(items)]
    page_info = graphene.relay.PageInfo(
        start_cursor=edges[0].cursor if edges else None, end_cursor=edges[-1].cursor if edges else None,
        has_previous_page=start > 0, has_next_page=len(rows) > end - start,
    )
    conn = connection_type(edges=edges, page_info=page_info)
    conn.total = count
    return conn
