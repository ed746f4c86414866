"""The structure of the generated data set: every agency with its parent, its chunk and the
number of officials it employs, computed in Python before anything is written (the tree's
storage values come from the tree backend, `tree.forest_values`).

The plan is a pure function of (seed, target agencies, target officials): the same plan is
recomputed on `--resume`, so ids, codes and tree values match what an earlier run wrote.
Counts are scaled by a density `d` found by bisection so the total is close to the target.
"""
import random
from dataclasses import dataclass, field

from . import reference as ref

# Nominal staff weight of each kind of unit (officials, before scaling to the target).
W_MINISTRY, W_VU, W_CUC, W_CUC_DIV, W_MIN_PSU = 8, 28, 8, 14, 40
W_PC_PROVINCE, W_DEPT, W_DEPT_DIV, W_SUBDEPT, W_SUBDEPT_DIV, W_KHOA = 6, 5, 9, 4, 8, 22
W_PC_COMMUNE, W_COMMUNE_DIV = 4, 8
COMMUNES_NATIONAL = 3321  # xã, phường, đặc khu from 2025-07-01


@dataclass(slots=True)
class Node:
    idx: int
    code: str
    name: str
    kind: str
    level: str
    parent: int | None
    chunk: str
    weight: float
    family: str = ""  # the department (or ministry) a unit belongs to, for mandates and standards
    agency_class: str = ""
    short_name: str = ""
    children: list = field(default_factory=list)
    officials: int = 0


class Plan:
    def __init__(self, seed: int, density: float, provinces: int = 34, ministries: int = 17):
        self.seed = seed
        self.n_provinces = provinces
        self.n_ministries = ministries
        self.d = density
        self.rng = random.Random(f"{seed}:plan:{density!r}")
        self.shape = random.Random(f"{seed}:shape")
        self.nodes: list[Node] = []
        self.chunks: list[str] = []

    # -- helpers -----------------------------------------------------------------------------
    def n(self, base: float, minimum: int = 0) -> int:
        """Scaled count with stochastic rounding (expected value base × d)."""
        x = base * self.d
        k = int(x)
        if self.rng.random() < x - k:
            k += 1
        return max(minimum, k)

    def add(self, code, name, kind, level, parent, chunk, weight, family="", **kw) -> Node:
        node = Node(len(self.nodes), code, name, kind, level, parent, chunk, weight, family, **kw)
        self.nodes.append(node)
        if parent is not None:
            self.nodes[parent].children.append(node.idx)
        return node

    # -- build ---------------------------------------------------------------------------------
    def build(self) -> "Plan":
        root = self.add("VN", "Chính phủ nước Cộng hòa xã hội chủ nghĩa Việt Nam", "other", "central", None, "C00", 0,
                        short_name="Chính phủ")
        self.chunks.append("C00")
        for i, (name, kind, short) in enumerate(ref.MINISTRIES[: self.n_ministries], 1):
            self._ministry(root.idx, i, name, kind, short)
        provinces = ref.provinces()[: self.n_provinces]
        # commune counts per province at national scale: drawn once per seed (bigger for cities)
        raw = [self.shape.uniform(0.6, 1.4) * (1.3 if p["type"] == "city" else 1.0) for p in provinces]
        scale = COMMUNES_NATIONAL / 34 * len(raw) / max(sum(raw), 1)
        for i, p in enumerate(provinces, 1):
            self.chunks.append(f"P{i:02d}")
            self._province(root.idx, i, p, raw[i - 1] * scale)
        return self

    def _ministry(self, root, i, name, kind, short):
        code = f"B{i:02d}"
        m = self.add(code, name, kind, "central", root, "C00", W_MINISTRY, family=short, short_name=short)
        for j, vu in enumerate(ref.MINISTRY_VU[: self.n(len(ref.MINISTRY_VU), 1)], 1):
            self.add(f"{code}.V{j:02d}", f"{vu}, {name}", "ministry_department", "central", m.idx, "C00", W_VU, short)
        for j, cuc in enumerate(ref.MINISTRY_CUC.get(short, [])[: self.n(len(ref.MINISTRY_CUC.get(short, [])), 1)], 1):
            c = self.add(f"{code}.C{j:02d}", cuc, "central_department", "central", m.idx, "C00", W_CUC, short)
            for k in range(1, self.n(len(ref.CUC_DIVISIONS) * 2, 0) + 1):
                div = ref.CUC_DIVISIONS[(k - 1) % len(ref.CUC_DIVISIONS)]
                suffix = "" if k <= len(ref.CUC_DIVISIONS) else f" (khu vực {k - len(ref.CUC_DIVISIONS)})"
                self.add(f"{c.code}.P{k:02d}", f"{div}{suffix}, {cuc}", "division", "central", c.idx, "C00",
                         W_CUC_DIV, short)
        for j in range(1, self.n(len(ref.MINISTRY_PSU), 0) + 1):
            psu = ref.MINISTRY_PSU[(j - 1) % len(ref.MINISTRY_PSU)]
            self.add(f"{code}.DV{j:02d}", f"{psu} - {name}", "public_service_unit", "central", m.idx, "C00",
                     W_MIN_PSU, short)

    def _province(self, root, i, p, communes_nominal):
        chunk = f"P{i:02d}"
        code = f"T{i:02d}"
        city = p["type"] == "city"
        where = f"{'thành phố' if city else 'tỉnh'} {p['name']}"
        special = p["name"] in ("Hà Nội", "Hồ Chí Minh")
        pc = self.add(code, f"Ủy ban nhân dân {where}", "people_committee", "province", root, chunk, W_PC_PROVINCE,
                      agency_class="special" if special else "I", short_name=f"UBND {p['name']}")
        depts = [d for d in ref.departments() if d["mandatory"] == "true"]
        optional = [d for d in ref.departments() if d["mandatory"] != "true"]
        for d in optional:
            if "Hà Nội" in d["formed_from"]:
                if special:
                    depts.append(d)
            elif self.shape.random() < 0.35:
                depts.append(d)
        for j, d in enumerate(depts, 1):
            self._department(pc, j, d, where, chunk)
        for k in range(1, self.n(communes_nominal, 1) + 1):
            self._commune(pc, k, where, chunk, urban=self.rng.random() < (0.45 if city else 0.15))

    def _department(self, pc, j, d, where, chunk):
        name = d["name"]
        full = name[: -len("tỉnh")] + where if name.endswith("tỉnh") else f"{name} {where}"
        dept = self.add(f"{pc.code}.S{j:02d}", full, d["kind"], "province", pc.idx, chunk, W_DEPT, family=name)
        divisions = ref.DEPT_COMMON_DIVISIONS + ref.DEPT_DIVISIONS.get(name, [])
        for k, div in enumerate(divisions[: self.n(len(divisions), 1)], 1):
            self.add(f"{dept.code}.P{k:02d}", f"{div}, {full}", "division", "province", dept.idx, chunk, W_DEPT_DIV, name)
        subs = ref.DEPT_SUBDEPTS.get(name, [])
        for k, sub in enumerate(subs[: self.n(len(subs), 0)], 1):
            s = self.add(f"{dept.code}.C{k:02d}", f"{sub} {where}", "sub_department", "province", dept.idx, chunk,
                         W_SUBDEPT, family=sub)
            for m, div in enumerate(ref.SUBDEPT_DIVISIONS[: self.n(len(ref.SUBDEPT_DIVISIONS), 0)], 1):
                self.add(f"{s.code}.P{m:02d}", f"{div}, {sub}", "division", "province", s.idx, chunk, W_SUBDEPT_DIV, sub)
        seq = 0
        for psu, count, weight, has_divisions in ref.DEPT_PSUS.get(name, []):
            for k in range(1, self.n(count, 0) + 1):
                seq += 1
                label = f"{psu} số {k}" if count > 1 else psu
                u = self.add(f"{dept.code}.DV{seq:03d}", f"{label} {where}", "public_service_unit", "province",
                             dept.idx, chunk, weight, family=name)
                if has_divisions:
                    for m, div in enumerate(ref.HOSPITAL_DIVISIONS[: self.n(len(ref.HOSPITAL_DIVISIONS), 0)], 1):
                        self.add(f"{u.code}.K{m:02d}", f"{div}, {label}", "division", "province", u.idx, chunk,
                                 W_KHOA, family=name)

    def _commune_name(self) -> str:
        a, b = self.rng.sample(ref.COMMUNE_SYLLABLES, 2)
        return f"{a} {b}"

    def _commune(self, pc, k, where, chunk, urban):
        cname = self._commune_name()
        label = f"{'phường' if urban else 'xã'} {cname}"
        c = self.add(f"{pc.code}.X{k:03d}", f"Ủy ban nhân dân {label}", "people_committee", "commune", pc.idx, chunk,
                     W_PC_COMMUNE, family="commune", short_name=f"UBND {label}")
        divisions = ref.COMMUNE_DIVISIONS_URBAN if urban else ref.COMMUNE_DIVISIONS_RURAL
        for m, div in enumerate(divisions[: max(1, self.n(len(divisions), 1))], 1):
            self.add(f"{c.code}.P{m:02d}", f"{div} {label}", "division", "commune", c.idx, chunk, W_COMMUNE_DIV, "commune")
        seq = 0
        for psu, count, weight in ref.COMMUNE_PSUS:
            for n in range(1, self.n(count, 0) + 1):
                seq += 1
                name = f"{psu} {cname}" + (f" số {n}" if n > 1 else "")
                self.add(f"{c.code}.DV{seq:02d}", name, "public_service_unit", "commune", c.idx, chunk, weight, "commune")

    # -- officials ----------------------------------------------------------------------------
    def distribute(self, officials: int) -> None:
        """Split `officials` over agencies in proportion to their weights (largest remainder)."""
        total = sum(n.weight for n in self.nodes) or 1
        shares = [n.weight * officials / total for n in self.nodes]
        for n, s in zip(self.nodes, shares, strict=True):
            n.officials = int(s)
        rest = officials - sum(n.officials for n in self.nodes)
        order = sorted(range(len(self.nodes)), key=lambda i: (-(shares[i] - int(shares[i])), i))
        for i in order[:rest]:
            self.nodes[i].officials += 1


def make_plan(seed: int, agencies: int, officials: int, provinces: int = 34, ministries: int = 17) -> Plan:
    """The plan whose agency count is closest to `agencies` (bisection on the density)."""
    lo, hi = 0.0005, 4.0
    best = None
    for _ in range(18):
        mid = (lo + hi) / 2
        size = len(Plan(seed, round(mid, 6), provinces, ministries).build().nodes)
        if best is None or abs(size - agencies) < abs(best[1] - agencies):
            best = (round(mid, 6), size)
        if size < agencies:
            lo = mid
        else:
            hi = mid
        if abs(size - agencies) <= max(2, agencies // 500):
            break
    plan = Plan(seed, best[0], provinces, ministries).build()
    plan.distribute(officials)
    return plan
