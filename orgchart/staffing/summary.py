"""staffingSummary / staffingBreakdown: figures + target status for subtrees, a fixed number
of queries whatever the size of the tree or the number of children."""
import datetime as dt
from dataclasses import dataclass, field

from orgchart.core.dates import reference_date
from orgchart.structure.models import Agency
from orgchart.structure.tree import ancestors_on, children_on, subtree_size

from . import selectors
from .selectors import Figures
from .targets import TargetStatus, candidate_rows, pick


@dataclass
class Summary:
    agency: Agency
    year: int
    kind: str | None
    reference_date: dt.date
    figures: Figures
    by_kind: dict[str, Figures] = field(default_factory=dict)
    status: TargetStatus = field(default_factory=TargetStatus)


def summarize(agencies: list[Agency], year: int, kind: str | None = None, chains: dict[int, list[int]] | None = None):
    """[Summary] for each agency's subtree. `chains` ({id: ancestor ids, root first}) saves
    the ancestor lookup when the caller knows them (children of one parent)."""
    kind = selectors.validate_kind(kind)
    day = reference_date(year)
    ids = [a.pk for a in agencies]
    if not ids:
        return []
    if chains is None:
        chains = {i: [a.pk for a in anc] for i, anc in ancestors_on(ids, day).items()}
    size = sum(subtree_size(a) for a in agencies)  # a hint, from today's tree
    per_root = selectors.figures(ids, year, kind, day, size_hint=size)
    chain_ids = {i for c in chains.values() for i in c} | set(ids)
    rows = candidate_rows(chain_ids, year, [kind, ""] if kind else [""])
    targets = {i: pick(rows, [*chains.get(i, []), i], kind) for i in ids}
    baseline_years = {t.baseline_year for t in targets.values() if t is not None}
    baselines = selectors.quota_sums([i for i, t in targets.items() if t], baseline_years, kind, day)
    out = []
    for a in agencies:
        by_kind = per_root[a.pk]
        total = selectors.total(by_kind)
        t = targets[a.pk]
        base = baselines.get((a.pk, t.baseline_year), 0) if t else None
        out.append(Summary(a, year, kind, day, total, by_kind, TargetStatus.of(t, base, total.quota, year)))
    return out


def summary(agency: Agency, year: int, kind: str | None = None) -> Summary:
    return summarize([agency], year, kind)[0]


def breakdown(agency: Agency, year: int, kind: str | None = None) -> list[Summary]:
    """One Summary per active child of `agency` on the reference date (each child's subtree)."""
    selectors.validate_kind(kind)
    day = reference_date(year)
    children = children_on([agency.pk], day)[agency.pk]
    if not children:
        return []
    parent_chain = [a.pk for a in ancestors_on([agency.pk], day)[agency.pk]] + [agency.pk]
    return summarize(children, year, kind, chains={c.pk: parent_chain for c in children})
