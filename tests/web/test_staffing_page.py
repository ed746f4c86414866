"""The staffing page: subtree and per-child figures (public counts), CSV download with formulas
neutralised, reduction candidates only for a role."""
import csv
import io

import pytest

from orgchart.core.dates import today
from orgchart.structure.models import Agency

pytestmark = pytest.mark.django_db


def test_staffing_page_shows_figures_per_child(client, official_with_records, small_tree):
    root = small_tree["root"]
    resp = client.get(f"/co-quan/{root.code}/bien-che/")
    assert resp.status_code == 200
    html = resp.content.decode()
    assert f"Biên chế và tinh giản năm {today().year}" in html
    assert "Sở Số 0" in html and "Cộng (cả cây con)" in html
    assert "5,00% giai đoạn 2022–2026" in html  # the target of the fixture (Vietnamese decimal comma)
    assert "cần <a href=\"/dang-nhap/" in html  # candidates need a login


def test_staffing_page_candidates_for_a_role(role_client, official_with_records, small_tree):
    client = role_client("personnel")
    html = client.get(f"/co-quan/{small_tree['root'].code}/bien-che/").content.decode()
    assert "Đối tượng tinh giản" in html
    assert "cần <a href=\"/dang-nhap/" not in html


def test_staffing_csv_neutralises_formulas(client, small_tree):
    Agency.objects.filter(code="T-SO000").update(name="=cmd|' /C calc'!A0")
    resp = client.get(f"/co-quan/{small_tree['root'].code}/bien-che/?dinh_dang=csv")
    assert resp.status_code == 200
    assert resp["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(resp.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Mã cơ quan", "Tên cơ quan", "Biên chế được giao"]
    names = [r[1] for r in rows[1:]]
    assert "'=cmd|' /C calc'!A0" in names
    assert not any(n.startswith("=") for n in names)


def test_staffing_bad_year_is_reported(client, small_tree):
    resp = client.get(f"/co-quan/{small_tree['root'].code}/bien-che/?nam=abc")
    assert resp.status_code == 200
    assert "không hợp lệ" in resp.content.decode()
