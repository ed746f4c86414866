"""The demo generator: deterministic, CONTRACT headers, referential integrity and the data
invariants the product relies on (no DB needed)."""
import csv
import datetime as dt
import math
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from orgchart.demo.generate import OUT, generate, write

TODAY = dt.date(2026, 11, 25)
NON_HOLDING = {"concurrent", "acting", "secondment"}
PLANTED_OVER_QUOTA = {"KH.TC.NS.CV", "KH.GDDT.LTT.VC1"}

# CONTRACT §2, written out independently of the generator.
CONTRACT = {
    "agencies": "code,name,short_name,kind,level,parent_code,class,established_on,dissolved_on,legal_basis",
    "mandates": "agency_code,ref,kind,text,sectors,legal_basis,valid_from,valid_to",
    "positions": "code,agency_code,title,category,leadership_role,required_rank,min_education,education_fields,"
                 "min_political_theory,min_state_mgmt,min_years_experience,requires_succession_plan,quota",
    "officials": "code,full_name,birth_date,gender,staff_type,rank_code,rank_since,education_level,education_field,"
                 "political_theory,state_mgmt,hired_on,health_ok,youngest_child_born_on",
    "assignments": "official_code,position_code,kind,start_on,end_on,decision_no,override_reason",
    "ratings": "official_code,year,rating",
    "disciplines": "official_code,form,decided_on,effective_on",
    "succession_plans": "official_code,position_code,period,approved_on",
    "separations": "official_code,separated_on,reason,reduction_criterion",
    "quotas": "agency_code,year,kind,amount,decision_no",
    "reduction_targets": "agency_code,period_start,period_end,baseline_year,percent,kind",
}


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo")
    tables, notes = generate()
    write(tables, notes, path)
    return path


@pytest.fixture(scope="module")
def data(out):
    result = {}
    for kind in CONTRACT:
        with open(out / f"{kind}.csv", encoding="utf-8", newline="") as f:
            result[kind] = list(csv.DictReader(f))
    return result


def d(value):
    return dt.date.fromisoformat(value) if value else None


def test_deterministic_and_committed_files_are_current(out, tmp_path):
    tables, notes = generate()
    write(tables, notes, tmp_path)
    for kind in CONTRACT:
        name = f"{kind}.csv"
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name
        assert (Path(OUT) / name).read_bytes() == (out / name).read_bytes(), f"fixtures/demo/{name} is stale: re-run generate_demo"
    assert (Path(OUT) / "README.md").read_text(encoding="utf-8") == (out / "README.md").read_text(encoding="utf-8")


def test_headers_are_exactly_the_contract(out):
    for kind, header in CONTRACT.items():
        with open(out / f"{kind}.csv", encoding="utf-8", newline="") as f:
            assert next(csv.reader(f)) == header.split(","), kind


def test_referential_integrity(data):
    agencies = {r["code"] for r in data["agencies"]}
    positions = {r["code"] for r in data["positions"]}
    officials = {r["code"] for r in data["officials"]}
    assert len(agencies) == len(data["agencies"]) and len(positions) == len(data["positions"])
    assert len(officials) == len(data["officials"])
    assert {r["parent_code"] for r in data["agencies"]} - {""} <= agencies
    for kind, col, known in (("mandates", "agency_code", agencies), ("positions", "agency_code", agencies),
                             ("quotas", "agency_code", agencies), ("reduction_targets", "agency_code", agencies),
                             ("assignments", "position_code", positions), ("succession_plans", "position_code", positions)):
        assert {r[col] for r in data[kind]} <= known, kind
    for kind in ("assignments", "ratings", "disciplines", "succession_plans", "separations"):
        assert {r["official_code"] for r in data[kind]} <= officials, kind
    # every official has a career
    assert {r["official_code"] for r in data["assignments"]} == officials


def test_sizes_and_province_shape(data):
    agencies = {r["code"]: r for r in data["agencies"]}
    assert len(data["officials"]) >= 2000
    depts = [a for a in agencies.values() if a["parent_code"] == "KH" and a["kind"] in ("department", "department_equivalent")
             and not a["dissolved_on"] and (not a["established_on"] or d(a["established_on"]) <= TODAY)]
    assert 12 <= len(depts) <= 14
    assert agencies["KH"]["kind"] == "people_committee" and agencies["KH"]["class"] in ("I", "II")
    kinds = Counter(a["kind"] for a in agencies.values())
    assert kinds["sub_department"] >= 3 and kinds["public_service_unit"] >= 10 and kinds["division"] >= 50
    communes = [a for a in agencies.values() if a["level"] == "commune" and a["kind"] == "people_committee"]
    assert len(communes) >= 3
    staff = Counter(o["staff_type"] for o in data["officials"])
    assert all(staff[k] > 0 for k in ("cadre", "civil_servant", "public_employee", "contract"))
    births = [d(o["birth_date"]) for o in data["officials"]]
    assert min(births) >= dt.date(1962, 1, 1) and max(births) <= dt.date(2003, 12, 31)
    assert any("ễ" in o["full_name"] or "ị" in o["full_name"] for o in data["officials"])


def test_assignment_consistency(data):
    agencies = {r["code"]: r for r in data["agencies"]}
    positions = {r["code"]: r for r in data["positions"]}
    officials = {r["code"]: r for r in data["officials"]}
    separated = {r["official_code"]: d(r["separated_on"]) for r in data["separations"]}
    assert len(separated) == len(data["separations"])
    primary = defaultdict(list)
    for a in data["assignments"]:
        start, end = d(a["start_on"]), d(a["end_on"])
        assert end is None or end >= start, a
        o = officials[a["official_code"]]
        assert start >= d(o["hired_on"]), a
        ag = agencies[positions[a["position_code"]]["agency_code"]]
        assert not ag["established_on"] or start >= d(ag["established_on"]), a
        assert not ag["dissolved_on"] or (end is not None and end < d(ag["dissolved_on"])), a
        if a["official_code"] in separated:
            assert end is not None and end < separated[a["official_code"]], a
        if a["kind"] not in NON_HOLDING:
            primary[a["official_code"]].append((start, end))
    for code, spans in primary.items():
        spans.sort()
        assert sum(1 for _, e in spans if e is None) <= 1, code
        for (_s1, e1), (s2, _) in zip(spans, spans[1:], strict=False):
            assert e1 is not None and e1 < s2, code


def _holders(data, day):
    count = Counter()
    for a in data["assignments"]:
        if a["kind"] not in NON_HOLDING and d(a["start_on"]) <= day and (not a["end_on"] or d(a["end_on"]) >= day):
            count[a["position_code"]] += 1
    return count


@pytest.mark.parametrize("day", [dt.date(y, 1, 1) for y in range(2021, 2027)] + [dt.date(2025, 7, 1), TODAY])
def test_holders_within_quota_except_planted(data, day):
    quota = {p["code"]: int(p["quota"]) for p in data["positions"]}
    over = {code for code, n in _holders(data, day).items() if n > quota[code]}
    assert over <= PLANTED_OVER_QUOTA
    if day == TODAY:
        assert over == PLANTED_OVER_QUOTA


def test_planted_structure_cases(data):
    agencies = {r["code"]: r for r in data["agencies"]}
    positions = {r["code"]: r for r in data["positions"]}
    held = _holders(data, TODAY)
    active = {c for c, a in agencies.items() if not a["dissolved_on"] and (not a["established_on"] or d(a["established_on"]) <= TODAY)}
    functions = {m["agency_code"] for m in data["mandates"] if m["kind"] == "function" and not m["valid_to"]}
    assert active - functions == {"KH.DTTG"}
    children = Counter(agencies[c]["parent_code"] for c in active)
    assert children["KH.NNMT.KL"] == 1
    assert [c for c in active if children[c] == 1] == ["KH.NNMT.KL"]
    assert held["KH.YT.TTYTCR.TRUONG"] == 1 and held["KH.YT.TTYTCR.TRUONG2"] == 1
    assert held["KH.DL.LH.TRUONG"] == 0
    assert held["KH.CT.NL.PHO"] == 2
    cs_quota = {(q["agency_code"]): int(q["amount"]) for q in data["quotas"] if q["year"] == "2026" and q["kind"] == "civil_servant"}
    assert cs_quota["KH.CT.NL"] < 10 and cs_quota["KH.DTTG.TG"] < 7 and cs_quota["KH.YT.DS"] < 12
    small = [c for c in active if agencies[c]["kind"] == "division" and agencies[agencies[c]["parent_code"]]["kind"]
             in ("department", "department_equivalent") and cs_quota.get(c, 0) < 7]
    assert small == ["KH.DTTG.TG"]
    subs = [c for c in active if agencies[c]["kind"] == "sub_department" and cs_quota.get(c, 0) < 12]
    assert subs == ["KH.YT.DS"]
    dept_deputies = sum(held[p] for p, r in positions.items() if r["leadership_role"] == "deputy"
                        and agencies[r["agency_code"]]["parent_code"] == "KH" and r["agency_code"] in active
                        and agencies[r["agency_code"]]["kind"] in ("department", "department_equivalent"))
    assert dept_deputies > 3 * 14  # STRUCT-DEPUTY-DEPT-AVG


def test_personnel_cases_present(data):
    officials = {r["code"]: r for r in data["officials"]}
    ratings = {(r["official_code"], int(r["year"])): r["rating"] for r in data["ratings"]}
    assert set(Counter(r["rating"] for r in data["ratings"])) == {"excellent", "good", "completed", "not_completed"}
    assert Counter(r["rating"] for r in data["ratings"]).most_common(1)[0][0] == "good"
    exempt = [c for c, o in officials.items() if ratings.get((c, 2025)) == "not_completed" and o["youngest_child_born_on"]
              and d(o["youngest_child_born_on"]) > dt.date(2023, 11, 25)]
    assert exempt
    assert {r["reason"] for r in data["separations"]} >= {"retirement", "reduction", "resignation", "transfer_out"}
    assert all(dt.date(2021, 1, 1) <= d(r["separated_on"]) <= TODAY for r in data["separations"])
    assert {r["period"] for r in data["succession_plans"]} >= {"2021-2026", "2026-2031"}
    kinds = Counter(a["kind"] for a in data["assignments"])
    for k in ("recruitment", "first_appointment", "higher_appointment", "reappointment", "rotation", "transfer",
              "secondment", "concurrent", "acting"):
        assert kinds[k] > 0, k
    merged = [a for a in data["assignments"] if a["end_on"] == "2025-06-30"]
    assert len(merged) >= 10 and any(a["start_on"] == "2025-07-01" and a["kind"] == "transfer" for a in data["assignments"])
    two_terms = defaultdict(list)
    for a in data["assignments"]:
        if a["kind"] in ("first_appointment", "reappointment"):
            two_terms[(a["official_code"], a["position_code"])].append(a)
    assert any(len(v) >= 2 and any(not x["end_on"] for x in v) for v in two_terms.values())


def test_reduction_target_on_track(data):
    """KH meets Kết luận 40 pro rata every year, whether or not dissolved units count in the baseline."""
    agencies = {r["code"]: r for r in data["agencies"]}
    under_kh = {c for c in agencies if c == "KH" or c.startswith("KH.")}
    quota = defaultdict(int)
    for q in data["quotas"]:
        if q["agency_code"] in under_kh:
            quota[(q["agency_code"], int(q["year"]), q["kind"])] += int(q["amount"])
    targets = {t["kind"]: float(t["percent"]) for t in data["reduction_targets"]}
    for kind, pct in targets.items():
        for baseline_codes in (under_kh, {c for c in under_kh if not agencies[c]["dissolved_on"]}):
            base = sum(v for (c, y, k), v in quota.items() if y == 2021 and k == kind and c in baseline_codes)
            for year in range(2022, 2027):
                now = sum(v for (c, y, k), v in quota.items() if y == year and k == kind)
                achieved = math.floor((base - now) / base * 10000 + 0.5) / 100
                assert achieved >= pct * (year - 2021) / 5, (kind, year, achieved)
