"""Deterministic generator of the demo province (Tỉnh Khánh Hòa after the 2025 reform).

    .venv/bin/python -m orgchart.demo.generate [--seed N] [--out DIR]
    .venv/bin/python manage.py generate_demo

Writes the twelve CONTRACT §2 files as UTF-8 CSV into fixtures/demo/ plus README.md listing
the planted cases. Pure Python (random.Random(seed)); no database needed. Same seed → the same
bytes.
"""
import argparse
import csv
import datetime as dt
import math
import random
import sys
from pathlib import Path

from orgchart.demo import spec as S
from orgchart.demo.build import build
from orgchart.demo.careers import KEEP_FROM, TODAY, Careers
from orgchart.demo.lineage import COLUMNS as LINEAGE_COLUMNS
from orgchart.demo.lineage import change_events
from orgchart.demo.mandates import generated_function, real_mandates
from orgchart.demo.plants import find_natural, plant

SEED = 20251125
OUT = Path(__file__).resolve().parents[2] / "fixtures" / "demo"
YEARS = range(2021, 2027)
RATING_YEARS = range(2019, 2026)

COLUMNS = {
    "agencies": ["code", "name", "short_name", "kind", "level", "parent_code", "class", "established_on", "dissolved_on",
                 "legal_basis"],
    "mandates": ["agency_code", "ref", "kind", "text", "sectors", "legal_basis", "valid_from", "valid_to"],
    "positions": ["code", "agency_code", "title", "category", "leadership_role", "required_rank", "min_education",
                  "education_fields", "min_political_theory", "min_state_mgmt", "min_years_experience",
                  "requires_succession_plan", "quota"],
    "officials": ["code", "full_name", "birth_date", "gender", "staff_type", "rank_code", "rank_since", "education_level",
                  "education_field", "political_theory", "state_mgmt", "hired_on", "health_ok", "youngest_child_born_on"],
    "assignments": ["official_code", "position_code", "kind", "start_on", "end_on", "decision_no", "override_reason"],
    "ratings": ["official_code", "year", "rating"],
    "disciplines": ["official_code", "form", "decided_on", "effective_on"],
    "succession_plans": ["official_code", "position_code", "period", "approved_on"],
    "separations": ["official_code", "separated_on", "reason", "reduction_criterion"],
    "quotas": ["agency_code", "year", "kind", "amount", "decision_no"],
    "reduction_targets": ["agency_code", "period_start", "period_end", "baseline_year", "percent", "kind"],
    "change_events": LINEAGE_COLUMNS,
}
# Import order (dependencies first); file name = KIND.csv.
KINDS = list(COLUMNS)

# Quota cut 2021 → 2026 per kind; units deliberately slower (not on track).
CUT = {"civil_servant": 0.14, "public_employee": 0.15, "contract": 0.10}
SLOW_UNITS = (f"{S.P}.DL", f"{S.P}.YT.CDC")
OVER_QUOTA_UNITS = {(f"{S.P}.YT.BVNT", "public_employee"): 3, (f"{S.P}.VP.HCTC", "contract"): 1}
QUOTA_KIND = {"cadre": "civil_servant", "civil_servant": "civil_servant", "public_employee": "public_employee",
              "contract": "contract"}


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ";".join(value)
    return str(value)


def generate(seed: int = SEED) -> tuple[dict[str, list[dict]], list[tuple[str, str, str]]]:
    """Build every table in memory: {kind: rows} and the planted-case notes."""
    rng = random.Random(seed)
    b = build()
    careers = Careers(rng, b)
    careers.run()
    notes = plant(careers, rng)
    notes += find_natural(careers)

    kept = [o for o in careers.officials
            if (o["separated"] is None or o["separated"] >= KEEP_FROM)
            and any(a["end_on"] is None or a["end_on"] >= KEEP_FROM for a in o["assignments"])]
    for n, o in enumerate(kept, start=1):
        o["code"] = f"{S.P}{n:05d}"
    kept_ids = {id(o) for o in kept}

    tables: dict[str, list[dict]] = {k: [] for k in KINDS}
    for a in b.agencies:
        tables["agencies"].append({k: a.get(k) for k in COLUMNS["agencies"]})
    tables["mandates"] = _mandates(b)
    for p in b.positions:
        tables["positions"].append({k: p[k] for k in COLUMNS["positions"]})
    for o in kept:
        tables["officials"].append({k: o[k] for k in COLUMNS["officials"] if k != "code"} | {"code": o["code"]})
        for year in RATING_YEARS:
            if year == 2025 and "no_rating_2025" in o["flags"]:
                continue
            employed = o["hired_on"] <= dt.date(year, 10, 1) and (o["separated"] is None or o["separated"] > dt.date(year, 12, 31))
            if employed:
                tables["ratings"].append({"official_code": o["code"], "year": year, "rating": o["ratings"][year]})
        for d in o["disciplines"]:
            if d["decided_on"] >= o["hired_on"] and (o["separated"] is None or d["decided_on"] < o["separated"]) \
                    and d["decided_on"] <= TODAY:
                tables["disciplines"].append({"official_code": o["code"], **d})
    for a in sorted(careers.assignments, key=lambda a: (a["official"]["id"], a["start_on"], a["position"])):
        if id(a["official"]) in kept_ids:
            tables["assignments"].append({"official_code": a["official"]["code"], "position_code": a["position"],
                                          "kind": a["kind"], "start_on": a["start_on"], "end_on": a["end_on"],
                                          "decision_no": a["decision_no"], "override_reason": a["override_reason"]})
    seen = set()
    for pl in careers.plans:
        key = (id(pl["official"]), pl["position"], pl["period"])
        if id(pl["official"]) in kept_ids and key not in seen:
            seen.add(key)
            tables["succession_plans"].append({"official_code": pl["official"]["code"], "position_code": pl["position"],
                                               "period": pl["period"], "approved_on": pl["approved_on"]})
    tables["succession_plans"] += _candidate_plans(careers, rng, seen)
    for s in sorted(careers.separations, key=lambda s: (s["official"]["id"], s["separated_on"])):
        if id(s["official"]) in kept_ids:
            tables["separations"].append({"official_code": s["official"]["code"], "separated_on": s["separated_on"],
                                          "reason": s["reason"], "reduction_criterion": s["reduction_criterion"]})
    tables["quotas"] = _quotas(b, careers, rng)
    tables["reduction_targets"] = [
        {"agency_code": S.P, "period_start": 2022, "period_end": 2026, "baseline_year": 2021, "percent": 5,
         "kind": "civil_servant"},
        {"agency_code": S.P, "period_start": 2022, "period_end": 2026, "baseline_year": 2021, "percent": 10,
         "kind": "public_employee"},
    ]
    tables["change_events"] = _change_events(b)
    resolved = []
    for code, subject, text, check in notes:
        resolved.append((code, subject["code"] if isinstance(subject, dict) else subject, text,
                         f"{check[0]} → {check[1]}" if check else ""))
    return tables, resolved


def _change_events(b) -> list[dict]:
    """The 2025 mergers as change_events rows (codes in sorted lists, as the export writes them)."""
    names = {a["code"]: a["name"] for a in b.agencies}
    return [r | {"sources": sorted(r["sources"]), "targets": sorted(r["targets"])}
            for r in sorted(change_events(names), key=lambda r: r["code"])]


def _mandates(b) -> list[dict]:
    rows = real_mandates()
    has_function = {r["agency_code"] for r in rows if r["kind"] == "function"}
    by_code = {a["code"]: a for a in b.agencies}
    profiles = {f"{S.P}.{d[0]}.{p[0]}": p[2] for d in S.DEPARTMENTS for p in d[8]}
    for a in b.agencies:
        if a["code"] in has_function or a["code"] == f"{S.P}.DTTG":  # Sở Dân tộc và Tôn giáo: deliberately none
            continue
        text = generated_function(a, by_code.get(a["parent_code"]), profiles.get(a["code"], ""))
        if text:
            rows.append({"agency_code": a["code"], "ref": "CN", "kind": "function", "text": text, "sectors": "",
                         "legal_basis": "Chức năng tóm tắt cho dữ liệu minh họa", "valid_from": a["established_on"],
                         "valid_to": a["dissolved_on"] - dt.timedelta(days=1) if a["dissolved_on"] else None})
    return rows


def _candidate_plans(c, rng, seen) -> list[dict]:
    """Quy hoạch 2026-2031: about half the deputies for their agency's head post, some professionals for deputy posts."""
    rows = []
    for p in sorted(c.positions.values(), key=lambda p: p["code"]):
        if p["leadership_role"] != "deputy" or not c.active(p["agency_code"], TODAY):
            continue
        head = f"{p['agency_code']}.TRUONG"
        for a in sorted(c.holders[p["code"]], key=lambda a: a["official"]["id"]):
            o = a["official"]
            if rng.random() < 0.5 and "code" in o and "no_plan" not in o["flags"] and (id(o), head, "2026-2031") not in seen:
                seen.add((id(o), head, "2026-2031"))
                rows.append({"official_code": o["code"], "position_code": head, "period": "2026-2031",
                             "approved_on": dt.date(2025, 12, 15)})
        pros = [a["official"] for q in c.by_agency[p["agency_code"]] if q["leadership_role"] == "none"
                and q["_stype"] != "contract" for a in c.holders[q["code"]]]
        for o in sorted(pros, key=lambda o: o["id"])[:2]:
            if rng.random() < 0.6 and "code" in o and (id(o), p["code"], "2021-2026") not in seen:
                seen.add((id(o), p["code"], "2021-2026"))
                rows.append({"official_code": o["code"], "position_code": p["code"], "period": "2021-2026",
                             "approved_on": dt.date(2021, 6, 30)})
    return rows


def _active_on(a, day):
    return (a["established_on"] is None or a["established_on"] <= day) and (a["dissolved_on"] is None or a["dissolved_on"] > day)


def _quotas(b, c, rng) -> list[dict]:
    decisions = {y: f"{rng.randint(2000, 3400)}/QĐ-UBND" for y in YEARS}
    seats: dict[tuple[str, str], int] = {}
    for p in b.positions:
        key = (p["agency_code"], QUOTA_KIND[p["_stype"]])
        seats[key] = seats.get(key, 0) + p["quota"]
    rows = []
    by_code = {a["code"]: a for a in b.agencies}
    for (code, kind), n in sorted(seats.items()):
        a = by_code[code]
        q2026 = n
        if (code, kind) in OVER_QUOTA_UNITS:
            held = sum(1 for p in b.positions if p["agency_code"] == code and QUOTA_KIND[p["_stype"]] == kind
                       for _ in c.holders[p["code"]])
            q2026 = held - OVER_QUOTA_UNITS[(code, kind)]
        cut = 0.0 if any(code == u or code.startswith(u + ".") for u in SLOW_UNITS) else CUT[kind]
        q2021 = math.ceil(q2026 / (1 - cut)) if cut else q2026
        for year in YEARS:
            ref = TODAY if year == TODAY.year else dt.date(year, 12, 31)
            if not _active_on(a, ref):
                continue
            amount = q2021 - math.ceil((q2021 - q2026) * (year - 2021) / 5)
            rows.append({"agency_code": code, "year": year, "kind": kind, "amount": amount,
                         "decision_no": decisions[year]})
    return rows


def write(tables: dict[str, list[dict]], notes, out: Path) -> dict[str, int]:
    out.mkdir(parents=True, exist_ok=True)
    for kind, cols in COLUMNS.items():
        with open(out / f"{kind}.csv", "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(cols)
            for row in tables[kind]:
                w.writerow([cell(row.get(c)) for c in cols])
    counts = {k: len(v) for k, v in tables.items()}
    (out / "README.md").write_text(readme(counts, notes), encoding="utf-8")
    return counts


def readme(counts, notes) -> str:
    from orgchart.demo.readme import render

    return render(counts, notes)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Generate the demo province CSV files (deterministic).")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    tables, notes = generate(args.seed)
    counts = write(tables, notes, args.out)
    for kind, n in counts.items():
        print(f"{kind}: {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
