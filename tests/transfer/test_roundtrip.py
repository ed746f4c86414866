"""export → import changes nothing, for every kind and format; an export re-imported into an
empty database gives the same export back."""
import json

import pytest

from orgchart.personnel.models import Assignment, Discipline, Official, Rating, Separation, SuccessionPlan
from orgchart.positions.models import JobPosition
from orgchart.staffing.models import Quota, ReductionTarget
from orgchart.structure.models import Agency, AgencyLink, ChangeEvent, Mandate
from orgchart.transfer.services import KINDS

FILES = {
    "agencies": "code,name,short_name,kind,level,parent_code,class,established_on,dissolved_on,legal_basis\n"
                "P.NV.TCBM,Phòng Tổ chức bộ máy,TCBM,division,province,P.NV,,2020-01-01,,'=Quyết định 1/QĐ\n"
                "P,Ủy ban nhân dân tỉnh P,UBND,people_committee,province,,I,,,\n"
                "P.NV,Sở Nội vụ,,department,province,P,,2008-04-01,2030-01-01,'- Nghị định 24/2014/NĐ-CP\n"
                "P.TC,Sở Tài chính,,department,province,P,,,,\"Dòng 1\nDòng 2, có dấu phẩy\"\n",
    "mandates": "agency_code,ref,kind,text,sectors,legal_basis,valid_from,valid_to\n"
                "P.NV,CN,function,Tham mưu về tổ chức bộ máy,nội vụ;tổ chức,NĐ 24,2014-01-01,\n"
                "P.NV,,duty,'- Quản lý biên chế công chức,nội vụ,,,\n"
                "P.NV,,duty,'=SUM(A1) không phải công thức,,,,2030-12-31\n"
                "P.TC,1,power,\"Quản lý ngân sách \"\"nhà nước\"\"\",tài chính,,,\n",
    "positions": "code,agency_code,title,category,leadership_role,required_rank,min_education,education_fields,"
                 "min_political_theory,min_state_mgmt,min_years_experience,requires_succession_plan,quota\n"
                 "P.NV.GD,P.NV,Giám đốc,leadership,head,01.002,master,Luật;Hành chính,advanced,principal,5,true,1\n"
                 "P.NV.CV,P.NV,'-Chuyên viên,professional,none,01.003,bachelor,,,,,false,\n"
                 "P.TC.CV,P.TC,Chuyên viên,professional,,,,,,,,,3\n",
    "officials": "code,full_name,birth_date,gender,staff_type,rank_code,rank_since,education_level,education_field,"
                 "political_theory,state_mgmt,hired_on,health_ok,youngest_child_born_on\n"
                 "CB1,Nguyễn Văn An,1970-03-02,male,civil_servant,01.002,2015-01-01,master,Luật,advanced,principal,"
                 "1995-07-01,true,\n"
                 "CB2,Trần Thị Bình,1985-11-30,female,public_employee,,,,,,,,false,2019-05-05\n"
                 "CB3,'+84 Lê Cường,1990-01-15,male,contract,,,,,,,,,\n",
    "assignments": "official_code,position_code,kind,start_on,end_on,decision_no,override_reason\n"
                   "CB1,P.NV.GD,first_appointment,2020-01-01,,123/QĐ-UBND,\n"
                   "CB2,P.NV.CV,recruitment,2010-01-01,2019-12-31,,'@ghi chú\n"
                   "CB2,P.TC.CV,transfer,2020-01-01,,,\n",
    "ratings": "official_code,year,rating\nCB1,2023,excellent\nCB1,2024,good\nCB2,2024,not_completed\n",
    "disciplines": "official_code,form,decided_on,effective_on\nCB2,reprimand,2021-03-01,2021-03-05\n",
    "succession_plans": "official_code,position_code,period,approved_on\nCB2,P.NV.GD,2021-2026,2021-06-01\n"
                        "CB3,P.NV.GD,2026-2031,\n",
    "separations": "official_code,separated_on,reason,reduction_criterion\nCB3,2024-12-31,reduction,K1\n",
    "quotas": "agency_code,year,kind,amount,decision_no\nP.NV,2024,civil_servant,40,QĐ 1\nP.NV,2024,contract,5,\n",
    "reduction_targets": "agency_code,period_start,period_end,baseline_year,percent,kind\n"
                         "P,2022,2026,2022,5,\nP.NV,2022,2026,2022,10.5,civil_servant\n",
    "change_events": "code,kind,effective_on,sources,targets,decision_no,note\n"
                     "SN-2025-1,merge,2025-03-01,P.TC;P.NV,P.TC,NQ 1/2025,'=sáp nhập\n"
                     "SN-2030-1,dissolve,2030-01-01,P.NV,,,\n",
}


@pytest.fixture
def full(run, write):
    for kind in KINDS:
        code, out, err = run("import_data", kind, write(f"{kind}.csv", FILES[kind]))
        assert code == 0, (kind, err)
        assert "created" in out


def _wipe():
    for model in (Assignment, Rating, Discipline, SuccessionPlan, Separation, JobPosition, Official, Mandate, Quota,
                  ReductionTarget, AgencyLink, ChangeEvent):
        model.objects.all().delete()
    Agency.objects.update(parent=None)
    Agency.objects.all().delete()


def test_every_kind_loaded(full):
    assert Agency.objects.count() == 4 and Mandate.objects.count() == 4 and JobPosition.objects.count() == 3
    assert Assignment.objects.count() == 3 and ReductionTarget.objects.get(agency__code="P").kind == ""
    assert Mandate.objects.filter(text="- Quản lý biên chế công chức").exists()
    assert Agency.objects.get(code="P.NV").legal_basis == "- Nghị định 24/2014/NĐ-CP"


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_export_then_import_changes_nothing(full, run, tmp_path, fmt):
    for kind in KINDS:
        path = tmp_path / f"{kind}.{fmt}"
        code, out, err = run("export_data", kind, path)
        assert code == 0, err
        code, out, err = run("import_data", kind, path)
        assert code == 0, (kind, err)
        assert "created 0, updated 0" in out, (kind, out)


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_export_into_empty_database_round_trips(full, run, tmp_path, fmt):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    for kind in KINDS:
        assert run("export_data", kind, first / f"{kind}.{fmt}")[0] == 0
    _wipe()
    for kind in KINDS:
        code, out, err = run("import_data", kind, first / f"{kind}.{fmt}")
        assert code == 0, (kind, err)
    for kind in KINDS:
        assert run("export_data", kind, second / f"{kind}.{fmt}")[0] == 0
        if fmt != "xlsx":  # XLSX files carry timestamps; compared through CSV below
            assert (first / f"{kind}.{fmt}").read_bytes() == (second / f"{kind}.{fmt}").read_bytes(), kind
    for kind in KINDS:
        run("export_data", kind, first / f"{kind}.csv")
        code, out, _ = run("import_data", kind, first / f"{kind}.csv")
        assert "created 0, updated 0" in out


def test_csv_export_guards_formulas(full, run, tmp_path):
    path = tmp_path / "mandates.csv"
    run("export_data", "mandates", path)
    text = path.read_text(encoding="utf-8")
    assert "'- Quản lý biên chế công chức" in text and "'=SUM(A1)" in text
    path = tmp_path / "officials.csv"
    run("export_data", "officials", path)
    assert "'+84 Lê Cường" in path.read_text(encoding="utf-8")


def test_xlsx_export_guards_formulas(full, run, tmp_path):
    import openpyxl

    path = tmp_path / "mandates.xlsx"
    run("export_data", "mandates", path)
    ws = openpyxl.load_workbook(path).active
    texts = [row[3] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert "'- Quản lý biên chế công chức" in texts
    assert all(not (t.startswith("=")) for t in texts)
    assert all(cell.data_type != "f" for row in ws.iter_rows() for cell in row)


def test_json_export_is_exact(full, run, tmp_path):
    path = tmp_path / "reduction_targets.json"
    run("export_data", "reduction_targets", path)
    items = json.loads(path.read_text(encoding="utf-8"))
    assert items == [
        {"agency_code": "P", "period_start": 2022, "period_end": 2026, "baseline_year": 2022, "percent": 5, "kind": ""},
        {"agency_code": "P.NV", "period_start": 2022, "period_end": 2026, "baseline_year": 2022, "percent": 10.5,
         "kind": "civil_servant"},
    ]


def test_reimport_same_file_is_unchanged(full, run, write):
    for kind in KINDS:
        code, out, err = run("import_data", kind, write(f"again-{kind}.csv", FILES[kind]))
        assert code == 0, err
        assert "created 0, updated 0" in out, (kind, out)
