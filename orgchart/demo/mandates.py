"""Mandates of the demo province: real texts (fixtures/mandates_real.jsonl, a copy of the lines of
/work/shared data/raw/mandates_real.jsonl that the demo uses) mapped onto the post-2025
departments, plus short function statements for units that have no published text.

Pre-merger texts stay on the merged department (e.g. Sở NN&PTNT + Sở TN&MT → Sở Nông nghiệp và
Môi trường, Sở LĐTBXH → Sở Nội vụ) from the merger date, as provinces usually keep them until a
new decision: that is what produces the genuine overlaps (food safety, vocational education,
social protection, press).
"""
import datetime as dt
import json
import re
from pathlib import Path

from orgchart.demo import spec as S

SOURCE = Path(__file__).resolve().parents[2] / "fixtures" / "mandates_real.jsonl"
DEPT_END = S.DEPT_MERGE - dt.timedelta(days=1)
PROV_END = S.PROV_MERGE - dt.timedelta(days=1)

# line in mandates_real.jsonl (1-based) → (agency code, ref, valid_from, valid_to)
_K = S.P


def _run(agency, first, last, prefix, start=1, valid_from=None, valid_to=None):
    return {line: (agency, f"{prefix}{line - first + start}", valid_from, valid_to) for line in range(first, last + 1)}


MAPPING = {
    1: (f"{_K}.KHCN", "CN", None, None), **_run(f"{_K}.KHCN", 2, 23, "NV"),
    24: (f"{_K}.NV", "CN", None, None),
    25: (f"{_K}.TC", "CN-KHDT", S.DEPT_MERGE, None),
    26: (f"{_K}.TC", "CN", None, None),
    27: (f"{_K}.LDTBXH", "CN", None, DEPT_END),
    175: (f"{_K}.NV", "CN-LDTBXH", S.DEPT_MERGE, None), 176: (f"{_K}.NV", "NV-LDTBXH1", S.DEPT_MERGE, None),
    30: (f"{_K}.NNMT", "CN", None, None), **_run(f"{_K}.NNMT", 31, 56, "NV"),
    57: (f"{_K}.TP", "CN", None, None), **_run(f"{_K}.TP", 58, 83, "NV"),
    84: [(f"{_K}.NNMT", "CN-TNMT", S.DEPT_MERGE, None), (f"{_K}.TNMT", "CN", None, DEPT_END)],
    **_run(f"{_K}.NNMT", 85, 102, "MT", valid_from=S.DEPT_MERGE),
    103: (f"{_K}.TTR", "CN", None, None), **_run(f"{_K}.TTR", 104, 112, "NV"),
    113: (f"{_K}.YT.ATTP", "CN", None, None), **_run(f"{_K}.YT.ATTP", 114, 125, "NV"),
    126: (f"{_K}.NNMT.QLCL", "CN", None, None), **_run(f"{_K}.NNMT.QLCL", 127, 139, "NV"),
    142: (f"{_K}.TTTT", "CN", None, DEPT_END),
    144: (f"{_K}.KHCN", "CN-TTTT", S.DEPT_MERGE, None),
    145: ("NT.YT", "CN", None, PROV_END),
    146: (f"{_K}.YT", "CN", None, None),
    149: (f"{_K}.GDDT", "NV1", None, None), 150: (f"{_K}.GDDT", "CN", None, None),
    151: ("NT.GDDT", "CN", None, PROV_END),
    152: (f"{_K}.GTVT", "CN", None, DEPT_END),
    **_run(f"{_K}.XD", 153, 156, "GT", valid_from=S.DEPT_MERGE),
    157: (f"{_K}.XD", "CN-GTVT", S.DEPT_MERGE, None),
    158: (f"{_K}.XD", "CN", None, None),
    159: (f"{_K}.CT", "CN", None, None),
    165: (f"{_K}.VHTTDL", "CN", None, None), 166: (f"{_K}.VHTTDL", "NV1", None, None),
    169: (f"{_K}.VHTTDL", "NV2", None, None), 170: (f"{_K}.VHTTDL", "NV3", None, None),
    171: (f"{_K}.DL", "CN", None, None),
    172: [(f"{_K}.VP", "CN", None, None), ("NT.VP", "CN", None, PROV_END)], 173: (f"{_K}.VP.TH", "NV1", None, None), 174: (f"{_K}.VP.NC", "NV1", None, None),
    178: (f"{_K}.KHDT", "CN", None, DEPT_END),
}

_OTHER_PLACES = ["Hưng Yên", "Hậu Giang", "Gia Lai", "Lâm Đồng", "Thừa Thiên-Huế", "Bình Dương", "Bạc Liêu", "Hải Dương",
                 "Trà Vinh", "Tây Ninh", "Bình Định", "Yên Bái", "Vĩnh Phúc", "Đồng Nai", "Bà Rịa - Vũng Tàu"]
_CITY_SOURCES = {30, *range(31, 57), 157, 159}  # texts of centrally-run cities: "thành phố" → "tỉnh"

SECTORS = [
    ("an toàn thực phẩm", ("an toàn thực phẩm", "an toàn vệ sinh thực phẩm", "vệ sinh an toàn thực phẩm")),
    ("giáo dục nghề nghiệp", ("giáo dục nghề nghiệp", "dạy nghề")),
    ("bảo trợ xã hội", ("bảo trợ xã hội",)), ("trẻ em", ("trẻ em",)), ("báo chí", ("báo chí",)),
    ("xuất bản", ("xuất bản",)), ("du lịch", ("du lịch",)), ("đất đai", ("đất đai",)),
    ("tài nguyên nước", ("tài nguyên nước",)), ("thủy lợi", ("thủy lợi",)), ("môi trường", ("môi trường",)),
    ("khoáng sản", ("khoáng sản",)), ("nông nghiệp", ("nông nghiệp",)), ("lâm nghiệp", ("lâm nghiệp",)),
    ("thủy sản", ("thủy sản",)), ("giao thông vận tải", ("giao thông",)), ("y tế", ("y tế",)),
    ("giáo dục", ("giáo dục mầm non", "giáo dục phổ thông", "giáo dục và đào tạo")), ("lao động", ("lao động",)),
    ("người có công", ("người có công",)), ("tài chính", ("tài chính",)), ("đầu tư", ("đầu tư",)),
    ("khoa học và công nghệ", ("khoa học và công nghệ", "khoa học, công nghệ")),
    ("công nghệ thông tin", ("công nghệ thông tin", "chuyển đổi số")), ("bưu chính, viễn thông", ("bưu chính", "viễn thông")),
    ("văn hóa", ("văn hóa",)), ("thể dục, thể thao", ("thể dục, thể thao", "thể dục thể thao")),
    ("thanh tra", ("thanh tra",)), ("tư pháp", ("tư pháp",)), ("công thương", ("công nghiệp", "thương mại")),
    ("nội vụ", ("tổ chức bộ máy", "biên chế")), ("xây dựng", ("lĩnh vực xây dựng", "ngành xây dựng")), ("tiếp công dân", ("tiếp công dân",)),
]


def _norm(text: str) -> str:
    t = text.lower()
    for a, b in (("uỷ", "ủy"), ("thuỷ", "thủy"), ("hoá", "hóa"), ("khoẻ", "khỏe"), ("hoà", "hòa")):
        t = t.replace(a, b)
    return t


def sectors_of(text: str) -> str:
    t = _norm(text)
    return ";".join(name for name, keys in SECTORS if any(k in t for k in keys))


# The source notes of the real texts are English; the demo shows Vietnamese only.
_NOTE_VI = [
    (" [truncated in source excerpt]", " […]"), ("provincial QĐ, number not in excerpt", "quyết định của tỉnh, không rõ số"),
    ("number not in source", "không rõ số"), ("older regulation", "văn bản cũ"), ("guidance under", "hướng dẫn theo"),
    ("page dated", "trang ngày"), ("unit-level duty of", "nhiệm vụ cấp phòng của"), ("; per ", "; theo "),
]


def vietnamese_notes(text: str) -> str:
    for english, vietnamese in _NOTE_VI:
        text = text.replace(english, vietnamese)
    return text


def adapt(text: str, line: int, province: str) -> str:
    for place in _OTHER_PLACES:
        text = re.sub(rf"\b(tỉnh|Tỉnh) {re.escape(place)}", lambda m: f"{m.group(1)} {province}", text)
    if line in _CITY_SOURCES:
        text = re.sub(r"thành phố (HÀ NỘI|Hà Nội|Hồ Chí Minh|Cần Thơ)", f"tỉnh {province}", text)
        text = text.replace("Thành phố", "tỉnh").replace("thành phố", "tỉnh")
    return text


def real_mandates() -> list[dict]:
    rows = []
    with open(SOURCE, encoding="utf-8") as f:
        for raw in f:
            item = json.loads(raw)
            line = item["line"]
            if line not in MAPPING:
                continue
            targets = MAPPING[line] if isinstance(MAPPING[line], list) else [MAPPING[line]]
            for agency, ref, valid_from, valid_to in targets:
                province = "Ninh Thuận" if agency.startswith("NT.") else "Khánh Hòa"
                text = vietnamese_notes(adapt(item["text"], line, province))
                legal = vietnamese_notes(item["instrument"])
                if text != item["text"]:
                    legal += " — văn bản mẫu, đã thay tên địa phương cho dữ liệu minh họa"
                rows.append({"agency_code": agency, "ref": ref, "kind": item["kind"], "text": text,
                             "sectors": sectors_of(text), "legal_basis": legal, "valid_from": valid_from,
                             "valid_to": valid_to})
    return rows


DIVISION_TOPICS = {  # Thanh tra tỉnh: the three "Phòng Nghiệp vụ" split the inspected sectors
    "NV1": "thanh tra kinh tế: tài chính, ngân sách, đầu tư xây dựng cơ bản và doanh nghiệp nhà nước",
    "NV2": "thanh tra văn hóa - xã hội: giáo dục, y tế, lao động, việc làm và chính sách xã hội",
    "NV3": "thanh tra việc quản lý, sử dụng đất đai, tài nguyên, khoáng sản và bảo vệ môi trường",
}
SUB_TOPICS = {
    "KL": "bảo vệ và phát triển rừng, quản lý lâm sản, phòng cháy, chữa cháy rừng",
    "TL": "thủy lợi, đê điều, nước sạch nông thôn và phòng, chống thiên tai",
    "CNTY": "chăn nuôi, thú y, phòng, chống dịch bệnh động vật và kiểm dịch động vật",
    "TS": "thủy sản, khai thác, nuôi trồng và bảo vệ nguồn lợi thủy sản",
    "TDC": "tiêu chuẩn, đo lường, chất lượng sản phẩm, hàng hóa và mã số, mã vạch",
    "DS": "dân số, kế hoạch hóa gia đình và chất lượng dân số",
    "TDKT": "thi đua, khen thưởng",
}
PSU_TOPICS = {
    "hospital": "khám bệnh, chữa bệnh, phục hồi chức năng và cấp cứu cho nhân dân",
    "cdc": "y tế dự phòng, phòng, chống dịch bệnh, tiêm chủng và xét nghiệm",
    "school": "giáo dục trung học phổ thông theo chương trình giáo dục phổ thông",
    "college": "đào tạo trình độ cao đẳng, trung cấp và bồi dưỡng kỹ năng nghề cho người lao động",
    "archive": "thu thập, bảo quản an toàn và phát huy giá trị tài liệu lưu trữ lịch sử của tỉnh",
    "legal": "cung cấp dịch vụ trợ giúp pháp lý, công chứng cho người dân",
    "trade": "khuyến công, xúc tiến thương mại, hỗ trợ doanh nghiệp công nghiệp nông thôn",
    "land": "đăng ký đất đai, cập nhật, chỉnh lý hồ sơ địa chính và cơ sở dữ liệu đất đai",
    "agri": "khuyến nông, chuyển giao tiến bộ kỹ thuật trong nông nghiệp, lâm nghiệp, thủy sản",
    "transport": "kiểm định an toàn kỹ thuật và bảo vệ môi trường phương tiện giao thông cơ giới đường bộ",
    "it": "cung cấp dịch vụ hạ tầng số, vận hành trung tâm dữ liệu và hệ thống thông tin của tỉnh",
    "culture": "sưu tầm, kiểm kê, bảo quản, trưng bày hiện vật và di sản văn hóa",
    "library": "xây dựng vốn tài liệu và phục vụ bạn đọc của thư viện công cộng",
    "sport": "huấn luyện, đào tạo vận động viên và tổ chức thi đấu thể thao thành tích cao",
    "social": "chăm sóc, nuôi dưỡng đối tượng bảo trợ xã hội và cung cấp dịch vụ công tác xã hội",
    "tourism": "xúc tiến, quảng bá du lịch và cung cấp thông tin du lịch",
}


def generated_function(agency: dict, parent: dict | None, profile: str = "") -> str | None:
    """A short function statement for a unit without a published text (None: none given)."""
    name, kind, tag = agency["name"], agency["kind"], agency["code"].rsplit(".", 1)[-1]
    pname = parent["name"] if parent else ""
    if kind == "people_committee":
        place = "tỉnh" if agency["level"] == "province" else ("thị xã" if agency["level"] == "district" else
                                                              "phường" if "phường" in name else "xã")
        return (f"{name} là cơ quan chấp hành của Hội đồng nhân dân {place}, cơ quan hành chính nhà nước ở địa phương, "
                f"tổ chức thi hành Hiến pháp, pháp luật và quản lý hành chính nhà nước trên địa bàn {place}.")
    # Internal support units do the same work in every agency: worded as that boilerplate (RULES §5).
    if kind == "division" and name.startswith("Văn phòng") and parent and parent["kind"] != "people_committee":
        return (f"Quản lý tổ chức bộ máy, biên chế, tài chính, tài sản, văn thư, lưu trữ và công tác hành chính, "
                f"tổng hợp, quản trị nội bộ của {pname}.")
    if kind == "division" and name.startswith("Văn phòng"):
        return (f"{name} có chức năng tham mưu, giúp Ủy ban nhân dân tổng hợp, điều phối chương trình công tác, "
                "kiểm soát thủ tục hành chính và thực hiện công tác hành chính, văn thư, lưu trữ.")
    if kind == "division" and name in ("Phòng Tổ chức cán bộ", "Phòng Kế hoạch - Tài chính"):
        what = "tổ chức bộ máy, cán bộ, công chức, viên chức" if "cán bộ" in name else "tài chính, tài sản, kế hoạch và đầu tư công"
        return f"Quản lý {what} của {pname} và các đơn vị trực thuộc."
    if kind == "division" and parent and parent["kind"] == "sub_department":
        return f"{name} là tổ chức thuộc {pname}, trực tiếp tuần tra, kiểm tra, phòng cháy, chữa cháy rừng và xử lý vi phạm trên địa bàn được giao."
    if kind in ("division", "board"):
        topic = name.split(" ", 1)[1] if " " in name else name
        topic = DIVISION_TOPICS.get(tag if parent and parent["code"].endswith(".TTR") else "", topic[0].lower() + topic[1:])
        if kind == "board":
            topic = "tiếp công dân, tiếp nhận, xử lý đơn khiếu nại, tố cáo, kiến nghị, phản ánh tại Trụ sở tiếp công dân tỉnh"
        return f"{name} là tổ chức thuộc {pname}, có chức năng tham mưu, giúp lãnh đạo {pname} thực hiện nhiệm vụ về {topic}."
    if kind == "sub_department" and tag in SUB_TOPICS:
        return (f"{name} là tổ chức hành chính trực thuộc {pname}, giúp Giám đốc Sở tham mưu quản lý nhà nước và tổ chức "
                f"thực thi pháp luật về {SUB_TOPICS[tag]} trên địa bàn tỉnh.")
    if kind == "public_service_unit" and profile in PSU_TOPICS:
        return f"{name} là đơn vị sự nghiệp công lập trực thuộc {pname}, có chức năng {PSU_TOPICS[profile]}."
    return None
