"""Server-rendered pages (Vietnamese first). Thin: parse the request, ask the Actor, call a
selector, render. Structure pages answer for `?ngay=YYYY-MM-DD` (default: today)."""
import datetime as dt
import functools

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import reverse_lazy

from orgchart.accounts.permissions import Actor
from orgchart.core import memo
from orgchart.core.choices import Role
from orgchart.core.dates import today
from orgchart.eligibility.calendar import remaining_months, retirement_date
from orgchart.personnel.models import Official
from orgchart.structure import tree
from orgchart.structure.models import Agency

from . import features, selectors
from .dates import page_date

LOGIN_URL = reverse_lazy("web:login")
DEPTH_CHOICES = [1, 2, 3, 4, 5, 6]
DEFAULT_DEPTH = 2


def request_memo(view):
    """One memo scope per request (e.g. "is the tree on D today's tree?" is asked once)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        with memo.request_scope():
            return view(request, *args, **kwargs)

    return wrapper


def _int(value, default, choices):
    try:
        n = int(value)
    except (TypeError, ValueError):
        return default
    return n if n in choices else default


@request_memo
def home(request):
    actor = Actor.from_request(request)
    role_label = Role(actor.role).label if actor.role else ""
    return render(request, "web/home.html", {"actor": actor, "role_label": role_label})


@request_memo
def agency_tree(request):
    date = page_date(request)
    depth = _int(request.GET.get("sau"), DEFAULT_DEPTH, DEPTH_CHOICES)
    root_code = (request.GET.get("goc") or "").strip()
    root = get_object_or_404(Agency, code=root_code) if root_code else None
    nodes = selectors.tree_page(date.day, root=root, depth=depth)
    ancestors = tree.ancestors_on([root.pk], date.day)[root.pk] if root else []
    return render(request, "web/agency_tree.html", {
        "date": date, "nodes": nodes, "root": root, "ancestors": ancestors, "depth": depth,
        "depth_choices": DEPTH_CHOICES, "keep": [("goc", root.code)] if root else [],
        "root_active": root.is_active(date.day) if root else True,
    })


@request_memo
def agency_detail(request, code):
    date = page_date(request)
    actor = Actor.from_request(request)
    agency = get_object_or_404(Agency, code=code)
    show_holders = actor.can_read_personal and actor.agency_in_scope(agency)
    page = selectors.agency_page(agency, date.day, with_holders=show_holders)
    active_day = None  # a date on which an inactive agency did exist, to offer a link
    if not page.active:
        if agency.dissolved_on is not None and date.day >= agency.dissolved_on:
            active_day = agency.dissolved_on - dt.timedelta(days=1)
        elif agency.established_on is not None and date.day < agency.established_on:
            active_day = agency.established_on
    return render(request, "web/agency_detail.html", {
        "date": date, "page": page, "agency": agency, "show_holders": show_holders, "active_day": active_day,
        "staffing": features.staffing_summary(agency, date.day) if page.active else None,
        "findings": features.structure_findings(agency, date.day) if page.active else None,
        "overlaps": features.overlap_findings(agency),
        "events": features.change_events(agency),
        "lineage": features.lineage(agency),
    })


@login_required(login_url=LOGIN_URL)
@request_memo
def official_detail(request, code):
    actor = Actor.from_request(request)
    official = get_object_or_404(Official, code=code)
    if not actor.can_read_official(official):
        raise PermissionDenied("Bạn không có quyền xem hồ sơ cán bộ này.")
    day = today()
    page = selectors.official_page(official, day)
    retire_on = retirement_date(official.birth_date, official.gender)
    return render(request, "web/official_detail.html", {
        "page": page, "official": official, "today": day, "retire_on": retire_on,
        "months_left": remaining_months(official.birth_date, official.gender, day) if retire_on else None,
    })


@request_memo
def search(request):
    date = page_date(request)
    actor = Actor.from_request(request)
    text = (request.GET.get("q") or "").strip()[:100]
    include_inactive = request.GET.get("tat_ca") == "1"
    agencies = selectors.search_agencies(text, date.day, include_inactive) if text else []
    officials = selectors.search_officials(text, actor) if text and actor.can_read_personal else []
    return render(request, "web/search.html", {
        "date": date, "q": text, "agencies": agencies, "officials": officials, "include_inactive": include_inactive,
        "officials_hidden": bool(text) and not actor.can_read_personal, "limit": selectors.SEARCH_LIMIT,
    })

