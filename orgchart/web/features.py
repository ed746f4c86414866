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


def overlap_findings(agency):
    """Latest overlap findings that involve the agency, or None when unavailable."""
    try:
        from orgchart.overlaps.selectors import findings_for_agency
    except ImportError:
        return None
    return list(findings_for_agency(agency))
