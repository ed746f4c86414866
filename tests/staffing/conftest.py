"""Builders for staffing tests: small trees, positions, officials and their records."""
import datetime as dt
import itertools

import pytest

from orgchart.eligibility.calendar import retirement_date
from orgchart.personnel.models import Assignment, Official, Rating, Separation
from orgchart.positions.models import JobPosition, PositionLink
from orgchart.staffing.models import Quota, ReductionTarget
from orgchart.structure.models import Agency, ChangeEvent

D = dt.date
BIRTH = dt.date(1985, 6, 15)
START = dt.date(2020, 1, 1)


def birth_for_retirement(rd: dt.date) -> tuple[dt.date, str]:
    """A (birth date, gender) whose retirement date is exactly `rd` (a month end)."""
    for gender in ("male", "female"):
        for y in range(1940, 2005):
            for m in range(1, 13):
                b = D(y, m, 15)
                if retirement_date(b, gender) == rd:
                    return b, gender
    raise AssertionError(f"no birth month retires on {rd}")


class Builder:
    def __init__(self):
        self.seq = itertools.count(1)

    def agency(self, code, parent=None, kind="department", level="province", **kw):
        return Agency.objects.create(code=code, name=f"Cơ quan {code}", kind=kind, level=level, parent=parent, **kw)

    def position(self, agency, code=None, category="professional", quota=None, **kw):
        code = code or f"P{next(self.seq)}"
        return JobPosition.objects.create(code=code, agency=agency, title=f"Vị trí {code}", category=category,
                                          quota=quota, **kw)

    def official(self, code=None, staff_type="civil_servant", gender="male", birth=BIRTH, **kw):
        code = code or f"O{next(self.seq):04d}"
        kw.setdefault("full_name", f"Người {code}")
        return Official.objects.create(code=code, birth_date=birth, gender=gender, staff_type=staff_type, **kw)

    def assign(self, official, position, start=START, end=None, kind="recruitment", **kw):
        return Assignment.objects.create(official=official, position=position, start_on=start, end_on=end, kind=kind, **kw)

    def holder(self, position, start=START, end=None, kind="recruitment", **official_kw):
        o = self.official(**official_kw)
        self.assign(o, position, start, end, kind)
        return o

    def quota(self, agency, year, kind, amount):
        return Quota.objects.create(agency=agency, year=year, kind=kind, amount=amount)

    def target(self, agency, start=2022, end=2026, baseline=2021, percent=5, kind=""):
        return ReductionTarget.objects.create(agency=agency, period_start=start, period_end=end,
                                              baseline_year=baseline, percent=percent, kind=kind)

    def separation(self, official, on, reason="resignation"):
        return Separation.objects.create(official=official, separated_on=on, reason=reason)

    def rating(self, official, year, rating):
        return Rating.objects.create(official=official, year=year, rating=rating)

    def change(self, kind, on):
        return ChangeEvent.objects.create(kind=kind, effective_on=on)

    def link(self, position, agency, valid_from=None, valid_to=None):
        return PositionLink.objects.create(position=position, agency=agency, valid_from=valid_from, valid_to=valid_to)


@pytest.fixture
def build(db):
    return Builder()


@pytest.fixture
def tree(build):
    """ROOT → A (→ A1), B; one professional position in each."""
    root = build.agency("ROOT", kind="people_committee")
    a = build.agency("A", root)
    a1 = build.agency("A1", a, kind="division")
    b = build.agency("B", root)
    return {"root": root, "A": a, "A1": a1, "B": b, **{f"p{k}": build.position(v, code=f"P-{k}")
                                                       for k, v in {"root": root, "A": a, "A1": a1, "B": b}.items()}}


@pytest.fixture(params=["live", "rollup"])
def rollup_mode(request, db):
    """Run a test with the live query and (PostgreSQL) with the materialised roll-up."""
    from django.db import connection

    from orgchart.staffing import snapshot

    if request.param == "rollup":
        if connection.vendor != "postgresql":
            pytest.skip("the materialised roll-up is PostgreSQL only")
        snapshot.install()
        assert snapshot.installed()
        request.getfixturevalue("monkeypatch").setattr(snapshot, "MIN_AGENCIES", 0)
    yield request.param
    snapshot._installed = False  # the test transaction (and the triggers) roll back
