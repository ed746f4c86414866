"""A small province for eligibility tests: PC → department DEPT → division DIV, positions in DIV,
and one well-qualified official A holding a professional post since 2015."""
import datetime as dt
from types import SimpleNamespace

import pytest

from orgchart.personnel.models import Assignment, Official, Rating
from orgchart.positions.models import JobPosition
from orgchart.structure.models import Agency

ON = dt.date(2026, 3, 15)


def make_official(code, **kw):
    defaults = dict(
        full_name=f"Cán bộ {code}", birth_date=dt.date(1980, 1, 1), gender="male", staff_type="civil_servant",
        rank_code="01.002", education_level="master", education_field="Luật", political_theory="advanced",
        state_mgmt="principal", hired_on=dt.date(2005, 1, 1), health_ok=True,
    )
    defaults.update(kw)
    o = Official.objects.create(code=code, **defaults)
    Rating.objects.create(official=o, year=ON.year - 1, rating="good")
    Rating.objects.create(official=o, year=ON.year - 2, rating="excellent")
    return o


def assign(official, position, kind="recruitment", start=dt.date(2015, 1, 1), end=None, **kw):
    return Assignment.objects.create(official=official, position=position, kind=kind, start_on=start, end_on=end, **kw)


def make_position(code, agency, category="leadership", role="none", **kw):
    return JobPosition.objects.create(code=code, agency=agency, title=code, category=category, leadership_role=role, **kw)


@pytest.fixture
def world(db):
    pc = Agency.objects.create(code="PC", name="UBND tỉnh", kind="people_committee", level="province")
    dept = Agency.objects.create(code="DEPT", name="Sở Nội vụ", kind="department", level="province", parent=pc)
    div = Agency.objects.create(code="DIV", name="Phòng Tổ chức", kind="division", level="province", parent=dept)
    other = Agency.objects.create(code="OTHER", name="Sở Tài chính", kind="department", level="province", parent=pc)
    w = SimpleNamespace(pc=pc, dept=dept, div=div, other=other)
    w.cv = make_position("CV", div, category="professional", quota=5)
    w.dep = make_position("DEP", div, role="deputy", quota=2)
    w.head = make_position("HEAD", div, role="head", quota=1)
    w.ddep = make_position("DDEP", dept, role="deputy", quota=5)
    w.ocv = make_position("OCV", other, category="professional", quota=50)
    w.a = make_official("A")
    w.a_cv = assign(w.a, w.cv)
    return w
