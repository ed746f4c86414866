"""Date arithmetic shared by every rule (RULES.md preamble)."""
import calendar
import datetime as dt

from django.utils import timezone


def today() -> dt.date:
    """The local date in Asia/Ho_Chi_Minh (CONTRACT §1)."""
    return timezone.localdate()


def add_months(d: dt.date, months: int) -> dt.date:
    """D + N months, keeping the day of month clamped to the month's last day."""
    total = d.year * 12 + (d.month - 1) + months
    year, month = divmod(total, 12)
    month += 1
    return dt.date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def end_of_month(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def whole_years(start: dt.date, end: dt.date) -> int:
    """Completed anniversaries from start to end (negative if end < start)."""
    years = end.year - start.year
    if (end.month, end.day) < (start.month, start.day):
        years -= 1
    return years


def whole_months(start: dt.date, end: dt.date) -> int:
    """Completed months from start to end (same day-of-month convention as add_months)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if add_months(start, months) > end:
        months -= 1
    return months


def covers(start: dt.date | None, end: dt.date | None, day: dt.date) -> bool:
    """Inclusive interval [start, end] (None = unbounded) contains `day`."""
    return (start is None or start <= day) and (end is None or end >= day)


def parse_date(value) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value).strip())


def reference_date(year: int) -> dt.date:
    """Reference date of a year (RULES.md §3): Y-12-31, or today for the current year."""
    t = today()
    return t if year == t.year else dt.date(year, 12, 31)
