"""Reads shaped for the web pages. Tree reads go through `orgchart.structure.tree` only, and
every page runs a fixed number of queries whatever the size of the tree."""
import datetime as dt
from dataclasses import dataclass, field

from orgchart.core.choices import NON_HOLDING_KINDS
from orgchart.personnel.models import Assignment, Official
from orgchart.positions import selectors as position_selectors
from orgchart.structure import selectors as structure_selectors
from orgchart.structure import tree
from orgchart.structure.models import Agency

MAX_TREE_DEPTH = 6
SEARCH_LIMIT = 50


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


def search_agencies(text: str, day: dt.date, include_inactive: bool = False) -> list[Agency]:
    """Agencies active on `day` (or all, with `include_inactive`) whose name or code matches
    `text` the way the API does (core.search: every word the prefix of a word, case and
    diacritics ignored; "so tai chinh" finds "Sở Tài chính"); an exact code first, then by code.
    Two queries."""
    if not text or not text.strip():
        return []
    qs = Agency.objects.filter(search_key__words=text)
    if not include_inactive:
        qs = qs.filter(Agency.active_q(day))
    exact = list(qs.filter(code__iexact=text.strip())[:1])
    rest = list(qs.exclude(pk__in=[a.pk for a in exact]).order_by("code")[:SEARCH_LIMIT - len(exact)])
    result = exact + rest
    for a in result:
        a.active_on_day = a.is_active(day)
    return result


def search_officials(text: str, actor=None) -> list[Official]:
    """Officials whose name or code matches `text` (same rule as the API), by name; for a scoped
    token (not an auditor) only those holding a post inside the scope today."""
    from orgchart.core.choices import Role
    from orgchart.personnel.selectors import search_officials as find

    scope = actor.scoped_agency_ids() if actor is not None and actor.role != Role.AUDITOR else None
    return find(text, limit=SEARCH_LIMIT, agency_ids=scope)
