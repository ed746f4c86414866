"""Reads shaped for the web pages. Tree reads go through `orgchart.structure.tree` only, and
every page runs a fixed number of queries whatever the size of the tree."""
import datetime as dt
import re
import time
from dataclasses import dataclass, field

from django.db.models import Q

from orgchart.core.choices import NON_HOLDING_KINDS
from orgchart.core.text import fold as _fold
from orgchart.personnel.models import Assignment, Official
from orgchart.positions import selectors as position_selectors
from orgchart.structure import selectors as structure_selectors
from orgchart.structure import tree
from orgchart.structure.models import Agency

MAX_TREE_DEPTH = 6
SEARCH_LIMIT = 50

# `core.text.fold` per character, precomputed (ASCII and the Latin blocks, Vietnamese letters
# included), so folding 10^5 names is a C-speed `str.translate`.
_FOLD_TABLE = {cp: (_fold(chr(cp)) or chr(cp)) if cp >= 0xC0 else chr(cp).lower()
               for r in ((0, 0x250), (0x1E00, 0x1F00)) for cp in range(*r)}
_COMBINING = re.compile("[\u0300-\u036f]")


def fold(value: str | None) -> str:
    """Same result as `orgchart.core.text.fold`, fast for precomposed text."""
    if not value:
        return ""
    if _COMBINING.search(value):
        return _fold(value)
    return " ".join(value.translate(_FOLD_TABLE).lower().split())


@dataclass
class TreeNode:
    agency: Agency
    children: list["TreeNode"] = field(default_factory=list)
    descendants: int = 0  # active descendants on the date
    expanded: bool = False  # children loaded on this page


def tree_page(day: dt.date, root: Agency | None = None, depth: int = 2) -> list[TreeNode]:
    """The forest on `day` (or the subtree of `root`), `depth` levels below the top expanded;
    nodes at the edge carry their descendant count. Queries: O(depth), not O(size)."""
    depth = max(0, min(depth, MAX_TREE_DEPTH))
    tops = [TreeNode(root)] if root is not None else [TreeNode(a) for a in tree.roots_on(day)]
    frontier = tops
    for _ in range(depth):
        if not frontier:
            break
        children = tree.children_on([n.agency.pk for n in frontier], day)
        next_frontier = []
        for node in frontier:
            node.expanded = True
            node.children = [TreeNode(a) for a in children.get(node.agency.pk, [])]
            next_frontier.extend(node.children)
        frontier = next_frontier
    counts = tree.descendant_counts([n.agency.pk for n in _walk(tops)], day)
    for node in _walk(tops):
        node.descendants = counts.get(node.agency.pk, 0)
    return tops


def _walk(nodes):
    for n in nodes:
        yield n
        yield from _walk(n.children)


@dataclass
class PositionRow:
    position: object
    filled: int
    holders: list = field(default_factory=list)

    @property
    def vacant(self) -> int | None:
        return None if self.position.quota is None else self.position.quota - self.filled


@dataclass
class AgencyPage:
    agency: Agency
    day: dt.date
    active: bool
    ancestors: list
    children: list
    mandates: list
    positions: list
    headcount: int
    quotas: list
    parent: Agency | None = None


def agency_page(agency: Agency, day: dt.date, with_holders: bool = False) -> AgencyPage:
    """Everything the agency page shows, in a fixed number of queries."""
    pk = agency.pk
    ancestors = tree.ancestors_on([pk], day).get(pk, [])
    children = tree.children_on([pk], day).get(pk, [])
    child_counts = tree.descendant_counts([c.pk for c in children], day)
    for c in children:
        c.descendants = child_counts.get(c.pk, 0)
    mandates = structure_selectors.mandates_on([pk], day).get(pk, [])
    positions = position_selectors.positions_on([pk], day).get(pk, [])
    position_ids = [p.pk for p in positions]
    filled = position_selectors.filled_counts(position_ids, day)
    holders = position_selectors.holders(position_ids, day) if with_holders else {}
    rows = [PositionRow(p, filled.get(p.pk, 0), holders.get(p.pk, [])) for p in positions]
    headcount = position_selectors.headcounts([pk], day).get(pk, 0)
    from orgchart.staffing.models import Quota

    quotas = list(Quota.objects.filter(agency_id=pk, year=day.year).order_by("kind"))
    return AgencyPage(
        agency=agency, day=day, active=agency.is_active(day), ancestors=ancestors, children=children,
        mandates=mandates, positions=rows, headcount=headcount, quotas=quotas,
        parent=ancestors[-1] if ancestors else None,
    )


@dataclass
class OfficialPage:
    official: Official
    assignments: list
    current: list
    ratings: list
    disciplines: list
    succession_plans: list
    separations: list


def official_page(official: Official, day: dt.date) -> OfficialPage:
    assignments = list(
        Assignment.objects.filter(official=official).select_related("position", "position__agency").order_by("-start_on", "-id")
    )
    current = [
        a for a in assignments
        if a.start_on <= day and (a.end_on is None or a.end_on >= day)
    ]
    for a in assignments:
        a.is_primary = a.kind not in NON_HOLDING_KINDS
        a.is_current = a in current
    return OfficialPage(
        official=official,
        assignments=assignments,
        current=current,
        ratings=list(official.ratings.order_by("-year")),
        disciplines=list(official.disciplines.order_by("-decided_on")),
        succession_plans=list(official.succession_plans.select_related("position").order_by("-period_start")),
        separations=list(official.separations.order_by("-separated_on")),
    )


@dataclass
class _FoldedAgencies:
    key: tuple
    built_at: float
    rows: list  # (pk, folded code, folded name, folded short name, established_on, dissolved_on)


_folded_cache: dict[str, _FoldedAgencies] = {}
FOLDED_TTL_SECONDS = 300


def _folded_agencies() -> list:
    """Folded names of every agency, rebuilt when an agency is added, changed or deleted (the
    latest audit-history row and the row count change) or after FOLDED_TTL_SECONDS. One query
    when fresh, two when rebuilt."""
    from django.db.models import Count, Max

    key = tuple(Agency.history.aggregate(n=Count("history_id"), last=Max("history_id")).values())
    key += tuple(Agency.objects.aggregate(n=Count("pk"), last=Max("pk")).values())
    cached = _folded_cache.get("agencies")
    if cached is not None and cached.key == key and time.monotonic() - cached.built_at < FOLDED_TTL_SECONDS:
        return cached.rows
    rows = [
        (pk, fold(code), fold(name), fold(short), est, dis)
        for pk, code, name, short, est, dis in Agency.objects.values_list(
            "pk", "code", "name", "short_name", "established_on", "dissolved_on"
        ).iterator(chunk_size=5000)
    ]
    _folded_cache["agencies"] = _FoldedAgencies(key, time.monotonic(), rows)
    return rows


def search_agencies(text: str, day: dt.date, include_inactive: bool = False) -> list[Agency]:
    """Agencies active on `day` (or all, with `include_inactive`) whose code, name or short name
    contains `text`, ignoring case and diacritics ("so tai chinh" finds "Sở Tài chính"); exact
    matches first. A fixed number of queries: the folded names are cached per process."""
    needle = fold(text)
    if not needle:
        return []
    exact, partial = [], []
    for pk, code, name, short, est, dis in _folded_agencies():
        if not include_inactive and ((est is not None and est > day) or (dis is not None and dis <= day)):
            continue
        if needle == code or needle == name:
            exact.append((code, pk))
        elif needle in code or needle in name or needle in short:
            partial.append((code, pk))
    ids = [pk for _, pk in sorted(exact) + sorted(partial)][:SEARCH_LIMIT]
    found = Agency.objects.in_bulk(ids)
    result = [found[i] for i in ids if i in found]
    for a in result:
        a.active_on_day = a.is_active(day)
    return result


def search_officials(text: str) -> list[Official]:
    s = text.strip()
    return list(Official.objects.filter(Q(code__icontains=s) | Q(full_name__icontains=s)).order_by("full_name", "code")[:SEARCH_LIMIT])
