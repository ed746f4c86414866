"""Builders for small effective-dated trees: every agency and position gets its link row."""
import datetime as dt
import itertools

import pytest

from orgchart.core.choices import LeadershipRole, PositionCategory
from orgchart.personnel.models import Assignment, Official
from orgchart.positions.models import JobPosition, PositionLink
from orgchart.staffing.models import Quota
from orgchart.structure.models import Agency, AgencyLink, Mandate

_seq = itertools.count(1)
LONG_AGO = dt.date(2015, 1, 1)


class Builder:
    def agency(self, code, kind="division", parent=None, level="province", name=None, established_on=None, **kw):
        a = Agency.objects.create(code=code, name=name or f"Đơn vị {code}", kind=kind, level=level, parent=parent,
                                  established_on=established_on, **kw)
        AgencyLink.objects.create(agency=a, parent=parent, valid_from=None)
        return a

    def position(self, code, agency, role="none", category=None, quota=None):
        category = category or (PositionCategory.LEADERSHIP if role != LeadershipRole.NONE else PositionCategory.PROFESSIONAL)
        p = JobPosition.objects.create(code=code, agency=agency, title=f"Vị trí {code}", category=category,
                                       leadership_role=role, quota=quota)
        PositionLink.objects.create(position=p, agency=agency, valid_from=None)
        return p

    def official(self, code=None, staff_type="civil_servant"):
        code = code or f"O{next(_seq):05d}"
        return Official.objects.create(code=code, full_name=f"Cán bộ {code}", birth_date=dt.date(1980, 1, 1),
                                       gender="male", staff_type=staff_type)

    def hold(self, position, official=None, start_on=LONG_AGO, kind="recruitment", **kw):
        official = official or self.official(**kw)
        return Assignment.objects.create(official=official, position=position, kind=kind, start_on=start_on)

    def staff(self, agency, n, prefix=None, staff_type="civil_servant"):
        """n professional positions in `agency`, each with one holder."""
        prefix = prefix or f"{agency.code}-P"
        out = []
        for i in range(n):
            p = self.position(f"{prefix}{i:03d}", agency)
            out.append(self.hold(p, staff_type=staff_type))
        return out

    def leaders(self, agency, heads=1, deputies=0):
        hs = [self.hold(self.position(f"{agency.code}-H{i}", agency, "head")) for i in range(heads)]
        ds = [self.hold(self.position(f"{agency.code}-D{i}", agency, "deputy")) for i in range(deputies)]
        return hs, ds

    def function(self, agency, text=None, ref=""):
        return Mandate.objects.create(agency=agency, ref=ref, kind="function", text=text or f"Chức năng của {agency.code}")

    def quota(self, agency, year, amount, kind="civil_servant"):
        return Quota.objects.create(agency=agency, year=year, kind=kind, amount=amount)


@pytest.fixture
def build(db):
    return Builder()


@pytest.fixture
def province(build):
    """A province: PC with departments SXD, STC (each with 2 divisions), staff and leaders."""
    pc = build.agency("T", "people_committee", name="UBND tỉnh T")
    out = {"T": pc}
    for d in ("SXD", "STC"):
        dep = build.agency(d, "department", pc)
        build.function(dep, f"Tham mưu quản lý nhà nước về lĩnh vực {d}", ref="CN1")
        build.leaders(dep, heads=1, deputies=2)
        build.staff(dep, 3)
        out[d] = dep
        for k in (1, 2):
            div = build.agency(f"{d}-PH{k}", "division", dep)
            build.function(div, f"Chức năng phòng {k} của {d}")
            build.leaders(div, heads=1, deputies=1)
            build.staff(div, 6)
            out[div.code] = div
    return out
