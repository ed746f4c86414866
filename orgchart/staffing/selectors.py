"""Staffing figures of whole subtrees (RULES.md §3) in one set-based SQL statement.

`figures(root_ids, year, kind)` answers, for every root at once (the queried agency, or each
child of it for a dashboard), per quota kind: quota, headcount, vacancies, over-quota,
separations, reductions and two data-quality counts. The number of queries does not depend
on the number of roots or on the size of the tree.

Definitions (binding, RULES.md §3):
- the tree and every holding are read on the reference date of Y (`reference_date(Y)`);
- headcount: officials holding a primary assignment (`holding_q`: concurrent, acting and
  secondment never count) in the subtree; each official counted once per subtree, in the
  agency of their latest-starting primary assignment there (ties: highest id);
- vacancies / over-quota: Σ per agency and kind of max(quota − headcount, 0) / the reverse;
- separations / reductions: separations dated in Y (all reasons / reason `reduction`), by
  the kind of the official's staff type, counted in the agency of the official's latest
  primary-kind assignment that started on or before the separation date (the agency of its
  position on its last day up to the separation, from the PositionLink intervals), when that
  agency lies in the subtree of the reference date;
- the agency of a position on a date: `tree.position_agency_sql` (the one definition, in
  `structure/tree/placements.py`).

On PostgreSQL with the change-log triggers (migration 0003) the per-agency part is read from
the materialised roll-up (`snapshot.py`); the answers are identical (tests compare both).
"""
import datetime as dt
from dataclasses import asdict, dataclass, fields

from django.db import connection

from orgchart.core.choices import (
    NON_HOLDING_KINDS,
    QUOTA_KIND_OF_STAFF_TYPE,
    STAFF_TYPES_OF_QUOTA_KIND,
    QuotaKind,
)
from orgchart.core.dates import reference_date
from orgchart.personnel.models import Assignment, Official, Separation
from orgchart.positions.models import JobPosition
from orgchart.structure import tree
from orgchart.structure.tree import is_current, placed_ever_sql, position_agency_sql, subtree_sql

from .cohorts import retired_sql
from .dbutil import analytic
from .models import Quota

KINDS = tuple(QuotaKind.values)

T_ASSIGNMENT = Assignment._meta.db_table
T_OFFICIAL = Official._meta.db_table
T_SEPARATION = Separation._meta.db_table
T_POSITION = JobPosition._meta.db_table
T_QUOTA = Quota._meta.db_table


@dataclass
class Figures:
    quota: int = 0
    headcount: int = 0
    vacancies: int = 0
    over_quota: int = 0
    separations: int = 0
    reductions: int = 0
    retired_still_holding: int = 0
    separated_still_holding: int = 0

    def add(self, other: "Figures") -> "Figures":
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))
        return self

    def as_dict(self) -> dict:
        return asdict(self)


def validate_kind(kind: str | None) -> str | None:
    """'' / None → None (all kinds); a known quota kind → itself; else ValueError."""
    if kind in (None, ""):
        return None
    if kind not in KINDS:
        raise ValueError(f"kind phải là một trong {', '.join(KINDS)} (nhận được {kind!r})")
    return kind


def kind_case_sql(alias: str) -> str:
    """SQL mapping official `alias`.staff_type to its quota kind."""
    whens = " ".join(f"WHEN '{st}' THEN '{k}'" for st, k in QUOTA_KIND_OF_STAFF_TYPE.items())
    return f"CASE {alias}.staff_type {whens} END"


def staff_types_sql(alias: str, kind: str | None) -> tuple[str, list]:
    if kind is None:
        return "", []
    types = [str(t) for t in STAFF_TYPES_OF_QUOTA_KIND[QuotaKind(kind)]]
    return f" AND {alias}.staff_type IN ({','.join(['%s'] * len(types))})", types


def non_holding_sql(alias: str) -> tuple[str, list]:
    kinds = sorted(str(k) for k in NON_HOLDING_KINDS)
    return f"{alias}.kind NOT IN ({','.join(['%s'] * len(kinds))})", kinds


def holdings_sql(day: dt.date, kind: str | None) -> tuple[str, list]:
    """SELECT of every primary assignment held on `day` (anywhere): aid, official_id,
    position_id, start_on, agency_id (of its position on `day`), kind, retired, separated."""
    agency, agency_params = position_agency_sql("p", "%s", [day], today_tree=is_current(day))
    nh, nh_params = non_holding_sql("a")
    st_sql, st_params = staff_types_sql("o", kind)
    retired, retired_params = retired_sql("o", day)
    sql = (
        f"SELECT a.id AS aid, a.official_id AS official_id, a.position_id AS position_id, a.start_on AS start_on,"
        f" {agency} AS agency_id, {kind_case_sql('o')} AS kind,"
        f" CASE WHEN {retired} THEN 1 ELSE 0 END AS retired,"
        f" CASE WHEN EXISTS (SELECT 1 FROM {T_SEPARATION} s WHERE s.official_id = o.id AND s.separated_on <= %s)"
        f" THEN 1 ELSE 0 END AS separated"
        f" FROM {T_ASSIGNMENT} a JOIN {T_POSITION} p ON p.id = a.position_id JOIN {T_OFFICIAL} o ON o.id = a.official_id"
        f" WHERE a.start_on <= %s AND (a.end_on IS NULL OR a.end_on >= %s) AND {nh}{st_sql}"
    )
    return sql, [*agency_params, *retired_params, day, day, day, *nh_params, *st_params]


def holders_cte(root_ids, day: dt.date, kind: str | None) -> tuple[str, list]:
    """`WITH st AS (subtree pairs), h0 AS (holdings), held AS (one row per root and primary
    assignment: root, agency_id, official_id, assignment_id, position_id, kind, retired,
    separated, rn — rn = 1 for the assignment an official is counted in)` — no final SELECT."""
    sub, sub_params = subtree_sql(root_ids, day)
    h0, h0_params = holdings_sql(day, kind)
    sql = (
        f"WITH st AS ({sub}), h0 AS ({h0}),"
        f" held AS (SELECT st.root AS root, h0.agency_id AS agency_id, h0.official_id AS official_id,"
        f" h0.aid AS assignment_id, h0.position_id AS position_id, h0.kind AS kind, h0.retired AS retired,"
        f" h0.separated AS separated,"
        f" ROW_NUMBER() OVER (PARTITION BY st.root, h0.official_id ORDER BY h0.start_on DESC, h0.aid DESC) AS rn"
        f" FROM h0 JOIN st ON st.id = h0.agency_id)"
    )
    return sql, [*sub_params, *h0_params]


def separations_cte(year: int, kind: str | None, within_st: bool = False) -> tuple[str, list]:
    """CTE `sp(kind, reason, agency_id)`: separations dated in `year`, each with the agency of
    the official's latest primary-kind assignment started on or before it — the agency of its
    position on the assignment's last day up to the separation (`tree.position_agency_sql`).
    One correlated,
    index-driven lookup per separation: never a scan of all assignments. `within_st`: only
    officials ever assigned to a position that is (now, or by a link row) in an agency of the
    CTE `st` — a superset of those counted in `st`, so a small subtree skips the others."""
    within = (
        f" AND s.official_id IN (SELECT a3.official_id FROM {T_ASSIGNMENT} a3 WHERE a3.position_id IN"
        f" ({placed_ever_sql('st')}))"
    ) if within_st else ""
    jan1, dec31 = dt.date(year, 1, 1), dt.date(year, 12, 31)
    last_day = "CASE WHEN a2.end_on IS NOT NULL AND a2.end_on < s.separated_on THEN a2.end_on ELSE s.separated_on END"
    agency, agency_params = position_agency_sql("p2", last_day)
    nh, nh_params = non_holding_sql("a2")
    st_sql, st_params = staff_types_sql("o", kind)
    sql = (
        f" sp AS (SELECT {kind_case_sql('o')} AS kind, s.reason AS reason,"
        f" (SELECT {agency} FROM {T_ASSIGNMENT} a2 JOIN {T_POSITION} p2 ON p2.id = a2.position_id"
        f" WHERE a2.official_id = s.official_id AND a2.start_on <= s.separated_on AND {nh}"
        " ORDER BY a2.start_on DESC, a2.id DESC LIMIT 1) AS agency_id"
        f" FROM {T_SEPARATION} s JOIN {T_OFFICIAL} o ON o.id = s.official_id"
        f" WHERE s.separated_on >= %s AND s.separated_on <= %s{st_sql}{within})"
    )
    return sql, [*agency_params, *nh_params, jan1, dec31, *st_params]


def _live_sql(ids, day: dt.date, kind: str | None, year: int) -> tuple[str, list]:
    head, params = holders_cte(ids, day, kind)
    seps, sep_params = separations_cte(year, kind, within_st=True)
    quota_kind = " AND q.kind = %s" if kind else ""
    sql = (
        f"{head}, {seps},"
        " facts AS ("
        f"SELECT st.root AS root, q.agency_id AS agency_id, q.kind AS kind, q.amount AS q, 0 AS h, 0 AS s,"
        f" 0 AS r, 0 AS ret, 0 AS sep FROM {T_QUOTA} q JOIN st ON st.id = q.agency_id WHERE q.year = %s{quota_kind}"
        " UNION ALL SELECT root, agency_id, kind, 0, 1, 0, 0, retired, separated FROM held WHERE rn = 1"
        " UNION ALL SELECT st.root, sp.agency_id, sp.kind, 0, 0, 1, CASE WHEN sp.reason = %s THEN 1 ELSE 0 END, 0, 0"
        " FROM sp JOIN st ON st.id = sp.agency_id),"
        " per_agency AS (SELECT root, agency_id, kind, SUM(q) AS q, SUM(h) AS h, SUM(s) AS s, SUM(r) AS r,"
        " SUM(ret) AS ret, SUM(sep) AS sep FROM facts GROUP BY root, agency_id, kind)"
        " SELECT root, kind, SUM(q), SUM(h), SUM(CASE WHEN q > h THEN q - h ELSE 0 END),"
        " SUM(CASE WHEN h > q THEN h - q ELSE 0 END), SUM(s), SUM(r), SUM(ret), SUM(sep)"
        " FROM per_agency GROUP BY root, kind"
    )
    return sql, [*params, *sep_params, year, *([kind] if kind else []), "reduction"]


def _rollup_sql(ids, day: dt.date, kind: str | None, snap: int) -> tuple[str, list]:
    """Sum the snapshot rows of each subtree; officials with several posts are counted once per
    root (latest start) from the small multi table and added to their agency's row. On today's
    tree the rows are found by their `tree.Locator` (an index range scan per root); otherwise
    through the subtree CTE of the reference date."""
    from .snapshot import T_MULTI, T_ROW

    kf = " AND {a}.kind = %s" if kind else ""
    kp = [kind] if kind else []
    if is_current(day):
        placeholders = ",".join(["%s"] * len(ids))
        head = f"WITH rt AS ({tree.roots_sql(placeholders)})"
        head_params = list(ids)
        join = "JOIN rt ON " + tree.locator_within_sql("{a}", "rt")
        # LATERAL (PostgreSQL, like the roll-up itself): one index range scan per root
        rows = (
            f"rt CROSS JOIN LATERAL (SELECT * FROM {T_ROW} y WHERE y.snapshot_id = %s{kf.format(a='y')}"
            f" AND {tree.locator_within_sql('y', 'rt')} OFFSET 0) x"  # fence: no pull-up
        )
    else:
        sub, head_params = subtree_sql(ids, day)
        head = f"WITH rt AS ({sub})"
        join = "JOIN rt ON rt.id = {a}.agency_id"
        rows = f"{T_ROW} x JOIN rt ON rt.id = x.agency_id AND x.snapshot_id = %s{kf.format(a='x')}"
    sql = (
        f"{head},"
        " mh AS (SELECT rt.root AS root, m.agency_id AS agency_id, m.kind AS kind, m.retired AS retired,"
        " m.separated AS separated, ROW_NUMBER() OVER (PARTITION BY rt.root, m.official_id"
        " ORDER BY m.start_on DESC, m.assignment_id DESC) AS rn"
        f" FROM {T_MULTI} m {join.format(a='m')} WHERE m.snapshot_id = %s{kf.format(a='m')}),"
        " mc AS (SELECT root, agency_id, kind, COUNT(*) AS h, SUM(retired) AS ret, SUM(separated) AS sep"
        " FROM mh WHERE rn = 1 GROUP BY root, agency_id, kind),"
        " t AS (SELECT rt.root AS root, x.kind AS kind, x.quota AS q, x.holders + COALESCE(mc.h, 0) AS h,"
        " x.separations AS s, x.reductions AS r, x.retired + COALESCE(mc.ret, 0) AS ret,"
        " x.separated + COALESCE(mc.sep, 0) AS sep"
        f" FROM {rows}"
        " LEFT JOIN mc ON mc.root = rt.root AND mc.agency_id = x.agency_id AND mc.kind = x.kind)"
        " SELECT root, kind, SUM(q), SUM(h), SUM(CASE WHEN q > h THEN q - h ELSE 0 END),"
        " SUM(CASE WHEN h > q THEN h - q ELSE 0 END), SUM(s), SUM(r), SUM(ret), SUM(sep)"
        " FROM t GROUP BY root, kind"
    )
    return sql, [*head_params, snap, *kp, snap, *kp]


def figures(root_ids, year: int, kind: str | None = None, day: dt.date | None = None,
            size_hint: int | None = None) -> dict[int, dict[str, Figures]]:
    """{root id: {quota kind: Figures}} for each root's whole subtree, in one statement. Large
    subtrees (`size_hint` agencies ≥ snapshot.MIN_AGENCIES, or unknown) read the materialised
    roll-up of `snapshot.py` when the database has it (PostgreSQL); the answer is the same."""
    from . import snapshot

    ids = [int(i) for i in root_ids]
    result: dict[int, dict[str, Figures]] = {i: {k: Figures() for k in KINDS if kind in (None, k)} for i in ids}
    if not ids:
        return result
    day = day or reference_date(year)
    big = size_hint is None or size_hint >= snapshot.MIN_AGENCIES
    snap = snapshot.usable(day) if big and day.year == year else None
    sql, params = _rollup_sql(ids, day, kind, snap) if snap else _live_sql(ids, day, kind, year)
    with analytic(), connection.cursor() as cur:
        cur.execute(sql, params)
        rows = cur.fetchall()
    for root, k, *values in rows:
        if k in result[root]:
            result[root][k] = Figures(*(int(v or 0) for v in values))
    return result


def total(per_kind: dict[str, Figures]) -> Figures:
    out = Figures()
    for f in per_kind.values():
        out.add(f)
    return out


def quota_sums(root_ids, years, kind: str | None, day: dt.date) -> dict[tuple[int, int], int]:
    """{(root, year): Σ quota of the root's subtree (tree of `day`)} for the given years."""
    ids = [int(i) for i in root_ids]
    years = sorted({int(y) for y in years})
    if not ids or not years:
        return {}
    sub, params = subtree_sql(ids, day)
    quota_kind = " AND q.kind = %s" if kind else ""
    sql = (
        f"SELECT st.root, q.year, SUM(q.amount) FROM ({sub}) st JOIN {T_QUOTA} q ON q.agency_id = st.id"
        f" WHERE q.year IN ({','.join(['%s'] * len(years))}){quota_kind} GROUP BY st.root, q.year"
    )
    with analytic(), connection.cursor() as cur:
        cur.execute(sql, [*params, *years, *([kind] if kind else [])])
        return {(r, y): int(n or 0) for r, y, n in cur.fetchall()}


def quota_sums_by_kind(root_id: int, years, day: dt.date) -> dict[tuple[int, str], int]:
    """{(year, kind): Σ quota of the root's subtree (tree of `day`)} in one statement."""
    years = sorted({int(y) for y in years})
    if not years:
        return {}
    sub, params = subtree_sql([root_id], day)
    sql = (
        f"SELECT q.year, q.kind, SUM(q.amount) FROM ({sub}) st JOIN {T_QUOTA} q ON q.agency_id = st.id"
        f" WHERE q.year IN ({','.join(['%s'] * len(years))}) GROUP BY q.year, q.kind"
    )
    with analytic(), connection.cursor() as cur:
        cur.execute(sql, [*params, *years])
        return {(y, k): int(n or 0) for y, k, n in cur.fetchall()}
