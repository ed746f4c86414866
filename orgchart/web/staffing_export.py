"""XLSX downloads of the staffing dashboard: the reduction candidates (with the officials exempt
from reduction and why, on a sheet of their own) and the whole staffing report. Every cell
goes through `export_safety` (formula neutralisation)."""
import datetime as dt
import inspect
import io

from django.http import HttpResponse

from orgchart.core.choices import Regime
from orgchart.core.dates import add_months, reference_date
from orgchart.personnel.models import Assignment
from orgchart.personnel.selectors import holding_q
from orgchart.staffing import candidates as candidates_mod
from orgchart.staffing import criteria, legal
from orgchart.structure.tree import subtree_q

from . import xlsx
from .export_safety import escape_cell

REGIMES = dict(Regime.choices)
CANDIDATE_HEADERS = ["Mã cán bộ", "Họ và tên", "Vị trí việc làm", "Cơ quan, đơn vị", "Ngày nghỉ hưu", "Chế độ",
                     "Tiêu chí", "Nội dung", "Căn cứ"]
EXEMPT_HEADERS = ["Mã cán bộ", "Họ và tên", "Vị trí việc làm", "Cơ quan, đơn vị", "Lý do được miễn", "Căn cứ"]


def _candidate_rows(cands):
    for c in cands:
        yield [c.official.code, c.official.full_name, "; ".join(p.title for p in c.positions),
               "; ".join(a.name for a in c.agencies), c.retirement_date.strftime("%d/%m/%Y") if c.retirement_date else "",
               REGIMES.get(c.regime, c.regime), "; ".join(x.code for x in c.criteria),
               "; ".join(x.message for x in c.criteria), "; ".join(x.citation for x in c.criteria)]


def exempt(agency, year: int, actor) -> list[list]:
    """Officials holding a post in the subtree on the reference date who are exempt from
    reduction (a woman whose youngest child is under the legal age), with the reason: from
    `reduction_candidates(include_exempt=True)` when the staffing package offers it."""
    day = reference_date(year)
    fn = candidates_mod.reduction_candidates
    if "include_exempt" in inspect.signature(fn).parameters:
        rows = [c for c in fn(agency, year, include_exempt=True) if getattr(c, "exempt", False)]
        visible = _visible(actor, [c.official.pk for c in rows])
        return [[c.official.code, c.official.full_name, "; ".join(p.title for p in c.positions),
                 "; ".join(a.name for a in c.agencies), "; ".join(e.message for e in c.exemptions),
                 "; ".join(e.citation for e in c.exemptions)] for c in rows if c.official.pk in visible]
    months = legal.value("exempt_child_months", day)
    citation = legal.rule("exempt_child_months", day).citation
    held = (Assignment.objects.filter(holding_q(day), subtree_q(agency, day, "position__agency__"),
                                      official__gender="female",
                                      official__youngest_child_born_on__gt=add_months(day, -months))
            .select_related("official", "position", "position__agency").order_by("official__code", "position__code"))
    by_official: dict[int, list] = {}
    for a in held:
        o = a.official
        if not criteria.is_exempt(o.gender, o.youngest_child_born_on, day):
            continue
        row = by_official.setdefault(o.pk, [o.code, o.full_name, [], [], f"Nữ có con nhỏ nhất dưới {months} tháng tuổi "
                                     f"(sinh ngày {o.youngest_child_born_on:%d/%m/%Y})", citation])
        row[2].append(a.position.title)
        row[3].append(a.position.agency.name)
    visible = _visible(actor, list(by_official))
    return [[*r[:2], "; ".join(dict.fromkeys(r[2])), "; ".join(dict.fromkeys(r[3])), *r[4:]]
            for pk, r in by_official.items() if pk in visible]


def _visible(actor, official_ids) -> set:
    from orgchart.core.choices import Role

    if actor.scope_id is None or actor.role == Role.AUDITOR:
        return set(official_ids)
    return actor.official_ids_in_scope(official_ids)


def candidates(agency, year: int, cands, actor) -> HttpResponse:
    return xlsx.response(f"doi-tuong-tinh-gian-{agency.code}-{year}.xlsx", [
        ("Đối tượng tinh giản", CANDIDATE_HEADERS, _candidate_rows(cands)),
        ("Được miễn tinh giản", EXEMPT_HEADERS, exempt(agency, year, actor)),
    ])


def report(agency, year: int, visible) -> HttpResponse:
    """The staffing workbook of `manage.py staffing_report` (levels, candidates, forecast), every
    text cell passed through `export_safety.escape_cell`. The candidates sheet holds only the
    candidates the user may see (`visible`, None: no sheet)."""
    from orgchart.staffing.report import build_workbook

    wb = build_workbook(agency, year, max_depth=6, progress=False)
    for ws in list(wb.worksheets):
        if ws.title.startswith("Đối tượng"):
            index = wb.index(ws)
            wb.remove(ws)
            if visible is not None:
                fresh = wb.create_sheet("Đối tượng tinh giản", index)
                fresh.append(CANDIDATE_HEADERS)
                for row in _candidate_rows(visible):
                    fresh.append(row)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.value = escape_cell(cell.value)
    out = io.BytesIO()
    wb.save(out)
    resp = HttpResponse(out.getvalue(), content_type=xlsx.CONTENT_TYPE)
    resp["Content-Disposition"] = f'attachment; filename="bao-cao-bien-che-{agency.code}-{year}-{dt.date.today():%Y%m%d}.xlsx"'
    return resp
