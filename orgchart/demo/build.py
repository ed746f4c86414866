"""Turn the structure spec into agency and job-position records (plain dicts).

Position dicts carry the CONTRACT columns plus private keys (leading underscore) used by the
career simulation: `_stype` (staff type of holders), `_base` (seats fillable before
`_reserve_until`, the rest being reserved for staff arriving in a merger), `_holder_rank`,
`_fields`, `_successor` (position receiving the holders when the agency is dissolved).
"""
from orgchart.demo import spec as S

LEADER_STANDARDS = {  # tier → role → (required_rank, min_education, theory, state_mgmt, years)
    "pc": {"head": (S.CVCC, "bachelor", "advanced", "senior", 10), "deputy": (S.CVC, "bachelor", "advanced", "principal", 8)},
    "dept": {"head": (S.CVC, "bachelor", "advanced", "principal", 5), "deputy": (S.CVC, "bachelor", "advanced", "principal", 5)},
    "sub": {"head": (S.CVC, "bachelor", "intermediate", "principal", 5), "deputy": (S.CV, "bachelor", "intermediate", "specialist", 3)},
    "div": {"head": (S.CV, "bachelor", "intermediate", "specialist", 3), "deputy": (S.CV, "bachelor", "intermediate", "specialist", 2)},
    "psu": {"head": ("", "bachelor", "intermediate", "specialist", 5), "deputy": ("", "bachelor", "intermediate", "specialist", 3)},
    "cpc": {"head": ("", "bachelor", "intermediate", "specialist", 3), "deputy": ("", "bachelor", "intermediate", "", 2)},
}


class Builder:
    def __init__(self):
        self.agencies: list[dict] = []
        self.positions: list[dict] = []
        self.by_code: dict[str, dict] = {}

    # ----------------------------------------------------------------- agencies
    def agency(self, code, name, kind, level, parent=None, tier="div", short="", klass="", established=None,
               dissolved=None, legal=""):
        a = {"code": code, "name": name, "short_name": short, "kind": kind, "level": level, "parent_code": parent or "",
             "class": klass, "established_on": established, "dissolved_on": dissolved, "legal_basis": legal,
             "_tier": tier}
        self.agencies.append(a)
        self.by_code[code] = a
        return a

    # ---------------------------------------------------------------- positions
    def position(self, agency, tag, title, category, quota, stype, role="none", rank="", edu="", fields=(),
                 theory="", mgmt="", years=None, holder_rank=None, base=None, reserve_until=None, fill=True,
                 field_key=None):
        p = {"code": f"{agency['code']}.{tag}", "agency_code": agency["code"], "title": title, "category": category,
             "leadership_role": role, "required_rank": rank, "min_education": edu,
             "education_fields": list(fields), "min_political_theory": theory, "min_state_mgmt": mgmt,
             "min_years_experience": years, "requires_succession_plan": category == "leadership",
             "quota": quota, "_stype": stype, "_holder_rank": holder_rank if holder_rank is not None else rank,
             "_base": quota if base is None else base, "_reserve_until": reserve_until, "_fill": fill,
             "_fields": list(fields) or S.FIELDS["admin"], "_field_key": field_key, "_successor": None,
             "_tier": agency["_tier"]}
        self.positions.append(p)
        return p

    def leaders(self, agency, tier, head_title, deputy_title, deputies, stype, fields=(), base_deputies=None,
                reserve_until=None, holder_rank=None):
        head = LEADER_STANDARDS[tier]["head"]
        dep = LEADER_STANDARDS[tier]["deputy"]
        hr = holder_rank or (head[0] or None)
        out = [self.position(agency, "TRUONG", head_title, "leadership", 1, stype, "head", head[0], head[1], fields,
                             head[2], head[3], head[4], holder_rank=hr)]
        if deputies:
            out.append(self.position(agency, "PHO", deputy_title, "leadership", deputies, stype, "deputy", dep[0], dep[1],
                                     fields, dep[2], dep[3], dep[4], holder_rank=holder_rank or (dep[0] or None),
                                     base=base_deputies, reserve_until=reserve_until))
        return out

    def professionals(self, agency, n, field_key, topic, extra=0, reserve_until=None, inspect=False):
        """Split n (+ extra reserved) professional seats into chuyên viên chính / chuyên viên."""
        fields = S.FIELDS[field_key]
        if inspect:
            self.position(agency, "TTVC", "Thanh tra viên chính", "professional", 2, "civil_servant",
                          rank=S.THANH_TRA_CHINH, edu="bachelor", fields=fields, mgmt="principal", years=9)
            self.position(agency, "TTV", f"Thanh tra viên {topic}", "professional", n - 2, "civil_servant",
                          rank=S.THANH_TRA, edu="bachelor", fields=fields, years=1)
            return
        rest = n
        if n >= 7:
            self.position(agency, "CVC", f"Chuyên viên chính {topic}", "professional", 2, "civil_servant", rank=S.CVC,
                          edu="bachelor", fields=fields, mgmt="principal", years=9)
            rest -= 2
        self.position(agency, "CV", f"Chuyên viên {topic}", "professional", rest + extra, "civil_servant", rank=S.CV,
                      edu="bachelor", fields=fields, years=0, base=rest if extra else None,
                      reserve_until=reserve_until if extra else None)

    def office_staff(self, agency, n, drivers=2, topic="tổng hợp"):
        self.position(agency, "CV", f"Chuyên viên {topic}", "professional", n - 3, "civil_servant", rank=S.CV,
                      edu="bachelor", fields=S.FIELDS["admin"], years=0)
        self.position(agency, "KT", "Kế toán", "shared_professional", 2, "civil_servant", rank=S.KE_TOAN,
                      edu="bachelor", fields=S.FIELDS["acct"], years=0)
        self.position(agency, "VT", "Văn thư", "shared_professional", 1, "civil_servant", rank=S.VAN_THU,
                      edu="college", fields=S.FIELDS["clerk"], years=0)
        self.support(agency, drivers)

    def support(self, agency, drivers=2, guards=1, servers=1, hospital=False):
        if drivers:
            self.position(agency, "LX", "Nhân viên lái xe", "support", drivers, "contract", edu="secondary")
        if guards:
            self.position(agency, "BV", "Nhân viên bảo vệ", "support", guards, "contract", edu="secondary")
        if servers:
            self.position(agency, "PV", "Hộ lý" if hospital else "Nhân viên phục vụ", "support", servers, "contract",
                          edu="secondary")


def _division_deputies(n_prof, opts):
    return opts.get("deputies", 1 if n_prof <= 8 else 2)


def _topic(name: str) -> str:
    for prefix in ("Phòng ", "Ban ", "Chi cục "):
        if name.startswith(prefix):
            rest = name[len(prefix):]
            return "về " + rest[0].lower() + rest[1:]
    return ""


def build() -> Builder:
    b = Builder()
    pc = b.agency(S.P, "Ủy ban nhân dân tỉnh Khánh Hòa", "people_committee", "province", tier="pc",
                  short="UBND tỉnh Khánh Hòa", klass="I",
                  legal="Nghị quyết 202/2025/QH15 (hợp nhất tỉnh Khánh Hòa và tỉnh Ninh Thuận, từ 01/7/2025)")
    b.leaders(pc, "pc", "Chủ tịch Ủy ban nhân dân tỉnh", "Phó Chủ tịch Ủy ban nhân dân tỉnh", 7, "cadre",
              base_deputies=4, reserve_until=S.PROV_MERGE)

    successors_of = {d[2] for d in S.DISSOLVED_DEPARTMENTS} | {d[3] for d in S.FORMER_DEPARTMENTS}
    extra_from_province = {(d[3], d[4]): 6 for d in S.FORMER_DEPARTMENTS}
    for dep in S.DEPARTMENTS:
        tag, name, kind, head_t, dep_t, deputies, divisions, subs, psus, boards = dep[:10]
        opts = dep[10] if len(dep) > 10 else {}
        code = f"{S.P}.{tag}"
        legal = "Nghị định 45/2025/NĐ-CP Đ8 → Nghị định 150/2025/NĐ-CP"
        d = b.agency(code, name, kind, "province", S.P, tier="dept", established=opts.get("established"), legal=legal,
                     short=name.replace("Sở ", "S. ") if kind == "department" else "")
        reserve = S.PROV_MERGE if tag in {x[3] for x in S.FORMER_DEPARTMENTS} else S.DEPT_MERGE
        b.leaders(d, "dept", head_t, dep_t, deputies, "civil_servant",
                  base_deputies=3 if tag in successors_of else None,
                  reserve_until=reserve if tag in successors_of else None)
        for div in divisions:
            dtag, dname, n, fkey = div[:4]
            dopts = div[4] if len(div) > 4 else {}
            extra = dopts.get("extra", 0) + extra_from_province.get((tag, dtag), 0)
            a = b.agency(f"{code}.{dtag}", dname, "division", "province", code, tier="div",
                         established=opts.get("established"))
            fields = sorted(set(S.FIELDS[fkey]) | set(S.FIELDS["admin"]))
            b.leaders(a, "div", "Chánh Văn phòng" if dname == "Văn phòng" else "Trưởng phòng",
                      "Phó Chánh Văn phòng" if dname == "Văn phòng" else "Phó Trưởng phòng",
                      _division_deputies(n + extra, dopts), "civil_servant", fields=fields)
            if dopts.get("office"):
                b.office_staff(a, n, drivers=dopts.get("drivers", 2))
            else:
                until = S.PROV_MERGE if (tag, dtag) in extra_from_province else S.DEPT_MERGE
                b.professionals(a, n, fkey, _topic(dname), extra=extra, reserve_until=until,
                                inspect=dopts.get("inspect", False))
        for sub in subs:
            stag, sname, n, fkey = sub[:4]
            sopts = sub[4] if len(sub) > 4 else {}
            a = b.agency(f"{code}.{stag}", sname, "sub_department", "province", code, tier="sub")
            fields = sorted(set(S.FIELDS[fkey]) | set(S.FIELDS["admin"]))
            b.leaders(a, "sub", "Chi cục trưởng" if sname.startswith("Chi cục") else "Trưởng ban",
                      "Phó Chi cục trưởng" if sname.startswith("Chi cục") else "Phó Trưởng ban",
                      2 if n >= 9 else 1, "civil_servant", fields=fields)
            b.professionals(a, n - 1, fkey, _topic(sname))
            b.position(a, "KT", "Kế toán", "shared_professional", 1, "civil_servant", rank=S.KE_TOAN, edu="bachelor",
                       fields=S.FIELDS["acct"], years=0)
            b.support(a, drivers=1, guards=0, servers=0)
            if "child" in sopts:
                ctag, cname, cn, ckey = sopts["child"]
                c = b.agency(f"{a['code']}.{ctag}", cname, "division", "province", a["code"], tier="div")
                b.leaders(c, "div", "Đội trưởng", "Đội phó", 1, "civil_servant", fields=S.FIELDS[ckey])
                b.position(c, "KLV", "Kiểm lâm viên", "professional", cn, "civil_servant", rank="10.226", edu="college",
                           fields=S.FIELDS[ckey], years=0)
        for board in boards:
            btag, bname, bkind, n, fkey = board
            a = b.agency(f"{code}.{btag}", bname, bkind, "province", code, tier="div")
            lead = b.leaders(a, "div", "Trưởng ban", "Phó Trưởng ban", 1, "civil_servant", fields=S.FIELDS[fkey])
            lead[0]["_fill"] = False  # the head post is held concurrently (kiêm nhiệm) only — see README
            b.professionals(a, n, fkey, "tiếp công dân, xử lý đơn thư")
        for psu in psus:
            ptag, pname, profile, size = psu[:4]
            popts = psu[4] if len(psu) > 4 else {}
            a = b.agency(f"{code}.{ptag}", pname, "public_service_unit", "province", code, tier="psu")
            _psu_positions(b, a, profile, size, popts)

    for tag, name, succ, div_tag, fkey in S.DISSOLVED_DEPARTMENTS:
        d = b.agency(f"{S.P}.{tag}", name, "department", "province", S.P, tier="dept", dissolved=S.DEPT_MERGE,
                     legal=f"Giải thể, hợp nhất vào {b.by_code[f'{S.P}.{succ}']['name']} (Nghị định 45/2025/NĐ-CP)")
        head, dep = b.leaders(d, "dept", "Giám đốc Sở", "Phó Giám đốc Sở", 1, "civil_servant")
        cv = b.position(d, "CV", "Chuyên viên", "professional", 4, "civil_servant", rank=S.CV, edu="bachelor",
                        fields=S.FIELDS[fkey], years=0)
        head["_successor"] = dep["_successor"] = f"{S.P}.{succ}.PHO"
        cv["_successor"] = f"{S.P}.{succ}.{div_tag}.CV"

    # Former tỉnh Ninh Thuận: its own root, dissolved 2025-07-01.
    nt_tag, nt_name = S.FORMER_PROVINCE
    nt = b.agency(nt_tag, nt_name, "people_committee", "province", None, tier="pc", klass="II", dissolved=S.PROV_MERGE,
                  legal="Nghị quyết 202/2025/QH15: hợp nhất vào tỉnh Khánh Hòa từ 01/7/2025")
    for p in b.leaders(nt, "pc", "Chủ tịch Ủy ban nhân dân tỉnh", "Phó Chủ tịch Ủy ban nhân dân tỉnh", 2, "cadre"):
        p["_successor"] = f"{S.P}.PHO"
    for tag, name, kind, succ, div_tag, fkey in S.FORMER_DEPARTMENTS:
        d = b.agency(f"{nt_tag}.{tag}", name, kind, "province", nt_tag, tier="dept", dissolved=S.PROV_MERGE)
        head_t = "Chánh Văn phòng" if tag == "VP" else "Giám đốc Sở"
        for p in b.leaders(d, "dept", head_t, "Phó " + head_t, 1, "civil_servant"):
            p["_successor"] = f"{S.P}.{succ}.PHO"
        cv = b.position(d, "CV", "Chuyên viên", "professional", 6, "civil_servant", rank=S.CV, edu="bachelor",
                        fields=S.FIELDS[fkey], years=0)
        cv["_successor"] = f"{S.P}.{succ}.{div_tag}.CV"

    # Abolished district (thị xã Ninh Hòa) → ward Ninh Hòa; then the new communes and wards.
    dtag, dname, dsucc = S.DISTRICT
    dist = b.agency(f"{S.P}.{dtag}", dname, "people_committee", "district", S.P, tier="cpc", dissolved=S.PROV_MERGE,
                    legal="Luật Tổ chức chính quyền địa phương 72/2025/QH15 (kết thúc cấp huyện)")
    for p in b.leaders(dist, "cpc", "Chủ tịch Ủy ban nhân dân thị xã", "Phó Chủ tịch Ủy ban nhân dân thị xã", 2, "cadre"):
        p["_successor"] = f"{S.P}.{dsucc}.{p['code'].rsplit('.', 1)[1]}"
    cv = b.position(dist, "CV", "Chuyên viên", "professional", 9, "civil_servant", rank=S.CV, edu="bachelor",
                    fields=S.FIELDS["admin"], years=0)
    cv["_successor"] = f"{S.P}.{dsucc}.KT.CV"
    for ctag, cname, ckind in S.COMMUNES:
        c = b.agency(f"{S.P}.{ctag}", cname, "people_committee", "commune", S.P, tier="cpc", established=S.PROV_MERGE,
                     legal="Nghị quyết của Ủy ban Thường vụ Quốc hội về sắp xếp đơn vị hành chính cấp xã năm 2025")
        b.leaders(c, "cpc", "Chủ tịch Ủy ban nhân dân", "Phó Chủ tịch Ủy ban nhân dân", 2, "cadre")
        econ_name = "Phòng Kinh tế, Hạ tầng và Đô thị" if ckind == "ward" else "Phòng Kinh tế"
        for dv_tag, dv_name, n, fkey in (("VP", "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân", 5, "admin"),
                                         ("KT", econ_name, 5, "econ"), ("VHXH", "Phòng Văn hóa - Xã hội", 4, "culture")):
            dv = b.agency(f"{c['code']}.{dv_tag}", dv_name, "division", "commune", c["code"], tier="div",
                          established=S.PROV_MERGE)
            b.leaders(dv, "div", "Chánh Văn phòng" if dv_tag == "VP" else "Trưởng phòng",
                      "Phó Chánh Văn phòng" if dv_tag == "VP" else "Phó Trưởng phòng", 1, "civil_servant",
                      fields=S.FIELDS[fkey])
            b.position(dv, "CV", f"Chuyên viên {_topic(dv_name) or 'tổng hợp'}", "professional", n, "civil_servant",
                       rank=S.CV, edu="bachelor", fields=S.FIELDS[fkey], years=0)
    return b


def _psu_positions(b: Builder, a: dict, profile: str, size: int, opts: dict):
    head_t, dep_t, deps, lead_rank = S.PSU_LEADERS.get(profile, ("Giám đốc", "Phó Giám đốc", 2, None))
    profs = S.PSU_PROFILES[profile]
    lead_fields = ()
    if profile in ("hospital", "cdc", "school", "college"):
        lead_fields = sorted({f for *_, fkey, _ in profs if fkey != "acct" for f in S.FIELDS[fkey]})
    if size < 20:
        deps = 1
    leaders = b.leaders(a, "psu", head_t, dep_t, deps, "public_employee", fields=lead_fields,
                        holder_rank=lead_rank or profs[0][1])
    if profile == "hospital":
        leaders[0]["min_education"] = "master"
    if opts.get("two_heads"):
        b.position(a, "TRUONG2", "Giám đốc Trung tâm Y tế huyện Cam Lâm (chức danh trước hợp nhất)", "leadership", 1,
                   "public_employee", "head", "", "bachelor", lead_fields, "intermediate", "specialist", 5,
                   holder_rank=lead_rank or profs[0][1])
    support = max(1, round(size * 0.05))
    rest = size - 1 - deps - support
    counts = [max(1, round(rest * share)) for *_, share in profs]
    counts[0] += rest - sum(counts)
    for i, ((title, rank, edu, fkey, _), n) in enumerate(zip(profs, counts, strict=True)):
        cat = "shared_professional" if rank == S.KE_TOAN else "professional"
        b.position(a, f"VC{i + 1}", title, cat, n, "public_employee", rank=rank, edu=edu, fields=S.FIELDS[fkey], years=0)
    guards = max(1, support // 2)
    b.support(a, drivers=1 if size >= 30 else 0, guards=guards, servers=support - guards, hospital=profile == "hospital")
