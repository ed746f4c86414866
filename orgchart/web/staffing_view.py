"""The staffing page of an agency (`/co-quan/<code>/bien-che/?nam=Y`): RULES §3 figures for its
subtree and for each child, the reduction target, and (personal data, a role needed) the
reduction candidates. The per-child table downloads as CSV with formulas neutralised."""
import csv

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from orgchart.accounts.permissions import Actor
from orgchart.core.choices import QuotaKind
from orgchart.core.dates import today
from orgchart.staffing.candidates import visible_candidates
from orgchart.structure import tree
from orgchart.structure.models import Agency

from .export_safety import escape_row
from .views import request_memo

MIN_YEAR, MAX_YEAR = 2000, 2100


def _year(request) -> tuple[int, str]:
    raw = (request.GET.get("nam") or "").strip()
    if not raw:
        return today().year, ""
    if raw.isdigit() and MIN_YEAR <= int(raw) <= MAX_YEAR:
        return int(raw), ""
    return today().year, f"Năm «{raw}» không hợp lệ; đang hiển thị năm {today().year}."


def staffing_home(request):
    """The staffing dashboard of the user's own unit (its scope), else of the first root."""
    actor = Actor.from_request(request)
    agency = actor.scope
    if agency is None:
        roots = tree.roots_on(today())
        if not roots:
            raise Http404("Chưa có cơ quan nào.")
        agency = roots[0]
    return redirect("web:agency_staffing", code=agency.code)


@request_memo
def agency_staffing(request, code):
    try:
        from orgchart.staffing.summary import breakdown, summary
    except ImportError:
        raise Http404("Chức năng biên chế chưa được cài đặt.")
    agency = get_object_or_404(Agency, code=code)
    year, error = _year(request)
    kind = request.GET.get("loai") or None
    if kind not in (None, *QuotaKind.values):
        kind, error = None, "Loại biên chế không hợp lệ; đang hiển thị tất cả các loại."
    total = summary(agency, year, kind)
    rows = breakdown(agency, year, kind)
    if request.GET.get("dinh_dang") == "csv":
        return _csv(agency, year, kind, total, rows)
    actor = Actor.from_request(request)
    return render(request, "web/agency_staffing.html", {
        "agency": agency, "year": year, "kind": kind or "", "kinds": QuotaKind.choices, "error": error,
        "total": total, "rows": rows, "candidates": visible_candidates(actor, agency, year),
        "years": list(range(today().year - 5, today().year + 2)),
    })


CSV_HEADER = ["Mã cơ quan", "Tên cơ quan", "Biên chế được giao", "Số người thực có", "Còn thiếu", "Vượt biên chế",
              "Nghỉ trong năm", "Tinh giản"]


def _csv(agency, year, kind, total, rows) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="bien-che-{agency.code}-{year}{"-" + kind if kind else ""}.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 with a BOM correctly
    writer = csv.writer(response)
    writer.writerow(CSV_HEADER)
    for s in [*rows, total]:
        f = s.figures
        writer.writerow(escape_row([s.agency.code, s.agency.name, f.quota, f.headcount, f.vacancies, f.over_quota,
                                    f.separations, f.reductions]))
    return response
