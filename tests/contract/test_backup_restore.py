"""`make backup` / `make restore`: every kind exported and re-imported, byte-identical (issue 8)."""
import io

import pytest
from django.core.management import call_command

from orgchart.personnel.models import Assignment, Official
from orgchart.positions.models import JobPosition
from orgchart.staffing.models import Quota
from orgchart.structure.models import Agency
from orgchart.transfer.services import KINDS, import_rows

ROWS = {
    "agencies": [dict(code="B", name="UBND tỉnh Bình", kind="people_committee", level="province", **{"class": "I"}),
                 dict(code="B.NV", name="Sở Nội vụ", kind="department", level="province", parent_code="B",
                      legal_basis="=SUM(A1)")],
    "mandates": [dict(agency_code="B.NV", ref="CN", kind="function", text="- Tham mưu về tổ chức bộ máy; biên chế",
                      sectors="nội vụ;tổ chức")],
    "positions": [dict(code="B.NV.GD", agency_code="B.NV", title="Giám đốc Sở", category="leadership",
                       leadership_role="head", min_education="master", education_fields="Luật;Hành chính", quota=1,
                       requires_succession_plan="true")],
    "officials": [dict(code="O1", full_name="Phạm Thị Lan", birth_date="1972-02-29", gender="female",
                       staff_type="civil_servant", education_level="master", health_ok="true")],
    "assignments": [dict(official_code="O1", position_code="B.NV.GD", kind="first_appointment", start_on="2021-03-01",
                         decision_no="12/QĐ-UBND")],
    "ratings": [dict(official_code="O1", year=2024, rating="excellent")],
    "disciplines": [dict(official_code="O1", form="reprimand", decided_on="2019-05-01")],
    "succession_plans": [dict(official_code="O1", position_code="B.NV.GD", period="2021-2026")],
    "separations": [dict(official_code="O1", separated_on="2031-03-01", reason="retirement")],
    "quotas": [dict(agency_code="B.NV", year=2025, kind="civil_servant", amount=40)],
    "reduction_targets": [dict(agency_code="B", period_start=2022, period_end=2026, baseline_year=2021, percent="5",
                               kind="civil_servant")],
    "change_events": [dict(code="B.2025.1", kind="merge", effective_on="2025-03-01", sources="B.NV;B", targets="B",
                           decision_no="1/NQ-HĐND", note="=ghi chú")],
}


@pytest.mark.django_db
def test_backup_then_restore_into_an_empty_database_round_trips_every_kind(tmp_path):
    assert set(ROWS) == set(KINDS)
    for kind in KINDS:
        import_rows(kind, ROWS[kind])
    call_command("backup", tmp_path / "one", stdout=io.StringIO())
    first = {k: (tmp_path / "one" / f"{k}.csv").read_bytes() for k in KINDS}
    for model in (Quota, Official, Assignment, JobPosition):  # officials cascade to their records
        model.objects.all().delete()
    for agency in Agency.objects.order_by("-mptt_level"):  # leaves first: parents are protected
        agency.delete()
    assert not Agency.objects.exists()
    call_command("restore", tmp_path / "one", stdout=io.StringIO())
    call_command("backup", tmp_path / "two", stdout=io.StringIO())
    for kind in KINDS:
        assert (tmp_path / "two" / f"{kind}.csv").read_bytes() == first[kind], kind
    assert b"'=SUM(A1)" in first["agencies"] and b"'- Tham" in first["mandates"]


@pytest.mark.django_db
def test_the_demo_province_round_trips_exactly(tmp_path):
    from orgchart.staffing.models import ReductionTarget
    from orgchart.structure.models import AgencyLink, Mandate

    call_command("loaddemo", stdout=io.StringIO())
    call_command("backup", tmp_path / "one", stdout=io.StringIO())
    for model in (Assignment, Official, JobPosition, Quota, ReductionTarget, Mandate, AgencyLink):
        model.objects.all().delete()
    for agency in Agency.objects.order_by("-mptt_level"):
        agency.delete()
    call_command("restore", tmp_path / "one", stdout=io.StringIO())
    call_command("backup", tmp_path / "two", stdout=io.StringIO())
    for kind in KINDS:
        assert (tmp_path / "two" / f"{kind}.csv").read_bytes() == (tmp_path / "one" / f"{kind}.csv").read_bytes(), kind
    assert Official.objects.count() > 2000
