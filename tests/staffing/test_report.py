"""manage.py staffing_report: one sheet per level, candidates, forecast; formulas neutralised."""
import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from orgchart.staffing.report import safe

D = dt.date


@pytest.mark.parametrize("value, expected", [
    ("=SUM(A1)", "'=SUM(A1)"), ("+1", "'+1"), ("-2", "'-2"), ("@x", "'@x"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("Sở Nội vụ", "Sở Nội vụ"), (-3, -3), (None, None),
])
def test_safe(value, expected):
    assert safe(value) == expected


def test_report_workbook(build, tree, tmp_path):
    tree["A1"].name = "=HYPERLINK(\"http://x\")"
    tree["A1"].save()
    build.quota(tree["A"], 2024, "civil_servant", 5)
    o = build.holder(tree["pA1"], full_name="-Nguyễn Văn A")
    build.rating(o, 2024, "not_completed")
    out = tmp_path / "report.xlsx"
    call_command("staffing_report", "ROOT", "2024", "--out", str(out), verbosity=0)
    wb = load_workbook(out)
    assert wb.sheetnames == ["Cấp 0", "Cấp 1", "Cấp 2", "Đối tượng tinh giản", "Dự báo nghỉ hưu"]
    level0 = list(wb["Cấp 0"].values)
    assert level0[0][:6] == ("Mã cơ quan", "Tên cơ quan", "Trực thuộc", "Loại biên chế", "Biên chế được giao",
                             "Số người hiện có")
    assert level0[1][:6] == ("ROOT", "Cơ quan ROOT", None, "Tất cả", 5, 1)
    assert [r[0] for r in list(wb["Cấp 1"].values)[1:]] == ["A"] * 4 + ["B"] * 4
    level2 = list(wb["Cấp 2"].values)
    assert level2[1][1] == "'=HYPERLINK(\"http://x\")" and level2[1][2] == "A"
    cands = list(wb["Đối tượng tinh giản"].values)
    assert cands[1][0] == o.code and cands[1][1] == "'-Nguyễn Văn A" and cands[1][6] == "RED-RATING"
    forecast = list(wb["Dự báo nghỉ hưu"].values)
    assert forecast[0][0] == "Loại biên chế" and len(forecast) == 1 + 3 * 5
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            assert not any(isinstance(v, str) and v[:1] in "=+-@\t\r" for v in row)


def test_report_errors(db, tmp_path):
    with pytest.raises(CommandError):
        call_command("staffing_report", "NOPE", "2024", "--out", str(tmp_path / "r.xlsx"))
    with pytest.raises(CommandError):
        call_command("staffing_report", "NOPE", "2024", "--out", str(tmp_path / "r.csv"))
    assert not (tmp_path / "r.xlsx").exists()
