"""change_events (CONTRACT §2): recorded restructurings create lineage and change nothing else."""
from orgchart.structure.models import Agency, ChangeEvent

from .helpers_dump import snapshot_without_events

HEADER = "code,kind,effective_on,sources,targets,decision_no,note\n"


def test_import_creates_lineage_only(run, write, base):
    before = snapshot_without_events()
    f = write("ce.csv", HEADER + "SN-1,merge,2025-03-01,P.TC;P.NV,P.TC,NQ 1/2025,Sáp nhập Sở Nội vụ\n")
    code, out, err = run("import_data", "change_events", f)
    assert code == 0, err
    assert "created 1" in out
    ev = ChangeEvent.objects.get(code="SN-1")
    assert ev.imported and ev.kind == "merge" and str(ev.effective_on) == "2025-03-01"
    assert sorted(a.code for a in ev.originals.all()) == ["P.NV", "P.TC"]
    assert [a.code for a in ev.results.all()] == ["P.TC"]
    assert ev.decision_no == "NQ 1/2025" and ev.note == "Sáp nhập Sở Nội vụ"
    assert snapshot_without_events() == before  # agencies, links, positions, officials untouched
    assert Agency.objects.get(code="P.NV").dissolved_on is None
    code, out, err = run("import_data", "change_events", f)
    assert code == 0 and "created 0, updated 0, unchanged 1" in out


def test_update_by_code_and_columns_left_out(run, write, base):
    run("import_data", "change_events", write("a.csv", HEADER + "SN-1,merge,2025-03-01,P.NV,P.TC,,\n"))
    code, out, err = run("import_data", "change_events",
                         write("b.csv", "code,kind,effective_on,sources\nSN-1,merge,2025-04-01,P.NV;P.TC\n"))
    assert code == 0 and "updated 1" in out, err
    ev = ChangeEvent.objects.get(code="SN-1")
    assert str(ev.effective_on) == "2025-04-01" and [a.code for a in ev.results.all()] == ["P.TC"]
    assert sorted(a.code for a in ev.originals.all()) == ["P.NV", "P.TC"]


def test_bad_rows_are_reported_and_nothing_is_written(run, write, base):
    f = write("bad.csv", HEADER
              + "SN-1,merge,2025-03-01,P.NV;P.XX,P.TC,,\n"     # unknown source
              + "SN-2,fusion,2025-03-01,P.NV,P.TC,,\n"          # unknown kind
              + "SN-3,merge,2025-02-30,P.NV,P.TC,,\n"           # bad date
              + "SN-4,merge,2025-03-01,,P.TC,,\n"               # sources empty
              + "SN-5,split,2025-03-01,P.NV,P.YY,,\n"           # unknown target
              + "SN-5,split,2025-03-01,P.NV,P.TC,,\n"           # duplicate code
              + "SN-6,merge,2025-03-01,P.NV,P.TC,,\n")          # fine, but the file is refused
    code, out, err = run("import_data", "change_events", f)
    assert code == 1
    lines = err.strip().splitlines()
    assert any(x.startswith("row 2, column sources:") and "P.XX" in x for x in lines), err
    assert any(x.startswith("row 3, column kind:") for x in lines), err
    assert any(x.startswith("row 4, column effective_on:") for x in lines), err
    assert any(x.startswith("row 5, column sources:") for x in lines), err
    assert any(x.startswith("row 6, column targets:") and "P.YY" in x for x in lines), err
    assert any(x.startswith("row 7, column code:") for x in lines), err
    assert not ChangeEvent.objects.exists()


def test_dry_run_writes_nothing(run, write, base):
    code, out, err = run("import_data", "change_events", write("ce.csv", HEADER + "SN-1,merge,2025-03-01,P.NV,P.TC,,\n"),
                         "--dry-run")
    assert code == 0 and "created 1" in out
    assert not ChangeEvent.objects.exists()


def test_export_and_reimport(run, write, base, tmp_path):
    run("import_data", "change_events", write("ce.csv", HEADER + "SN-1,merge,2025-03-01,P.TC;P.NV,P.TC,,=ghi chú\n"))
    path = tmp_path / "out.csv"
    assert run("export_data", "change_events", path)[0] == 0
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == HEADER.strip()
    assert text.splitlines()[1] == "SN-1,merge,2025-03-01,P.NV;P.TC,P.TC,,'=ghi chú"
    code, out, err = run("import_data", "change_events", path)
    assert code == 0 and "created 0, updated 0, unchanged 1" in out


def test_operation_events_get_a_code_and_are_not_imported(base):
    import datetime as dt

    ev = ChangeEvent.objects.create(kind="move", effective_on=dt.date(2025, 7, 1))
    ev2 = ChangeEvent.objects.create(kind="move", effective_on=dt.date(2025, 7, 1))
    assert (ev.code, ev2.code) == ("MOVE-20250701-1", "MOVE-20250701-2") and not ev.imported
