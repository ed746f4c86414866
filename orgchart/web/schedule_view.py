"""Scheduled changes (`/sap-xep/lich/`: a calendar of the changes not yet in force, with cancel)
and the structure counts page (`/dau-moi/`: focal points, direct units and intermediate layers
of a unit on any date, RULES §4.1)."""
from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from orgchart.accounts.permissions import Actor
from orgchart.core.choices import AgencyKind, Role
from orgchart.core.errors import DomainError
from orgchart.restructuring.cancel import cancel_scheduled, scheduled_events
from orgchart.structure import tree

from . import lookup
from .dates import page_date
from .views import LOGIN_URL, request_memo

MONTHS = ["tháng 1", "tháng 2", "tháng 3", "tháng 4", "tháng 5", "tháng 6", "tháng 7", "tháng 8", "tháng 9",
          "tháng 10", "tháng 11", "tháng 12"]


@request_memo
def calendar(request):
    actor = Actor.from_request(request)
    events = list(scheduled_events())
    for ev in events:
        ev.agencies = list({a.pk: a for a in [*ev.originals.all(), *ev.results.all()]}.values())
        ev.can_cancel = actor.has_role(Role.RESTRUCTURING) and all(actor.agency_in_scope(a) for a in ev.agencies)
        after = (ev.details or {}).get("after") or {}
        ev.new_name = after.get("name", "") if ev.kind == "rename" else ""
    months = [{"label": f"{MONTHS[m - 1].capitalize()} năm {y}", "events": list(group)}
              for (y, m), group in groupby(events, key=lambda e: (e.effective_on.year, e.effective_on.month))]
    return render(request, "web/schedule.html", {"months": months, "count": len(events)})


@login_required(login_url=LOGIN_URL)
@require_POST
def cancel(request, pk):
    try:
        done = cancel_scheduled(pk, actor=Actor.from_request(request))
    except DomainError as e:
        messages.error(request, e.message)
    else:
        messages.success(request, f"Đã hủy thay đổi có hiệu lực ngày {done.effective_on:%d/%m/%Y} "
                                  f"({done.restored} dòng dữ liệu được khôi phục, {done.deleted} dòng được xóa).")
    return redirect("web:schedule")


def structure_counts(root, day, max_depth: int = 12) -> dict:
    """RULES §4.1 over the active units strictly below `root` on `day`, one query per level."""
    levels, frontier, depth = [], [root], 0
    while frontier and depth < max_depth:
        kids = tree.children_on([a.pk for a in frontier], day)
        nxt = []
        for a in frontier:
            a.kids = kids.get(a.pk, [])
            nxt += a.kids
        if depth > 0:
            levels.append(frontier)
        frontier, depth = nxt, depth + 1
    units = [a for level in levels for a in level]
    intermediate = [a for level in levels[1:] for a in level if getattr(a, "kids", [])]
    by_kind = {}
    for a in units:
        by_kind[a.kind] = by_kind.get(a.kind, 0) + 1
    kinds = dict(AgencyKind.choices)
    return {"focal_points": len(units), "direct_units": root.kids, "intermediate": intermediate,
            "by_kind": sorted(((kinds.get(k, k), n) for k, n in by_kind.items()), key=lambda x: -x[1])}


@request_memo
def counts(request):
    date = page_date(request)
    choice = lookup.resolve("agency", request.GET.get("goc", ""), request.GET.get("goc_ten", ""), date.day)
    root = choice.value
    if root is None:
        roots = tree.roots_on(date.day)
        root = roots[0] if roots else None
    figures = structure_counts(root, date.day) if root is not None else None
    return render(request, "web/structure_counts.html", {"date": date, "root": root, "choice": choice, "figures": figures})
