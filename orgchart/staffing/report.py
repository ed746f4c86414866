"""The staffing workbook (manage.py staffing_report): one sheet per level of the subtree (the
agency, its children, grandchildren…) with the RULES.md §3 figures per kind, a candidates
sheet and an attrition forecast sheet. Vietnamese headers; every text cell that a
spreadsheet would read as a formula (= + - @ tab CR) is prefixed with `'`."""
from openpyxl import Workbook
from openpyxl.styles import Font
from tqdm import tqdm

from orgchart.core.choices import QuotaKind, Regime
from orgchart.core.dates import reference_date
from orgchart.structure.models import Agency
from orgchart.structure.tree import ancestors_on, children_on

from .candidates import reduction_candidates
from .forecast import attrition_forecast
from .summary import summarize

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
KIND_LABELS = dict(QuotaKind.choices)
REGIME_LABELS = dict(Regime.choices)

LEVEL_HEADERS = [
    "Mã cơ quan", "Tên cơ quan", "Trực thuộc", "Loại biên chế", "Biên chế được giao", "Số người hiện có",
    "Còn thiếu so với biên chế", "Vượt biên chế", "Số nghỉ việc trong năm", "Số tinh giản trong năm",
    "Năm gốc", "Biên chế năm gốc", "Chỉ tiêu tinh giản (%)", "Đã đạt (%)", "Yêu cầu đến năm (%)", "Đúng tiến độ",
    "Quá tuổi nghỉ hưu vẫn giữ vị trí", "Đã nghỉ việc vẫn giữ vị trí",
]
CANDIDATE_HEADERS = [
    "Mã cán bộ", "Họ và tên", "Vị trí việc làm", "Cơ quan", "Ngày nghỉ hưu", "Chế độ", "Mã tiêu chí",
    "Nội dung", "Căn cứ",
]
FORECAST_HEADERS = [
    "Loại biên chế", "Năm", "Số đến tuổi nghỉ hưu", "Lũy kế (gồm đã quá tuổi)", "Số người dự kiến cuối năm",
    "Biên chế tối đa theo lộ trình", "Đạt lộ trình chỉ nhờ nghỉ hưu",
]


def safe(value):
    """Neutralise formula-like text (CONTRACT §2 export rule)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _yes_no(value):
    return None if value is None else ("Có" if value else "Không")


def _sheet(wb, title, headers, first=False):
    ws = wb.active if first else wb.create_sheet()
    ws.title = title[:31]
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    return ws


def _append(ws, row):
    ws.append([safe(v) for v in row])


def _levels(agency: Agency, year: int, max_depth: int):
    """[(level, [agencies], {id: chain}, {id: parent code})] breadth-first, one query per level."""
    day = reference_date(year)
    chains = {agency.pk: [a.pk for a in ancestors_on([agency.pk], day)[agency.pk]]}
    parents = {agency.pk: agency.parent.code if agency.parent_id else ""}
    level, current, out = 0, [agency], []
    while current and level <= max_depth:
        out.append((level, current, dict(chains), dict(parents)))
        kids = children_on([a.pk for a in current], day)
        nxt = []
        for a in current:
            for c in kids.get(a.pk, []):
                chains[c.pk] = [*chains[a.pk], a.pk]
                parents[c.pk] = a.code
                nxt.append(c)
        current, level = nxt, level + 1
    return out


def build_workbook(agency: Agency, year: int, max_depth: int = 10, progress: bool = True) -> Workbook:
    wb = Workbook()
    levels = _levels(agency, year, max_depth)
    for level, agencies, chains, parents in tqdm(levels, desc="Cấp", disable=not progress):
        ws = _sheet(wb, f"Cấp {level}", LEVEL_HEADERS, first=level == 0)
        by_kind = {k: summarize(agencies, year, k, chains) for k in QuotaKind.values}
        for i, s in enumerate(summarize(agencies, year, None, chains)):
            for label, item in [("Tất cả", s), *((KIND_LABELS[k], by_kind[k][i]) for k in QuotaKind.values)]:
                f, st = item.figures, item.status
                t = st.target
                _append(ws, [
                    s.agency.code, s.agency.name, parents.get(s.agency.pk, ""), label, f.quota, f.headcount,
                    f.vacancies, f.over_quota, f.separations, f.reductions,
                    t.baseline_year if t else None, st.baseline_quota, float(t.percent) if t else None,
                    float(st.achieved_percent) if st.achieved_percent is not None else None,
                    float(st.required_percent) if st.required_percent is not None else None,
                    _yes_no(st.on_track), f.retired_still_holding, f.separated_still_holding,
                ])
    ws = _sheet(wb, "Đối tượng tinh giản", CANDIDATE_HEADERS)
    for c in reduction_candidates(agency, year):
        _append(ws, [
            c.official.code, c.official.full_name, ", ".join(p.code for p in c.positions),
            ", ".join(a.code for a in c.agencies), c.retirement_date, REGIME_LABELS.get(c.regime, c.regime),
            "; ".join(x.code for x in c.criteria), "; ".join(x.message for x in c.criteria),
            "; ".join(x.citation for x in c.criteria),
        ])
    ws = _sheet(wb, "Dự báo nghỉ hưu", FORECAST_HEADERS)
    for k in attrition_forecast(agency, year).kinds:
        for y in k.years:
            _append(ws, [KIND_LABELS[k.kind], y.year, y.retiring, y.cumulative, y.projected_headcount,
                         y.allowed_quota, _yes_no(y.meets_target)])
    return wb
