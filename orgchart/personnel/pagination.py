"""Relay pagination in both directions (first/after and last/before) over an ordered queryset,
with the offset cursors of `api.fields.paginate` (the same cursors work in both directions).

The window follows the Relay algorithm: the edges after `after` and before `before`, then the
first `first` of them, or the last `last`. Without first and last, a page of 100 (the last
100 when only `before` is given). `first` and `last` are each ≤ GRAPHQL_MAX_PAGE; giving both
is an `invalid` error, and so is a malformed cursor."""
import graphene
from django.conf import settings
from graphql_relay import from_global_id, offset_to_cursor

from orgchart.api.errors import Invalid
from orgchart.api.fields import check_list_limit, paginate

DEFAULT_PAGE = 100


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


def window(total: int, first, after, last, before) -> tuple[int, int]:
    """[start, end) of the page among `total` ordered items."""
    limit = settings.GRAPHQL_MAX_PAGE
    first = check_list_limit(first, limit=limit)
    last = check_list_limit(last, limit=limit)
    if first is not None and last is not None:
        raise Invalid("first and last cannot be used together")
    a, b = _offset(after, "after"), _offset(before, "before")
    start = 0 if a is None else min(a + 1, total)
    end = total if b is None else max(min(b, total), start)
    if first is not None:
        end = min(end, start + first)
    elif last is not None:
        start = max(start, end - last)
    elif b is not None:
        start = max(start, end - DEFAULT_PAGE)
    else:
        end = min(end, start + DEFAULT_PAGE)
    return start, end


def paginate_both(connection_type, queryset, first, after, last, before, decorate=None):
    if last is None and before is None:
        return paginate(connection_type, queryset, first, after, decorate=decorate)
    total = queryset.count()
    start, end = window(total, first, after, last, before)
    items = list(queryset[start:end]) if end > start else []
    if decorate:
        items = decorate(items)
    edges = [connection_type.Edge(node=node, cursor=offset_to_cursor(start + i)) for i, node in enumerate(items)]
    page_info = graphene.relay.PageInfo(
        start_cursor=edges[0].cursor if edges else None, end_cursor=edges[-1].cursor if edges else None,
        has_previous_page=start > 0, has_next_page=end < total,
    )
    conn = connection_type(edges=edges, page_info=page_info)
    conn.length = total
    return conn
