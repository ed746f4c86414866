"""Upsert semantics: forward references, missing columns, empty cells, dry run, interval links,
MPTT, derived fields, audit history, aliases, and the service API."""
import datetime as dt
import io
from pathlib import Path

import pytest

from orgchart.personnel.models import Official, SuccessionPlan
from orgchart.positions.models import JobPosition, PositionLink
from orgchart.structure.models import Agency, AgencyLink, Mandate
from orgchart.transfer.services import ImportFailed, RowError, import_file, import_rows

DATA = Path(__file__).parent / "data"

HEADER = "code,full_name,birth_date,gender,staff_type\n"


def test_forward_parent_reference_in_same_file(run, write):
    code, out, err = run("import_data", "agencies", write("a.csv", "code,name,kind,level,parent_code\n"
                                                                   "C,Phòng C,division,province,B\n"
                                                                   "B,Sở B,department,province,A\n"
                                                                   "A,UBND A,people_committee,province,\n"))
    assert code == 0, err
    c = Agency.objects.get(code="C")
    assert c.parent.code == "B" and c.parent.parent.code == "A"
    assert [a.code for a in Agency.objects.get(code="A").get_descendants()] == ["B", "C"]
    assert AgencyLink.objects.get(agency=c, valid_to__isnull=True).parent.code == "B"
    assert Agency.history.filter(code="C").first().parent_id == c.parent_id


def test_reference_to_code_already_in_database(run, write, base):
    code, _, err = run("import_data", "succession_plans", write("s.csv", "official_code,position_code,period\n"
                                                                         "CB2,P.NV.GD,2021-2026\n"))
    assert code == 0, err
    plan = SuccessionPlan.objects.get()
    assert (plan.period_start, plan.period_end) == (2021, 2026)


def test_bad_period(run, write, base):
    code, _, err = run("import_data", "succession_plans", write("s.csv", "official_code,position_code,period\n"
                                                                         "CB2,P.NV.GD,2026-2021\nCB2,P.NV.GD,2021\n"))
    assert code == 1 and "row 2, column period: invalid period" in err and "row 3, column period" in err


def test_moving_an_agency_corrects_the_open_link_and_tree(run, write, base):
    code, out, err = run("import_data", "agencies", write("a.csv", "code,name,kind,level,parent_code\n"
                                                                   "P.TC,Sở Tài chính,department,province,P.NV\n"))
    assert code == 0 and "updated 1" in out
    tc = Agency.objects.get(code="P.TC")
    assert tc.parent.code == "P.NV" and tc.mptt_level == 2
    links = AgencyLink.objects.filter(agency=tc)
    assert links.count() == 1 and links.get().parent.code == "P.NV" and links.get().valid_from is None
    assert Agency.objects.get(code="P").get_descendant_count() == 2


def test_missing_column_leaves_value_unchanged(run, write, base):
    code, out, _ = run("import_data", "officials", write("o.csv", "code,full_name,birth_date,gender,staff_type\n"
                                                                  "CB1,Nguyễn Văn An,1970-03-02,male,civil_servant\n"))
    assert "unchanged 1" in out
    assert Official.objects.get(code="CB1").education_level == "master"
    code, out, _ = run("import_data", "agencies", write("a.csv", "code,name,kind,level\nP.NV,Sở Nội vụ mới,department,province\n"))
    assert "updated 1" in out
    nv = Agency.objects.get(code="P.NV")
    assert nv.name == "Sở Nội vụ mới" and nv.parent.code == "P"


def test_empty_cell_sets_null_or_empty(run, write, base):
    run("import_data", "officials", write("o1.csv", "code,full_name,birth_date,gender,staff_type,hired_on,health_ok\n"
                                                    "CB1,An,1970-03-02,male,civil_servant,2000-01-01,true\n"))
    official = Official.objects.get(code="CB1")
    assert official.hired_on == dt.date(2000, 1, 1) and official.health_ok is True
    code, out, _ = run("import_data", "officials", write("o2.csv", "code,full_name,birth_date,gender,staff_type,hired_on,"
                                                                   "health_ok,education_level\n"
                                                                   "CB1,An,1970-03-02,male,civil_servant,,,\n"))
    assert code == 0 and "updated 1" in out
    official.refresh_from_db()
    assert official.hired_on is None and official.health_ok is None and official.education_level == ""


def test_optional_enum_with_default(run, write, base):
    assert JobPosition.objects.get(code="P.TC.CV").leadership_role == "none"
    code, _, err = run("import_data", "agencies", write("a.csv", "code,name,kind,level,parent_code,class\n"
                                                                 "P,Tỉnh P,people_committee,province,,\n"))
    assert code == 0, err
    assert Agency.objects.get(code="P").agency_class == ""


def test_dry_run_validates_and_writes_nothing(run, write, base):
    path = write("o.csv", HEADER + "N1,An,1980-01-01,male,cadre\nCB1,Đổi tên,1970-03-02,male,civil_servant\n")
    history = Official.history.count()
    code, out, err = run("import_data", "officials", path, "--dry-run")
    assert code == 0, err
    assert "created 1, updated 1" in out and "dry run" in out
    assert not Official.objects.filter(code="N1").exists()
    assert Official.objects.get(code="CB1").full_name == "Nguyễn Văn An"
    assert Official.history.count() == history
    code, _, err = run("import_data", "positions", write("p.csv", "code,agency_code,title,category\nX,NOPE,T,support\n"),
                       "--dry-run")
    assert code == 1 and "row 2, column agency_code: unknown agency" in err


def test_updates_are_recorded_in_history(run, write, base):
    run("import_data", "officials", write("o.csv", HEADER + "CB1,Nguyễn Văn An (sửa),1970-03-02,male,civil_servant\n"))
    records = Official.history.filter(code="CB1").order_by("history_date")
    assert [r.history_type for r in records] == ["+", "~"]
    assert records.last().full_name == "Nguyễn Văn An (sửa)"


def test_position_agency_change_updates_link(run, write, base):
    pos = JobPosition.objects.get(code="P.TC.CV")
    assert PositionLink.objects.get(position=pos).agency.code == "P.TC"
    code, out, err = run("import_data", "positions", write("p.csv", "code,agency_code,title,category\n"
                                                                    "P.TC.CV,P.NV,Chuyên viên,professional\n"))
    assert code == 0, err
    link = PositionLink.objects.get(position=pos)
    assert link.agency.code == "P.NV" and link.valid_to is None
    assert JobPosition.objects.get(code="P.TC.CV").quota == 3  # column left out: unchanged


def test_mandate_natural_keys(run, write, base):
    text = "agency_code,ref,kind,text\nP.NV,CN,function,Chức năng\nP.NV,,duty,Nhiệm vụ một\nP.NV,,duty,Nhiệm vụ hai\n"
    assert run("import_data", "mandates", write("m.csv", text))[0] == 0
    m = Mandate.objects.get(text="Nhiệm vụ một")
    assert m.text_key == Mandate.make_text_key("duty", "Nhiệm vụ một")
    code, out, _ = run("import_data", "mandates", write("m2.csv", "agency_code,ref,kind,text\nP.NV,CN,function,Chức năng mới\n"
                                                                  "P.NV,,duty,Nhiệm vụ một\n"))
    assert "created 0, updated 1, unchanged 1" in out
    assert Mandate.objects.get(ref="CN").text == "Chức năng mới"
    code, _, err = run("import_data", "mandates", write("m3.csv", "agency_code,kind,text\nP.NV,duty,X\nP.NV,duty,X\n"))
    assert code == 1 and "row 3" in err and "duplicate key" in err


def test_vietnamese_header_aliases(run, write):
    code, out, err = run("import_data", "agencies", write("a.csv", "Mã cơ quan,Tên cơ quan,Loại,Cấp\n"
                                                                   "A,UBND A,people_committee,province\n"))
    assert code == 0, err
    assert Agency.objects.get(code="A").name == "UBND A"


def test_xlsx_with_typed_cells(run, tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["code", "full_name", "birth_date", "gender", "staff_type", "health_ok", None])
    ws.append(["X1", "An", dt.datetime(1980, 5, 6), "male", "cadre", True, None])
    ws.append([None, None, None, None, None, None, None])
    ws.append(["X2", "'-Bình", "1981-01-01", "female", "cadre", None, None])
    path = tmp_path / "o.xlsx"
    wb.save(path)
    code, out, err = run("import_data", "officials", path)
    assert code == 0, err
    assert Official.objects.get(code="X1").birth_date == dt.date(1980, 5, 6)
    assert Official.objects.get(code="X2").full_name == "-Bình"
    ws.cell(row=2, column=3, value="1980-13-40")
    wb.save(path)
    code, _, err = run("import_data", "officials", path)
    assert code == 1 and "row 2, column birth_date: invalid date" in err


def test_format_option_overrides_extension(run, write):
    path = write("o.txt", '[{"code": "J", "full_name": "J", "birth_date": "1980-01-01", "gender": "male", '
                          '"staff_type": "cadre"}]')
    code, out, err = run("import_data", "officials", path, "--format", "json")
    assert code == 0, err and Official.objects.filter(code="J").exists()


def test_service_api(db, tmp_path):
    summary = import_rows("agencies", [{"code": "A", "name": "A", "kind": "people_committee", "level": "province"}])
    assert (summary.created, summary.rows) == (1, 1)
    summary = import_rows("officials", [{"code": "O", "full_name": "O", "birth_date": dt.date(1980, 1, 1),
                                         "gender": "male", "staff_type": "cadre", "health_ok": False}])
    assert summary.created == 1 and Official.objects.get(code="O").health_ok is False
    with pytest.raises(ImportFailed) as exc:
        import_rows("officials", [{"code": "O2", "full_name": "O", "birth_date": "x", "gender": "male",
                                   "staff_type": "cadre"}])
    assert exc.value.errors[0] == RowError(2, "birth_date", exc.value.errors[0].message)
    out = io.StringIO()
    summary = import_file("agencies", DATA / "agencies.csv", stdout=out)
    assert summary.created == 20 and "agencies: 20 rows: created 20" in out.getvalue()


def test_realistic_overlap_sample(run):
    code, out, err = run("import_data", "agencies", DATA / "agencies.csv")
    assert code == 0 and "created 20" in out, err
    code, out, err = run("import_data", "mandates", DATA / "mandates.csv")
    assert code == 0 and "created 33" in out, err
    assert Agency.objects.get(code="TM.YT.ATTP").parent.code == "TM.YT"
    assert Mandate.objects.filter(agency__code="TM.VP").exists()
    for kind in ("agencies", "mandates"):
        code, out, _ = run("import_data", kind, DATA / f"{kind}.csv")
        assert "created 0, updated 0" in out


def test_progress_bar_on_request(run, write, capsys):
    rows = "".join(f"P{i},Name,1980-01-01,male,cadre\n" for i in range(5001))
    code, out, err = run("import_data", "officials", write("o.csv", HEADER + rows), "--progress")
    assert code == 0 and "created 5001" in out
    assert "validating" in capsys.readouterr().err


def test_benchmark_generator_produces_an_importable_file(run, tmp_path):
    from .bench_import import generate_officials_csv

    path = generate_officials_csv(tmp_path / "officials.csv", 300)
    code, out, err = run("import_data", "officials", path)
    assert code == 0 and "created 300" in out, err
    code, out, _ = run("import_data", "officials", path)
    assert "unchanged 300" in out


def test_identical_refless_mandates_round_trip(run, write, base, tmp_path):
    nv = Agency.objects.get(code="P.NV")
    for _ in range(2):  # e.g. after a merge brought the same standard duty twice
        Mandate.objects.create(agency=nv, kind="duty", text="Thực hiện nhiệm vụ khác")
    path = tmp_path / "m.csv"
    assert run("export_data", "mandates", path)[0] == 0
    code, out, err = run("import_data", "mandates", path)
    assert code == 0 and "unchanged 2" in out, err
    text = "agency_code,kind,text\n" + "P.NV,duty,Thực hiện nhiệm vụ khác\n" * 3
    code, _, err = run("import_data", "mandates", write("m3.csv", text))
    assert code == 1 and "row 4, column text: duplicate key, already on row 2" in err


def test_alias_meaning_depends_on_kind(db):
    from orgchart.transfer.columns import get_spec

    assert get_spec("agencies").column_for_header("Mã cơ quan").name == "code"
    assert get_spec("positions").column_for_header("Mã cơ quan").name == "agency_code"
    assert get_spec("positions").column_for_header("Mã vị trí").name == "code"
    assert get_spec("assignments").column_for_header("Mã cán bộ").name == "official_code"
    assert get_spec("officials").column_for_header("MÃ CÁN BỘ").name == "code"
    assert get_spec("officials").column_for_header("Ngày sinh").name == "birth_date"
