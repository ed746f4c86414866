"""Appointment eligibility rules (RULES.md §2): one pure function per code over a `Case`
(no database). Each returns a `Finding` or None. `RULES` lists them in the table's order with
the actions they apply to; `evaluate(case)` runs all that apply and returns every finding."""
import datetime as dt

from orgchart.core.choices import Education, PoliticalTheory, RatingValue, StateMgmt
from orgchart.core.dates import add_months, whole_years
from orgchart.core.findings import VIOLATION, WARNING, Finding
from orgchart.core.ranks import rank_name

from .facts import (
    ACTIONS,
    APPT,
    FIRST_APPOINTMENT,
    HIGHER_APPOINTMENT,
    REAPPOINTMENT,
    RECRUITMENT,
    ROTATION,
    Case,
)
from .legal import department_deputy_cap, division_deputy_cap

ALL = frozenset(ACTIONS)
APPT_OR_REAPPT = APPT | {REAPPOINTMENT}
NOT_REAPPT = ALL - {REAPPOINTMENT}
NOT_RECRUIT = ALL - {RECRUITMENT}
ONLY_REAPPT = frozenset({REAPPOINTMENT})
ONLY_RECRUIT = frozenset({RECRUITMENT})
ONLY_HIGHER = frozenset({HIGHER_APPOINTMENT})
ONLY_ROTATION = frozenset({ROTATION})
TERM_KINDS = frozenset({FIRST_APPOINTMENT, HIGHER_APPOINTMENT, REAPPOINTMENT})
LEADER_ROLES = frozenset({"head", "deputy"})
RANK_ORDER = ("01.001", "01.002", "01.003", "01.004", "01.005")  # highest first (GLOSSARY)
_EDU = {v: i for i, v in enumerate(Education.values)}
_THEORY = {v: i for i, v in enumerate(PoliticalTheory.values)}  # ranks (GLOSSARY order, lowest first)
_MGMT = {v: i for i, v in enumerate(StateMgmt.values)}
_EDU_LABEL, _THEORY_LABEL, _MGMT_LABEL = dict(Education.choices), dict(PoliticalTheory.choices), dict(StateMgmt.choices)
ONE_DAY = dt.timedelta(days=1)


def _d(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "(không rõ)"


# --- person -----------------------------------------------------------------------------------
def elig_retired(c: Case):
    rd = c.official.retirement_date
    if rd is not None and c.on_date > rd:
        return Finding("ELIG-RETIRED", VIOLATION, f"Đã đến tuổi nghỉ hưu (ngày nghỉ hưu {_d(rd)}).",
                       "BLLĐ 2019 Đ169; NĐ 135/2020 Đ3")


def elig_separated(c: Case):
    days = [d for d in c.history.separations if d <= c.on_date]
    if days:
        return Finding("ELIG-SEPARATED", VIOLATION, f"Đã nghỉ việc, thôi việc từ ngày {_d(min(days))}.",
                       "Luật CBCC 2025; NĐ 170/2025")


def action_position_mismatch(c: Case):
    leadership = c.position.category == "leadership"
    if (c.action in APPT_OR_REAPPT and not leadership) or (c.action == RECRUITMENT and leadership):
        msg = ("Bổ nhiệm chỉ áp dụng cho vị trí lãnh đạo, quản lý." if c.action != RECRUITMENT
               else "Không tuyển dụng trực tiếp vào vị trí lãnh đạo, quản lý.")
        return Finding("ACTION-POSITION-MISMATCH", VIOLATION, msg, "NĐ 62/2020 Đ5; NĐ 361/2025")


def assign_already_holds(c: Case):
    if c.holds:
        return Finding("ASSIGN-ALREADY-HOLDS", VIOLATION,
                       f"Đang giữ vị trí này (từ ngày {_d(c.current.start_on)}).", "—")


def reappt_not_holding(c: Case):
    if not c.holds:
        return Finding("REAPPT-NOT-HOLDING", VIOLATION, "Không đang giữ vị trí này nên không thể bổ nhiệm lại.",
                       "NĐ 138/2020 Đ41")


def appt_staff_type(c: Case):
    if c.official.staff_type == "contract":
        return Finding("APPT-STAFF-TYPE", VIOLATION,
                       "Người lao động hợp đồng không được bổ nhiệm chức vụ lãnh đạo, quản lý.", "Luật CBCC 2025")


def recruit_age(c: Case):
    minimum = c.numbers.recruitment_min_age
    bd = c.official.birth_date
    if bd is not None and whole_years(bd, c.on_date) < minimum:
        return Finding("RECRUIT-AGE", VIOLATION, f"Chưa đủ {minimum} tuổi vào ngày {_d(c.on_date)}.",
                       c.numbers.cite("recruitment_min_age"))


def appt_age_term(c: Case):
    rd, months = c.official.retirement_date, c.numbers.term_months
    if rd is not None and add_months(c.on_date, months) > rd:
        return Finding("APPT-AGE-TERM", VIOLATION,
                       f"Không đủ tuổi công tác trọn một nhiệm kỳ {months // 12} năm (ngày nghỉ hưu {_d(rd)}).",
                       c.numbers.age_term_citation)


def reappt_extend_instead(c: Case):
    rd, months = c.official.retirement_date, c.numbers.reappointment_min_months
    if rd is not None and add_months(c.on_date, months) > rd:
        return Finding("REAPPT-EXTEND-INSTEAD", VIOLATION,
                       f"Còn dưới {months} tháng đến tuổi nghỉ hưu ({_d(rd)}): không bổ nhiệm lại mà kéo dài "
                       "thời gian giữ chức vụ đến khi nghỉ hưu.", "NĐ 115/2020 Đ49(3); NĐ 138/2020 → NĐ 170/2025")


def reappt_term_to_retirement(c: Case):
    rd, n = c.official.retirement_date, c.numbers
    if rd is None or add_months(c.on_date, n.reappointment_min_months) > rd:
        return None
    if add_months(c.on_date, n.term_months) > rd:
        return Finding("REAPPT-TERM-TO-RETIREMENT", WARNING,
                       f"Nhiệm kỳ bổ nhiệm lại kết thúc khi nghỉ hưu ({_d(rd)}).", "NĐ 115/2020 Đ49(2)")


def reappt_term_limit(c: Case):
    if c.official.staff_type not in ("civil_servant", "cadre"):
        return None
    day, n = c.on_date, c.numbers
    terms = sorted(
        (a for a in c.history.assignments
         if a.position_id == c.position.id and a.kind in TERM_KINDS and a.start_on <= day),
        key=lambda a: a.start_on,
    )
    if len(terms) < n.reappointment_max_terms:
        return None
    latest = terms[-1]
    if latest.end_on is not None and latest.end_on < day - dt.timedelta(days=n.term_recent_end_days):
        return None
    gap = dt.timedelta(days=n.consecutive_gap_days)
    chain = 1
    for prev, nxt in zip(reversed(terms[:-1]), reversed(terms[1:]), strict=True):
        if prev.end_on is not None and nxt.start_on > prev.end_on + gap:
            break
        chain += 1
    if chain >= n.reappointment_max_terms:
        return Finding("REAPPT-TERM-LIMIT", VIOLATION,
                       f"Đã giữ chức vụ này {chain} nhiệm kỳ liên tiếp.", "NĐ 138/2020 Đ41(2)")


def reappt_rating(c: Case):
    if c.current is None:
        return None
    ratings = c.history.ratings
    bad = [y for y in range(c.current.start_on.year, c.on_date.year) if ratings.get(y) == "not_completed"]
    if bad:
        return Finding("REAPPT-RATING", VIOLATION,
                       "Trong thời gian giữ chức vụ có năm xếp loại không hoàn thành nhiệm vụ ("
                       + ", ".join(map(str, bad)) + ").", "QĐ 377-QĐ/TW 2025 (bổ nhiệm lại)")


_RATING_LABEL = dict(RatingValue.choices)
_APPT_RATING_CITATION = "Luật CBCC 2025 Đ26(2); NĐ 90/2020 sđ NĐ 48/2023"


def appt_rating(c: Case):
    y = c.on_date.year
    last, before = c.history.ratings.get(y - 1), c.history.ratings.get(y - 2)
    if last in ("completed", "not_completed"):
        why = f"năm {y - 1}: {_RATING_LABEL[last]}"
    elif before == "not_completed":
        why = f"năm {y - 2}: {_RATING_LABEL[before]}"
    else:
        return None
    return Finding("APPT-RATING", VIOLATION, f"Xếp loại chất lượng chưa đạt yêu cầu bổ nhiệm ({why}).",
                   _APPT_RATING_CITATION)


def appt_rating_missing(c: Case):
    if (c.on_date.year - 1) not in c.history.ratings:
        return Finding("APPT-RATING-MISSING", WARNING,
                       f"Chưa có kết quả xếp loại chất lượng năm {c.on_date.year - 1}.", _APPT_RATING_CITATION)


def appt_succession_plan(c: Case):
    p = c.position
    if not p.requires_succession_plan:
        return None
    year = c.on_date.year
    ok_positions = {p.id}
    if p.leadership_role == "deputy":
        ok_positions |= p.head_position_ids
    for plan in c.history.succession_plans:
        if plan.position_id in ok_positions and plan.period_start <= year <= plan.period_end:
            return None
    return Finding("APPT-SUCCESSION-PLAN", VIOLATION,
                   f"Chưa được quy hoạch vào chức vụ này cho năm {year}.", c.numbers.succession_citation)


def appt_time_in_post(c: Case):
    day, minimum = c.on_date, c.numbers.time_in_post_days
    total = 0
    for a in c.history.assignments:
        if a.leadership_role in LEADER_ROLES and a.holding and a.start_on < day:
            end = day if a.end_on is None else min(a.end_on + ONE_DAY, day)
            if end > a.start_on:
                total += (end - a.start_on).days
    if total < minimum:
        return Finding("APPT-TIME-IN-POST", VIOLATION,
                       f"Thời gian giữ chức vụ lãnh đạo, quản lý là {total} ngày, dưới {minimum} ngày.",
                       c.numbers.cite("time_in_post_days"))


def rot_remaining(c: Case):
    if c.position.category != "leadership":
        return None
    rd, months = c.official.retirement_date, c.numbers.rotation_min_months
    if rd is not None and add_months(c.on_date, months) > rd:
        return Finding("ROT-REMAINING", VIOLATION,
                       f"Còn dưới {months // 12} năm công tác đến tuổi nghỉ hưu ({_d(rd)}): không luân chuyển "
                       "vào chức vụ lãnh đạo.", "QĐ 65-QĐ/TW 2022 Đ5")


_FORM_VI = {
    "reprimand": "khiển trách", "warning": "cảnh cáo", "salary_demotion": "hạ bậc lương", "demotion": "giáng chức",
    "dismissal_from_post": "cách chức", "removal": "bãi nhiệm", "forced_resignation": "buộc thôi việc",
}


def _barring(c: Case, bars) -> list[str]:
    day, hits = c.on_date, []
    for d in c.history.disciplines:
        months = bars.get(d.form)
        if months is None:
            continue
        start = d.start
        if start <= day < add_months(start, months):
            hits.append(f"{_FORM_VI.get(d.form, d.form)} từ {_d(start)} ({months} tháng)")
    return hits


def appt_discipline(c: Case):
    hits = _barring(c, c.numbers.appointment_discipline_bar_months)
    if hits:
        return Finding("APPT-DISCIPLINE", VIOLATION, "Đang trong thời hạn không được bổ nhiệm do kỷ luật: "
                       + "; ".join(hits) + ".", c.numbers.cite("appointment_discipline_bar_months"))


def reappt_discipline(c: Case):
    hits = _barring(c, c.numbers.reappointment_discipline_bar_months)
    if hits:
        return Finding("REAPPT-DISCIPLINE", VIOLATION, "Đang trong thời hạn không được bổ nhiệm lại do kỷ luật: "
                       + "; ".join(hits) + ".", c.numbers.cite("reappointment_discipline_bar_months"))


# --- standards of the position ----------------------------------------------------------------
_STD_CITATION = "NĐ 62/2020; NĐ 361/2025 (mô tả VTVL)"


def std_education(c: Case):
    need = c.position.min_education
    if not need:
        return None
    have = c.official.education_level
    if not have or _EDU.get(have, -1) < _EDU.get(need, -1):
        return Finding("STD-EDUCATION", VIOLATION,
                       f"Trình độ đào tạo ({_EDU_LABEL.get(have, 'chưa có')}) thấp hơn yêu cầu "
                       f"({_EDU_LABEL.get(need, need)}).", _STD_CITATION)


def std_edu_field(c: Case):
    fields = c.position.education_fields_folded
    if fields and c.official.education_field_folded not in fields:
        return Finding("STD-EDU-FIELD", VIOLATION,
                       f"Chuyên ngành đào tạo ({c.official.education_field or 'chưa có'}) không thuộc chuyên ngành "
                       f"yêu cầu ({'; '.join(c.position.education_fields)}).", _STD_CITATION)


def std_rank(c: Case):
    need = c.position.required_rank.strip()
    if not need:
        return None
    have = c.official.rank_code.strip()
    if have and need in RANK_ORDER and have in RANK_ORDER:
        ok = RANK_ORDER.index(have) <= RANK_ORDER.index(need)
    else:
        ok = bool(have) and have.lower() == need.lower()
    if not ok:
        return Finding("STD-RANK", VIOLATION, f"Ngạch công chức ({rank_name(have) or 'chưa có'}) không đáp ứng ngạch yêu cầu ({rank_name(need)}).",
                       "NĐ 62/2020 Đ6; TT 13/2022/TT-BNV")


def std_political_theory(c: Case):
    need = c.position.min_political_theory
    have = c.official.political_theory or "none"
    if need and _THEORY.get(have, -1) < _THEORY.get(need, -1):
        return Finding("STD-POLITICAL-THEORY", VIOLATION,
                       f"Trình độ lý luận chính trị ({_THEORY_LABEL.get(have, have)}) thấp hơn yêu cầu "
                       f"({_THEORY_LABEL.get(need, need)}).", "tiêu chuẩn chức danh (QĐ 214-QĐ/TW)")


def std_state_mgmt(c: Case):
    need = c.position.min_state_mgmt
    have = c.official.state_mgmt or "none"
    if need and _MGMT.get(have, -1) < _MGMT.get(need, -1):
        return Finding("STD-STATE-MGMT", VIOLATION,
                       f"Bồi dưỡng quản lý nhà nước ({_MGMT_LABEL.get(have, have)}) thấp hơn yêu cầu "
                       f"({_MGMT_LABEL.get(need, need)}).", "NĐ 101/2017 (bồi dưỡng CBCCVC)")


def std_experience(c: Case):
    need = c.position.min_years_experience
    if not need:
        return None
    hired = c.official.hired_on
    years = whole_years(hired, c.on_date) if hired else 0
    if years < need:
        return Finding("STD-EXPERIENCE", VIOLATION, f"Thời gian công tác {max(years, 0)} năm, dưới {need} năm yêu cầu.",
                       "mô tả VTVL")


def std_health(c: Case):
    if c.official.health_ok is False:
        return Finding("STD-HEALTH", VIOLATION, "Không đủ sức khỏe để đảm nhiệm vị trí.", "QĐ 80 Đ18(6)")


# --- seats ----------------------------------------------------------------------------------------
def pos_quota_full(c: Case):
    quota = c.position.quota
    if quota is None:
        return None
    others = len(c.position.holder_ids - {c.official.id})
    if others >= quota:
        return Finding("POS-QUOTA-FULL", VIOLATION,
                       f"Vị trí đã đủ người: {others}/{quota} người đang giữ.", "NĐ 62/2020 (biên chế theo VTVL)")


def deputy_cap(kind: str, staff: int, day: dt.date) -> tuple[int | None, str]:
    """Cap on deputies of an agency of `kind` with `staff` (RULES §4), and its citation."""
    if kind in ("division", "sub_department"):
        return division_deputy_cap(staff, day)
    if kind in ("department", "department_equivalent"):
        return department_deputy_cap(day)
    return None, ""


def pos_deputy_cap(c: Case):
    p = c.position
    if p.leadership_role != "deputy":
        return None
    cap, citation = deputy_cap(p.agency_kind, p.agency_staff, c.on_date)
    if cap is None:
        return None
    others = len(p.deputy_holder_ids - {c.official.id})
    if others >= cap:
        return Finding("POS-DEPUTY-CAP", VIOLATION,
                       f"Cơ quan đã có {others} cấp phó, bằng hoặc vượt số tối đa {cap}.", citation)


# (code, function, actions it applies to) in the order of RULES.md §2.
RULES = (
    ("ELIG-RETIRED", elig_retired, ALL),
    ("ELIG-SEPARATED", elig_separated, ALL),
    ("ACTION-POSITION-MISMATCH", action_position_mismatch, ALL),
    ("ASSIGN-ALREADY-HOLDS", assign_already_holds, NOT_REAPPT),
    ("REAPPT-NOT-HOLDING", reappt_not_holding, ONLY_REAPPT),
    ("APPT-STAFF-TYPE", appt_staff_type, APPT_OR_REAPPT),
    ("RECRUIT-AGE", recruit_age, ONLY_RECRUIT),
    ("APPT-AGE-TERM", appt_age_term, APPT),
    ("REAPPT-EXTEND-INSTEAD", reappt_extend_instead, ONLY_REAPPT),
    ("REAPPT-TERM-TO-RETIREMENT", reappt_term_to_retirement, ONLY_REAPPT),
    ("REAPPT-TERM-LIMIT", reappt_term_limit, ONLY_REAPPT),
    ("REAPPT-RATING", reappt_rating, ONLY_REAPPT),
    ("APPT-RATING", appt_rating, APPT),
    ("APPT-RATING-MISSING", appt_rating_missing, APPT),
    ("APPT-SUCCESSION-PLAN", appt_succession_plan, APPT),
    ("APPT-TIME-IN-POST", appt_time_in_post, ONLY_HIGHER),
    ("ROT-REMAINING", rot_remaining, ONLY_ROTATION),
    ("APPT-DISCIPLINE", appt_discipline, APPT),
    ("REAPPT-DISCIPLINE", reappt_discipline, ONLY_REAPPT),
    ("STD-EDUCATION", std_education, ALL),
    ("STD-EDU-FIELD", std_edu_field, ALL),
    ("STD-RANK", std_rank, NOT_RECRUIT),
    ("STD-POLITICAL-THEORY", std_political_theory, NOT_RECRUIT),
    ("STD-STATE-MGMT", std_state_mgmt, NOT_RECRUIT),
    ("STD-EXPERIENCE", std_experience, NOT_RECRUIT),
    ("STD-HEALTH", std_health, ALL),
    ("POS-QUOTA-FULL", pos_quota_full, NOT_REAPPT),
    ("POS-DEPUTY-CAP", pos_deputy_cap, APPT),
)
CODES = tuple(code for code, _, _ in RULES)
RULES_BY_ACTION = {action: tuple(fn for _, fn, actions in RULES if action in actions) for action in ACTIONS}
# Never overridable at appointment (CONTRACT §3).
NEVER_OVERRIDABLE = frozenset({"POS-QUOTA-FULL", "POS-DEPUTY-CAP", "ELIG-RETIRED", "ELIG-SEPARATED"})


# Position-side preconditions: a rule whose precondition is false for the position can never
# fire, so `rules_for` leaves it out once per position instead of once per official.
PRECONDITIONS = {
    appt_succession_plan: lambda p: p.requires_succession_plan,
    rot_remaining: lambda p: p.category == "leadership",
    std_education: lambda p: bool(p.min_education),
    std_edu_field: lambda p: bool(p.education_fields_folded),
    std_rank: lambda p: bool(p.required_rank.strip()),
    std_political_theory: lambda p: bool(p.min_political_theory),
    std_state_mgmt: lambda p: bool(p.min_state_mgmt),
    std_experience: lambda p: bool(p.min_years_experience),
    pos_quota_full: lambda p: p.quota is not None,
    pos_deputy_cap: lambda p: p.leadership_role == "deputy",
}


def rules_for(position, action: str) -> tuple:
    """The rules that may fire for this position and action (same findings as all of them)."""
    return tuple(fn for fn in RULES_BY_ACTION[action] if PRECONDITIONS.get(fn, bool)(position))


def evaluate(case: Case) -> list[Finding]:
    """Every finding that applies to the case, in the order of RULES.md §2."""
    out = []
    for fn in RULES_BY_ACTION[case.action]:
        f = fn(case)
        if f is not None:
            out.append(f)
    return out
