"""The Vietnamese web pages: they render, answer for ?ngay=, and guard personal data."""
import datetime as dt

import pytest

from orgchart.core.dates import today
from orgchart.structure import tree
from orgchart.structure.models import Agency

pytestmark = pytest.mark.django_db


def test_home_explains_the_product_in_vietnamese(client):
    resp = client.get("/")
    assert resp.status_code == 200
    html = resp.content.decode()
    assert 'lang="vi"' in html
    for text in ("Tổ chức bộ máy", "Cơ quan làm công tác tổ chức bộ máy", "Thanh tra, kiểm toán", "biên chế"):
        assert text in html
    assert 'action="/tim-kiem/"' in html


def test_tree_page_lists_the_tree_with_vietnamese_labels(client, small_tree):
    resp = client.get("/co-quan/")
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "Cơ cấu tổ chức" in html
    assert "Ủy ban nhân dân tỉnh Thử Nghiệm" in html
    assert "Sở Số 0" in html and "Phòng Nghiệp vụ 0" in html  # two levels open by default
    assert "Ủy ban nhân dân</span>" in html  # kind label, not the code


def test_tree_depth_and_root_limit_what_is_open(client, small_tree):
    html = client.get("/co-quan/?sau=1").content.decode()
    assert "Sở Số 0" in html and "Phòng Nghiệp vụ 0" not in html
    assert "mở 1 đơn vị trực thuộc" in html or "đơn vị trực thuộc…" in html
    html = client.get("/co-quan/?goc=T-SO000&sau=1").content.decode()
    assert "Phòng Nghiệp vụ 0" in html and "Sở Số 1<" not in html


def test_date_parameter_changes_the_tree(client, small_tree):
    dept = small_tree["agencies"][1]
    moved = Agency.objects.get(code="T-PH0000")
    assert moved.parent_id == dept.pk
    other = small_tree["agencies"][2]
    # From today the division belongs to another department; before, to the first one.
    tree.set_parent(moved, other, valid_from=today())
    yesterday = (today() - dt.timedelta(days=1)).isoformat()
    now = client.get(f"/co-quan/{dept.code}/").content.decode()
    before = client.get(f"/co-quan/{dept.code}/?ngay={yesterday}").content.decode()
    assert "Phòng Nghiệp vụ 0<" not in now
    assert "Phòng Nghiệp vụ 0<" in before
    assert "Phòng Nghiệp vụ 0<" in client.get(f"/co-quan/{other.code}/").content.decode()
    # and the tree page follows the date too
    tree_before = client.get(f"/co-quan/?goc={dept.code}&ngay={yesterday}").content.decode()
    tree_now = client.get(f"/co-quan/?goc={dept.code}").content.decode()
    assert "Phòng Nghiệp vụ 0<" in tree_before and "Phòng Nghiệp vụ 0<" not in tree_now


def test_agency_not_yet_established_is_absent_before_its_date(client, small_tree):
    new = Agency.objects.create(code="T-MOI", name="Trung tâm Mới", kind="public_service_unit", level="province",
                                parent=small_tree["root"], established_on=today() + dt.timedelta(days=30))
    tree.ensure_links([new])
    assert "Trung tâm Mới" not in client.get("/co-quan/").content.decode()
    later = (today() + dt.timedelta(days=31)).isoformat()
    assert "Trung tâm Mới" in client.get(f"/co-quan/?ngay={later}").content.decode()
    page = client.get("/co-quan/T-MOI/").content.decode()
    assert "Không hoạt động vào ngày này" in page
    assert f"?ngay={(today() + dt.timedelta(days=30)).isoformat()}" in page  # a link to its first day


def test_bad_date_is_reported_not_a_server_error(client, small_tree):
    resp = client.get("/co-quan/?ngay=2024-13-45")
    assert resp.status_code == 200
    assert "không hợp lệ" in resp.content.decode()


def test_agency_page_shows_structure_mandates_positions(client, small_tree):
    dept = small_tree["agencies"][1]
    resp = client.get(f"/co-quan/{dept.code}/")
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "Sở</span>" in html and "Cấp tỉnh" in html
    assert "Ủy ban nhân dân tỉnh Thử Nghiệm" in html  # breadcrumb / parent
    assert "Chức năng" in html and "Tham mưu quản lý nhà nước" in html
    assert "Vị trí việc làm" in html and f"{dept.code}-TP" in html
    assert "Biên chế được giao năm" in html
    assert "Nguyễn Văn" not in html  # holders' names are not public


def test_agency_page_unknown_code_is_404(client, db):
    assert client.get("/co-quan/KHONG-CO/").status_code == 404


def test_holders_shown_to_a_role(role_client, small_tree):
    client = role_client("personnel")
    dept = small_tree["agencies"][1]
    html = client.get(f"/co-quan/{dept.code}/").content.decode()
    assert f"Nguyễn Văn {dept.code}-TP" in html


def test_official_page_redirects_anonymous_to_login(client, official_with_records):
    resp = client.get(f"/can-bo/{official_with_records.code}/")
    assert resp.status_code == 302
    assert resp["Location"].startswith("/dang-nhap/?next=")


def test_official_page_forbidden_without_role(role_client, official_with_records):
    client = role_client(None, username="no-role")
    resp = client.get(f"/can-bo/{official_with_records.code}/")
    assert resp.status_code == 403
    assert "Không có quyền truy cập" in resp.content.decode()


def test_official_page_forbidden_outside_scope(role_client, small_tree, official_with_records):
    other_dept = small_tree["agencies"][2]
    assert official_with_records.assignments.get().position.agency_id != other_dept.pk
    client = role_client("personnel", scope=other_dept)
    assert client.get(f"/can-bo/{official_with_records.code}/").status_code == 403


def test_official_page_for_a_role(role_client, official_with_records):
    client = role_client("auditor")
    resp = client.get(f"/can-bo/{official_with_records.code}/")
    assert resp.status_code == 200
    html = resp.content.decode()
    assert official_with_records.full_name in html
    assert "20/05/1975" in html  # birth date
    assert "Ngày nghỉ hưu" in html and "/2037" in html  # male born 05/1975: 62 years → 2037
    assert "Quá trình công tác" in html and "Tuyển dụng" in html
    assert "Hoàn thành tốt nhiệm vụ" in html
    assert "Khiển trách" in html
    assert "2026-2031" in html


def test_search_finds_agencies_and_hides_officials_from_anonymous(client, small_tree):
    html = client.get("/tim-kiem/?q=Sở Số 1").content.decode()
    assert "Sở Số 1" in html
    assert "đăng nhập" in html
    html = client.get("/tim-kiem/?q=T-SO000").content.decode()
    assert "Nguyễn Văn" not in html


def test_search_finds_officials_for_a_role(role_client, small_tree):
    client = role_client("admin")
    html = client.get("/tim-kiem/?q=Nguyễn Văn T-SO000-TP").content.decode()
    assert "/can-bo/T-SO000-TP-CB/" in html


def test_eligibility_checker_needs_a_role(client, role_client, small_tree):
    assert client.get("/kiem-tra-bo-nhiem/").status_code == 302
    no_role = role_client(None, username="nobody")
    assert no_role.get("/kiem-tra-bo-nhiem/").status_code == 403


def test_eligibility_checker_checks_one_official(role_client, official_with_records, small_tree):
    client = role_client("personnel")
    position = small_tree["positions"][2]
    resp = client.get(f"/kiem-tra-bo-nhiem/?can_bo={official_with_records.code}&vi_tri={position.code}"
                      "&hinh_thuc=first_appointment")
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "Kiểm tra điều kiện bổ nhiệm" in html
    assert "Đủ điều kiện" in html or "Không đủ điều kiện" in html
    assert official_with_records.full_name in html


def test_eligibility_checker_lists_candidates(role_client, small_tree):
    client = role_client("admin")
    position = small_tree["positions"][0]
    html = client.get(f"/kiem-tra-bo-nhiem/?vi_tri={position.code}&hinh_thuc=rotation").content.decode()
    assert "Ứng viên" in html and "Nguyễn Văn" in html


def test_eligibility_checker_reports_unknown_codes(role_client, small_tree):
    client = role_client("admin")
    html = client.get("/kiem-tra-bo-nhiem/?can_bo=KHONG&vi_tri=KHONG").content.decode()
    assert "Không tìm thấy vị trí việc làm «KHONG»" in html
    assert "Không tìm thấy cán bộ «KHONG»" in html


def test_eligibility_checker_respects_scope(role_client, small_tree, official_with_records):
    client = role_client("personnel", scope=small_tree["agencies"][2])
    position = small_tree["positions"][0]
    html = client.get(f"/kiem-tra-bo-nhiem/?can_bo={official_with_records.code}&vi_tri={position.code}").content.decode()
    assert "ngoài phạm vi" in html
    assert "Đủ điều kiện" not in html


def test_search_ignores_case_and_diacritics(client, small_tree):
    Agency.objects.create(code="T-STC", name="Sở Tài chính", kind="department", level="province",
                          parent=small_tree["root"])
    for q in ("so tai chinh", "SỞ TÀI CHÍNH", "tài chính", "t-stc"):
        html = client.get("/tim-kiem/", {"q": q}).content.decode()
        assert "/co-quan/T-STC/" in html, q


def test_search_sees_a_rename_at_once(client, small_tree):
    assert "/co-quan/T-SO001/" in client.get("/tim-kiem/", {"q": "so so 1"}).content.decode()
    agency = Agency.objects.get(code="T-SO001")
    agency.name = "Sở Giáo dục và Đào tạo"
    agency.save()
    assert "/co-quan/T-SO001/" in client.get("/tim-kiem/", {"q": "giao duc va dao tao"}).content.decode()
    assert "/co-quan/T-SO001/" not in client.get("/tim-kiem/", {"q": "so so 1"}).content.decode()


def test_non_staff_role_user_signs_in_and_reads_an_official(client, django_user_model, official_with_records):
    from orgchart.accounts.models import Membership

    user = django_user_model.objects.create_user("can-bo-to-chuc", password="mat-khau-dai-123")
    Membership.objects.create(user=user, role="personnel")
    assert not user.is_staff  # the admin login would refuse this account
    target = f"/can-bo/{official_with_records.code}/"
    page = client.get(f"/dang-nhap/?next={target}")
    assert page.status_code == 200 and "Đăng nhập" in page.content.decode()
    resp = client.post("/dang-nhap/", {"username": "can-bo-to-chuc", "password": "mat-khau-dai-123", "next": target})
    assert resp.status_code == 302 and resp["Location"] == target
    assert official_with_records.full_name in client.get(target).content.decode()
    assert client.post("/dang-xuat/").status_code == 302
    assert client.get(target).status_code == 302


def test_wrong_password_is_refused_in_vietnamese(client, db):
    resp = client.post("/dang-nhap/", {"username": "ai-do", "password": "sai"})
    assert resp.status_code == 200
    assert "không đúng" in resp.content.decode()


def test_login_refuses_an_outside_next_url(client, django_user_model):
    django_user_model.objects.create_user("u1", password="mat-khau-dai-123")
    resp = client.post("/dang-nhap/", {"username": "u1", "password": "mat-khau-dai-123", "next": "https://evil.example/"})
    assert resp.status_code == 302 and not resp["Location"].startswith("http")


def test_dissolved_agency_is_found_on_request_and_shows_its_successor(client, small_tree):
    from orgchart.structure.models import ChangeEvent

    old = Agency.objects.get(code="T-SO002")
    Agency.objects.filter(pk=old.pk).update(dissolved_on=today() - dt.timedelta(days=10))
    target = small_tree["agencies"][1]
    event = ChangeEvent.objects.create(kind="merge", effective_on=today() - dt.timedelta(days=10))
    event.originals.add(old, target)
    event.results.add(target)
    assert "/co-quan/T-SO002/" not in client.get("/tim-kiem/", {"q": "T-SO002"}).content.decode()
    html = client.get("/tim-kiem/", {"q": "T-SO002", "tat_ca": "1"}).content.decode()
    assert "/co-quan/T-SO002/" in html and "không hoạt động" in html
    page = client.get("/co-quan/T-SO002/").content.decode()
    assert "Không hoạt động vào ngày này" in page
    assert "Tiền thân và kế thừa" in page and f"/co-quan/{target.code}/" in page
    assert f"?ngay={(today() - dt.timedelta(days=11)).isoformat()}" in page  # its last day


def test_agency_page_shows_what_it_was_formed_from_after_a_change_events_import(client, small_tree):
    from orgchart.transfer.services import import_rows

    import_rows("change_events", [{"code": "SN-1", "kind": "merge", "effective_on": "2025-03-01",
                                   "sources": "T-SO001;T-SO002", "targets": "T-SO001", "note": "Hợp nhất"}])
    page = client.get("/co-quan/T-SO001/").content.decode()
    assert "Hình thành từ" in page and '/co-quan/T-SO002/"' in page
    assert "01/03/2025" in page
    page = client.get("/co-quan/T-SO002/").content.decode()  # where its duties went
    assert '/co-quan/T-SO001/"' in page
