"""The staffing dashboard of an agency (`/co-quan/<code>/bien-che/?nam=Y&loai=KIND`): RULES §3
figures for its subtree and for each child (bar chart quota vs headcount), the reduction target
per kind and the progress by year (line chart), the attrition forecast, the reduction
candidates (personal data: a role; paged, filtered, XLSX with the exempt on their own sheet),
and the whole report as XLSX. Every CSV/XLSX cell goes through `export_safety`."""
import csv

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from orgchart.accounts.permissions import Actor
from orgchart.core.choices import QuotaKind, Regime
from orgchart.core.dates import today
from orgchart.core.text import fold
from orgchart.staffing.candidates import visible_candidates
from orgchart.staffing.forecast import attrition_forecast
from orgchart.staffing.summary import breakdown, summary
from orgchart.structure import tree
from orgchart.structure.models import Agency

from . import staffing_export
from .export_safety import escape_row
from .views import request_memo

MIN_YEAR, MAX_YEAR = 2000, 2100
PAGE_SIZE = 25
KINDS = dict(QuotaKind.choices)


def _year(request) -> tuple[int, str]:
    raw = (request.GET.get("nam") or "").strip()
    if not raw:
        return today().year, ""
    if raw.isdigit() and MIN_YEAR <= int(raw) <= MAX_YEAR:
        return int(raw), ""
    return today().year, f"Năm «{raw}» không hợp lệ; đang hiển thị năm {today().year}."


def staffing_home(request):
    """The staffing dashboard of the user's own unit (its scope), else of the first root."""
    agency = Actor.from_request(request).scope
    if agency is None:
        roots = tree.roots_on(today())
        if not roots:
            raise Http404("Chưa có cơ quan nào.")
        agency = roots[0]
    return redirect("web:agency_staffing", code=agency.code)


def progress(agency, kind: str | None, target) -> list[dict]:
    """Achieved vs required reduction (%) for each year of the target's period (line chart)."""
    if target is None:
        return []
    years = range(target.baseline_year, min(target.period_end, MAX_YEAR) + 1)
    out = []
    for y in list(years)[:12]:
        s = summary(agency, y, kind).status
        out.append({"year": y, "achieved": float(s.achieved_percent) if s.achieved_percent is not None else None,
                    "required": float(s.required_percent) if s.required_percent is not None else None})
    return out


def filter_candidates(cands, request):
    """Candidates matching the filters: criterion code, regime, name or code typed."""
    crit, regime, text = request.GET.get("tieu_chi", ""), request.GET.get("che_do", ""), fold(request.GET.get("ten", ""))
    out = []
    for c in cands:
        if crit and crit not in {x.code for x in c.criteria}:
            continue
        if regime and c.regime != regime:
            continue
        if text and text not in fold(f"{c.official.full_name} {c.official.code}"):
            continue
        out.append(c)
    return out


def _context(request, agency, year, kind, error):
    total = summary(agency, year, kind)
    rows = breakdown(agency, year, kind)
    per_kind = [{"kind": k, "label": KINDS[k], "s": summary(agency, year, k)} for k in QuotaKind.values]
    target_source = total if total.status.target else next((p["s"] for p in per_kind if p["s"].status.target), None)
    forecast = attrition_forecast(agency, year)
    actor = Actor.from_request(request)
    cands = visible_candidates(actor, agency, year)
    page = None
    criteria_codes = []
    if cands is not None:
        criteria_codes = sorted({x.code for c in cands for x in c.criteria})
        page = Paginator(filter_candidates(cands, request), PAGE_SIZE).get_page(request.GET.get("trang"))
    chart = {"labels": [s.agency.name for s in rows], "quota": [s.figures.quota for s in rows],
             "headcount": [s.figures.headcount for s in rows]}
    trend = progress(agency, target_source.kind if target_source else None, target_source.status.target) \
        if target_source else []
    return {
        "agency": agency, "year": year, "kind": kind or "", "kinds": QuotaKind.choices, "error": error,
        "total": total, "rows": rows, "per_kind": per_kind, "target_source": target_source,
        "forecast": [dict(k=k, label=KINDS[k.kind]) for k in forecast.kinds if k.headcount or k.target],
        "candidates": page, "candidate_total": None if cands is None else len(cands), "criteria_codes": criteria_codes,
        "regimes": Regime.choices, "bar_chart": chart, "line_chart": trend,
        "years": list(range(today().year - 5, today().year + 2)),
    }


@request_memo
def agency_staffing(request, code):
    agency = get_object_or_404(Agency, code=code)
    year, error = _year(request)
    kind = request.GET.get("loai") or None
    if kind not in (None, *QuotaKind.values):
        kind, error = None, "Loại biên chế không hợp lệ; đang hiển thị tất cả các loại."
    fmt = request.GET.get("dinh_dang")
    if fmt == "csv":
        return _csv(agency, year, kind, summary(agency, year, kind), breakdown(agency, year, kind))
    if fmt == "xlsx":
        return staffing_export.report(agency, year, visible_candidates(Actor.from_request(request), agency, year))
    if fmt == "doi_tuong":
        cands = visible_candidates(Actor.from_request(request), agency, year)
        if cands is None:
            raise Http404("Danh sách đối tượng tinh giản cần tài khoản có vai trò.")
        return staffing_export.candidates(agency, year, filter_candidates(cands, request), Actor.from_request(request))
    return render(request, "web/agency_staffing.html", _context(request, agency, year, kind, error))


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
