"""Job positions of a generated agency: a deterministic list from its kind and size (so ids can
be reserved before anything is generated); quotas are filled in later with the chunk's RNG."""
from . import reference as ref

HEADS = {
    "ministry": ("Bộ trưởng", "Thứ trưởng"),
    "ministry_equivalent": ("Thủ trưởng cơ quan ngang bộ", "Phó Thủ trưởng cơ quan ngang bộ"),
    "ministry_department": ("Vụ trưởng", "Phó Vụ trưởng"),
    "central_department": ("Cục trưởng", "Phó Cục trưởng"),
    "people_committee": ("Chủ tịch Ủy ban nhân dân", "Phó Chủ tịch Ủy ban nhân dân"),
    "department": ("Giám đốc Sở", "Phó Giám đốc Sở"),
    "department_equivalent": ("Chánh Văn phòng / Chánh Thanh tra", "Phó Chánh Văn phòng / Phó Chánh Thanh tra"),
    "sub_department": ("Chi cục trưởng", "Phó Chi cục trưởng"),
    "division": ("Trưởng phòng", "Phó Trưởng phòng"),
    "public_service_unit": ("Giám đốc", "Phó Giám đốc"),
}
PRO_ADMIN = ["Chuyên viên quản lý nghiệp vụ", "Chuyên viên tổng hợp", "Chuyên viên pháp chế", "Chuyên viên kế hoạch"]
PRO_SCHOOL = ["Giáo viên dạy Toán", "Giáo viên dạy Ngữ văn", "Giáo viên dạy Ngoại ngữ", "Giáo viên dạy Khoa học tự nhiên"]
PRO_HEALTH = ["Bác sĩ", "Điều dưỡng", "Kỹ thuật viên y", "Dược sĩ"]
PRO_SERVICE = ["Viên chức chuyên môn", "Viên chức kỹ thuật", "Viên chức tư vấn, hướng dẫn", "Viên chức hành chính"]


def context(node) -> str:
    """'school', 'health', 'service' (public employees) or 'admin' (civil servants)."""
    if node.kind == "public_service_unit" or (node.kind == "division" and ".DV" in node.code):
        if node.name.startswith("Trường") or "Giáo dục" in node.name:
            return "school"
        if node.code.count(".K") or "Y tế" in node.name or "Bệnh viện" in node.name or "Kiểm soát bệnh tật" in node.name:
            return "health"
        return "service"
    return "admin"


def titles(node):
    head, deputy = HEADS.get(node.kind, ("Thủ trưởng", "Cấp phó"))
    ctx = context(node)
    if ctx == "school":
        head, deputy = "Hiệu trưởng", "Phó Hiệu trưởng"
    elif node.kind == "division" and ".K" in node.code:
        head, deputy = "Trưởng khoa", "Phó Trưởng khoa"
    return head, deputy, ctx


def plan_positions(node) -> list[tuple]:
    """[(suffix, title, category, role)] — the count depends only on kind and size."""
    if node.parent is None:
        return []
    n = node.officials
    head, deputy, ctx = titles(node)
    out = [("VT01", head, "leadership", "head")]
    if n >= 3 or node.kind in ("ministry", "ministry_equivalent", "people_committee", "department", "department_equivalent"):
        out.append(("VT02", deputy, "leadership", "deputy"))
    pros = {"school": PRO_SCHOOL, "health": PRO_HEALTH, "service": PRO_SERVICE}.get(ctx, PRO_ADMIN)
    for i in range(1 + min(3, n // 12)):
        out.append((f"VT{len(out) + 1:02d}", pros[i], "professional", "none"))
    if n >= 8:
        out.append((f"VT{len(out) + 1:02d}", "Kế toán", "shared_professional", "none"))
    if n >= 12:
        out.append((f"VT{len(out) + 1:02d}", "Văn thư - Lái xe - Bảo vệ", "support", "none"))
    return out


def standards(node, role: str, category: str, ctx: str):
    """(min_education, education_fields, min_political_theory, min_state_mgmt, min_years, required_rank)."""
    high = node.kind in ("ministry", "ministry_equivalent", "ministry_department", "central_department", "department",
                         "department_equivalent") or (node.kind == "people_committee" and node.level == "province")
    fields = ref.EDU_FIELDS.get(node.family, "") if ctx == "admin" else ""
    if ctx == "school":
        fields = "Sư phạm"
    elif ctx == "health" and category == "professional":
        fields = "Y khoa;Điều dưỡng;Dược học;Kỹ thuật y học"
    rank_ok = ctx == "admin"
    if role == "head":
        return ("master" if high else "bachelor", "", "advanced" if high else "intermediate",
                "senior" if node.kind in ("ministry", "ministry_equivalent") else "principal",
                7 if high else 5, ("01.002" if high else "01.003") if rank_ok else "")
    if role == "deputy":
        return ("bachelor", "", "advanced" if high else "intermediate", "principal" if high else "specialist",
                5 if high else 3, "01.003" if rank_ok else "")
    if category == "support":
        return ("secondary", "", "", "", 0, "")
    if category == "shared_professional":
        return ("college", "Kế toán;Tài chính", "", "", 0, "")
    return ("bachelor", fields, "", "", 0, "01.003" if rank_ok else "")
