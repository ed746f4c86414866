"""The demo's change_events (CONTRACT §2): the 2025 restructurings of Khánh Hòa as recorded
history — lineage only ("hình thành từ …"); the agencies' own rows carry their dates.

- 2025-03-01: five departments merged into their successors (Nghị định 45/2025/NĐ-CP);
- 2025-07-01: tỉnh Ninh Thuận merged into tỉnh Khánh Hòa (Nghị quyết 202/2025/QH15), with its
  Văn phòng UBND, Sở Y tế and Sở Giáo dục và Đào tạo merged into those of Khánh Hòa;
- 2025-07-01: thị xã Ninh Hòa dissolved (end of the district level, Luật 72/2025/QH15), its
  staff received by the new phường Ninh Hòa.

A merge lists the receiving agency among its sources too (W3C ORG: all the original
organisations), so "a merger of 2" counts two bodies.
"""
from orgchart.demo import spec as S

COLUMNS = ["code", "kind", "effective_on", "sources", "targets", "decision_no", "note"]


def change_events(agency_names: dict[str, str]) -> list[dict]:
    p = S.P
    rows = []
    for tag, name, succ, _div, _f in S.DISSOLVED_DEPARTMENTS:
        target = f"{p}.{succ}"
        rows.append({
            "code": f"{p}.2025.{tag}", "kind": "merge", "effective_on": S.DEPT_MERGE,
            "sources": [f"{p}.{tag}", target], "targets": [target], "decision_no": "",
            "note": f"Hợp nhất {name} vào {agency_names[target]} (Nghị định 45/2025/NĐ-CP)",
        })
    nt, nt_name = S.FORMER_PROVINCE
    rows.append({
        "code": f"{p}.2025.{nt}", "kind": "merge", "effective_on": S.PROV_MERGE, "sources": [nt, p], "targets": [p],
        "decision_no": "202/2025/QH15",
        "note": f"Hợp nhất tỉnh Ninh Thuận vào tỉnh Khánh Hòa: {nt_name} và {agency_names[p]}",
    })
    for tag, name, _kind, succ, _div, _f in S.FORMER_DEPARTMENTS:
        target = f"{p}.{succ}"
        rows.append({
            "code": f"{p}.2025.{nt}.{tag}", "kind": "merge", "effective_on": S.PROV_MERGE,
            "sources": [f"{nt}.{tag}", target], "targets": [target], "decision_no": "202/2025/QH15",
            "note": f"Hợp nhất {name} vào {agency_names[target]} (tỉnh Khánh Hòa sau hợp nhất)",
        })
    dtag, dname, dsucc = S.DISTRICT
    rows.append({
        "code": f"{p}.2025.{dtag}", "kind": "dissolve", "effective_on": S.PROV_MERGE,
        "sources": [f"{p}.{dtag}"], "targets": [f"{p}.{dsucc}"], "decision_no": "72/2025/QH15",
        "note": f"Kết thúc hoạt động cấp huyện: giải thể {dname}, nhân sự chuyển về {agency_names[f'{p}.{dsucc}']}",
    })
    return rows
