"""Mandates (chức năng, nhiệm vụ) for generated agencies, drawn and varied from the real texts
of `data/mandates_real.jsonl`, plus planted overlaps (duties copied into a sibling agency)."""
import hashlib
import re
from functools import cache

from . import reference as ref

# 2025 department → the pre-2025 agencies whose texts it inherited
SOURCES = {
    "Sở Nội vụ": ["Sở Nội vụ", "Sở Lao động - Thương binh và Xã hội"],
    "Sở Tư pháp": ["Sở Tư pháp"],
    "Sở Tài chính": ["Sở Tài chính", "Sở Kế hoạch và Đầu tư"],
    "Sở Công Thương": ["Sở Công Thương"],
    "Sở Nông nghiệp và Môi trường": ["Sở Nông nghiệp và Phát triển nông thôn", "Sở Tài nguyên và Môi trường"],
    "Sở Xây dựng": ["Sở Xây dựng", "Sở Giao thông vận tải"],
    "Sở Khoa học và Công nghệ": ["Sở Khoa học và Công nghệ", "Sở Thông tin và Truyền thông"],
    "Sở Văn hóa, Thể thao và Du lịch": ["Sở Văn hóa, Thể thao và Du lịch"],
    "Sở Giáo dục và Đào tạo": ["Sở Giáo dục và Đào tạo"],
    "Sở Y tế": ["Sở Y tế"],
    "Thanh tra tỉnh": ["Thanh tra tỉnh"],
    "Văn phòng Ủy ban nhân dân tỉnh": ["Văn phòng Ủy ban nhân dân tỉnh"],
    "Sở Du lịch": ["Sở Du lịch"],
    "Chi cục An toàn vệ sinh thực phẩm": ["Chi cục An toàn vệ sinh thực phẩm (thuộc Sở Y tế)"],
    "Chi cục Quản lý chất lượng Nông Lâm sản và Thủy sản": [
        "Chi cục Quản lý chất lượng Nông Lâm sản và Thủy sản (thuộc Sở Nông nghiệp và Phát triển nông thôn)"
    ],
    "BYT": ["Bộ Y tế"],
    "BGDĐT": ["Bộ Giáo dục và Đào tạo"],
    "BNNMT": ["Bộ Tài nguyên và Môi trường"],
}
RENAMES = [
    ("Sở Nông nghiệp và Phát triển nông thôn", "Sở Nông nghiệp và Môi trường"),
    ("Sở Tài nguyên và Môi trường", "Sở Nông nghiệp và Môi trường"),
    ("Sở Giao thông vận tải", "Sở Xây dựng"),
    ("Sở Thông tin và Truyền thông", "Sở Khoa học và Công nghệ"),
    ("Sở Kế hoạch và Đầu tư", "Sở Tài chính"),
    ("Sở Lao động - Thương binh và Xã hội", "Sở Nội vụ"),
    ("Sở Lao động – Thương binh và Xã hội", "Sở Nội vụ"),
    ("Bộ Tài nguyên và Môi trường", "Bộ Nông nghiệp và Môi trường"),
]
PROVINCE_RE = re.compile(r"(tỉnh|thành phố) (?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ][\wÀ-ỹ]*)(?: [A-ZĐÂĂÊÔƠƯÁÀẢÃẠ][\wÀ-ỹ]*){0,2}")
SECTORS = {
    "Sở Nội vụ": "nội vụ;lao động", "Sở Tư pháp": "tư pháp", "Sở Tài chính": "tài chính;đầu tư",
    "Sở Công Thương": "công thương", "Sở Nông nghiệp và Môi trường": "nông nghiệp;môi trường",
    "Sở Xây dựng": "xây dựng;giao thông", "Sở Khoa học và Công nghệ": "khoa học;công nghệ;thông tin",
    "Sở Văn hóa, Thể thao và Du lịch": "văn hóa;thể thao;du lịch", "Sở Giáo dục và Đào tạo": "giáo dục",
    "Sở Y tế": "y tế", "Thanh tra tỉnh": "thanh tra", "Chi cục An toàn vệ sinh thực phẩm": "an toàn thực phẩm",
    "Chi cục Quản lý chất lượng Nông Lâm sản và Thủy sản": "an toàn thực phẩm;nông nghiệp",
}


@cache
def texts_by_agency() -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for row in ref.real_mandates():
        out.setdefault(row["agency"], []).append(row)
    return out


def text_key(kind: str, text: str) -> str:
    return hashlib.sha256(f"{kind}\x00{text}".encode()).hexdigest()


def _adapt(text: str, where: str, rng) -> str:
    text = text.replace(" [truncated in source excerpt]", "").strip()
    for old, new in RENAMES:
        text = text.replace(old, new)
    text = PROVINCE_RE.sub(where, text)
    if rng.random() < 0.3 and ";" in text:  # vary: drop one enumerated clause
        parts = text.split(";")
        del parts[rng.randrange(len(parts))]
        text = ";".join(parts).strip()
    return text


def for_agency(node, where: str, rng) -> list[tuple]:
    """[(ref, kind, text, sectors, legal_basis)] for one agency."""
    sources = SOURCES.get(node.family, [])
    if node.kind in ("department", "department_equivalent", "sub_department", "ministry", "ministry_equivalent"):
        items = [m for s in sources for m in texts_by_agency().get(s, [])]
        if items:
            keep = [m for m in items if m["kind"] == "function" or rng.random() < 0.85]
            out, nf, nd = [], 0, 0
            seen = set()
            for m in keep:
                text = _adapt(m["text"], where, rng)
                if (m["kind"], text) in seen:
                    continue
                seen.add((m["kind"], text))
                if m["kind"] == "function":
                    nf += 1
                    r = f"CN{nf:02d}"
                else:
                    nd += 1
                    r = f"NV{nd:02d}"
                out.append((r, m["kind"], text, SECTORS.get(node.family, ""), m.get("instrument", "")))
            return out
    return [("CN01", "function", _template(node, where), SECTORS.get(node.family, ""), "")]


def _template(node, where: str) -> str:
    name = node.name.split(",")[0]
    if node.kind == "people_committee" and node.level == "commune":
        return (f"{node.name} là cơ quan hành chính nhà nước ở địa phương, tổ chức thi hành Hiến pháp, pháp luật và "
                "quản lý nhà nước trên địa bàn theo Luật Tổ chức chính quyền địa phương 2025.")
    if node.kind == "people_committee":
        return f"{node.name} thực hiện quản lý nhà nước ở địa phương trên các lĩnh vực theo quy định của pháp luật."
    if node.kind == "division":
        topic = name.removeprefix("Phòng ").removeprefix("Khoa ").lower()
        return f"{name} là đơn vị thuộc {node.name.split(', ', 1)[-1]}, tham mưu, giúp thực hiện công tác {topic}."
    if node.kind == "public_service_unit":
        return f"{node.name} là đơn vị sự nghiệp công lập, cung cấp dịch vụ sự nghiệp công theo quy định của pháp luật."
    return f"{node.name} thực hiện chức năng tham mưu, quản lý nhà nước trong phạm vi được giao ({where})."


def planted_overlap(rng, province_nodes) -> tuple | None:
    """Pick (source node, target node): the target gets copies of 2–3 of the source's duties.
    Mirrors the real case of food safety split between Y tế and Nông nghiệp."""
    by_family = {}
    for n in province_nodes:
        if n.kind in ("department", "sub_department", "department_equivalent"):
            by_family.setdefault(n.family, n)
    pairs = [("Chi cục An toàn vệ sinh thực phẩm", "Sở Công Thương"),
             ("Sở Văn hóa, Thể thao và Du lịch", "Sở Khoa học và Công nghệ"),
             ("Sở Tư pháp", "Sở Nội vụ")]
    options = [(by_family[a], by_family[b]) for a, b in pairs if a in by_family and b in by_family]
    return rng.choice(options) if options else None
