"""The demo province's structure: agencies and job positions (with standards and seats).

Tỉnh Khánh Hòa after NQ 202/2025/QH15 (merged with tỉnh Ninh Thuận from 2025-07-01); the
14 departments of departments_2025.csv (12 mandatory + Sở Dân tộc và Tôn giáo + Sở Du lịch).
Everything here is plain data; `build()` turns it into agency and position dicts.
"""
import datetime as dt

P = "KH"  # code prefix of the province
DEPT_MERGE = dt.date(2025, 3, 1)  # provincial departments merged (NĐ 45/2025)
PROV_MERGE = dt.date(2025, 7, 1)  # provinces merged, district level abolished (NQ 202/2025, Luật 72/2025)

FIELDS = {
    "admin": ["Hành chính công", "Quản lý nhà nước", "Luật", "Kinh tế"],
    "law": ["Luật", "Luật kinh tế", "Hành chính công"],
    "econ": ["Kinh tế", "Tài chính - Ngân hàng", "Kế toán", "Quản trị kinh doanh", "Kinh tế đầu tư"],
    "acct": ["Kế toán", "Tài chính - Ngân hàng", "Kiểm toán"],
    "agri": ["Nông học", "Chăn nuôi - Thú y", "Lâm nghiệp", "Nuôi trồng thủy sản", "Bảo vệ thực vật"],
    "forest": ["Lâm nghiệp", "Quản lý tài nguyên rừng", "Lâm sinh"],
    "water": ["Thủy lợi", "Kỹ thuật tài nguyên nước", "Tài nguyên nước", "Địa chất"],
    "land": ["Quản lý đất đai", "Trắc địa - Bản đồ", "Luật"],
    "env": ["Khoa học môi trường", "Kỹ thuật môi trường", "Quản lý tài nguyên và môi trường"],
    "fish": ["Nuôi trồng thủy sản", "Khai thác thủy sản", "Công nghệ chế biến thủy sản"],
    "vet": ["Chăn nuôi - Thú y", "Thú y"],
    "foodq": ["Công nghệ thực phẩm", "Công nghệ chế biến thủy sản", "Nông học", "Hóa học"],
    "cons": ["Kỹ thuật xây dựng", "Kiến trúc", "Quy hoạch đô thị", "Kinh tế xây dựng"],
    "transport": ["Kỹ thuật giao thông", "Kỹ thuật xây dựng công trình giao thông", "Khai thác vận tải"],
    "it": ["Công nghệ thông tin", "Điện tử - Viễn thông", "Khoa học máy tính", "An toàn thông tin"],
    "sci": ["Vật lý", "Hóa học", "Công nghệ sinh học", "Kỹ thuật điện", "Quản lý khoa học và công nghệ"],
    "trade": ["Kinh tế", "Kinh doanh thương mại", "Kinh tế quốc tế", "Quản trị kinh doanh"],
    "industry": ["Kỹ thuật điện", "Cơ khí", "Kỹ thuật hóa học", "Kinh tế"],
    "culture": ["Quản lý văn hóa", "Văn hóa học", "Lịch sử", "Bảo tàng học"],
    "sport": ["Giáo dục thể chất", "Huấn luyện thể thao", "Quản lý thể dục thể thao"],
    "press": ["Báo chí", "Truyền thông đa phương tiện", "Ngữ văn"],
    "tourism": ["Du lịch", "Quản trị dịch vụ du lịch và lữ hành", "Quản trị khách sạn", "Ngôn ngữ Anh"],
    "edu": ["Quản lý giáo dục", "Sư phạm Toán", "Sư phạm Ngữ văn", "Sư phạm Tiếng Anh"],
    "teach": ["Sư phạm Toán", "Sư phạm Ngữ văn", "Sư phạm Tiếng Anh", "Sư phạm Vật lý", "Sư phạm Hóa học",
              "Sư phạm Sinh học", "Sư phạm Lịch sử", "Sư phạm Địa lý", "Sư phạm Tin học", "Giáo dục thể chất"],
    "voc": ["Cơ khí", "Kỹ thuật điện", "Công nghệ ô tô", "Công nghệ thông tin", "Quản trị khách sạn"],
    "health": ["Y đa khoa", "Y tế công cộng", "Dược học", "Quản lý bệnh viện"],
    "doctor": ["Y đa khoa"],
    "nurse": ["Điều dưỡng"],
    "pharma": ["Dược học"],
    "lab": ["Xét nghiệm y học", "Kỹ thuật hình ảnh y học"],
    "prevent": ["Y học dự phòng", "Y tế công cộng", "Xét nghiệm y học"],
    "social": ["Công tác xã hội", "Xã hội học", "Tâm lý học"],
    "labour": ["Kinh tế lao động", "Quản trị nhân lực", "Luật", "Công tác xã hội"],
    "ethnic": ["Dân tộc học", "Tôn giáo học", "Hành chính công", "Luật"],
    "inspect": ["Luật", "Kinh tế", "Hành chính công", "Kế toán"],
    "hr": ["Quản trị nhân lực", "Hành chính công", "Luật"],
    "archive": ["Lưu trữ học", "Văn thư - Lưu trữ"],
    "library": ["Thông tin - Thư viện", "Khoa học thư viện"],
    "clerk": ["Văn thư - Lưu trữ", "Lưu trữ học"],
}

# Ranks (ngạch / hạng chức danh nghề nghiệp) used for professional positions.
CV, CVC, CVCC, CS = "01.003", "01.002", "01.001", "01.004"
KE_TOAN, VAN_THU = "06.031", "02.008"
THANH_TRA, THANH_TRA_CHINH = "04.025", "04.024"

# Department specs: code, name, kind, head title, deputy title, deputies, divisions, sub-departments, PSUs.
# Division: (tag, name, professional seats, field key[, options]); options: deputies=, established=, extra=
# Sub-department: (tag, name, professional seats, field key[, options]);
# PSU: (tag, name, profile, size[, options]).
DEPARTMENTS = [
    ("VP", "Văn phòng Ủy ban nhân dân tỉnh", "department_equivalent", "Chánh Văn phòng", "Phó Chánh Văn phòng", 5,
     [("TH", "Phòng Tổng hợp", 8, "econ"), ("KT", "Phòng Kinh tế", 8, "econ"),
      ("KGVX", "Phòng Khoa giáo - Văn xã", 7, "admin"), ("NC", "Phòng Nội chính", 7, "law"),
      ("HCTC", "Phòng Hành chính - Tổ chức", 7, "admin", {"office": True, "drivers": 6}),
      ("QTTV", "Phòng Quản trị - Tài vụ", 7, "acct")],
     [], [], [("TCD", "Ban Tiếp công dân tỉnh", "board", 6, "law")]),
    ("TTR", "Thanh tra tỉnh", "department_equivalent", "Chánh Thanh tra tỉnh", "Phó Chánh Thanh tra tỉnh", 3,
     [("VP", "Văn phòng", 6, "admin", {"office": True}), ("NV1", "Phòng Nghiệp vụ 1", 9, "inspect", {"inspect": True}),
      ("NV2", "Phòng Nghiệp vụ 2", 8, "inspect", {"inspect": True}),
      ("NV3", "Phòng Nghiệp vụ 3", 7, "inspect", {"inspect": True}),
      ("PCTN", "Phòng Phòng, chống tham nhũng", 7, "inspect", {"inspect": True}),
      ("TCD", "Phòng Tiếp công dân và Xử lý đơn thư", 7, "inspect", {"inspect": True})],
     [], [], []),
    ("NV", "Sở Nội vụ", "department", "Giám đốc Sở", "Phó Giám đốc Sở", 5,
     [("VP", "Văn phòng", 6, "admin", {"office": True}),
      ("TCBC", "Phòng Tổ chức, biên chế và tổ chức phi chính phủ", 8, "hr"),
      ("CCHC", "Phòng Cải cách hành chính", 7, "admin"), ("CCVC", "Phòng Công chức, viên chức", 8, "hr"),
      ("XDCQ", "Phòng Xây dựng chính quyền và công tác thanh niên", 7, "admin"),
      ("LDVL", "Phòng Lao động, việc làm và người có công", 7, "labour", {"extra": 4})],
     [("TDKT", "Ban Thi đua - Khen thưởng", 9, "admin")],
     [("LT", "Trung tâm Lưu trữ lịch sử", "archive", 16)], []),
    ("TP", "Sở Tư pháp", "department", "Giám đốc Sở", "Phó Giám đốc Sở", 3,
     [("VP", "Văn phòng", 6, "admin", {"office": True}),
      ("XDVB", "Phòng Xây dựng và kiểm tra văn bản quy phạm pháp luật", 8, "law"),
      ("PBGD", "Phòng Phổ biến, giáo dục pháp luật", 7, "law"), ("HCTP", "Phòng Hành chính tư pháp", 8, "law"),
      ("BTTP", "Phòng Bổ trợ tư pháp", 7, "law")],
     [], [("TGPL", "Trung tâm Trợ giúp pháp lý nhà nước", "legal", 18), ("CC1", "Phòng Công chứng số 1", "legal", 10)],
     []),
    ("TC", "Sở Tài chính", "department", "Giám đốc Sở", "Phó Giám đốc Sở", 5,
     [("VP", "Văn phòng", 7, "admin", {"office": True}), ("NS", "Phòng Quản lý ngân sách", 9, "econ"),
      ("TCDT", "Phòng Tài chính đầu tư", 8, "econ"), ("GCS", "Phòng Quản lý giá và công sản", 8, "econ"),
      ("THQH", "Phòng Tổng hợp, quy hoạch và đầu tư", 7, "econ", {"extra": 4}),
      ("DKKD", "Phòng Đăng ký kinh doanh", 7, "econ")],
     [], [], []),
    ("CT", "Sở Công Thương", "department", "Giám đốc Sở", "Phó Giám đốc Sở", 3,
     [("VP", "Văn phòng", 6, "admin", {"office": True}), ("QLTM", "Phòng Quản lý thương mại", 9, "trade"),
      ("QLCN", "Phòng Quản lý công nghiệp", 8, "industry"),
      ("NL", "Phòng Quản lý năng lượng", 5, "industry", {"deputies": 2}),
      ("KTAT", "Phòng Kỹ thuật an toàn và môi trường", 8, "industry")],
     [], [("KC", "Trung tâm Khuyến công và Xúc tiến thương mại", "trade", 20)], []),
    ("NNMT", "Sở Nông nghiệp và Môi trường", "department", "Giám đốc Sở", "Phó Giám đốc Sở", 5,
     [("VP", "Văn phòng", 7, "admin", {"office": True}), ("KHTC", "Phòng Kế hoạch - Tài chính", 8, "econ"),
      ("DD", "Phòng Quản lý đất đai", 8, "land", {"extra": 4}),
      ("TNN", "Phòng Tài nguyên nước, khoáng sản và biến đổi khí hậu", 8, "water"),
      ("MT", "Phòng Môi trường", 8, "env"), ("TTCN", "Phòng Trồng trọt và Chăn nuôi", 7, "agri")],
     [("KL", "Chi cục Kiểm lâm", 12, "forest", {"child": ("DCD", "Đội Kiểm lâm cơ động và phòng cháy, chữa cháy rừng", 6, "forest")}),
      ("QLCL", "Chi cục Quản lý chất lượng nông lâm sản và thủy sản", 11, "foodq"),
      ("TL", "Chi cục Thủy lợi", 10, "water"), ("CNTY", "Chi cục Chăn nuôi và Thú y", 11, "vet"),
      ("TS", "Chi cục Thủy sản", 10, "fish")],
     [("VPDK", "Văn phòng Đăng ký đất đai", "land", 55), ("KN", "Trung tâm Khuyến nông", "agri", 24)], []),
    ("XD", "Sở Xây dựng", "department", "Giám đốc Sở", "Phó Giám đốc Sở", 5,
     [("VP", "Văn phòng", 6, "admin", {"office": True}), ("QHKT", "Phòng Quản lý quy hoạch - kiến trúc", 8, "cons"),
      ("HDXD", "Phòng Quản lý hoạt động xây dựng", 9, "cons"),
      ("HTGT", "Phòng Quản lý kết cấu hạ tầng giao thông", 7, "transport", {"extra": 4}),
      ("VT", "Phòng Quản lý vận tải, phương tiện và người lái", 8, "transport"),
      ("NO", "Phòng Phát triển đô thị và nhà ở", 7, "cons")],
     [], [("DK", "Trung tâm Đăng kiểm xe cơ giới", "transport", 20)], []),
    ("KHCN", "Sở Khoa học và Công nghệ", "department", "Giám đốc Sở", "Phó Giám đốc Sở", 5,
     [("VP", "Văn phòng", 6, "admin", {"office": True}), ("QLKH", "Phòng Quản lý khoa học", 7, "sci"),
      ("CNDM", "Phòng Quản lý công nghệ và đổi mới sáng tạo", 7, "sci"),
      ("CDS", "Phòng Chuyển đổi số và công nghệ thông tin", 6, "it", {"extra": 4}),
      ("BCVT", "Phòng Bưu chính, viễn thông", 7, "it")],
     [("TDC", "Chi cục Tiêu chuẩn Đo lường Chất lượng", 10, "sci")],
     [("CNTT", "Trung tâm Công nghệ thông tin và Truyền thông", "it", 22)], []),
    ("VHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "department", "Giám đốc Sở", "Phó Giám đốc Sở", 3,
     [("VP", "Văn phòng", 6, "admin", {"office": True}), ("QLVH", "Phòng Quản lý văn hóa và gia đình", 8, "culture"),
      ("TDTT", "Phòng Quản lý thể dục thể thao", 7, "sport"), ("BCXB", "Phòng Báo chí, xuất bản", 7, "press"),
      ("DSVH", "Phòng Di sản văn hóa", 7, "culture")],
     [], [("BT", "Bảo tàng tỉnh", "culture", 24), ("TV", "Thư viện tỉnh", "library", 20),
          ("HLTD", "Trung tâm Huấn luyện và Thi đấu thể dục thể thao", "sport", 30)], []),
    ("GDDT", "Sở Giáo dục và Đào tạo", "department", "Giám đốc Sở", "Phó Giám đốc Sở", 5,
     [("VP", "Văn phòng", 7, "admin", {"office": True}),
      ("GDPT", "Phòng Giáo dục mầm non và phổ thông", 9, "edu"),
      ("GDNN", "Phòng Giáo dục nghề nghiệp và giáo dục thường xuyên", 8, "edu"),
      ("QLCL", "Phòng Quản lý chất lượng", 7, "edu"), ("TCCB", "Phòng Tổ chức cán bộ", 7, "hr")],
     [], [("LTT", "Trường THPT Lý Tự Trọng", "school", 88), ("LQD", "Trường THPT chuyên Lê Quý Đôn", "school", 76),
          ("NVT", "Trường THPT Nguyễn Văn Trỗi", "school", 70), ("HHT", "Trường THPT Hoàng Hoa Thám", "school", 66),
          ("CVA", "Trường THPT Chu Văn An", "school", 70), ("NTR", "Trường THPT Nguyễn Trãi", "school", 64),
          ("CDKT", "Trường Cao đẳng Kỹ thuật Công nghệ Nha Trang", "college", 90)], []),
    ("YT", "Sở Y tế", "department", "Giám đốc Sở", "Phó Giám đốc Sở", 5,
     [("VP", "Văn phòng", 7, "admin", {"office": True}), ("NVYD", "Phòng Nghiệp vụ Y - Dược", 9, "health"),
      ("KHTC", "Phòng Kế hoạch - Tài chính", 8, "econ"), ("TCCB", "Phòng Tổ chức cán bộ", 7, "hr"),
      ("BTXH", "Phòng Bảo trợ xã hội, trẻ em và phòng, chống tệ nạn xã hội", 8, "social")],
     [("ATTP", "Chi cục An toàn vệ sinh thực phẩm", 11, "foodq"), ("DS", "Chi cục Dân số", 7, "health")],
     [("BVDK", "Bệnh viện Đa khoa tỉnh Khánh Hòa", "hospital", 320),
      ("BVNT", "Bệnh viện Đa khoa tỉnh Ninh Thuận", "hospital", 210),
      ("CDC", "Trung tâm Kiểm soát bệnh tật tỉnh", "cdc", 70),
      ("TTYTCR", "Trung tâm Y tế khu vực Cam Ranh", "hospital", 90, {"two_heads": True}),
      ("CTXH", "Trung tâm Công tác xã hội tỉnh", "social", 24)], []),
    ("DTTG", "Sở Dân tộc và Tôn giáo", "department", "Giám đốc Sở", "Phó Giám đốc Sở", 2,
     [("VP", "Văn phòng", 6, "admin", {"office": True}), ("CSDT", "Phòng Chính sách dân tộc", 7, "ethnic"),
      ("TG", "Phòng Tôn giáo", 3, "ethnic")],
     [], [], [], {"established": DEPT_MERGE}),
    ("DL", "Sở Du lịch", "department", "Giám đốc Sở", "Phó Giám đốc Sở", 2,
     [("VP", "Văn phòng", 6, "admin", {"office": True}), ("LH", "Phòng Quản lý lữ hành", 7, "tourism"),
      ("LT", "Phòng Quản lý cơ sở lưu trú du lịch", 7, "tourism")],
     [], [("XTDL", "Trung tâm Xúc tiến du lịch", "tourism", 15)], []),
]

# Departments dissolved on 2025-03-01 (NĐ 45/2025): their staff move to a division of the successor.
DISSOLVED_DEPARTMENTS = [
    ("KHDT", "Sở Kế hoạch và Đầu tư", "TC", "THQH", "econ"),
    ("TNMT", "Sở Tài nguyên và Môi trường", "NNMT", "DD", "land"),
    ("GTVT", "Sở Giao thông vận tải", "XD", "HTGT", "transport"),
    ("LDTBXH", "Sở Lao động - Thương binh và Xã hội", "NV", "LDVL", "labour"),
    ("TTTT", "Sở Thông tin và Truyền thông", "KHCN", "CDS", "it"),
]

# Former tỉnh Ninh Thuận (dissolved 2025-07-01): agency tag, name, successor department tag, division tag.
FORMER_PROVINCE = ("NT", "Ủy ban nhân dân tỉnh Ninh Thuận")
FORMER_DEPARTMENTS = [
    ("VP", "Văn phòng Ủy ban nhân dân tỉnh Ninh Thuận", "department_equivalent", "VP", "TH", "econ"),
    ("YT", "Sở Y tế tỉnh Ninh Thuận", "department", "YT", "NVYD", "health"),
    ("GDDT", "Sở Giáo dục và Đào tạo tỉnh Ninh Thuận", "department", "GDDT", "GDPT", "edu"),
]

# Communes and wards from 2025-07-01 (two-level local government), and the abolished district.
DISTRICT = ("NH", "Ủy ban nhân dân thị xã Ninh Hòa", "X-NH")
COMMUNES = [
    ("X-NT", "Ủy ban nhân dân phường Nha Trang", "ward"),
    ("X-NH", "Ủy ban nhân dân phường Ninh Hòa", "ward"),
    ("X-PR", "Ủy ban nhân dân phường Phan Rang", "ward"),
    ("X-DK", "Ủy ban nhân dân xã Diên Khánh", "commune"),
]

# PSU profiles: (title, rank, min education, field key, share of seats, holder education)
PSU_PROFILES = {
    "hospital": [("Bác sĩ", "V.08.01.03", "bachelor", "doctor", 0.26), ("Bác sĩ chính", "V.08.01.02", "master", "doctor", 0.06),
                 ("Điều dưỡng hạng IV", "V.08.05.13", "college", "nurse", 0.40), ("Dược sĩ", "V.08.08.22", "bachelor", "pharma", 0.06),
                 ("Kỹ thuật viên y", "V.08.07.19", "college", "lab", 0.10), ("Kế toán viên", KE_TOAN, "bachelor", "acct", 0.04)],
    "cdc": [("Bác sĩ y học dự phòng", "V.08.02.06", "bachelor", "prevent", 0.35), ("Y tế công cộng", "V.08.04.10", "bachelor", "prevent", 0.25),
            ("Kỹ thuật viên xét nghiệm", "V.08.07.19", "college", "lab", 0.25), ("Kế toán viên", KE_TOAN, "bachelor", "acct", 0.07)],
    "school": [("Giáo viên trung học phổ thông hạng III", "V.07.05.15", "bachelor", "teach", 0.62),
               ("Giáo viên trung học phổ thông hạng II", "V.07.05.14", "bachelor", "teach", 0.22),
               ("Kế toán viên", KE_TOAN, "bachelor", "acct", 0.03), ("Nhân viên thư viện - thiết bị", "V.10.02.07", "college", "library", 0.04)],
    "college": [("Giảng viên giáo dục nghề nghiệp lý thuyết hạng III", "V.09.02.03", "bachelor", "voc", 0.55),
                ("Giảng viên giáo dục nghề nghiệp thực hành", "V.09.02.04", "college", "voc", 0.25),
                ("Kế toán viên", KE_TOAN, "bachelor", "acct", 0.05)],
    "archive": [("Lưu trữ viên hạng III", "V.01.02.02", "bachelor", "archive", 0.7), ("Kế toán viên", KE_TOAN, "bachelor", "acct", 0.1)],
    "legal": [("Trợ giúp viên pháp lý hạng III", "V.02.01.03", "bachelor", "law", 0.7), ("Kế toán viên", KE_TOAN, "bachelor", "acct", 0.1)],
    "trade": [("Viên chức xúc tiến thương mại", "V.11.09.26", "bachelor", "trade", 0.7), ("Kế toán viên", KE_TOAN, "bachelor", "acct", 0.1)],
    "land": [("Viên chức đăng ký đất đai", "V.06.04.13", "bachelor", "land", 0.75), ("Kế toán viên", KE_TOAN, "bachelor", "acct", 0.07)],
    "agri": [("Khuyến nông viên", "V.03.09.26", "bachelor", "agri", 0.75), ("Kế toán viên", KE_TOAN, "bachelor", "acct", 0.08)],
    "transport": [("Đăng kiểm viên", "V.12.01.03", "bachelor", "transport", 0.75), ("Kế toán viên", KE_TOAN, "bachelor", "acct", 0.08)],
    "it": [("Kỹ sư công nghệ thông tin hạng III", "V.11.06.14", "bachelor", "it", 0.75), ("Kế toán viên", KE_TOAN, "bachelor", "acct", 0.08)],
    "culture": [("Di sản viên hạng III", "V.10.05.17", "bachelor", "culture", 0.7), ("Kế toán viên", KE_TOAN, "bachelor", "acct", 0.08)],
    "library": [("Thư viện viên hạng III", "V.10.02.06", "bachelor", "library", 0.7), ("Kế toán viên", KE_TOAN, "bachelor", "acct", 0.08)],
    "sport": [("Huấn luyện viên hạng III", "V.10.01.03", "bachelor", "sport", 0.7), ("Kế toán viên", KE_TOAN, "bachelor", "acct", 0.08)],
    "social": [("Công tác xã hội viên", "V.09.04.02", "bachelor", "social", 0.7), ("Kế toán viên", KE_TOAN, "bachelor", "acct", 0.08)],
    "tourism": [("Viên chức xúc tiến du lịch", "V.11.09.26", "bachelor", "tourism", 0.7), ("Kế toán viên", KE_TOAN, "bachelor", "acct", 0.1)],
}
PSU_LEADERS = {  # head title, deputy title, deputies, holder rank of leaders
    "hospital": ("Giám đốc", "Phó Giám đốc", 3, "V.08.01.02"), "cdc": ("Giám đốc", "Phó Giám đốc", 2, "V.08.02.05"),
    "school": ("Hiệu trưởng", "Phó Hiệu trưởng", 3, "V.07.05.14"), "college": ("Hiệu trưởng", "Phó Hiệu trưởng", 3, "V.09.02.02"),
}
