"""detect_overlaps, export_overlaps, evaluate_overlaps."""
import csv
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from orgchart.overlaps import services
from orgchart.overlaps.export import neutralise
from orgchart.overlaps.models import OverlapFinding, OverlapRun

from .conftest import DATA


def test_detect_command_with_under(province):
    out = StringIO()
    call_command("detect_overlaps", "--under", "TM.NN", "--no-progress", stdout=out)
    run = OverlapRun.objects.get()
    assert run.under.code == "TM.NN" and "Đã rà soát" in out.getvalue()
    assert not OverlapFinding.objects.exclude(agency_a__code__startswith="TM.NN").exists()
    with pytest.raises(CommandError):
        call_command("detect_overlaps", "--under", "NOPE", "--no-progress")


def test_detect_command_progress_bar(province):
    err = StringIO()
    call_command("detect_overlaps", stdout=StringIO(), stderr=err)
    assert "Phân tích nhiệm vụ" in err.getvalue()


def test_export_csv_and_xlsx_neutralise_formulas(province, tmp_path):
    services.detect()
    services.review(None, "TM.LDTBXH", "TM.YT", "confirmed", "=HYPERLINK(\"x\")")
    path = tmp_path / "f.csv"
    call_command("export_overlaps", str(path), stdout=StringIO())
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    row = next(r for r in rows if r["agency_a"] == "TM.LDTBXH" and r["agency_b"] == "TM.YT")
    assert row["note"] == "'=HYPERLINK(\"x\")" and row["status"] == "confirmed"
    xlsx = tmp_path / "f.xlsx"
    call_command("export_overlaps", str(xlsx), stdout=StringIO())
    ws = load_workbook(xlsx).active
    header = [c.value for c in ws[1]]
    notes = [r[header.index("note")] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert "'=HYPERLINK(\"x\")" in notes and len(notes) == len(rows)
    with pytest.raises(CommandError):
        call_command("export_overlaps", str(tmp_path / "f.txt"))
    assert neutralise("-1") == "'-1" and neutralise("ok") == "ok" and neutralise(3) == 3


def test_evaluate_command(province):
    out = StringIO()
    call_command("evaluate_overlaps", str(DATA / "labels.csv"), stdout=out)
    text = out.getvalue()
    assert "precision=" in text and "F1=" in text
    f1 = float(text.split("F1=")[1].split()[0])
    assert f1 >= 0.8
    out = StringIO()
    call_command("evaluate_overlaps", str(DATA / "labels.csv"), "--threshold", "0.99", stdout=out)
    assert "Âm tính giả" in out.getvalue()


def test_evaluate_rejects_bad_labels(province, tmp_path):
    bad = tmp_path / "l.csv"
    bad.write_text("agency_a,agency_b,label\nTM.YT,TM.NN,maybe\n", encoding="utf-8")
    with pytest.raises(CommandError, match="row 2, column label"):
        call_command("evaluate_overlaps", str(bad))
    unknown = tmp_path / "u.csv"
    unknown.write_text("agency_a,agency_b,label\nXX.A,XX.B,none\n", encoding="utf-8")
    with pytest.raises(CommandError, match="XX.A"):
        call_command("evaluate_overlaps", str(unknown))


def test_evaluate_development_set(db):
    """The development set (tests/overlaps/data/dev: the demo's 2025 mergers, a paraphrase
    province and its copy, other text versions): scored in memory, F1 ≥ 0.95, no parent–child,
    no cross-province pair, and the false pairs come with their shared words."""
    out = StringIO()
    call_command("evaluate_overlaps", "--dataset", str(DATA / "dev"), "--on", "2026-12-05", stdout=out)
    text = out.getvalue()
    f1 = float(text.split("F1=")[1].split()[0])
    assert f1 >= 0.95, text
    assert "Cặp cấp trên–cấp dưới bị báo: 0; cặp khác phạm vi tài phán bị báo: 0" in text
    out = StringIO()
    call_command("evaluate_overlaps", "--dataset", str(DATA / "dev"), "--threshold", "0.1", "--on", "2026-12-05",
                 stdout=out)
    assert "Dương tính giả" in out.getvalue() and "[" in out.getvalue().split("Dương tính giả")[1]


def test_evaluate_needs_labels_or_dataset(db):
    with pytest.raises(CommandError):
        call_command("evaluate_overlaps")
