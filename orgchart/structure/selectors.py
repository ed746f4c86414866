"""Reads over the structure, shaped for the API and pages."""
import datetime as dt
from collections import defaultdict

from django.db.models import QuerySet

from . import tree
from .models import Agency, Mandate


def agencies_on(day: dt.date, under: Agency | None = None, level=None, kind=None, search=None) -> QuerySet:
    qs = Agency.objects.filter(Agency.active_q(day))
    if under is not None:
        qs = qs.filter(tree.subtree_q(under, day))
    if level:
        qs = qs.filter(level=level)
    if kind:
        qs = qs.filter(kind=kind)
    if search and search.strip():
        qs = qs.filter(search_key__words=search)  # word prefixes of name or code (core.search)
    return qs.order_by("code")


def mandates_on(agency_ids, day: dt.date) -> dict[int, list[Mandate]]:
    """{agency id: mandates valid on `day`}, functions first, in one query."""
    order = {"function": 0, "duty": 1, "power": 2}
    result = defaultdict(list)
    for m in Mandate.objects.filter(Mandate.covering_q(day), agency_id__in=list(agency_ids)).order_by("id"):
        result[m.agency_id].append(m)
    for items in result.values():
        items.sort(key=lambda m: order.get(m.kind, 9))
    return result
