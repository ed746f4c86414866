# How tests/overlaps/data/province2 was built from ../shared/data/raw (other text versions) and
# the development province; labels are ours, by RULES §5. Kept for reference, not run by tests.
import csv
import itertools
import json

raw = [json.loads(l) for l in open("/work/shared/data/raw/mandates_real.jsonl")]
dev = list(csv.DictReader(open("/work/shared/data/overlaps/mandates.csv")))


def pick(agency, instr_sub, kind=None):
    return [
        r
        for r in raw
        if r["agency"] == agency and instr_sub in r["instrument"] and (kind is None or r["kind"] == kind)
    ]


P = "TB"
ags = [(P, "Ủy ban nhân dân Tỉnh B", "people_committee", "")]
ms = []


def add(code, name, items, kind="department", parent=P):
    ags.append((code, name, kind, parent))
    for k, r in enumerate(items):
        ms.append((code, "CN" if r["kind"] == "function" and k == 0 else str(k), r["kind"], r["text"]))


def devcopy(code, src):
    return [{"kind": m["kind"], "text": m["text"]} for m in dev if m["agency_code"] == src]


add(f"{P}.LDTBXH", "Sở LĐTBXH", pick("Sở Lao động - Thương binh và Xã hội", "37/2015"))
add(f"{P}.YT", "Sở Y tế", pick("Sở Y tế", "20/2025"))
add(f"{P}.GDDT", "Sở GDĐT", pick("Sở Giáo dục và Đào tạo", "12/2020"))
add(f"{P}.TTTT", "Sở TTTT", pick("Sở Thông tin và Truyền thông", "Hải Dương"))
add(f"{P}.VHTT", "Sở VHTT", pick("Sở Văn hóa, Thể thao và Du lịch", "Bắc Ninh"))
add(f"{P}.DL", "Sở Du lịch", pick("Sở Du lịch", ""))
add(f"{P}.TC", "Sở Tài chính", pick("Sở Tài chính", "Hậu Giang"))
add(f"{P}.KHDT", "Sở KHĐT", pick("Sở Kế hoạch và Đầu tư", "Tây Ninh"))
add(f"{P}.GTVT", "Sở GTVT", pick("Sở Giao thông vận tải", "TP.HCM"))
add(f"{P}.XD", "Sở XD", pick("Sở Xây dựng", "01/2004"))
for code, src in [
    ("NN", "TM.NN"),
    ("TNMT", "TM.TNMT"),
    ("KHCN", "TM.KHCN"),
    ("TP", "TM.TP"),
    ("NV", "TM.NV"),
    ("CT", "TM.CT"),
]:
    add(f"{P}.{code}", src, devcopy(code, src))
add(f"{P}.NN.QLCL", "QLCL", devcopy("", "TM.NN.QLCL"), "sub_department", f"{P}.NN")
add(f"{P}.YT.ATTP", "ATTP", devcopy("", "TM.YT.ATTP"), "sub_department", f"{P}.YT")
over = {("LDTBXH", "YT"), ("DL", "VHTT"), ("NN", "TNMT"), ("NN.QLCL", "YT.ATTP")}
ignore = {
    ("CT", "NN"),
    ("CT", "YT"),
    ("CT", "YT.ATTP"),
    ("CT", "NN.QLCL"),
    ("NN", "YT"),
    ("NN", "YT.ATTP"),
    ("NN.QLCL", "YT"),
    ("KHDT", "TC"),
    ("LDTBXH", "NV"),
    ("KHCN", "TTTT"),
    ("GTVT", "XD"),
    ("GDDT", "LDTBXH"),
}
lineage = {("NN", "NN.QLCL"), ("YT", "YT.ATTP")}
codes = sorted(c for c, *_ in ags if c != P)
with open("/tmp/ovl/p2/labels.csv", "w", newline="") as fh:
    w = csv.writer(fh)
    w.writerow(["agency_a", "agency_b", "label", "reason"])
    for a, b in itertools.combinations(codes, 2):
        k = (a[3:], b[3:])
        w.writerow(
            [
                a,
                b,
                "overlap"
                if k in over
                else "lineage"
                if k in lineage
                else "ignore"
                if k in ignore
                else "none",
                "",
            ]
        )
with open("/tmp/ovl/p2/agencies.csv", "w", newline="") as fh:
    w = csv.writer(fh)
    w.writerow(["code", "name", "kind", "level", "parent_code"])
    for c, n, k, p in ags:
        w.writerow([c, n, k, "province", p])
with open("/tmp/ovl/p2/mandates.csv", "w", newline="") as fh:
    w = csv.writer(fh)
    w.writerow(["agency_code", "ref", "kind", "text"])
    seen = set()
    for c, r, k, t in ms:
        while (c, r) in seen:
            r += "x"
        seen.add((c, r))
        w.writerow([c, r, k, t])
print(len(ags), len(ms))
