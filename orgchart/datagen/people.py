"""Officials of one chunk with their assignment histories, ratings, disciplines, succession
plans and separations. Everything is drawn from the chunk's own `random.Random`."""
import datetime as dt

from orgchart.core.dates import add_months
from orgchart.eligibility.calendar import retirement_date

from .names import NamePicker

RATINGS = (["excellent"] * 12 + ["good"] * 60 + ["completed"] * 25 + ["not_completed"] * 3)
DISCIPLINES = (["reprimand"] * 50 + ["warning"] * 30 + ["salary_demotion"] * 8 + ["demotion"] * 5
               + ["dismissal_from_post"] * 5)
SEPARATIONS = (["retirement"] * 55 + ["resignation"] * 20 + ["reduction"] * 15 + ["transfer_out"] * 8 + ["death"] * 2)
EDU_PRO = ["bachelor"] * 78 + ["master"] * 18 + ["college"] * 3 + ["doctor"] * 1
EDU_LEAD = ["bachelor"] * 45 + ["master"] * 45 + ["doctor"] * 10
EDU_SUPPORT = ["secondary"] * 40 + ["vocational"] * 35 + ["college"] * 25


def _date_between(rng, a: dt.date, b: dt.date) -> dt.date:
    if b <= a:
        return a
    return a + dt.timedelta(days=rng.randrange((b - a).days + 1))


class People:
    """Accumulates the personnel rows of a chunk."""

    def __init__(self, rng, as_of: dt.date, chunk_no: int, fields_pool: list[str]):
        self.rng = rng
        self.as_of = as_of
        self.names = NamePicker(rng)
        self.chunk_no = chunk_no
        self.fields_pool = fields_pool
        self.officials, self.assignments, self.ratings = [], [], []
        self.disciplines, self.plans, self.separations = [], [], []
        self.seq = 0
        self.decision = 0

    def _decision(self, suffix: str) -> str:
        self.decision += 1
        return f"{self.decision}/QĐ-{suffix}"

    def official(self, oid: int, *, leader: bool, role: str, ctx: str, staff_type: str, pos: tuple,
                 other_pros: list, separated: bool, agency_deputy_head: tuple | None, suffix: str) -> dict:
        """Create one official whose latest position is `pos` = (position id, category, role, std)."""
        rng, as_of = self.rng, self.as_of
        female_share = 0.72 if ctx == "school" else 0.62 if ctx == "health" else 0.28 if leader else 0.48
        gender = "female" if rng.random() < female_share else "male"
        if separated:
            reason = rng.choice(SEPARATIONS)
        else:
            reason = ""
        # birth date: holders are not retired on as_of; retirees retire in the last 3 years
        for _ in range(6):
            if reason == "retirement":
                age = rng.uniform(55.0, 62.5)
            elif leader:
                age = rng.uniform(36.0, 59.5)
            else:
                age = rng.uniform(23.0, 59.5)
            birth = as_of - dt.timedelta(days=int(age * 365.25))
            rd = retirement_date(birth, gender)
            if reason == "retirement":
                if as_of - dt.timedelta(days=3 * 365) < rd < as_of - dt.timedelta(days=1):
                    break
            elif rd > as_of + dt.timedelta(days=31):
                break
        else:
            birth = as_of - dt.timedelta(days=int(40 * 365.25))
            rd = retirement_date(birth, gender)
            if reason == "retirement":
                reason = "resignation"
        hired = _date_between(rng, add_months(birth, 22 * 12), add_months(birth, 30 * 12))
        hired = min(hired, as_of - dt.timedelta(days=30))
        sep_on = None
        if reason == "retirement":
            sep_on = rd + dt.timedelta(days=1)
        elif reason:
            sep_on = _date_between(rng, max(hired + dt.timedelta(days=200), as_of - dt.timedelta(days=3 * 365)), as_of)
        end_of_service = (sep_on - dt.timedelta(days=1)) if sep_on else None
        category, std = pos[1], pos[3]
        edu = rng.choice(EDU_LEAD if leader else EDU_SUPPORT if category == "support" else EDU_PRO)
        field_list = std[1].split(";") if std[1] else []
        if field_list and rng.random() < 0.93:
            field = rng.choice(field_list)
        else:
            field = rng.choice(self.fields_pool)
        if leader:
            theory = rng.choice(["advanced", "advanced", "intermediate"])
            mgmt = rng.choice(["principal", "principal", "senior", "specialist"])
        else:
            theory = rng.choice(["", "none", "elementary", "intermediate"])
            mgmt = rng.choice(["", "none", "specialist", "specialist"])
        if staff_type in ("civil_servant", "cadre"):
            rank = "01.001" if leader and mgmt == "senior" else "01.002" if leader else rng.choice(
                ["01.003", "01.003", "01.003", "01.004", "01.002"])
        elif ctx == "school":
            rank = "V.07.05.15"
        elif ctx == "health":
            rank = "V.08.01.03"
        else:
            rank = ""
        rank_since = _date_between(rng, hired, min(as_of, add_months(hired, 12 * 12))) if rank else None
        health = None if rng.random() < 0.1 else rng.random() > 0.004
        child = None
        if gender == "female" and age < 45 and rng.random() < 0.3:
            child = _date_between(rng, as_of - dt.timedelta(days=6 * 365), as_of - dt.timedelta(days=30))
        self.seq += 1
        code = f"CB{self.chunk_no:02d}{self.seq:07d}"
        self.officials.append((oid, code, self.names.full_name(gender), birth, gender, staff_type, rank, rank_since,
                               edu, field, theory, mgmt, hired, health, child))
        # -- assignment history ------------------------------------------------------------------
        n_before = len(self.assignments)
        last_end = end_of_service
        start = hired
        move_upper = min(as_of, last_end or as_of) - dt.timedelta(days=30)
        if other_pros and rng.random() < 0.25 and move_upper > hired + dt.timedelta(days=365):
            # served elsewhere first, then moved here by transfer or rotation
            moved = _date_between(rng, hired + dt.timedelta(days=365), move_upper)
            prev = rng.choice(other_pros)
            if moved > hired:
                self.assignments.append((oid, prev, "recruitment", hired, moved - dt.timedelta(days=1),
                                         self._decision(suffix), "", None))
                start = moved
                first_kind = rng.choice(["transfer", "transfer", "rotation"])
            else:
                first_kind = "recruitment"
        else:
            first_kind = "recruitment"
        if leader:
            pro = other_pros[0] if other_pros else pos[0]
            own_pro = pos[4] if len(pos) > 4 and pos[4] else pro
            upper = (last_end or as_of) - dt.timedelta(days=60)
            lower = max(start + dt.timedelta(days=3 * 365), as_of - dt.timedelta(days=9 * 365))
            if lower > upper:
                lower = start + dt.timedelta(days=1)
            appointed = _date_between(rng, lower, upper)
            if last_end is not None and appointed > last_end:
                appointed = last_end
            if appointed <= start:
                appointed = start + dt.timedelta(days=1)
            self.assignments.append((oid, own_pro, first_kind, start, appointed - dt.timedelta(days=1),
                                     self._decision(suffix), "", None))
            kind = "first_appointment"
            if role == "head" and agency_deputy_head and rng.random() < 0.6:
                deputy_pos = agency_deputy_head[0]
                d_end = appointed + dt.timedelta(days=rng.randrange(730, 2200))
                if d_end < (last_end or as_of) - dt.timedelta(days=60):
                    self.assignments.append((oid, deputy_pos, "first_appointment", appointed, d_end,
                                             self._decision(suffix), "", None))
                    appointed = d_end + dt.timedelta(days=1)
                    kind = "higher_appointment"
            term_end = add_months(appointed, 60) - dt.timedelta(days=1)
            if term_end < (last_end or as_of):
                self.assignments.append((oid, pos[0], kind, appointed, term_end, self._decision(suffix), "", None))
                self.assignments.append((oid, pos[0], "reappointment", term_end + dt.timedelta(days=1), last_end,
                                         self._decision(suffix), "", None))
            else:
                self.assignments.append((oid, pos[0], kind, appointed, last_end, self._decision(suffix), "", None))
        else:
            self.assignments.append((oid, pos[0], first_kind, start, last_end, self._decision(suffix), "", None))
        fixed = []
        for row in self.assignments[n_before:]:
            if row[4] is not None and row[4] < row[3]:
                row = (*row[:4], row[3], *row[5:])
            fixed.append(row)
        self.assignments[n_before:] = fixed
        # -- ratings, discipline, separation ------------------------------------------------------
        for year in range(as_of.year - 3, as_of.year):
            if hired.year <= year and (sep_on is None or sep_on > dt.date(year, 12, 31)):
                self.ratings.append((oid, year, rng.choice(RATINGS)))
        if rng.random() < 0.012:
            decided = _date_between(rng, max(hired, as_of - dt.timedelta(days=5 * 365)), as_of)
            self.disciplines.append((oid, rng.choice(DISCIPLINES), decided, decided + dt.timedelta(days=rng.randrange(0, 10))))
        if sep_on:
            crit = "NĐ 154/2025 Đ2 k1 điểm e" if reason == "reduction" else ""
            self.separations.append((oid, sep_on, reason, crit))
        return {"id": oid, "leader": leader, "separated": bool(sep_on)}

    def succession(self, oid: int, position_id: int, period: str):
        a, b = (int(x) for x in period.split("-"))
        approved = dt.date(a - 1, 1 + self.rng.randrange(12), 1 + self.rng.randrange(28))
        self.plans.append((oid, position_id, period, a, b, approved))

    def concurrent(self, oid: int, position_id: int, suffix: str):
        start = _date_between(self.rng, self.as_of - dt.timedelta(days=3 * 365), self.as_of - dt.timedelta(days=10))
        self.assignments.append((oid, position_id, "concurrent", start, None, self._decision(suffix), "", None))
