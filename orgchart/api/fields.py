"""Small helpers shared by the domain GraphQL modules: arguments, limits, pagination, auth."""
import datetime as dt

import graphene
from django.conf import settings
from graphql_relay import from_global_id, offset_to_cursor, to_global_id

from orgchart.accounts.permissions import Actor
from orgchart.core.dates import today

from .errors import Forbidden, Invalid


def day_or_today(value: dt.date | None) -> dt.date:
    return value or today()


def actor(info) -> Actor:
    return Actor.from_request(info.context)


def require_role(info, *roles: str) -> Actor:
    """The caller must be authenticated (and hold one of `roles` when given; admin always may)."""
    a = actor(info)
    if not a.authenticated or (roles and not a.has_role(*roles)):
        raise Forbidden()
    return a


def check_list_limit(first: int | None, default: int | None = None, limit: int | None = None) -> int | None:
    """`first` on a list field: ≥ 0 and ≤ GRAPHQL_MAX_LIST, else a GraphQL error (never truncation)."""
    limit = limit or settings.GRAPHQL_MAX_LIST
    if first is None:
        return default
    if first < 0:
        raise Invalid("first must be ≥ 0")
    if first > limit:
        raise Invalid(f"first = {first} exceeds the limit of {limit}", code="limit_exceeded")
    return first


def check_choice(name: str, value: str | None, choices) -> str | None:
    if value in (None, ""):
        return None
    if value not in choices.values:
        raise Invalid(f"{name}: unknown value '{value}' (allowed: {', '.join(choices.values)})")
    return value


def decode_cursor(after: str | None) -> int:
    """Offset after which a page starts (-1 = from the start)."""
    if not after:
        return -1
    try:
        kind, offset = from_global_id(after)
        if kind != "arrayconnection":
            raise ValueError
        return int(offset)
    except Exception:
        raise Invalid("after: invalid cursor")


class CountedConnection(graphene.relay.Connection):
    """A Relay connection with `totalCount`."""

    class Meta:
        abstract = True

    total_count = graphene.Int(required=True, description="number of items matching the filters, all pages")

    def resolve_total_count(root, info):
        return root.length


def paginate(connection_type, queryset, first, after, decorate=None):
    """Offset pagination over a queryset with Relay cursors; `first` ≤ GRAPHQL_MAX_PAGE."""
    first = check_list_limit(first, default=100, limit=settings.GRAPHQL_MAX_PAGE)
    start = decode_cursor(after) + 1
    total = queryset.count()
    items = list(queryset[start : start + first]) if first else []
    if decorate:
        items = decorate(items)
    edges = [connection_type.Edge(node=node, cursor=offset_to_cursor(start + i)) for i, node in enumerate(items)]
    page_info = graphene.relay.PageInfo(
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
        has_previous_page=start > 0,
        has_next_page=start + len(items) < total,
    )
    conn = connection_type(edges=edges, page_info=page_info)
    conn.length = total
    return conn


__all__ = ["to_global_id", "day_or_today", "actor", "require_role", "check_list_limit", "check_choice", "paginate",
           "CountedConnection"]
