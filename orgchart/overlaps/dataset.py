"""A labelled data set on disk, scored in memory (no database): a folder with `agencies.csv`
and `mandates.csv` in the CONTRACT §2 format (extra columns ignored) and `labels.csv`
(agency_a, agency_b, label[, reason]; `evaluate.read_labels`). Used by `evaluate_overlaps
--dataset` and the tests; the development set lives in tests/overlaps/data/dev."""
from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from . import index


def _date(value: str | None):
    return dt.date.fromisoformat(value) if value else None


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def load(folder, day: dt.date) -> tuple[dict, list]:
    """(nodes {id: AgencyNode}, rows [(id, agency id, kind, ref, text)] by agency) of the
    agencies and the mandates in force on `day`. Several folders may be loaded together by
    `load_many` (ids stay unique)."""
    return load_many([folder], day)


def load_many(folders, day: dt.date) -> tuple[dict, list]:
    agencies: list[dict] = []
    mandates: list[dict] = []
    for folder in folders:
        folder = Path(folder)
        agencies += _read(folder / "agencies.csv")
        mandates += _read(folder / "mandates.csv")
    ids = {a["code"]: k + 1 for k, a in enumerate(agencies)}
    rows = [(ids[a["code"]], a["code"], a["kind"], ids.get(a.get("parent_code") or ""), _date(a.get("established_on")),
             _date(a.get("dissolved_on")), a["name"]) for a in agencies]
    nodes = index.build_nodes(rows, day)
    out = []
    for n, m in enumerate(mandates, start=1):
        start, end = _date(m.get("valid_from")), _date(m.get("valid_to"))
        if (start is None or start <= day) and (end is None or end >= day):
            out.append((n, ids[m["agency_code"]], m["kind"], m.get("ref", ""), m["text"]))
    out.sort(key=lambda r: (r[1], r[0]))
    return nodes, out
