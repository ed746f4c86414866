"""The drawn org chart (sơ đồ tổ chức): which units, what each card says, where it goes.

Data (`build`): the root's subtree on a date, the root's children always, deeper units only
under the expanded ones (lazy: nothing below a collapsed unit is read). Each card carries the
unit's name, kind, the head's name (public: a head's name is public by CONTRACT §4 names rule),
headcount / quota of the year, and finding badges (structure findings, open overlaps). A fixed
number of queries per expanded level, whatever the number of units.

Layout (`layout`): the root on top; its children in rows of `per_row` columns hanging from a bus
line joined to a trunk; below each child its expanded descendants stacked and indented, joined
by elbow connectors. Coordinates in px for the SVG template (`web/_chart.svg`).
"""
import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Q, Sum

from orgchart.core.choices import LeadershipRole
from orgchart.personnel.models import Assignment
from orgchart.personnel.selectors import holding_q
from orgchart.positions import selectors as position_selectors
from orgchart.structure import tree
from orgchart.structure.models import Agency

MAX_DEPTH = 6
CARD_W, CARD_H, ROOT_W = 200, 86, 280
GAP_X, GAP_Y, INDENT, STACK_GAP, BUS = 22, 56, 16, 12, 26
SHORT_KIND = {
    "public_service_unit": "Đơn vị sự nghiệp", "department_equivalent": "Tương đương sở",
    "government_agency": "Thuộc Chính phủ", "ministry_equivalent": "Ngang bộ", "board": "Ban",
}
PAD = 16


@dataclass
class Card:
    agency: Agency
    depth: int
    children: list["Card"] = field(default_factory=list)
    descendants: int = 0
    expanded: bool = False
    head: str = ""
    headcount: int = 0
    quota: int | None = None
    violations: int = 0
    warnings: int = 0
    overlaps: int = 0
    changed: bool = False  # highlighted in a before/after view
    x: int = 0
    y: int = 0
    w: int = CARD_W
    lines: list[str] = field(default_factory=list)
    kind_line: str = ""
    head_line: str = ""
    expand_url: str = ""

    @property
    def cx(self) -> int:
        return self.x + self.w // 2


@dataclass
class Chart:
    root: Card
    day: dt.date
    width: int = 0
    height: int = 0
    edges: list[tuple] = field(default_factory=list)  # polylines [(x, y), …]
    cards: list[Card] = field(default_factory=list)


def build(root: Agency, day: dt.date, depth: int = 2, expanded: set[str] | frozenset = frozenset(),
          highlight: set[str] | frozenset = frozenset()) -> Chart:
    """The chart of `root`'s subtree on `day`: `depth` levels open, plus the units in `expanded`."""
    top = Card(root, 0)
    frontier, level = [top], 0
    while frontier and level < MAX_DEPTH:
        open_ = [c for c in frontier if c.depth < depth or c.agency.code in expanded]
        if not open_:
            break
        kids = tree.children_on([c.agency.pk for c in open_], day)
        frontier = []
        for c in open_:
            c.expanded = True
            c.children = [Card(a, c.depth + 1) for a in kids.get(c.agency.pk, [])]
            frontier += c.children
        level += 1
    cards = list(_walk(top))
    _facts(cards, day)
    for c in cards:
        c.changed = c.agency.code in highlight
    chart = Chart(top, day, cards=cards)
    layout(chart)
    return chart


def _walk(card):
    yield card
    for c in card.children:
        yield from _walk(c)


def _facts(cards: list[Card], day: dt.date):
    ids = [c.agency.pk for c in cards]
    counts = tree.descendant_counts(ids, day)
    heads = _heads(ids, day)
    headcount = position_selectors.headcounts(ids, day)
    from orgchart.staffing.models import Quota

    quotas = dict(Quota.objects.filter(agency_id__in=ids, year=day.year).values("agency_id")
                  .annotate(n=Sum("amount")).values_list("agency_id", "n"))
    findings = _structure_findings(ids, day)
    overlaps = _open_overlaps(ids)
    for c in cards:
        pk = c.agency.pk
        c.descendants = counts.get(pk, 0)
        c.head = heads.get(pk, "")
        c.headcount = headcount.get(pk, 0)
        c.quota = quotas.get(pk)
        c.violations = findings[(pk, "violation")]
        c.warnings = findings[(pk, "warning")]
        c.overlaps = overlaps[pk]


def _heads(ids, day) -> dict[int, str]:
    """{agency id: "Name, Name"} of the holders of its head positions on `day` (public data)."""
    head_pos = {pid: aid for pid, aid, role in tree.positions_of(ids, day) if role == LeadershipRole.HEAD}
    names = defaultdict(list)
    rows = (Assignment.objects.filter(holding_q(day), position_id__in=list(head_pos))
            .order_by("start_on", "id").values_list("position_id", "official__full_name"))
    for pid, name in rows:
        if name not in names[head_pos[pid]]:
            names[head_pos[pid]].append(name)
    return {aid: ", ".join(n) for aid, n in names.items()}


def _structure_findings(ids, day) -> Counter:
    try:
        from orgchart.restructuring.selectors import findings_for
    except ImportError:
        return Counter()
    return Counter((f["agency"].pk, f["severity"]) for f in findings_for(ids, day))


def _open_overlaps(ids) -> Counter:
    try:
        from orgchart.overlaps.models import OverlapFinding
    except ImportError:
        return Counter()
    open_ = Q(active=True, status__in=[OverlapFinding.Status.NEW, OverlapFinding.Status.CONFIRMED])
    out = Counter()
    for a, b in OverlapFinding.objects.filter(open_).filter(Q(agency_a_id__in=ids) | Q(agency_b_id__in=ids)) \
            .values_list("agency_a_id", "agency_b_id"):
        out[a] += 1
        out[b] += 1
    return out


# --- layout ------------------------------------------------------------------------------------
def wrap(text: str, width_px: int, size: float = 12.5, lines: int = 2) -> list[str]:
    """Break `text` into at most `lines` lines of the card's width (average glyph ≈ 0.55 em)."""
    per_line = max(8, int(width_px / (size * 0.55)))
    out, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > per_line:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    out.append(line)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: per_line - 1].rstrip() + "…"
    return out


def fit(text: str, width_px: int, size: float = 10.5) -> str:
    """`text` cut with an ellipsis to fit `width_px` (average glyph ≈ 0.56 em)."""
    limit = max(6, int(width_px / (size * 0.56)))
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _texts(card: Card):
    card.lines = wrap(card.agency.name, card.w - 16)
    kind = SHORT_KIND.get(card.agency.kind) or card.agency.get_kind_display()
    count = f"{card.headcount}/{card.quota}" if card.quota is not None else f"{card.headcount}"
    card.kind_line = f"{fit(kind, card.w - 90)} · {count} người"
    card.head_line = fit(f"Người đứng đầu: {card.head}" if card.head else "Chưa có người đứng đầu", card.w - 14)


def _stack(card: Card, x: int, y: int, edges: list) -> int:
    """Place `card`'s expanded descendants below it, indented; returns the bottom y."""
    bottom = y + CARD_H
    for child in card.children:
        child.w = max(CARD_W - INDENT * (child.depth - 1), 150)
        child.x, child.y = x + INDENT, bottom + STACK_GAP
        _texts(child)
        elbow_x = x + 8
        edges.append([(elbow_x, card.y + CARD_H), (elbow_x, child.y + CARD_H // 2), (child.x, child.y + CARD_H // 2)])
        bottom = _stack(child, child.x, child.y, edges)
    return bottom


def layout(chart: Chart, per_row: int = 5):
    root, edges = chart.root, chart.edges
    kids = root.children
    cols = max(1, min(per_row, len(kids)))
    col_w = CARD_W + GAP_X
    width = max(cols * col_w - GAP_X, ROOT_W) + 2 * PAD
    root.w = ROOT_W
    root.x, root.y = (width - ROOT_W) // 2, PAD
    _texts(root)
    y = root.y + CARD_H + GAP_Y
    trunk_x = root.cx
    rows = [kids[i:i + cols] for i in range(0, len(kids), cols)]
    last_bus = None
    for row in rows:
        offset = (width - (len(row) * col_w - GAP_X)) // 2
        bus_y = y - BUS
        bottoms = []
        for i, child in enumerate(row):
            child.x, child.y, child.w = offset + i * col_w, y, CARD_W
            _texts(child)
            edges.append([(child.cx, bus_y), (child.cx, child.y)])
            bottoms.append(_stack(child, child.x, child.y, edges))
        left, right = min(row[0].cx, trunk_x), max(row[-1].cx, trunk_x)
        edges.append([(left, bus_y), (right, bus_y)])
        last_bus = bus_y
        y = max(bottoms) + GAP_Y
    if last_bus is not None:
        edges.append([(trunk_x, root.y + CARD_H), (trunk_x, last_bus)])
    chart.width = width
    chart.height = (y - GAP_Y + PAD) if rows else root.y + CARD_H + PAD
