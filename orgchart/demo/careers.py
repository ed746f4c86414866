"""A month-by-month career simulation (2016-01 → "today") that yields consistent personnel
records: every seat holds at most `quota` people on any day, each official has at most one
open primary assignment, leaders serve 5-year terms (reappointed, rotated after two terms,
extended when close to retirement), vacancies are filled by appointment or recruitment, and
the 2025 mergers move staff on their effective dates. Pure Python, driven by one Random.
"""
import datetime as dt

from orgchart.core.dates import add_months
from orgchart.demo import spec as S
from orgchart.demo.names import full_name
from orgchart.eligibility.calendar import retirement_date

TODAY = dt.date(2026, 11, 25)
SIM_START = dt.date(2016, 1, 1)
KEEP_FROM = dt.date(2021, 1, 1)  # officials who left before this are not in the data set
EDU_ORDER = ["secondary", "vocational", "college", "bachelor", "master", "doctor"]
THEORY_ORDER = ["none", "elementary", "intermediate", "advanced"]
MGMT_ORDER = ["none", "specialist", "principal", "senior"]
LEADER_KINDS = ("first_appointment", "higher_appointment", "reappointment")
ISSUER = {"VP": "VPUBND", "TTR": "TTr", "NV": "SNV", "TP": "STP", "TC": "STC", "CT": "SCT", "NNMT": "SNNMT",
          "XD": "SXD", "KHCN": "SKHCN", "VHTTDL": "SVHTTDL", "GDDT": "SGDĐT", "YT": "SYT", "DTTG": "SDTTG",
          "DL": "SDL"}
DISCIPLINE_BAR_MONTHS = 36  # the simulation's conservative bar before an appointment


def _ge(order, value, minimum):
    return not minimum or order.index(value or order[0]) >= order.index(minimum)


def _ymd(rng, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max(0, (end - start).days)))


def _years(d: dt.date, n: int) -> dt.date:
    return add_months(d, 12 * n)


class Careers:
    def __init__(self, rng, builder):
        self.rng = rng
        self.agencies = {a["code"]: a for a in builder.agencies}
        self.positions = {p["code"]: p for p in builder.positions}
        self.by_agency: dict[str, list[dict]] = {}
        for p in builder.positions:
            self.by_agency.setdefault(p["agency_code"], []).append(p)
        self.children: dict[str, list[str]] = {}
        for a in builder.agencies:
            if a["parent_code"]:
                self.children.setdefault(a["parent_code"], []).append(a["code"])
        self.officials: list[dict] = []
        self.holders: dict[str, list[dict]] = {code: [] for code in self.positions}  # open primary assignments
        self.assignments: list[dict] = []
        self.separations: list[dict] = []
        self.plans: list[dict] = []
        self.decision_no: dict[tuple, int] = {}
        self.overstay: list[dict] = []

    # ------------------------------------------------------------------ helpers
    def active(self, agency_code: str, day: dt.date) -> bool:
        a = self.agencies[agency_code]
        return (a["established_on"] is None or a["established_on"] <= day) and (
            a["dissolved_on"] is None or a["dissolved_on"] > day)

    def capacity(self, p: dict, day: dt.date) -> int:
        if p["_reserve_until"] and day < p["_reserve_until"]:
            return p["_base"]
        return p["quota"]

    def free(self, p: dict, day: dt.date) -> int:
        if not self.active(p["agency_code"], day):
            return 0
        return self.capacity(p, day) - len(self.holders[p["code"]])

    def department_tag(self, agency_code: str) -> str:
        parts = agency_code.split(".")
        return parts[1] if len(parts) > 1 and parts[0] == S.P else ""

    def decision(self, p: dict, day: dt.date) -> str:
        a = self.agencies[p["agency_code"]]
        tier = a["_tier"]
        issuer = "UBND" if tier in ("pc", "dept", "cpc") or p["category"] == "leadership" and tier == "sub" \
            else ISSUER.get(self.department_tag(a["code"]), "UBND")
        key = (issuer, day.year)
        self.decision_no[key] = self.decision_no.get(key, self.rng.randint(20, 120)) + self.rng.randint(1, 9)
        return f"{self.decision_no[key]}/QĐ-{issuer}"

    def subtree(self, code: str):
        stack = [code]
        while stack:
            c = stack.pop()
            yield c
            stack.extend(self.children.get(c, ()))

    # ---------------------------------------------------------------- officials
    def new_official(self, p: dict, day: dt.date, mode: str) -> dict:
        rng = self.rng
        role, tier, stype = p["leadership_role"], p["_tier"], p["_stype"]
        female_share = 0.25 if role != "none" else 0.65 if stype == "public_employee" else 0.2 if stype == "contract" else 0.5
        gender = "female" if rng.random() < female_share else "male"
        if mode == "recruit":
            lo, hi = 22, 31
        elif role == "head":
            lo, hi = {"pc": (46, 56), "dept": (44, 56), "cpc": (36, 52)}.get(tier, (36, 55))
        elif role == "deputy":
            lo, hi = {"pc": (42, 54), "dept": (40, 54)}.get(tier, (32, 53))
        else:
            lo, hi = (23, 57)
        for _ in range(50):
            age = rng.randint(lo, hi)
            birth = _ymd(rng, _years(day, -age - 1), _years(day, -age))
            rd = retirement_date(birth, gender)
            if dt.date(1962, 1, 1) <= birth and birth.year <= 2003 and rd > add_months(day, 36 if role != "none" else 12):
                break
        hire_age = rng.randint(22, 27)
        hired = day if mode == "recruit" else min(day, _ymd(rng, _years(birth, hire_age), _years(birth, hire_age + 1)))
        if mode != "recruit" and role != "none":  # leaders were hired well before their appointment
            hired = min(hired, _years(day, -6))
        edu = p["min_education"] or "secondary"
        if stype == "contract":
            edu = rng.choice(["secondary", "secondary", "vocational"])
        elif edu == "bachelor":
            x = rng.random()
            edu = "master" if x < (0.4 if role != "none" else 0.15) else "doctor" if x > 0.992 else "bachelor"
        elif edu == "college" and rng.random() < 0.35:
            edu = "bachelor"
        fields = p["_fields"]
        field = rng.choice(fields) if rng.random() < 0.985 or stype == "contract" else rng.choice(S.FIELDS[rng.choice(list(S.FIELDS))])
        if stype == "contract":
            field = ""
        rank = p["_holder_rank"] or ""
        if stype == "civil_servant" and role == "none" and rank == S.CV and day.year - birth.year > 45 and rng.random() < 0.3:
            rank = S.CVC
        theory, mgmt = self._training(p, stype, role)
        o = {
            "id": len(self.officials), "full_name": full_name(rng, gender), "birth_date": birth, "gender": gender,
            "staff_type": stype, "rank_code": rank, "rank_since": None, "education_level": edu,
            "education_field": field, "political_theory": theory, "state_mgmt": mgmt, "hired_on": hired,
            "health_ok": rng.random() > 0.003, "youngest_child_born_on": None, "retire": retirement_date(birth, gender),
            "ratings": {}, "disciplines": [], "current": None, "separated": None, "flags": set(), "assignments": [],
        }
        if rank:
            o["rank_since"] = min(day, _ymd(rng, _years(hired, 1), _years(hired, 12))) if rank != S.CV else \
                min(day, _years(hired, 1))
            o["rank_since"] = max(o["rank_since"], hired)
        if gender == "female":
            first = max(_years(birth, 23), dt.date(2006, 1, 1))
            last = min(_years(birth, 42), dt.date(2026, 10, 1))
            if first < last and rng.random() < 0.6:
                o["youngest_child_born_on"] = _ymd(rng, first, last)
        good = (0.25, 0.95, 0.995) if role != "none" else (0.12, 0.83, 0.97)
        for year in range(2019, 2026):
            x = rng.random()
            o["ratings"][year] = ("excellent" if x < good[0] else "good" if x < good[1]
                                  else "completed" if x < good[2] else "not_completed")
        if rng.random() < 0.02:
            decided = _ymd(rng, dt.date(2023, 1, 5), dt.date(2026, 10, 20))
            form = rng.choices(["reprimand", "warning", "salary_demotion", "demotion"], [55, 30, 10, 5])[0]
            o["disciplines"].append({"form": form, "decided_on": decided,
                                     "effective_on": decided + dt.timedelta(days=rng.randint(0, 10))})
        self.officials.append(o)
        return o

    def _training(self, p, stype, role):
        rng = self.rng
        if stype == "contract":
            return "", ""
        if role != "none":
            theory = p["min_political_theory"] or "intermediate"
            if theory == "intermediate" and rng.random() < 0.3:
                theory = "advanced"
            return theory, p["min_state_mgmt"] or "specialist"
        if stype == "public_employee":
            return rng.choice(["none", "none", "elementary", ""]), rng.choice(["none", "none", "", "specialist"])
        theory = rng.choices(["none", "elementary", "intermediate"], [35, 40, 25])[0]
        mgmt = p["min_state_mgmt"] or rng.choices(["none", "specialist"], [35, 65])[0]
        return theory, mgmt

    # -------------------------------------------------------------- assignments
    def assign(self, o: dict, p: dict, kind: str, day: dt.date, terms: int = 0) -> dict:
        a = {"official": o, "position": p["code"], "kind": kind, "start_on": day, "end_on": None,
             "decision_no": self.decision(p, day), "override_reason": "",
             "_term_end": _years(day, 5) - dt.timedelta(days=1) if p["category"] == "leadership" else None,
             "_terms": terms}
        self.assignments.append(a)
        o["assignments"].append(a)
        if kind not in ("concurrent", "acting", "secondment"):
            assert o["current"] is None, "an official holds one primary post at a time"
            self.holders[p["code"]].append(a)
            o["current"] = a
            if p["leadership_role"] != "none" and p["_tier"] == "pc":
                o["staff_type"] = "cadre"
            if p["_tier"] == "cpc" and p["leadership_role"] != "none":
                o["staff_type"] = "cadre"
        return a

    def end_current(self, o: dict, last_day: dt.date):
        a = o["current"]
        if a is None:
            return
        a["end_on"] = max(last_day, a["start_on"])
        self.holders[a["position"]].remove(a)
        o["current"] = None

    def separate(self, o: dict, day: dt.date, reason: str, criterion: str = ""):
        self.end_current(o, day - dt.timedelta(days=1))
        for a in o["assignments"]:
            if a["end_on"] is None:
                a["end_on"] = max(day - dt.timedelta(days=1), a["start_on"])
        o["separated"] = day
        self.separations.append({"official": o, "separated_on": day, "reason": reason, "reduction_criterion": criterion})

    def plan(self, o: dict, p: dict, day: dt.date):
        if day.year < 2021:
            return
        period = "2021-2026" if day < dt.date(2026, 6, 1) else "2026-2031"
        start = int(period[:4])
        approved = dt.date(start, 3, 1) + dt.timedelta(days=self.rng.randint(0, 150))
        if approved >= day:
            approved = day - dt.timedelta(days=self.rng.randint(60, 200))
        self.plans.append({"official": o, "position": p["code"], "period": period, "approved_on": approved})

    # --------------------------------------------------------------- simulation
    def run(self):
        self.initial_population(SIM_START)
        day = add_months(SIM_START, 1)
        while day <= TODAY:
            self.month(day)
            day = add_months(day, 1)

    def initial_population(self, day):
        rng = self.rng
        for p in self.positions.values():
            if not self.active(p["agency_code"], day) or not p["_fill"]:
                continue
            seats = self.capacity(p, day)
            for _ in range(seats):
                if p["category"] != "leadership" and rng.random() < 0.04:
                    continue
                o = self.new_official(p, day, "initial")
                if p["category"] == "leadership":
                    start = _ymd(rng, dt.date(2011, 3, 1), dt.date(2015, 12, 1))
                    second = rng.random() < 0.45
                    self.assign(o, p, "reappointment" if second else "first_appointment", start, 2 if second else 1)
                else:
                    self.assign(o, p, "recruitment", o["hired_on"])

    def month(self, day):
        rng = self.rng
        self.term_ends(day)  # terms that ended last month, before any merger takes effect today
        for a in self.agencies.values():
            if a["dissolved_on"] == day:
                self.dissolve(a, day)
        for a in self.agencies.values():
            if a["established_on"] == day:
                self.establish(a, day)
        for o in self.officials:
            if o["current"] is None or o["separated"]:
                continue
            if o["retire"] < day:
                if self.may_overstay(o, day):
                    continue
                self.separate(o, o["retire"] + dt.timedelta(days=1), "retirement")
                continue
            if o["current"]["start_on"] >= day:  # moved today (merger): no other event this month
                continue
            p = self.positions[o["current"]["position"]]
            months_left = (o["retire"].year - day.year) * 12 + o["retire"].month - day.month
            x = rng.random()
            if day in (dt.date(2025, 3, 1), dt.date(2025, 7, 1)) and 24 <= months_left <= 60 and x < 0.2:
                self.separate(o, day, "reduction", "NĐ 178/2024/NĐ-CP (sắp xếp bộ máy)")
            elif day.month == 3 and day.year >= 2022 and o["ratings"].get(day.year - 1) == "not_completed" and x < 0.35:
                self.separate(o, day, "reduction", "RED-RATING")
            elif p["category"] != "leadership" and x < 0.0011:
                self.separate(o, day, "resignation")
            elif p["category"] != "leadership" and x < 0.0019:
                self.separate(o, day, "transfer_out")
            elif x > 0.99997:
                self.separate(o, day, "death")
        self.fill(day)

    def may_overstay(self, o, day):
        """Two civil servants and one public employee whose retirement is not processed (a data problem)."""
        if o in self.overstay:
            return True
        if day.year == 2026 and day.month >= 3 and o["current"] and \
                self.positions[o["current"]["position"]]["category"] != "leadership":
            kinds = [x["staff_type"] for x in self.overstay]
            if (o["staff_type"] == "civil_servant" and kinds.count("civil_servant") < 2) or \
                    (o["staff_type"] == "public_employee" and kinds.count("public_employee") < 1):
                self.overstay.append(o)
                o["flags"].add("overstay")
                return True
        return False

    def term_ends(self, day):
        for o in self.officials:
            a = o["current"]
            if a is None or a["_term_end"] is None or a["_term_end"] >= day:
                continue
            p = self.positions[a["position"]]
            nxt = a["_term_end"] + dt.timedelta(days=1)
            if (o["retire"].year - nxt.year) * 12 + o["retire"].month - nxt.month < 24:
                a["_term_end"] = None  # held until retirement instead of a reappointment
                continue
            if o["staff_type"] in ("civil_servant", "cadre") and a["_terms"] >= 2:
                target = self.rotation_target(p, o, nxt)
                if target is not None:
                    self.end_current(o, nxt - dt.timedelta(days=1))
                    self.assign(o, target, "rotation", nxt, 1)
                    continue
            self.end_current(o, nxt - dt.timedelta(days=1))
            self.assign(o, p, "reappointment", nxt, a["_terms"] + 1)

    def rotation_target(self, p, o, day):
        options = [q for q in self.positions.values()
                   if q["leadership_role"] == p["leadership_role"] and q["_tier"] == p["_tier"]
                   and q["agency_code"] != p["agency_code"] and q["_fill"] and self.free(q, day) > 0
                   and (not q["education_fields"] or o["education_field"] in q["education_fields"])]
        return self.rng.choice(options) if options else None

    # ------------------------------------------------------------------ filling
    def eligible(self, o, p, day, higher: bool) -> bool:
        if o["staff_type"] == "contract" or o["separated"] or not o["health_ok"]:
            return False
        if o["current"] is not None and o["current"]["start_on"] >= add_months(day, -6):
            return False  # moved within the last six months
        if (o["retire"].year - day.year) * 12 + o["retire"].month - day.month < 61:
            return False
        if o["ratings"].get(day.year - 1) in ("completed", "not_completed") or \
                o["ratings"].get(day.year - 2) == "not_completed":
            return False
        if any(d["decided_on"] <= day < add_months(d["decided_on"], DISCIPLINE_BAR_MONTHS) for d in o["disciplines"]):
            return False
        if not _ge(EDU_ORDER, o["education_level"], p["min_education"]):
            return False
        if p["education_fields"] and o["education_field"] not in p["education_fields"]:
            return False
        if higher:
            days = sum(((x["end_on"] or day) - x["start_on"]).days for x in o["assignments"]
                       if x["kind"] not in ("concurrent", "acting", "secondment")
                       and self.positions[x["position"]]["leadership_role"] != "none")
            if days < 760:
                return False
        return True

    def leader_candidates(self, p, day):
        """(official, kind) candidates for a leadership seat, best sources first."""
        code, tier, role = p["agency_code"], p["_tier"], p["leadership_role"]
        own = self.by_agency[code]
        pools = []
        if role == "head":
            pools.append(([q for q in own if q["leadership_role"] == "deputy"], "higher_appointment"))
            if tier in ("dept", "pc"):
                others = [q for q in self.positions.values() if q["_tier"] == tier and q["leadership_role"] == "deputy"
                          and q["agency_code"] != code and self.active(q["agency_code"], day)]
                pools.append((others, "higher_appointment"))
            else:
                pools.append(([q for q in own if q["leadership_role"] == "none"], "first_appointment"))
        else:
            if tier in ("dept", "pc", "cpc"):
                kids = [q for c in self.children.get(code, ()) for q in self.by_agency.get(c, ())
                        if q["leadership_role"] == "head"]
                if tier == "pc":
                    kids = [q for q in kids if q["_tier"] == "dept"]
                pools.append((kids, "higher_appointment"))
            pools.append(([q for q in own if q["leadership_role"] == "none"], "first_appointment"))
        for positions, kind in pools:
            cands = [a["official"] for q in positions for a in self.holders[q["code"]]
                     if self.eligible(a["official"], p, day, kind == "higher_appointment")]
            if cands:
                cands.sort(key=lambda o: (o["rank_code"] or "", o["hired_on"], o["id"]))
                return self.rng.choice(cands[: 3]), kind
        return None, None

    def fill(self, day):
        rng = self.rng
        order = sorted(self.positions.values(), key=lambda p: (
            {"head": 0, "deputy": 1}.get(p["leadership_role"], 2), ["pc", "dept", "sub", "psu", "cpc", "div"].index(p["_tier"])
            if p["_tier"] in ("pc", "dept", "sub", "psu", "cpc", "div") else 6, p["code"]))
        freeze = day >= dt.date(2022, 1, 1)
        for p in order:
            if not p["_fill"]:
                continue
            for _ in range(max(0, self.free(p, day))):
                if p["category"] == "leadership":
                    if rng.random() < 0.45:
                        continue
                    o, kind = self.leader_candidates(p, day)
                    if o is None:
                        continue
                    self.appoint(o, p, kind, day)
                else:
                    rate = 0.3 if p["_stype"] == "contract" else (0.07 if freeze else 0.3)
                    if rng.random() > rate:
                        continue
                    donor = None
                    if rng.random() < 0.12:
                        donor = self.transfer_donor(p, day)
                    if donor is not None:
                        self.end_current(donor, day - dt.timedelta(days=1))
                        self.assign(donor, p, "transfer", day)
                    else:
                        o = self.new_official(p, day, "recruit")
                        self.assign(o, p, "recruitment", day)

    def appoint(self, o, p, kind, day):
        prev = o["current"]
        prev_p = self.positions[prev["position"]] if prev else None
        if kind == "higher_appointment" and prev_p is not None and prev_p["leadership_role"] == p["leadership_role"] \
                and prev_p["_tier"] == p["_tier"]:
            kind = "rotation"
        self.end_current(o, day - dt.timedelta(days=1))
        self.assign(o, p, kind, day, 1)
        if p["min_political_theory"] and not _ge(THEORY_ORDER, o["political_theory"], p["min_political_theory"]):
            o["political_theory"] = p["min_political_theory"]
        if p["min_state_mgmt"] and not _ge(MGMT_ORDER, o["state_mgmt"], p["min_state_mgmt"]):
            o["state_mgmt"] = p["min_state_mgmt"]
        if p["required_rank"].startswith("01.") and (not o["rank_code"].startswith("01.") or o["rank_code"] > p["required_rank"]):
            o["rank_code"] = p["required_rank"]
            o["rank_since"] = max(o["hired_on"], day - dt.timedelta(days=self.rng.randint(100, 700)))
        self.plan(o, p, day)

    def transfer_donor(self, p, day):
        fields = set(p["_fields"])
        options = [a["official"] for q in self.positions.values()
                   if q["leadership_role"] == "none" and q["_stype"] == p["_stype"] and q["agency_code"] != p["agency_code"]
                   and q["category"] == p["category"]
                   for a in self.holders[q["code"]] if a["official"]["education_field"] in fields
                   and a["start_on"] < _years(day, -3) and not a["official"]["flags"]]
        return self.rng.choice(options) if options else None

    # ------------------------------------------------------------------ mergers
    def dissolve(self, agency, day):
        for code in self.subtree(agency["code"]):
            for p in self.by_agency.get(code, ()):
                for a in list(self.holders[p["code"]]):
                    o = a["official"]
                    if o["retire"] < day:
                        self.separate(o, o["retire"] + dt.timedelta(days=1), "retirement")
                        continue
                    target = self.positions.get(p["_successor"] or "")
                    if target is None or self.free(target, day) <= 0:
                        target = self.any_free_seat(target, o, day)
                    if target is None:
                        self.separate(o, day, "transfer_out")
                        continue
                    self.end_current(o, day - dt.timedelta(days=1))
                    self.assign(o, target, "transfer", day, 1)
                    o["flags"].add("merged")

    def any_free_seat(self, target, o, day):
        roots = [target["agency_code"]] if target else []
        for root in roots:
            for code in self.subtree(root):
                for q in self.by_agency.get(code, ()):
                    if q["leadership_role"] == "none" and q["_stype"] == o["staff_type"] and self.free(q, day) > 0:
                        return q
        return None

    def establish(self, agency, day):
        """New agencies are staffed on their first day by officials coming from outside the data set."""
        for code in self.subtree(agency["code"]):
            if self.agencies[code]["established_on"] != day:
                continue
            for p in self.by_agency.get(code, ()):
                if not p["_fill"]:
                    continue
                for _ in range(max(0, self.free(p, day))):
                    if p["category"] != "leadership" and self.rng.random() < 0.08:
                        continue
                    o = self.new_official(p, day, "initial")
                    self.assign(o, p, "transfer", day, 1)
