"""Each page's main path in real Chromium, including one write per role: an overlap review by an
auditor, a scheduled merge (then cancelled) by a restructuring officer, an appointment with an
override by a personnel officer."""
import datetime as dt
import io
import re

from openpyxl import load_workbook
from playwright.sync_api import expect

NEXT_YEAR = dt.date.today().year + 1


def book(download):
    with open(download.path(), "rb") as f:
        return load_workbook(io.BytesIO(f.read()))


def test_org_chart_draws_opens_children_and_exports(visit, server):
    page = visit()
    page.goto(f"{server}/so-do/?sau=1")
    cards = page.locator("#chart svg g.c")
    before = cards.count()
    assert before > 10
    expect(page.locator("#chart svg")).to_contain_text("Ủy ban nhân dân tỉnh Khánh Hòa")
    expect(page.locator("#chart svg")).to_contain_text("Người đứng đầu:")
    page.locator("#chart a[data-chart-link]").first.click()  # children of one unit, loaded in place
    expect(cards).not_to_have_count(before)
    assert cards.count() > before and "mo=" in page.url
    with page.expect_download() as dl:
        page.click("a[data-svg-link]")
    svg = open(dl.value.path(), encoding="utf-8").read()
    assert svg.startswith("<?xml") and "<svg" in svg and "Khánh Hòa" in svg
    page.emulate_media(media="print")  # "In / lưu PDF": the print stylesheet keeps the chart only
    assert not page.locator("header.topbar").is_visible() and page.locator("#chart svg").is_visible()
    pdf = page.pdf(format="A4", landscape=True)
    assert pdf.startswith(b"%PDF") and len(pdf) > 5000


def test_auditor_reviews_an_overlap_and_downloads_xlsx(visit, server):
    page = visit("thanhtra")
    expect(page.locator("nav a").first).to_have_text("Chồng chéo")  # the auditor's job comes first
    page.goto(f"{server}/chong-cheo/")
    expect(page.locator("h1")).to_have_text("Chồng chéo chức năng, nhiệm vụ")
    page.locator("table a", has_text="Đối chiếu, rà soát").first.click()
    expect(page.locator("mark").first).to_be_visible()  # shared terms highlighted in both duties
    page.fill("#ghi_chu", "Trùng nhiệm vụ quản lý du lịch, đề nghị giao một đầu mối.")
    page.click("button[value=confirmed]")
    expect(page.locator(".notice.info")).to_contain_text("Đã ghi nhận: Xác nhận chồng chéo")
    history = page.locator("table").last
    expect(history).to_contain_text("thanhtra")
    expect(history).to_contain_text("Trùng nhiệm vụ quản lý du lịch")
    page.goto(f"{server}/chong-cheo/?trang_thai=confirmed")
    with page.expect_download() as dl:
        page.click("text=Tải XLSX")
    ws = book(dl.value).active
    rows = list(ws.values)
    assert rows[0][:3] == ("Hạng", "Mã cơ quan A", "Tên cơ quan A")
    assert any(r[7] == "Xác nhận chồng chéo" and "du lịch" in (r[10] or "") for r in rows[1:])


def test_personnel_officer_only_reads_overlaps(visit, server):
    page = visit("canbo")
    page.goto(f"{server}/chong-cheo/")
    page.locator("table a", has_text="Xem chi tiết").first.click()
    expect(page.locator("main")).to_contain_text("Bạn chỉ được xem")
    assert page.locator("button[value=confirmed]").count() == 0


def test_restructuring_officer_simulates_schedules_and_cancels_a_merge(visit, server):
    page = visit("tochuc")
    expect(page.locator("nav a").first).to_have_text("Mô phỏng sắp xếp")
    page.goto(f"{server}/sap-xep/?thao_tac=merge")
    page.fill("input[name=nguon1_ten]", "so du lich")  # typed without diacritics
    page.fill("input[name=dich_ten]", "so van hoa, the thao va du lich")
    page.fill("input[name=ngay_hieu_luc]", f"{NEXT_YEAR}-01-01")
    page.click("text=Xem tác động")
    main = page.locator("main")
    expect(main).to_contain_text(f"Tác động dự kiến tại ngày 01/01/{NEXT_YEAR}")
    expect(main).to_contain_text("Số đầu mối")
    expect(main).to_contain_text("Lãnh đạo thôi giữ chức vụ")
    expect(page.locator(".chart-pair svg")).to_have_count(2)
    page.on("dialog", lambda d: d.accept())
    page.click("button:has-text('Lên lịch')")
    expect(page).to_have_url(re.compile(r"/sap-xep/lich/$"))
    expect(page.locator(".notice.info")).to_contain_text(f"có hiệu lực từ ngày 01/01/{NEXT_YEAR}")
    row = page.locator("tr", has_text="Sở Du lịch")
    expect(row).to_contain_text("Hợp nhất, sáp nhập")
    row.locator("button", has_text="Hủy").click()
    expect(page.locator(".notice.info")).to_contain_text("Đã hủy thay đổi")
    expect(page.locator("tr", has_text="Sở Du lịch")).to_have_count(0)


def test_auditor_sees_the_dry_run_but_cannot_schedule(visit, server):
    page = visit("thanhtra")
    page.goto(f"{server}/sap-xep/?thao_tac=rename&xem=1&co_quan_ten=so du lich&ten_moi=Sở Du lịch và Lữ hành"
              f"&ngay_hieu_luc={NEXT_YEAR}-03-01")
    expect(page.locator("main")).to_contain_text("Tác động dự kiến")
    assert page.locator("button:has-text('Lên lịch')").count() == 0


def test_personnel_officer_checks_by_name_and_appoints_with_override(visit, server):
    page = visit("canbo")
    expect(page.locator("nav a").first).to_have_text("Bổ nhiệm")
    page.goto(f"{server}/kiem-tra-bo-nhiem/")
    page.fill("input[name=can_bo_ten]", "bui minh tri")  # no diacritics
    page.type("input[name=vi_tri_ten]", "truong ban tiep cong", delay=20)
    page.wait_for_function("() => document.querySelector('datalist option[value*=\"KH.VP.TCD.TRUONG\"]')")
    page.fill("input[name=vi_tri_ten]", "Trưởng ban — Ban Tiếp công dân tỉnh (KH.VP.TCD.TRUONG)")  # the suggestion
    assert page.input_value("input[name=vi_tri]") == "KH.VP.TCD.TRUONG"
    page.click("form.toolbar button[type=submit]")
    verdict = page.locator("section.verdict")
    expect(verdict).to_contain_text("Bùi Minh Trí")
    expect(verdict).to_contain_text("Không đủ điều kiện")
    expect(verdict).to_contain_text("Căn cứ: QĐ 65-QĐ/TW")  # the citation is in the text, not on hover
    assert page.locator("select[name=hinh_thuc]").input_value() == "rotation"  # from his history
    page.fill("#ly_do", "Yêu cầu công tác cán bộ của tỉnh, đã báo cáo Ban Thường vụ.")
    page.on("dialog", lambda d: d.accept())
    page.click("button:has-text('Ghi nhận vượt quy định')")
    expect(page).to_have_url(re.compile(r"/can-bo/KH00004/$"))
    expect(page.locator(".notice.info")).to_contain_text("vượt quy định, đã ghi lý do")
    expect(page.locator("main")).to_contain_text("Yêu cầu công tác cán bộ của tỉnh")


def test_candidates_ranked_with_reasons(visit, server):
    page = visit("canbo")
    page.goto(f"{server}/kiem-tra-bo-nhiem/?vi_tri=KH.DL.LH.TRUONG")
    expect(page.locator("main")).to_contain_text("Xếp: đủ điều kiện trước")
    verdicts = page.locator("table tr td:nth-child(3)").all_inner_texts()
    assert len(verdicts) > 5
    eligible = [v.startswith("Đủ điều kiện") for v in verdicts]
    assert eligible == sorted(eligible, reverse=True)  # every eligible candidate before the others
    short = page.locator("table tr", has_text="vi phạm").first
    expect(short.locator("td").nth(3)).not_to_be_empty()  # why this candidate falls short, in words


def test_staffing_dashboard_charts_and_downloads(visit, server):
    page = visit()
    page.goto(f"{server}/co-quan/KH/bien-che/")
    expect(page.locator("main")).to_contain_text("Chỉ tiêu tinh giản theo loại")
    expect(page.locator("main")).to_contain_text("Biên chế công chức")
    page.wait_for_function("() => window.Chart && Chart.getChart('bieu-do-don-vi') && Chart.getChart('bieu-do-tien-do')")
    expect(page.locator("main")).to_contain_text("cần đăng nhập")
    page = visit("canbo")
    page.goto(f"{server}/co-quan/KH/bien-che/")
    expect(page.locator(".pager")).to_be_visible()
    with page.expect_download() as dl:
        page.click("text=Tải XLSX (kèm người được miễn)")
    wb = book(dl.value)
    assert wb.sheetnames == ["Đối tượng tinh giản", "Được miễn tinh giản"]
    assert wb["Đối tượng tinh giản"].max_row > 1
    with page.expect_download() as dl:
        page.click("text=Tải báo cáo XLSX")
    assert "Cấp 0" in book(dl.value).sheetnames


def test_error_pages_and_admin_are_vietnamese(visit, server, chromium):
    page = visit()
    resp = page.goto(f"{server}/khong-co-trang-nay/")
    assert resp.status == 404
    expect(page.locator("h1")).to_have_text("Không tìm thấy trang")
    ctx = chromium.new_context(locale="en-US", extra_http_headers={"Accept-Language": "en-US,en;q=0.9"})
    admin = ctx.new_page()
    admin.goto(f"{server}/admin/login/")
    expect(admin.locator("body")).to_contain_text("Tên đăng nhập")
    ctx.close()
