"""The `?ngay=YYYY-MM-DD` date picker shared by every structure page."""
import datetime as dt
from dataclasses import dataclass

from orgchart.core.dates import today

PARAM = "ngay"


@dataclass
class PageDate:
    day: dt.date
    is_today: bool
    error: str = ""
    raw: str = ""

    @property
    def query(self) -> str:
        """`ngay=…` to carry the date on links ('' for today)."""
        return "" if self.is_today else f"{PARAM}={self.day.isoformat()}"


def page_date(request) -> PageDate:
    """The date asked for in the query string, or today. A malformed date is reported on the
    page (never a server error) and today is shown instead."""
    raw = (request.GET.get(PARAM) or "").strip()
    t = today()
    if not raw:
        return PageDate(t, True)
    try:
        day = dt.date.fromisoformat(raw)
        if len(raw) != 10:
            raise ValueError(raw)
    except ValueError:
        return PageDate(t, True, error=f"Ngày «{raw}» không hợp lệ (định dạng YYYY-MM-DD); đang hiển thị hôm nay.", raw=raw)
    return PageDate(day, day == t, raw=raw)
