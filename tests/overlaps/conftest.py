"""Overlap fixtures: the development province (tests/overlaps/data, a copy of
../shared/data/overlaps) loaded with the ORM, under any code prefix, plus small builders."""
import csv
from pathlib import Path

import pytest

from orgchart.structure.models import Agency, Mandate

DATA = Path(__file__).parent / "data"


def read(name):
    with open(DATA / name, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def load_province(prefix="TM", name=None, mandate_filter=None):
    """Create the dev province with codes re-rooted at `prefix` (TM.YT → {prefix}.YT)."""

    def recode(code):
        return prefix + code[2:] if code else code

    created = {}
    for row in read("agencies.csv"):
        parent = created.get(recode(row["parent_code"])) if row["parent_code"] else None
        code = recode(row["code"])
        created[code] = Agency.objects.create(
            code=code, name=(name or row["name"]) if parent is None else row["name"], kind=row["kind"],
            level=row["level"], parent=parent,
        )
    mandates = []
    for row in read("mandates.csv"):
        if mandate_filter and not mandate_filter(row):
            continue
        mandates.append(Mandate(agency=created[recode(row["agency_code"])], ref=row["ref"], kind=row["kind"],
                                text=row["text"], legal_basis=row.get("legal_basis", "")))
    for m in mandates:
        m.text_key = Mandate.make_text_key(m.kind, m.text)
    Mandate.objects.bulk_create(mandates)
    return created


def labels(prefix="TM"):
    return {
        tuple(sorted([prefix + r["agency_a"][2:], prefix + r["agency_b"][2:]])): r["label"] for r in read("labels.csv")
    }


@pytest.fixture
def province(db):
    return load_province("TM")


@pytest.fixture
def add_agency(db):
    def make(code, parent=None, kind="department", level="province", mandates=(), **kw):
        agency = Agency.objects.create(code=code, name=kw.pop("name", f"Cơ quan {code}"), kind=kind, level=level,
                                       parent=parent, **kw)
        for i, (mkind, text) in enumerate(mandates):
            Mandate.objects.create(agency=agency, ref="CN" if mkind == "function" else str(i), kind=mkind, text=text)
        return agency

    return make


def load_csv_province(folder):
    """Load agencies.csv + mandates.csv of a folder under tests/overlaps/data (codes as they are)."""
    base = DATA / folder
    created = {}
    with open(base / "agencies.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            created[row["code"]] = Agency.objects.create(
                code=row["code"], name=row["name"], kind=row["kind"], level=row["level"],
                parent=created.get(row["parent_code"]) if row["parent_code"] else None,
            )
    with open(base / "mandates.csv", encoding="utf-8") as fh:
        Mandate.objects.bulk_create([
            Mandate(agency=created[r["agency_code"]], ref=r["ref"], kind=r["kind"], text=r["text"],
                    text_key=Mandate.make_text_key(r["kind"], r["text"]))
            for r in csv.DictReader(fh)
        ])
    return created
