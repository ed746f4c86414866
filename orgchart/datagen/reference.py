"""Reference lists for the generated data set: provinces, departments (copied from the shared
reference CSVs into `data/`), ministries and the standard units inside each kind of agency.

Names follow the 2025 organisation (NQ 202/2025/QH15, NĐ 45/2025 → NĐ 150/2025, NĐ 37/2025)."""
import csv
import json
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


@cache
def provinces() -> list[dict]:
    with open(DATA / "provinces_2025.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@cache
def departments() -> list[dict]:
    with open(DATA / "departments_2025.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@cache
def real_mandates() -> list[dict]:
    with open(DATA / "mandates_real.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


# 14 ministries and 3 ministry-level agencies after the 2025 reorganisation (NĐ 37/2025 … 2025).
MINISTRIES = [
    ("Bộ Quốc phòng", "ministry", "BQP"),
    ("Bộ Công an", "ministry", "BCA"),
    ("Bộ Ngoại giao", "ministry", "BNG"),
    ("Bộ Nội vụ", "ministry", "BNV"),
    ("Bộ Tư pháp", "ministry", "BTP"),
    ("Bộ Tài chính", "ministry", "BTC"),
    ("Bộ Công Thương", "ministry", "BCT"),
    ("Bộ Nông nghiệp và Môi trường", "ministry", "BNNMT"),
    ("Bộ Xây dựng", "ministry", "BXD"),
    ("Bộ Văn hóa, Thể thao và Du lịch", "ministry", "BVHTTDL"),
    ("Bộ Khoa học và Công nghệ", "ministry", "BKHCN"),
    ("Bộ Giáo dục và Đào tạo", "ministry", "BGDĐT"),
    ("Bộ Y tế", "ministry", "BYT"),
    ("Bộ Dân tộc và Tôn giáo", "ministry", "BDTTG"),
    ("Ngân hàng Nhà nước Việt Nam", "ministry_equivalent", "NHNN"),
    ("Thanh tra Chính phủ", "ministry_equivalent", "TTCP"),
    ("Văn phòng Chính phủ", "ministry_equivalent", "VPCP"),
]

# Vụ present in every ministry (advisory units), then the ministry's own Cục.
MINISTRY_VU = ["Vụ Tổ chức cán bộ", "Vụ Pháp chế", "Vụ Kế hoạch - Tài chính", "Vụ Hợp tác quốc tế", "Văn phòng Bộ", "Thanh tra Bộ"]
MINISTRY_CUC = {
    "BNV": ["Cục Việc làm", "Cục Người có công", "Cục Văn thư và Lưu trữ nhà nước", "Cục Tiền lương và Bảo hiểm xã hội"],
    "BTP": ["Cục Quản lý thi hành án dân sự", "Cục Bổ trợ tư pháp", "Cục Hộ tịch, quốc tịch, chứng thực", "Cục Trợ giúp pháp lý"],
    "BTC": ["Cục Thuế", "Cục Hải quan", "Kho bạc Nhà nước", "Cục Thống kê", "Cục Quản lý công sản", "Cục Phát triển doanh nghiệp"],
    "BCT": ["Cục Điện lực", "Cục Xuất nhập khẩu", "Cục Quản lý và Phát triển thị trường trong nước", "Cục Hóa chất"],
    "BNNMT": ["Cục Trồng trọt và Bảo vệ thực vật", "Cục Chăn nuôi và Thú y", "Cục Kiểm lâm và Bảo tồn thiên nhiên",
              "Cục Quản lý đất đai", "Cục Môi trường", "Cục Thủy sản và Kiểm ngư", "Cục Khí tượng Thủy văn"],
    "BXD": ["Cục Đường bộ Việt Nam", "Cục Hàng hải và Đường thủy Việt Nam", "Cục Hàng không Việt Nam",
            "Cục Giám định nhà nước về chất lượng công trình xây dựng"],
    "BVHTTDL": ["Cục Di sản văn hóa", "Cục Thể dục thể thao Việt Nam", "Cục Du lịch Quốc gia Việt Nam", "Cục Báo chí"],
    "BKHCN": ["Cục Sở hữu trí tuệ", "Cục Viễn thông", "Cục Bưu điện Trung ương", "Cục Đổi mới sáng tạo"],
    "BGDĐT": ["Cục Quản lý chất lượng", "Cục Nhà giáo và Cán bộ quản lý giáo dục", "Cục Giáo dục nghề nghiệp và Giáo dục thường xuyên"],
    "BYT": ["Cục An toàn thực phẩm", "Cục Quản lý Dược", "Cục Quản lý Khám, chữa bệnh", "Cục Phòng bệnh", "Cục Bảo trợ xã hội"],
    "BDTTG": ["Cục Chính sách dân tộc", "Cục Tôn giáo Chính phủ"],
    "BQP": ["Cục Kế hoạch và Đầu tư", "Cục Tài chính", "Cục Quân y"],
    "BCA": ["Cục Quản lý hành chính về trật tự xã hội", "Cục Cảnh sát giao thông", "Cục Quản lý xuất nhập cảnh"],
    "BNG": ["Cục Lãnh sự", "Cục Lễ tân Nhà nước", "Cục Ngoại vụ"],
    "NHNN": ["Cục Quản lý ngoại hối", "Cục Phòng, chống rửa tiền", "Cục Quản lý, giám sát tổ chức tín dụng"],
    "TTCP": ["Cục Giải quyết khiếu nại, tố cáo và Thanh tra khu vực 1", "Cục Phòng, chống tham nhũng, tiêu cực"],
    "VPCP": ["Cục Kiểm soát thủ tục hành chính", "Cục Hành chính - Quản trị"],
}
CUC_DIVISIONS = ["Văn phòng Cục", "Phòng Tổng hợp", "Phòng Nghiệp vụ 1", "Phòng Nghiệp vụ 2", "Phòng Nghiệp vụ 3",
                 "Phòng Pháp chế và Thanh tra", "Phòng Kế hoạch - Tài chính"]
MINISTRY_PSU = ["Viện Chiến lược và Chính sách", "Trung tâm Thông tin", "Tạp chí", "Trường Cán bộ quản lý", "Báo điện tử",
                "Trung tâm Dịch vụ sự nghiệp công"]

DEPT_COMMON_DIVISIONS = ["Văn phòng Sở", "Phòng Kế hoạch - Tài chính", "Phòng Tổ chức cán bộ"]
DEPT_DIVISIONS = {
    "Sở Nội vụ": ["Phòng Tổ chức, biên chế", "Phòng Cán bộ, công chức, viên chức", "Phòng Lao động - Việc làm", "Phòng Người có công"],
    "Sở Tư pháp": ["Phòng Xây dựng và kiểm tra văn bản", "Phòng Hành chính tư pháp", "Phòng Bổ trợ tư pháp", "Phòng Phổ biến giáo dục pháp luật"],
    "Sở Tài chính": ["Phòng Quản lý ngân sách", "Phòng Tài chính đầu tư", "Phòng Quản lý giá và công sản", "Phòng Doanh nghiệp, kinh tế tập thể"],
    "Sở Công Thương": ["Phòng Quản lý công nghiệp", "Phòng Quản lý thương mại", "Phòng Quản lý năng lượng", "Phòng Kỹ thuật an toàn - Môi trường"],
    "Sở Nông nghiệp và Môi trường": ["Phòng Quản lý đất đai", "Phòng Tài nguyên nước và khoáng sản", "Phòng Kinh tế hợp tác và phát triển nông thôn", "Phòng Môi trường"],
    "Sở Xây dựng": ["Phòng Quản lý hoạt động xây dựng", "Phòng Quy hoạch - Kiến trúc", "Phòng Quản lý giao thông", "Phòng Nhà ở và thị trường bất động sản"],
    "Sở Khoa học và Công nghệ": ["Phòng Quản lý khoa học", "Phòng Đổi mới sáng tạo", "Phòng Bưu chính, viễn thông", "Phòng Chuyển đổi số"],
    "Sở Văn hóa, Thể thao và Du lịch": ["Phòng Quản lý văn hóa", "Phòng Quản lý thể dục thể thao", "Phòng Báo chí, xuất bản", "Phòng Quản lý du lịch"],
    "Sở Giáo dục và Đào tạo": ["Phòng Giáo dục mầm non và tiểu học", "Phòng Giáo dục trung học", "Phòng Giáo dục nghề nghiệp và thường xuyên", "Phòng Khảo thí và quản lý chất lượng"],
    "Sở Y tế": ["Phòng Nghiệp vụ y", "Phòng Nghiệp vụ dược", "Phòng Bảo trợ xã hội, trẻ em", "Phòng Dân số"],
    "Thanh tra tỉnh": ["Phòng Nghiệp vụ 1", "Phòng Nghiệp vụ 2", "Phòng Tiếp công dân, xử lý đơn", "Phòng Phòng, chống tham nhũng"],
    "Văn phòng Ủy ban nhân dân tỉnh": ["Phòng Tổng hợp", "Phòng Kinh tế", "Phòng Khoa giáo - Văn xã", "Phòng Kiểm soát thủ tục hành chính"],
    "Sở Ngoại vụ": ["Phòng Lãnh sự", "Phòng Hợp tác quốc tế"],
    "Sở Dân tộc và Tôn giáo": ["Phòng Chính sách dân tộc", "Phòng Tôn giáo"],
    "Sở Du lịch": ["Phòng Quản lý lữ hành", "Phòng Xúc tiến du lịch"],
    "Sở Quy hoạch - Kiến trúc": ["Phòng Quy hoạch", "Phòng Kiến trúc"],
}
DEPT_SUBDEPTS = {
    "Sở Nông nghiệp và Môi trường": ["Chi cục Kiểm lâm", "Chi cục Thủy lợi", "Chi cục Trồng trọt và Bảo vệ thực vật",
                                     "Chi cục Chăn nuôi và Thú y", "Chi cục Quản lý chất lượng Nông Lâm sản và Thủy sản",
                                     "Chi cục Thủy sản", "Chi cục Bảo vệ môi trường"],
    "Sở Y tế": ["Chi cục An toàn vệ sinh thực phẩm", "Chi cục Dân số"],
    "Sở Công Thương": ["Chi cục Quản lý thị trường"],
    "Sở Nội vụ": ["Chi cục Văn thư - Lưu trữ"],
    "Sở Khoa học và Công nghệ": ["Chi cục Tiêu chuẩn Đo lường Chất lượng"],
}
SUBDEPT_DIVISIONS = ["Phòng Hành chính - Tổng hợp", "Phòng Nghiệp vụ", "Phòng Thanh tra, pháp chế"]
# Public service units: (name, count at national scale per province, staff weight, has divisions)
DEPT_PSUS = {
    "Sở Giáo dục và Đào tạo": [("Trường Trung học phổ thông", 45, 70, False), ("Trung tâm Giáo dục thường xuyên", 3, 25, False)],
    "Sở Y tế": [("Bệnh viện Đa khoa", 6, 60, True), ("Trung tâm Y tế khu vực", 12, 40, True),
                ("Trung tâm Kiểm soát bệnh tật", 1, 80, True), ("Bệnh viện Y học cổ truyền", 1, 60, True)],
    "Sở Nông nghiệp và Môi trường": [("Trung tâm Khuyến nông", 1, 40, False), ("Văn phòng Đăng ký đất đai", 1, 60, False),
                                     ("Ban Quản lý rừng phòng hộ", 4, 25, False)],
    "Sở Văn hóa, Thể thao và Du lịch": [("Trung tâm Văn hóa - Điện ảnh", 1, 30, False), ("Bảo tàng tỉnh", 1, 25, False),
                                        ("Thư viện tỉnh", 1, 25, False)],
    "Sở Nội vụ": [("Trung tâm Dịch vụ việc làm", 1, 30, False), ("Cơ sở Bảo trợ xã hội", 2, 30, False)],
    "Sở Xây dựng": [("Ban Quản lý dự án đầu tư xây dựng", 1, 40, False), ("Trung tâm Đăng kiểm", 1, 30, False)],
    "Sở Khoa học và Công nghệ": [("Trung tâm Chuyển đổi số", 1, 30, False)],
    "Sở Tư pháp": [("Trung tâm Trợ giúp pháp lý nhà nước", 1, 20, False), ("Phòng Công chứng số 1", 1, 12, False)],
}
HOSPITAL_DIVISIONS = ["Khoa Khám bệnh", "Khoa Nội", "Khoa Ngoại", "Khoa Sản", "Khoa Nhi", "Khoa Hồi sức cấp cứu",
                      "Khoa Xét nghiệm", "Khoa Chẩn đoán hình ảnh", "Khoa Dược", "Phòng Kế hoạch tổng hợp",
                      "Phòng Tổ chức - Hành chính", "Phòng Điều dưỡng"]

COMMUNE_DIVISIONS_RURAL = ["Văn phòng Hội đồng nhân dân và Ủy ban nhân dân", "Phòng Kinh tế", "Phòng Văn hóa - Xã hội"]
COMMUNE_DIVISIONS_URBAN = ["Văn phòng Hội đồng nhân dân và Ủy ban nhân dân", "Phòng Kinh tế, Hạ tầng và Đô thị",
                           "Phòng Văn hóa - Xã hội"]
# (name, count per commune at national scale, staff weight)
COMMUNE_PSUS = [("Trung tâm Phục vụ hành chính công", 1, 8), ("Trạm Y tế", 1, 9), ("Trường Mầm non", 4, 22),
                ("Trường Tiểu học", 4, 32), ("Trường Trung học cơ sở", 3, 38)]
COMMUNE_SYLLABLES = (
    "An Bình Hòa Phú Tân Thạnh Long Hưng Lợi Phước Thuận Đông Tây Nam Bắc Trung Sơn Hải Thủy Lâm Đức Minh Quang "
    "Thành Vĩnh Xuân Hà Hồng Kim Ngọc Mỹ Phong Định Khánh Lộc Thọ Yên Hiệp Nghĩa Tiến Thắng Cường Đại Tường Quý "
    "Gia Hưng Thái Thịnh Hiền Đồng Cát Hoàng Lạc Tam Tứ Ngũ Thượng Hạ Kỳ Liên Lương Nhân Trường Châu Vạn"
).split()

# Standards per position family: (min_education, education fields, political theory, state mgmt, years, rank)
HEAD_STD = ("bachelor", "", "advanced", "principal", 5, "01.002")
DEPUTY_STD = ("bachelor", "", "intermediate", "specialist", 3, "01.003")
PRO_STD = ("bachelor", "", "", "", 0, "01.003")
EDU_FIELDS = {
    "Sở Tư pháp": "Luật",
    "Sở Tài chính": "Tài chính;Kế toán;Kinh tế",
    "Sở Y tế": "Y khoa;Dược học;Y tế công cộng",
    "Sở Giáo dục và Đào tạo": "Sư phạm;Quản lý giáo dục",
    "Sở Xây dựng": "Xây dựng;Kiến trúc;Giao thông",
    "Sở Nông nghiệp và Môi trường": "Nông học;Lâm nghiệp;Môi trường;Quản lý đất đai",
    "Sở Khoa học và Công nghệ": "Công nghệ thông tin;Vật lý;Điện tử viễn thông",
    "Thanh tra tỉnh": "Luật;Kinh tế",
}
ALL_FIELDS = ["Luật", "Kinh tế", "Tài chính", "Kế toán", "Quản trị kinh doanh", "Hành chính công", "Công nghệ thông tin",
              "Sư phạm", "Y khoa", "Dược học", "Xây dựng", "Nông học", "Môi trường", "Ngữ văn", "Lịch sử", "Quản lý đất đai"]
