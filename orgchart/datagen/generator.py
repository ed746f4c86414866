"""Generate a national data set chunk by chunk (the central government, then each province),
each chunk in one transaction and recorded in `GeneratedChunk`, so an interrupted run resumes
exactly where it stopped. Ids are reserved up front (`GenerationRun.bases`) from the plan.

Not written for generated data: simple_history rows (bulk writes bypass `save()`), change
events. Every agency gets an open `AgencyLink`, every position an open `PositionLink`."""
import datetime as dt
import math
import random
from collections.abc import Callable

from django.db import connection, transaction
from django.db.models import Max

from orgchart.core.search import search_key
from orgchart.personnel.models import Assignment, Discipline, Official, Rating, Separation, SuccessionPlan
from orgchart.positions.models import JobPosition, PositionLink
from orgchart.staffing.models import Quota, ReductionTarget
from orgchart.structure import tree
from orgchart.structure.models import Agency, AgencyLink, Mandate

from . import mandates as mandate_gen
from . import reference as ref
from .models import GeneratedChunk, GenerationRun
from .people import People
from .plan import Plan, make_plan
from .positions import context, plan_positions, standards, titles
from .writer import Table, reset_sequences, write

AS_OF = dt.date(2026, 7, 1)
QUOTA_YEARS = range(2021, 2027)
SEPARATED_SHARE = 0.05

T_AGENCY = [*"id code name short_name kind level parent agency_class established_on dissolved_on legal_basis "
            "search_key".split(),
            *tree.NODE_FIELDS]  # today's tree storage, computed by the tree's backend (tree.forest_values)
TABLES = {
    "agency": (Agency, T_AGENCY),
    "agencylink": (AgencyLink, ["agency", "parent", "valid_from", "valid_to", "change_event"]),
    "mandate": (Mandate, ["agency", "ref", "kind", "text", "text_key", "sectors", "legal_basis", "valid_from", "valid_to"]),
    "position": (JobPosition, ("id code agency title category leadership_role required_rank min_education education_fields "
                               "min_political_theory min_state_mgmt min_years_experience requires_succession_plan quota").split()),
    "positionlink": (PositionLink, ["position", "agency", "valid_from", "valid_to", "change_event"]),
    "official": (Official, ("id code full_name birth_date gender staff_type rank_code rank_since education_level "
                            "education_field political_theory state_mgmt hired_on health_ok youngest_child_born_on search_key").split()),
    "assignment": (Assignment, ["official", "position", "kind", "start_on", "end_on", "decision_no", "override_reason",
                                "change_event"]),
    "rating": (Rating, ["official", "year", "rating"]),
    "discipline": (Discipline, ["official", "form", "decided_on", "effective_on"]),
    "succession": (SuccessionPlan, ["official", "position", "period", "period_start", "period_end", "approved_on"]),
    "separation": (Separation, ["official", "separated_on", "reason", "reduction_criterion"]),
    "quota": (Quota, ["agency", "year", "kind", "amount", "decision_no"]),
    "target": (ReductionTarget, ["agency", "period_start", "period_end", "baseline_year", "percent", "kind"]),
}
ID_MODELS = [Agency, AgencyLink, Mandate, JobPosition, PositionLink, Official, Assignment, Rating, Discipline,
             SuccessionPlan, Separation, Quota, ReductionTarget]


def params_key(seed: int, agencies: int, officials: int, provinces: int, ministries: int) -> str:
    key = f"seed={seed};agencies={agencies};officials={officials}"
    if provinces != 34 or ministries != 17:
        key += f";provinces={provinces};ministries={ministries}"
    return key


class Generator:
    def __init__(self, seed: int, agencies: int, officials: int, provinces: int = 34, ministries: int = 17,
                 log: Callable[[str], None] = print):
        self.seed, self.n_agencies, self.n_officials = seed, agencies, officials
        self.provinces, self.ministries = provinces, ministries
        self.key = params_key(seed, agencies, officials, provinces, ministries)
        self.log = log
        self.tables = {k: Table(m, f) for k, (m, f) in TABLES.items()}
        self.plan: Plan | None = None

    # -- run bookkeeping -------------------------------------------------------------------------
    def existing_run(self) -> GenerationRun | None:
        return GenerationRun.objects.filter(params_key=self.key).first()

    def is_complete(self) -> bool:
        run = self.existing_run()
        return bool(run and run.finished_at)

    def run(self, resume: bool = False, progress: bool = True) -> GenerationRun:
        run = self.existing_run()
        if run and run.finished_at:
            self.log(f"Bộ dữ liệu {self.key} đã được sinh đầy đủ; không làm gì thêm.")
            return run
        if run and not resume:
            raise RuntimeError(f"Một lần sinh dữ liệu {self.key} đang dở dang: chạy lại với --resume để tiếp tục.")
        self.log("Lập kế hoạch cơ cấu tổ chức…")
        self.plan = make_plan(self.seed, self.n_agencies, self.n_officials, self.provinces, self.ministries)
        counts = self._position_counts()
        if run is None:
            if Agency.objects.filter(code=self.plan.nodes[0].code).exists():
                raise RuntimeError("Mã cơ quan gốc 'VN' đã tồn tại: hãy dùng một cơ sở dữ liệu trống cho bộ dữ liệu sinh.")
            bases = {
                "agency": _next_id(Agency), "position": _next_id(JobPosition), "official": _next_id(Official),
                "tree": tree.next_forest(),
            }
            run = GenerationRun.objects.create(
                params_key=self.key, seed=self.seed, agencies=self.n_agencies, officials=self.n_officials, bases=bases,
                details={"root": self.plan.nodes[0].code, "planned_agencies": len(self.plan.nodes),
                         "planned_positions": sum(counts), "density": self.plan.d, "as_of": AS_OF.isoformat()},
            )
        done = set(run.chunks.values_list("key", flat=True))
        todo = [c for c in self.plan.chunks if c not in done]
        if done:
            self.log(f"Tiếp tục: {len(done)} phần đã xong, còn {len(todo)} phần.")
        # id bases per node
        pos_base, off_base = [0] * len(self.plan.nodes), [0] * len(self.plan.nodes)
        p, o = run.bases["position"], run.bases["official"]
        for node, c in zip(self.plan.nodes, counts, strict=True):
            pos_base[node.idx], off_base[node.idx] = p, o
            p += c
            o += node.officials
        self.pos_base, self.off_base = pos_base, off_base
        nodes = self.plan.nodes
        self.tree_values = tree.forest_values([n.parent for n in nodes], [n.code for n in nodes], run.bases["tree"])
        by_chunk: dict[str, list] = {}
        for node in self.plan.nodes:
            by_chunk.setdefault(node.chunk, []).append(node)
        bar = _bar(total=self.n_officials, disable=not progress)
        bar.update(sum(n.officials for c in done for n in by_chunk.get(c, [])))
        planted = run.details.get("planted_overlaps", [])
        for chunk in todo:
            with transaction.atomic():
                rows, plant = self._chunk(chunk, by_chunk[chunk], run)
                if plant:
                    planted.append(plant)
                    GenerationRun.objects.filter(pk=run.pk).update(details={**run.details, "planted_overlaps": planted})
                    run.details["planted_overlaps"] = planted
                GeneratedChunk.objects.create(run=run, key=chunk, rows=rows)
                reset_sequences(ID_MODELS)
            bar.update(sum(n.officials for n in by_chunk[chunk]))
        bar.close()
        run.finished_at = dt.datetime.now(dt.UTC)
        run.save(update_fields=["finished_at"])
        if connection.vendor == "postgresql":
            with connection.cursor() as cur:
                for model in ID_MODELS:
                    cur.execute(f'ANALYZE "{model._meta.db_table}"')
        return run

    def _position_counts(self) -> list[int]:
        return [len(plan_positions(n)) for n in self.plan.nodes]

    # -- one chunk -------------------------------------------------------------------------------
    def _chunk(self, chunk: str, nodes: list, run: GenerationRun) -> tuple[dict, dict | None]:
        rng = random.Random(f"{self.seed}:{chunk}")
        abase = run.bases["agency"]
        chunk_no = 0 if chunk.startswith("C") else int(chunk[1:])
        province = ref.provinces()[chunk_no - 1] if chunk_no else None
        where = (f"{'thành phố' if province['type'] == 'city' else 'tỉnh'} {province['name']}") if province else "Trung ương"
        suffix = "UBND" if province else "BNV"
        out = {k: [] for k in TABLES}
        for n in nodes:
            pid = abase + n.parent if n.parent is not None else None
            out["agency"].append((abase + n.idx, n.code, n.name, n.short_name, n.kind, n.level, pid, n.agency_class,
                                  None, None, "", search_key(n.name, n.code), *self.tree_values[n.idx]))
            out["agencylink"].append((abase + n.idx, pid, None, None, None))
            for r, kind, text, sectors, basis in mandate_gen.for_agency(n, where, rng):
                out["mandate"].append((abase + n.idx, r, kind, text, mandate_gen.text_key(kind, text), sectors, basis, None, None))
        plant = None
        if province and rng.random() < 0.4:
            pair = mandate_gen.planted_overlap(rng, nodes)
            if pair:
                src, dst = pair
                duties = [m for m in out["mandate"] if m[0] == abase + src.idx and m[1].startswith("NV")]
                for j, m in enumerate(rng.sample(duties, min(len(duties), rng.randint(2, 3))), 1):
                    out["mandate"].append((abase + dst.idx, f"NV9{j}", m[2], m[3], m[4], m[5], m[6], None, None))
                if duties:
                    plant = {"a": src.code, "b": dst.code}
        # positions
        pos_rows = {}  # node idx → [(pid, category, role, std, own_pro)]
        pro_pool = []
        for n in nodes:
            lst = []
            head, deputy, ctx = titles(n)
            own_pro = None
            for i, (sfx, title, category, role) in enumerate(plan_positions(n)):
                pid = self.pos_base[n.idx] + i
                std = standards(n, role, category, ctx)
                lst.append([pid, category, role, std, None, title, sfx])
                if category == "professional" and own_pro is None:
                    own_pro = pid
                    pro_pool.append(pid)
            for item in lst:
                item[4] = own_pro
            pos_rows[n.idx] = lst
        people = People(rng, AS_OF, chunk_no, ref.ALL_FIELDS)
        holders_by_kind: dict[int, dict[str, int]] = {}
        for n in nodes:
            lst = pos_rows[n.idx]
            if not lst:
                continue
            ctx = context(n)
            total = n.officials
            separated = [rng.random() < SEPARATED_SHARE for _ in range(total)]
            current = total - sum(separated)
            # seats: head 1, deputies by size, the rest spread over the other positions
            deputies = 1 if current < 10 else 2 if current < 15 else 3
            if n.kind in ("ministry", "ministry_equivalent"):
                deputies = 4
            quotas = {}
            rest = max(current - 1 - deputies, 0)
            others = [p for p in lst if p[2] == "none"]
            for p in lst:
                if p[2] == "head":
                    quotas[p[0]] = 1
                elif p[2] == "deputy":
                    quotas[p[0]] = deputies
            weights = [6 if p[1] == "professional" else 1 for p in others]
            wsum = sum(weights) or 1
            for p, w in zip(others, weights, strict=True):
                quotas[p[0]] = max(1, math.ceil(rest * w / wsum * rng.uniform(1.0, 1.15)))
            if others and rng.random() < 0.02:  # planted over-quota position
                quotas[others[0][0]] = max(1, quotas[others[0][0]] - 2)
            # who holds what: head, deputies, then others by remaining seats (overflow → first professional)
            seats = []
            head_vacant = rng.random() < 0.03
            for p in lst:
                if p[2] == "head" and not head_vacant:
                    seats.append(p)
                elif p[2] == "deputy":
                    seats.extend([p] * quotas[p[0]])
            for p in others:
                seats.extend([p] * quotas[p[0]])
            fallback = others[0] if others else lst[0]
            head_pos = next((p for p in lst if p[2] == "head"), None)
            deputy_pos = next((p for p in lst if p[2] == "deputy"), None)
            kinds: dict[str, int] = {}
            deputies_made, oid = [], self.off_base[n.idx]
            seat_i = 0
            for k in range(total):
                if separated[k]:
                    pos = fallback
                else:
                    pos = seats[seat_i] if seat_i < len(seats) else fallback
                    seat_i += 1
                leader = pos[2] in ("head", "deputy")
                if pos[1] == "support":
                    st = "contract"
                elif ctx != "admin":
                    st = "public_employee"
                elif leader and n.kind == "people_committee":
                    st = "cadre"
                else:
                    st = "civil_servant"
                others_in_chunk = [x for x in rng.sample(pro_pool, min(3, len(pro_pool))) if x != pos[4]]
                o = people.official(oid + k, leader=leader, role=pos[2], ctx=ctx, staff_type=st, pos=tuple(pos[:5]),
                                    other_pros=others_in_chunk, separated=separated[k],
                                    agency_deputy_head=tuple(deputy_pos) if deputy_pos else None, suffix=suffix)
                if not o["separated"]:
                    qk = "civil_servant" if st in ("civil_servant", "cadre") else st
                    kinds[qk] = kinds.get(qk, 0) + 1
                    if pos[2] == "deputy":
                        deputies_made.append(o["id"])
                    if leader and rng.random() < 0.03 and n.parent is not None and pos_rows.get(n.parent):
                        people.concurrent(o["id"], pos_rows[n.parent][-1][0], suffix)
            holders_by_kind[n.idx] = kinds
            # succession plans for leadership posts
            if head_pos is not None:
                pool = deputies_made[:2] or [oid + k for k in range(min(total, 2)) if not separated[k]][1:]
                for off in pool:
                    people.succession(off, head_pos[0], "2026-2031")
            for p in lst:
                out["position"].append((p[0], f"{n.code}.{p[6]}", abase + n.idx, p[5], p[1], p[2], p[3][5], p[3][0],
                                        p[3][1], p[3][2], p[3][3], p[3][4], p[2] != "none" and n.level != "commune",
                                        quotas.get(p[0], 1)))
                out["positionlink"].append((p[0], abase + n.idx, None, None, None))
        # quotas per agency, year and kind; reduction targets on the province / ministries / root
        for n in nodes:
            for qk, held in sorted(holders_by_kind.get(n.idx, {}).items()):
                now = max(0, held + rng.randint(-1, 2))
                for year in QUOTA_YEARS:
                    amount = math.ceil(now * (1 + 0.012 * (AS_OF.year - year)))
                    out["quota"].append((abase + n.idx, year, qk, amount, f"{100 + year % 100}/QĐ-{suffix}"))
            if n.parent is None or n.kind in ("ministry", "ministry_equivalent") or (
                n.kind == "people_committee" and n.level == "province"
            ):
                out["target"].append((abase + n.idx, 2022, 2026, 2021, 5, "civil_servant"))
                out["target"].append((abase + n.idx, 2022, 2026, 2021, 10, "public_employee"))
        out["official"] = [row + (search_key(row[2], row[1]),) for row in people.officials]  # core.search
        out["assignment"] = people.assignments
        out["rating"] = people.ratings
        out["discipline"] = people.disciplines
        out["succession"] = people.plans
        out["separation"] = people.separations
        counts = {}
        for key in TABLES:
            counts[key] = write(self.tables[key], out[key])
        return counts, plant


def _next_id(model) -> int:
    return (model.objects.aggregate(m=Max("id"))["m"] or 0) + 1


def _bar(total: int, disable: bool):
    from tqdm import tqdm

    return tqdm(total=total, unit=" cán bộ", desc="Sinh dữ liệu", disable=disable, mininterval=1.0)
