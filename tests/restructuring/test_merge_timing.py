"""Timing of a merge of two departments with 500 officials (reported, loosely bounded)."""
import datetime as dt
import time

from orgchart.personnel.models import Assignment, Official
from orgchart.positions.models import JobPosition, PositionLink
from orgchart.restructuring import services
from orgchart.structure.models import Agency

from .helpers import holders, positions


def _department(build, pc, code, n_officials):
    dep = build.agency(code, "department", pc)
    build.function(dep, f"Chức năng {code}", ref="CN")
    build.leaders(dep, 1, 2)
    divs = [build.agency(f"{code}-PH{i}", "division", dep) for i in range(5)]
    pos = JobPosition.objects.bulk_create([
        JobPosition(code=f"{code}-V{i:04d}", agency=divs[i % 5] if i % 3 else dep, title="Chuyên viên",
                    category="professional") for i in range(n_officials)
    ])
    PositionLink.objects.bulk_create([PositionLink(position=p, agency_id=p.agency_id) for p in pos])
    offs = Official.objects.bulk_create([
        Official(code=f"{code}-O{i:04d}", full_name="Cán bộ", birth_date=dt.date(1980, 1, 1), gender="female",
                 staff_type="civil_servant") for i in range(n_officials)
    ])
    Assignment.objects.bulk_create([
        Assignment(official=o, position=p, kind="recruitment", start_on=dt.date(2015, 1, 1))
        for o, p in zip(offs, pos, strict=True)
    ])
    return dep


def test_merge_two_departments_with_500_officials(build, capsys):
    pc = build.agency("P", "people_committee")
    _department(build, pc, "SA", 250)
    _department(build, pc, "SB", 250)
    day = dt.date(2025, 7, 1)
    t0 = time.perf_counter()
    dry = services.merge_agencies(["SA", "SB"], day, new_code="SAB", new_name="Sở hợp nhất", dry_run=True)
    t1 = time.perf_counter()
    services.merge_agencies(["SA", "SB"], day, new_code="SAB", new_name="Sở hợp nhất")
    t2 = time.perf_counter()
    assert len(dry.impact["officials_affected"]) >= 500
    assert "SA-H0" in positions("SAB", day) and "SB-V0000" in positions("SAB", day)
    assert holders("SA-V0000", day) == ["SA-O0000"]
    assert Agency.objects.get(code="SA-PH1").parent.code == "SAB"
    with capsys.disabled():
        print(f"\n[restructuring timing] merge of 2 departments, 500 officials: dry run {t1 - t0:.2f}s, "
              f"merge {t2 - t1:.2f}s")
    assert t2 - t1 < 60
