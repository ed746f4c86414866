"""`make screenshots`: a PNG of each web page with the demo data, as the user it serves sees it
(python -m orgchart.web.browser.screenshots OUTDIR). A fresh demo database and server
(`server.demo_server`), Debian's Chromium, a Vietnamese browser."""
import datetime as dt
import sys
from pathlib import Path

from . import VIEWPORT, chromium, login
from .server import PASSWORD, demo_server

MAX_HEIGHT = 2400
NEXT_YEAR = dt.date.today().year + 1
MERGE = (f"/sap-xep/?thao_tac=merge&xem=1&nguon1_ten=so du lich&dich_ten=so van hoa, the thao va du lich"
         f"&ngay_hieu_luc={NEXT_YEAR}-01-01&so_qd=15/QĐ-UBND")
# (file, who, path, what it shows)
PAGES = [
    ("01-trang-chu.png", None, "/", "Trang chủ (khách)"),
    ("02-co-cau-to-chuc.png", None, "/co-quan/?sau=2", "Cơ cấu tổ chức dạng danh sách"),
    ("03-so-do-to-chuc.png", None, "/so-do/?sau=2", "Sơ đồ tổ chức (vẽ)"),
    ("04-co-quan.png", None, "/co-quan/KH.DL/", "Trang một cơ quan"),
    ("05-dau-moi.png", None, "/dau-moi/", "Đầu mối và cấp trung gian"),
    ("06-tra-cuu.png", "canbo", "/tim-kiem/?q=tai chinh", "Tra cứu không dấu"),
    ("07-chong-cheo.png", "thanhtra", "/chong-cheo/", "Danh sách chồng chéo (thanh tra)"),
    ("08-chong-cheo-doi-chieu.png", "thanhtra", "/chong-cheo/1/", "Đối chiếu một cặp và ghi nhận rà soát"),
    ("09-mo-phong-sap-xep.png", "tochuc", MERGE, "Mô phỏng hợp nhất: tác động và sơ đồ trước, sau"),
    ("10-lich-sap-xep.png", "tochuc", "/sap-xep/lich/", "Lịch các thay đổi đã lên lịch"),
    ("11-kiem-tra-bo-nhiem.png", "canbo",
     "/kiem-tra-bo-nhiem/?can_bo_ten=bui minh tri&vi_tri=KH.VP.TCD.TRUONG", "Kiểm tra điều kiện theo tên"),
    ("12-ung-vien.png", "canbo", "/kiem-tra-bo-nhiem/?vi_tri=KH.DL.LH.TRUONG", "Xếp hạng ứng viên"),
    ("13-bien-che.png", "canbo", "/co-quan/KH/bien-che/", "Bảng theo dõi biên chế và tinh giản"),
    ("14-ho-so-can-bo.png", "canbo", "/can-bo/KH00004/", "Hồ sơ cán bộ"),
    ("15-dang-nhap.png", None, "/dang-nhap/", "Đăng nhập"),
    ("16-loi-404.png", None, "/khong-co-trang-nay/", "Trang lỗi 404"),
    ("17-quan-tri.png", "quantri", "/admin/", "Trang quản trị (tài khoản quản trị)"),
]


def _schedule_one(page, base):
    """Put one change on the calendar (the merge of the simulator page) so it is not empty."""
    page.goto(base + MERGE)
    page.on("dialog", lambda d: d.accept())
    page.click("button:has-text('Lên lịch')")
    page.wait_for_load_state("networkidle")


def take(outdir: Path) -> list[Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    with demo_server() as base, chromium() as browser:
        pages = {}
        for name, who, path, _what in PAGES:
            if who not in pages:
                ctx = browser.new_context(viewport=VIEWPORT, locale="vi-VN", device_scale_factor=1)
                pages[who] = ctx.new_page()
                if who:
                    login(pages[who], base, who, PASSWORD)
            page = pages[who]
            if name.startswith("10-"):
                _schedule_one(page, base)
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            height = min(page.evaluate("document.documentElement.scrollHeight"), MAX_HEIGHT)
            target = outdir / name
            page.screenshot(path=str(target), full_page=True,
                            clip={"x": 0, "y": 0, "width": VIEWPORT["width"], "height": height})
            written.append(target)
            print(f"{target}  {path}", flush=True)
    return written


if __name__ == "__main__":
    take(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
