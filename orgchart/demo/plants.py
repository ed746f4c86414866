"""Planted cases: small, dated edits after the career simulation so that every rule of
domain/RULES.md has at least one example in the demo, plus finders for the cases that the
simulation produces by itself. Each returns notes (rule code, subject code, explanation) that
end up in fixtures/demo/README.md; subjects are resolved to official codes after numbering.
"""
import datetime as dt

from orgchart.core.dates import add_months
from orgchart.demo import spec as S
from orgchart.demo.careers import TODAY

K = S.P


def _holders(c, position_code):
    return sorted((a["official"] for a in c.holders[position_code]), key=lambda o: o["id"])


def _months_left(o, day=TODAY):
    return (o["retire"].year - day.year) * 12 + o["retire"].month - day.month


def force_fill(c, position_code, day, kind="first_appointment"):
    """Appoint a professional of the same agency until the position is full."""
    p = c.positions[position_code]
    while len(c.holders[position_code]) < p["quota"]:
        pros = [o for q in c.by_agency[p["agency_code"]] if q["leadership_role"] == "none" and q["_stype"] != "contract"
                for o in _holders(c, q["code"]) if not o["flags"]]
        if not pros:
            return
        o = max(pros, key=lambda x: (x["hired_on"] <= add_months(day, -60), -x["id"]))
        c.appoint(o, p, kind, day)


def add_holder(c, position_code, day, kind="transfer"):
    p = c.positions[position_code]
    o = c.new_official(p, day, "initial")
    c.assign(o, p, kind, day)
    o["flags"].add("planted")
    return o


def plant(c, rng) -> list[tuple[str, object, str]]:
    notes = []

    def note(code, subject, text, check=None):
        notes.append((code, subject, text, check))

    # Structure: a division with two deputies for < 10 staff, and the merged health centre's two heads.
    force_fill(c, f"{K}.CT.NL.PHO", dt.date(2026, 2, 2))
    note("STRUCT-DEPUTY-DIVISION", f"{K}.CT.NL", "Phòng Quản lý năng lượng: biên chế 8, 2 Phó Trưởng phòng (trần: 1)")
    for pos in (f"{K}.YT.TTYTCR.TRUONG", f"{K}.YT.TTYTCR.TRUONG2"):
        force_fill(c, pos, dt.date(2025, 7, 1), "higher_appointment")
    note("STRUCT-HEAD-MULTIPLE", f"{K}.YT.TTYTCR", "hai người giữ hai vị trí Giám đốc sau hợp nhất trung tâm y tế")

    # Apart from the planted vacancies, no head post is left empty today: appoint an eligible deputy.
    for p in sorted(c.positions.values(), key=lambda p: p["code"]):
        if p["leadership_role"] == "head" and p["_fill"] and p["code"] != f"{K}.DL.LH.TRUONG" \
                and c.active(p["agency_code"], TODAY) and not c.holders[p["code"]]:
            day = dt.date(2026, 11, 2)
            o, kind = c.leader_candidates(p, day)
            if o is not None:
                c.appoint(o, p, kind, day)

    # A vacant head with a deputy in charge (acting never counts as holding).
    head = f"{K}.DL.LH.TRUONG"
    force_fill(c, f"{K}.DL.LH.PHO", dt.date(2024, 6, 3))
    for o in _holders(c, head):
        c.separate(o, dt.date(2026, 9, 1), "transfer_out")
        note("ELIG-SEPARATED", o, "Trưởng phòng Quản lý lữ hành chuyển công tác ra ngoài tỉnh từ 01/9/2026",
             ("TRANSFER", f"{K}.DL.LT.CV"))
    for o in _holders(c, f"{K}.DL.LH.PHO")[:1]:
        c.assign(o, c.positions[head], "acting", dt.date(2026, 9, 1))
        note("STRUCT-HEAD-VACANT", f"{K}.DL.LH", "Trưởng phòng trống từ 01/9/2026; Phó Trưởng phòng được giao phụ trách (acting)")
    note("STRUCT-HEAD-VACANT", f"{K}.VP.TCD", "Trưởng ban Tiếp công dân chỉ do Phó Chánh Văn phòng kiêm nhiệm (concurrent)")
    for o in _holders(c, f"{K}.VP.PHO")[:1]:
        c.assign(o, c.positions[f"{K}.VP.TCD.TRUONG"], "concurrent", dt.date(2024, 1, 2))

    # Secondments to the new wards after the 2025 reform.
    for o in _holders(c, f"{K}.NV.CCVC.CV")[:2]:
        a = c.assign(o, c.positions[f"{K}.X-PR.VP.CV"], "secondment", dt.date(2025, 7, 1))
        a["end_on"] = dt.date(2026, 6, 30)
    for o in _holders(c, f"{K}.TC.NS.CV")[:1]:
        c.assign(o, c.positions[f"{K}.X-NH.KT.CV"], "secondment", dt.date(2025, 8, 1))
        note("secondment", o, "biệt phái về Phòng Kinh tế, Hạ tầng và Đô thị phường Ninh Hòa từ 01/8/2025 (vẫn giữ vị trí ở Sở Tài chính)")

    # Positions over their number of seats (RED-OVER-QUOTA, POS-QUOTA-FULL).
    for pos in (f"{K}.TC.NS.CV", f"{K}.GDDT.LTT.VC1"):
        p = c.positions[pos]
        while len(c.holders[pos]) <= p["quota"]:
            o = add_holder(c, pos, dt.date(2026, 4, 1))
        note("RED-OVER-QUOTA", pos, f"{p['title']}: {len(c.holders[pos])} người cho {p['quota']} chỗ (điều động 01/4/2026)")

    # Discipline bars.
    o = _pick(c, f"{K}.TC.NS.CVC")
    o["disciplines"] = [{"form": "reprimand", "decided_on": dt.date(2025, 9, 10), "effective_on": dt.date(2025, 9, 15)}]
    note("APPT-DISCIPLINE", o, "khiển trách QĐ 10/9/2025, hiệu lực 15/9/2025: QĐ 377 cấm bổ nhiệm 24 tháng (đến 15/9/2027)",
         ("FIRST_APPOINTMENT", f"{K}.TC.NS.PHO"))
    o = _pick(c, f"{K}.TP.HCTP.TRUONG")
    o["disciplines"] = [{"form": "warning", "decided_on": dt.date(2026, 3, 2), "effective_on": None}]
    note("REAPPT-DISCIPLINE", o, "Trưởng phòng Hành chính tư pháp bị cảnh cáo 02/3/2026: không bổ nhiệm lại trước 02/3/2027",
         ("REAPPOINTMENT", f"{K}.TP.HCTP.TRUONG"))

    # Ratings.
    o = _pick(c, f"{K}.YT.PHO")
    o["ratings"][2025] = "completed"
    note("APPT-RATING", o, "Phó Giám đốc Sở Y tế xếp loại 2025 'hoàn thành nhiệm vụ': chưa đủ để bổ nhiệm Giám đốc năm 2026",
         ("HIGHER_APPOINTMENT", f"{K}.YT.TRUONG"))
    o = _pick(c, f"{K}.CT.QLTM.PHO")
    o["flags"].add("no_rating_2025")
    note("APPT-RATING-MISSING", o, "chưa có xếp loại năm 2025", ("HIGHER_APPOINTMENT", f"{K}.CT.QLTM.TRUONG"))
    o = _pick(c, f"{K}.XD.HDXD.TRUONG")
    o["ratings"][2024] = "not_completed"
    note("REAPPT-RATING", o, "Trưởng phòng xếp loại 2024 'không hoàn thành nhiệm vụ' trong nhiệm kỳ đang giữ",
         ("REAPPOINTMENT", f"{K}.XD.HDXD.TRUONG"))
    reds = [o for q in (f"{K}.VHTTDL.QLVH.CV", f"{K}.XD.VT.CV", f"{K}.YT.BVDK.VC3", f"{K}.GDDT.NVT.VC1",
                        f"{K}.NNMT.VPDK.VC1", f"{K}.KHCN.CNTT.VC1") for o in _holders(c, q)[:1]]
    for i, o in enumerate(reds):
        o["ratings"][2025] = "not_completed"
        if i < 2 and o["gender"] == "female":
            o["youngest_child_born_on"] = dt.date(2024, 5, 12)
            note("RED-RATING (miễn)", o, "không hoàn thành nhiệm vụ 2025 nhưng nuôi con dưới 36 tháng: không thuộc diện tinh giản")
        else:
            note("RED-RATING", o, "xếp loại 2025 'không hoàn thành nhiệm vụ'")
    women = [o for q in (f"{K}.YT.BVDK.VC3", f"{K}.GDDT.LTT.VC1") for o in _holders(c, q)
             if o["gender"] == "female" and o["birth_date"] > dt.date(1988, 1, 1) and o not in reds][:1]
    for o in women:
        o["ratings"][2025] = "not_completed"
        o["youngest_child_born_on"] = dt.date(2024, 8, 20)
        note("RED-RATING (miễn)", o, "nữ, con sinh 20/8/2024 (< 36 tháng): được loại trừ khỏi danh sách tinh giản")

    # Standards.
    o = _pick(c, f"{K}.XD.HDXD.CV")
    o["education_level"] = "college"
    note("STD-EDUCATION / RED-QUALIFICATION", o, "trình độ cao đẳng, vị trí yêu cầu đại học", ("TRANSFER", f"{K}.XD.QHKT.CV"))
    o = _pick(c, f"{K}.NNMT.MT.CV")
    o["education_field"] = "Ngôn ngữ Anh"
    note("STD-EDU-FIELD / RED-QUALIFICATION", o, "chuyên ngành Ngôn ngữ Anh không thuộc chuyên ngành của vị trí Phòng Môi trường",
         ("TRANSFER", f"{K}.NNMT.TNN.CV"))
    o = _pick(c, f"{K}.TP.PBGD.CV")
    o["rank_code"] = S.CS
    note("STD-RANK", o, "ngạch cán sự (01.004), vị trí yêu cầu chuyên viên (01.003)", ("TRANSFER", f"{K}.TP.XDVB.CV"))
    o = _pick(c, f"{K}.VHTTDL.QLVH.PHO")
    o["health_ok"] = False
    note("STD-HEALTH", o, "không đủ sức khỏe (health_ok=false)", ("HIGHER_APPOINTMENT", f"{K}.VHTTDL.QLVH.TRUONG"))
    o = _pick(c, f"{K}.GDDT.GDPT.CVC")
    o["political_theory"], o["state_mgmt"] = "elementary", "none"
    note("STD-POLITICAL-THEORY / STD-STATE-MGMT", o, "sơ cấp lý luận chính trị, chưa bồi dưỡng QLNN: không đủ chuẩn Phó Trưởng phòng",
         ("FIRST_APPOINTMENT", f"{K}.GDDT.GDPT.PHO"))
    return notes


def _pick(c, position_code):
    holders = [o for o in _holders(c, position_code) if not o["flags"]]
    return holders[0] if holders else _holders(c, position_code)[0]


def find_natural(c) -> list[tuple[str, object, str]]:
    """Cases the simulation produced by itself (first match of each, deterministic)."""
    notes = []
    current = sorted((o for o in c.officials if o["current"] is not None and not o["separated"]), key=lambda o: o["id"])

    def first(pred):
        return next((o for o in current if pred(o)), None)

    def role(o):
        return c.positions[o["current"]["position"]]["leadership_role"]

    for o in c.overstay:
        notes.append(("ELIG-RETIRED", o, f"đã quá ngày nghỉ hưu {o['retire']:%d/%m/%Y} nhưng vẫn giữ vị trí (dữ liệu cần xử lý)",
                      ("REAPPOINTMENT", o["current"]["position"])))
    def own(o):
        return o["current"]["position"]

    def head_of(o):
        return c.positions[own(o)]["agency_code"] + ".TRUONG"

    def deputy_of(o):
        return c.positions[own(o)]["agency_code"] + ".PHO"

    cases = [
        ("APPT-AGE-TERM", lambda o: role(o) == "deputy" and 24 <= _months_left(o) < 60,
         "Phó còn dưới 60 tháng công tác: không đủ một nhiệm kỳ nếu bổ nhiệm cấp trưởng"),
        ("REAPPT-EXTEND-INSTEAD", lambda o: role(o) == "head" and 0 <= _months_left(o) < 24,
         "cấp trưởng còn dưới 24 tháng đến tuổi nghỉ hưu: kéo dài thời gian giữ chức vụ thay vì bổ nhiệm lại"),
        ("REAPPT-TERM-TO-RETIREMENT", lambda o: role(o) == "head" and 24 <= _months_left(o) < 60,
         "bổ nhiệm lại thì nhiệm kỳ mới kết thúc khi nghỉ hưu"),
        ("REAPPT-TERM-LIMIT", lambda o: o["staff_type"] == "civil_servant" and o["current"]["kind"] == "reappointment"
         and len([a for a in o["assignments"] if a["position"] == o["current"]["position"]]) >= 2,
         "công chức đã giữ chức vụ hai nhiệm kỳ liên tiếp (bổ nhiệm → bổ nhiệm lại)"),
        ("APPT-TIME-IN-POST", lambda o: role(o) == "deputy" and o["current"]["kind"] == "first_appointment"
         and o["current"]["start_on"] > dt.date(2025, 6, 1),
         "mới giữ chức vụ cấp phó dưới 2 năm: chưa đủ thời gian để bổ nhiệm chức vụ cao hơn"),
        ("APPT-SUCCESSION-PLAN", lambda o: role(o) == "deputy" and not any(pl["official"] is o for pl in c.plans),
         "cấp phó không có quy hoạch cấp trưởng giai đoạn 2026-2031"),
        ("STD-EXPERIENCE", lambda o: o["current"]["kind"] == "recruitment" and o["hired_on"] > dt.date(2025, 1, 1)
         and o["staff_type"] == "civil_servant", "mới tuyển dụng: chưa đủ số năm kinh nghiệm cho vị trí lãnh đạo"),
        ("APPT-STAFF-TYPE", lambda o: o["staff_type"] == "contract", "lao động hợp đồng: không được bổ nhiệm"),
        ("ROT-REMAINING", lambda o: role(o) == "head" and 60 <= _months_left(o) < 120,
         "còn dưới 10 năm công tác: không luân chuyển vào vị trí lãnh đạo"),
    ]
    checks = {"APPT-AGE-TERM": ("HIGHER_APPOINTMENT", head_of), "REAPPT-EXTEND-INSTEAD": ("REAPPOINTMENT", own),
              "REAPPT-TERM-TO-RETIREMENT": ("REAPPOINTMENT", own), "REAPPT-TERM-LIMIT": ("REAPPOINTMENT", own),
              "APPT-TIME-IN-POST": ("HIGHER_APPOINTMENT", head_of), "APPT-SUCCESSION-PLAN": ("HIGHER_APPOINTMENT", head_of),
              "STD-EXPERIENCE": ("FIRST_APPOINTMENT", deputy_of), "APPT-STAFF-TYPE": ("FIRST_APPOINTMENT", deputy_of),
              "ROT-REMAINING": ("ROTATION", lambda o: f"{K}.DL.LH.TRUONG")}
    for code, pred, text in cases:
        o = first(pred)
        if o is not None:
            if code == "APPT-SUCCESSION-PLAN":
                o["flags"].add("no_plan")  # kept out of the 2026-2031 candidate plans
            action, where = checks.get(code, (None, None))
            notes.append((code, o, text, (action, where(o)) if action else None))
    return notes
