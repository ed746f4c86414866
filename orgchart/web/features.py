"""Optional panels of the agency page, each backed by another domain package. A package
that is not installed (or not finished) simply leaves its panel out: the page never fails
because a feature is missing."""
import datetime as dt
import logging

from orgchart.core.dates import reference_date

log = logging.getLogger(__name__)


def staffing_summary(agency, day: dt.date):
    """RULES §3 figures for the agency's subtree in the year of `day`, or None."""
    try:
        from orgchart.staffing.summary import summary
    except ImportError:
        return None
    year = day.year
    result = summary(agency, year)
    result.is_reference_day = reference_date(year) == day
    return result


def structure_findings(agency, day: dt.date):
    """RULES §4 findings for the agency's subtree on `day` ([{agency, code, severity, message,
    citation}]), or None when unavailable."""
    try:
        from orgchart.restructuring.selectors import structure_findings as find
    except ImportError:
        return None
    return list(find(agency.code, day))


def change_events(agency):
    """Merge/split/move/dissolve events touching the agency, oldest first, or None."""
    try:
        from orgchart.restructuring.selectors import change_events as events
    except ImportError:
        return None
    return list(events(agency))


OVERLAP_LIMIT = 20


def overlap_findings(agency):
    """The agency's current overlap findings (RULES §5; latest detection run), highest score
    first, as [{other, score, shared_terms_text, status, status_label, pairs}], or None when
    overlap detection is not installed. One query."""
    try:
        from orgchart.overlaps.models import OverlapFinding
    except ImportError:
        return None
    from django.db.models import Q

    rows = (
        OverlapFinding.objects.filter(Q(agency_a=agency) | Q(agency_b=agency), active=True)
        .select_related("agency_a", "agency_b")
        .order_by("-score", "id")[:OVERLAP_LIMIT]
    )
    return [
        {
            "pk": f.pk,
            "other": f.agency_b if f.agency_a_id == agency.pk else f.agency_a,
            "score": f.score,
            "shared_terms_text": ", ".join(str(t) for t in (f.shared_terms or [])[:12]),
            "status": f.status,
            "status_label": f.get_status_display(),
            "pairs": [_side_by_side(pair, f.agency_a_id != agency.pk) for pair in (f.mandate_pairs or [])[:3]],
        }
        for f in rows
    ]


def _side_by_side(pair: dict, swapped: bool) -> dict:
    mine, theirs = (pair.get("b"), pair.get("a")) if swapped else (pair.get("a"), pair.get("b"))
    return {"mine": mine or {}, "theirs": theirs or {}, "score": pair.get("score")}


def lineage(agency):
    """(predecessors, successors) through merge/split/dissolve events — "which units became this
    one" and "where did its duties go" — or None when restructuring is not installed."""
    try:
        from orgchart.restructuring.selectors import predecessors, successors
    except ImportError:
        return None
    return predecessors(agency), successors(agency)
