"""The workflow pages through the test client (both databases): org chart, overlap review,
simulator and schedule, structure counts, eligibility by name and appointment, staffing
downloads, navigation per role, error pages."""
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from orgchart.core.dates import today
from orgchart.overlaps.models import OverlapFinding
from orgchart.personnel.models import Assignment
from orgchart.structure.models import Agency, ChangeEvent

from .conftest import add_findings

pytestmark = pytest.mark.django_db
FUTURE = (today() + dt.timedelta(days=60)).isoformat()


def html(resp):
    assert resp.status_code == 200, resp.status_code
    return resp.content.decode()


def test_org_chart_cards_lazy_children_and_svg(client, small_tree):
    root = small_tree["root"]
    page = html(client.get(f"/so-do/?goc={root.code}&sau=1"))
    assert page.count("<g class=\"c") == 1 + len([a for a in small_tree["agencies"] if a.parent_id == root.pk])
    assert "+" in page and "đơn vị</text>" in page  # collapsed departments offer their children
    dept = small_tree["agencies"][1]
    opened = html(client.get(f"/so-do/?goc={root.code}&sau=1&mo={dept.code}&phan=1"))
    assert opened.startswith("<svg") and "Phòng Nghiệp vụ" in opened
    svg = client.get(f"/so-do/?goc={root.code}&dinh_dang=svg")
    assert svg["Content-Type"].startswith("image/svg+xml") and "attachment" in svg["Content-Disposition"]
    assert b"Nguy\xe1\xbb\x85n V\xc4\x83n" in svg.content  # the heads' names (public)


def test_org_chart_by_name_without_diacritics(client, small_tree):
    page = html(client.get("/so-do/?goc_ten=uy ban nhan dan tinh thu nghiem"))
    assert "Sơ đồ tổ chức: Ủy ban nhân dân tỉnh Thử Nghiệm" in page


def test_overlap_review_by_auditor(role_client, small_tree):
    f = add_findings(small_tree["agencies"], 3)[0]
    client = role_client("auditor")
    assert "an toàn thực phẩm" in html(client.get("/chong-cheo/"))
    detail = html(client.get(f"/chong-cheo/{f.pk}/"))
    assert "<mark>an toàn thực phẩm</mark>" in detail
    resp = client.post(f"/chong-cheo/{f.pk}/ra-soat/", {"trang_thai": "confirmed", "ghi_chu": "Trùng thật"})
    assert resp.status_code == 302
    f.refresh_from_db()
    assert f.status == "confirmed" and f.note == "Trùng thật" and f.reviewer.username == "web-auditor"
    history = html(client.get(f"/chong-cheo/{f.pk}/"))
    assert "web-auditor" in history and "Trùng thật" in history
    bad = client.post(f"/chong-cheo/{f.pk}/ra-soat/", {"trang_thai": "khong-co"}, follow=True)
    assert "Trạng thái không hợp lệ" in bad.content.decode()


def test_overlap_review_forbidden_for_personnel_and_anonymous(client, role_client, small_tree):
    f = add_findings(small_tree["agencies"], 1)[0]
    assert client.get("/chong-cheo/").status_code == 302  # login first
    officer = role_client("personnel")
    assert "Bạn chỉ được xem" in html(officer.get(f"/chong-cheo/{f.pk}/"))
    assert officer.post(f"/chong-cheo/{f.pk}/ra-soat/", {"trang_thai": "confirmed"}).status_code == 403
    f.refresh_from_db()
    assert f.status == "new"


def test_overlap_xlsx_neutralises_formulas(role_client, small_tree):
    f = add_findings(small_tree["agencies"], 1)[0]
    Agency.objects.filter(pk=f.agency_a_id).update(name="=HYPERLINK(\"http://x\")")
    resp = role_client("auditor").get("/chong-cheo/?dinh_dang=xlsx")
    ws = load_workbook(io.BytesIO(resp.content)).active
    rows = list(ws.values)
    assert rows[0][0] == "Hạng" and rows[1][2] == "'=HYPERLINK(\"http://x\")"


def test_simulator_dry_run_writes_nothing_and_schedule_needs_the_role(role_client, small_tree):
    div = Agency.objects.filter(kind="division").order_by("code").first()
    other = next(a for a in small_tree["agencies"] if a.kind == "department" and a.pk != div.parent_id)
    params = {"thao_tac": "move", "co_quan": div.code, "dich": other.code, "ngay_hieu_luc": FUTURE}
    auditor = role_client("auditor", username="aud")
    page = html(auditor.get("/sap-xep/", {**params, "xem": "1"}))
    assert "Tác động dự kiến" in page and "Lên lịch" not in page.split("Tác động dự kiến")[1]
    assert ChangeEvent.objects.count() == 0
    assert auditor.post("/sap-xep/lich/them/", params).status_code == 403
    officer = role_client("restructuring", username="rs")
    assert "Lên lịch" in html(officer.get("/sap-xep/", {**params, "xem": "1"}))
    resp = officer.post("/sap-xep/lich/them/", params, follow=True)
    assert "Đã lên lịch" in resp.content.decode()
    ev = ChangeEvent.objects.get()
    assert not ev.applied and ev.created_by.username == "rs"
    resp = officer.post(f"/sap-xep/lich/{ev.pk}/huy/", follow=True)
    assert "Đã hủy thay đổi" in resp.content.decode() and not ChangeEvent.objects.exists()


def test_simulator_reports_bad_input_in_vietnamese(role_client, small_tree):
    client = role_client("restructuring")
    page = html(client.get("/sap-xep/", {"thao_tac": "merge", "xem": "1", "ngay_hieu_luc": FUTURE}))
    assert "Cần chọn ít nhất một cơ quan bị hợp nhất" in page
    page = html(client.get("/sap-xep/", {"thao_tac": "move", "xem": "1", "co_quan_ten": "khong co dau",
                                         "ngay_hieu_luc": "2026-13-40"}))
    assert "không hợp lệ" in page


def test_structure_counts(client, small_tree):
    page = html(client.get(f"/dau-moi/?goc={small_tree['root'].code}"))
    n_depts = sum(1 for a in small_tree["agencies"] if a.kind == "department")
    assert f">{len(small_tree['agencies']) - 1}<" in page  # focal points: every unit below
    assert f">{n_depts}<" in page


def test_eligibility_by_name_and_appointment_with_override(role_client, small_tree):
    official = small_tree["officials"][2]  # a holder of a head post elsewhere
    position = small_tree["positions"][1]  # professional post, quota 3, one holder
    client = role_client("personnel")
    name = official.full_name.lower().replace("ễ", "e").replace("ă", "a")
    page = html(client.get("/kiem-tra-bo-nhiem/", {"can_bo_ten": name, "vi_tri": position.code}))
    assert official.full_name in page and 'value="transfer" selected' in page  # has a post: a transfer
    resp = client.post("/kiem-tra-bo-nhiem/bo-nhiem/", {
        "can_bo": official.code, "vi_tri": position.code, "hinh_thuc": "transfer", "ngay_bat_dau": today().isoformat(),
        "ly_do": "Theo yêu cầu công tác"}, follow=True)
    assert resp.status_code == 200
    a = Assignment.objects.filter(official=official, position=position).get()
    assert a.kind == "transfer"


def test_appointment_refused_for_auditor(role_client, small_tree):
    client = role_client("auditor")
    resp = client.post("/kiem-tra-bo-nhiem/bo-nhiem/", {"can_bo": small_tree["officials"][0].code,
                                                         "vi_tri": small_tree["positions"][3].code})
    assert resp.status_code == 403


def test_candidates_order_and_no_separated(role_client, small_tree, official_with_records):
    position = small_tree["positions"][0]
    page = html(role_client("personnel").get(f"/kiem-tra-bo-nhiem/?vi_tri={position.code}"))
    assert small_tree["officials"][1].full_name not in page  # separated yesterday: never a candidate
    assert "Xếp: đủ điều kiện trước" in page


def test_staffing_downloads(role_client, small_tree, official_with_records):
    client = role_client("personnel")
    root = small_tree["root"]
    page = html(client.get(f"/co-quan/{root.code}/bien-che/"))
    assert "Chỉ tiêu tinh giản theo loại" in page and "du-lieu-don-vi" in page
    book = load_workbook(io.BytesIO(client.get(f"/co-quan/{root.code}/bien-che/?dinh_dang=doi_tuong").content))
    assert book.sheetnames == ["Đối tượng tinh giản", "Được miễn tinh giản"]
    report = load_workbook(io.BytesIO(client.get(f"/co-quan/{root.code}/bien-che/?dinh_dang=xlsx").content))
    assert "Cấp 0" in report.sheetnames and "Đối tượng tinh giản" in report.sheetnames


def test_staffing_report_without_role_has_no_personal_sheet(client, small_tree):
    report = load_workbook(io.BytesIO(client.get(f"/co-quan/{small_tree['root'].code}/bien-che/?dinh_dang=xlsx").content))
    assert "Đối tượng tinh giản" not in report.sheetnames


@pytest.mark.parametrize("role,first,absent", [
    (None, "Cơ cấu tổ chức", "Chồng chéo"), ("auditor", "Chồng chéo", "Quản trị"),
    ("restructuring", "Mô phỏng sắp xếp", "Quản trị"), ("personnel", "Bổ nhiệm", "Quản trị"),
])
def test_navigation_per_role(client, role_client, small_tree, role, first, absent):
    c = role_client(role) if role else client
    nav = html(c.get("/")).split('<nav aria-label="Chức năng">')[1].split("</nav>")[0]
    assert nav.split("</a>")[0].endswith(first)
    assert f">{absent}<" not in nav


def test_admin_link_only_for_staff(client, django_user_model):
    user = django_user_model.objects.create_superuser("boss", "b@example.vn", "x-secret-123")
    client.force_login(user)
    assert '<a href="/admin/">Quản trị</a>' in html(client.get("/"))


def test_error_pages_vietnamese_with_debug(client, settings):
    settings.DEBUG = True
    resp = client.get("/khong-co-trang/")
    assert resp.status_code == 404 and "Không tìm thấy trang" in resp.content.decode()
    assert "Page not found" not in resp.content.decode()


def test_admin_vietnamese_whatever_the_browser(client):
    page = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Tên đăng nhập" in page and "Username" not in page


def test_suggestions(client, role_client, small_tree):
    items = client.get("/goi-y/?loai=co_quan&q=so so 1").json()["items"]
    assert items and items[0]["label"].startswith("Sở Số 1")
    assert client.get("/goi-y/?loai=can_bo&q=nguyen").json()["items"] == []  # names need a role
    assert role_client("personnel").get("/goi-y/?loai=can_bo&q=nguyen van").json()["items"]


def test_overlap_findings_count_on_chart(client, small_tree):
    add_findings(small_tree["agencies"], 2)
    assert OverlapFinding.objects.count() == 2
    assert "chồng chéo</text>" in html(client.get(f"/so-do/?goc={small_tree['root'].code}"))


def test_schedule_outside_scope_refused(role_client, small_tree):
    depts = [a for a in small_tree["agencies"] if a.kind == "department"]
    div = Agency.objects.filter(kind="division", parent=depts[1]).first()
    client = role_client("restructuring", scope=depts[0])
    params = {"thao_tac": "move", "co_quan": div.code, "dich": depts[2].code, "ngay_hieu_luc": FUTURE}
    assert "Lên lịch</button>" not in html(client.get("/sap-xep/", {**params, "xem": "1"}))
    assert client.post("/sap-xep/lich/them/", params).status_code == 403
    assert not ChangeEvent.objects.exists()
