"""Materialised roll-up of holders per agency and kind on a reference date (PostgreSQL).

Counting the holders of a national subtree means reading every primary assignment (millions
of rows); doing it per request cannot meet the < 1 s target of `staffing_rollup_p95_ms`.
So, on PostgreSQL, the per-agency part of the figures is materialised once per reference
date (`RollupSnapshot` + `RollupRow` + `RollupMulti`) and each request only sums those rows
over the subtree (an index range on the rows' `tree.Locator` for today's tree, the link CTE
otherwise, read live), so any subtree and any breakdown of the
same date is fast. Separations stay live (few rows).

Invalidation is exact (the log is emptied by a build once it exceeds LOG_COMPACT_AT rows): statement-level triggers on every table the roll-up reads append a
row to `staffing_changelog` (inserts only: no lock contention). A snapshot is used only while
the number of committed change-log rows equals the number counted *before* it was built, and
the tree mode (`tree.is_current(day)`) is the one it was built with; otherwise it is rebuilt
(on a conflict with a concurrent builder the request falls back to the live query).
Without the triggers (SQLite, or a test database created without migrations) the live query
is used. The result is identical either way (tests compare both).
"""
import datetime as dt

from django.db import IntegrityError, connection, transaction

from orgchart.personnel.models import Assignment, Official, Separation
from orgchart.positions.models import JobPosition, PositionLink
from orgchart.structure import tree
from orgchart.structure.models import Agency
from orgchart.structure.tree import is_current

from .models import ChangeLog, Quota, RollupMulti, RollupRow, RollupSnapshot

T_LOG = ChangeLog._meta.db_table
T_SNAPSHOT = RollupSnapshot._meta.db_table
T_ROW = RollupRow._meta.db_table
T_MULTI = RollupMulti._meta.db_table
WATCHED = [m._meta.db_table for m in (Assignment, Official, Separation, JobPosition, PositionLink, Quota, Agency)]
T_AGENCY = Agency._meta.db_table
LOCATOR = ", ".join(tree.LOCATOR_FIELDS)  # the rows' place in today's tree (tree.Locator)
# Subtrees smaller than this (agencies, `tree.subtree_size`) are answered by the live query. 0: every
# subtree reads the roll-up — on national data PostgreSQL's plan for the live query reads all
# officials even for one province (seconds), while the roll-up answers any subtree in ms.
MIN_AGENCIES = 0
KEEP_SNAPSHOTS = 12
LOG_COMPACT_AT = 20_000  # change-log rows; a build then empties the log (see build)
FUNCTION = "staffing_log_change"

_installed = False


def install_sql() -> list[str]:
    stmts = [
        f"CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f'INSERT INTO {T_LOG} ("table", "at") VALUES (TG_TABLE_NAME, now()); RETURN NULL; END $$'
    ]
    for t in WATCHED:
        stmts += [
            f"DROP TRIGGER IF EXISTS staffing_log_{t} ON {t}",
            f"CREATE TRIGGER staffing_log_{t} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {t}"
            f" FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()",
        ]
    return stmts


def uninstall_sql() -> list[str]:
    return [f"DROP TRIGGER IF EXISTS staffing_log_{t} ON {t}" for t in WATCHED] + [
        f"DROP FUNCTION IF EXISTS {FUNCTION}()"
    ]


def install(conn=None):
    """Create the change-log triggers (PostgreSQL only; migration 0003 calls this)."""
    conn = conn or connection
    if conn.vendor != "postgresql":
        return
    with conn.cursor() as cur:
        for stmt in install_sql():
            cur.execute(stmt)


def uninstall(conn=None):
    global _installed
    conn = conn or connection
    if conn.vendor != "postgresql":
        return
    with conn.cursor() as cur:
        for stmt in uninstall_sql():
            cur.execute(stmt)
    _installed = False


def installed() -> bool:
    global _installed
    if connection.vendor != "postgresql":
        return False
    if not _installed:
        with connection.cursor() as cur:
            cur.execute("SELECT COUNT(*) FROM pg_trigger WHERE tgname LIKE 'staffing\\_log\\_%%' AND NOT tgisinternal")
            _installed = cur.fetchone()[0] >= len(WATCHED)
    return _installed


def _log_count() -> int:
    with connection.cursor() as cur:
        cur.execute(f"SELECT COUNT(*) FROM {T_LOG}")
        return cur.fetchone()[0]


def usable(day: dt.date) -> int | None:
    """Id of a valid snapshot for `day` (built now if missing or stale), or None: use the live query."""
    if not installed():
        return None
    static = is_current(day)
    count = _log_count()
    snap = RollupSnapshot.objects.filter(day=day).values_list("pk", "log_count", "static").first()
    if snap is not None and tuple(snap[1:]) == (count, static):
        return snap[0]
    built = build(day, count, static)
    if built is None:  # a concurrent request built it: use theirs if it is valid for us
        snap = RollupSnapshot.objects.filter(day=day).values_list("pk", "log_count", "static").first()
        if snap is not None and tuple(snap[1:]) == (_log_count(), static):
            return snap[0]
    return built


def build(day: dt.date, count: int, static: bool) -> int | None:
    """Materialise the roll-up of `day`; `count` must have been read before (see module doc)."""
    from .selectors import holdings_sql, separations_cte

    h0, params = holdings_sql(day, None)
    seps, sep_params = separations_cte(day.year, None)
    try:
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute("SET LOCAL jit = off")
            cur.execute(f"SELECT id FROM {T_SNAPSHOT} WHERE day = %s OR id NOT IN"
                        f" (SELECT id FROM {T_SNAPSHOT} ORDER BY built_at DESC LIMIT %s)", [day, KEEP_SNAPSHOTS])
            old = [r[0] for r in cur.fetchall()]
            if count > LOG_COMPACT_AT:
                # Empty the log before reading any data: rows committed later stay and invalidate
                # this snapshot as they should; every other snapshot is dropped (its count is void).
                cur.execute(f"DELETE FROM {T_LOG}")
                cur.execute(f"SELECT id FROM {T_SNAPSHOT}")
                old = [r[0] for r in cur.fetchall()]
                count = 0
            if old:
                for table in (T_ROW, T_MULTI):
                    cur.execute(f"DELETE FROM {table} WHERE snapshot_id = ANY(%s)", [old])
                cur.execute(f"DELETE FROM {T_SNAPSHOT} WHERE id = ANY(%s)", [old])
            cur.execute(
                f"INSERT INTO {T_SNAPSHOT} (day, log_count, static, built_at) VALUES (%s, %s, %s, now()) RETURNING id",
                [day, count, static],
            )
            snap = cur.fetchone()[0]
            cur.execute(f"CREATE TEMP TABLE staffing_h0 ON COMMIT DROP AS {h0}", params)
            cur.execute(
                "CREATE TEMP TABLE staffing_multi ON COMMIT DROP AS"
                " SELECT official_id FROM staffing_h0 GROUP BY official_id HAVING COUNT(*) > 1"
            )
            # officials holding several posts contribute 0 here (only a row), 1 in RollupMulti
            cur.execute(
                f"WITH {seps} INSERT INTO {T_ROW} (snapshot_id, agency_id, {LOCATOR}, kind, quota, holders,"
                " retired, separated, separations, reductions)"
                f" SELECT %s, x.agency_id, {tree.locator_values_sql('ag', 'MIN')}, x.kind, SUM(q), SUM(h), SUM(ret),"
                " SUM(sep), SUM(s), SUM(r) FROM ("
                " SELECT h.agency_id, h.kind, 0 AS q, CASE WHEN m.official_id IS NULL THEN 1 ELSE 0 END AS h,"
                " CASE WHEN m.official_id IS NULL THEN h.retired ELSE 0 END AS ret,"
                " CASE WHEN m.official_id IS NULL THEN h.separated ELSE 0 END AS sep, 0 AS s, 0 AS r"
                " FROM staffing_h0 h LEFT JOIN staffing_multi m ON m.official_id = h.official_id"
                " WHERE h.agency_id IS NOT NULL"
                f" UNION ALL SELECT q.agency_id, q.kind, q.amount, 0, 0, 0, 0, 0 FROM {Quota._meta.db_table} q"
                " WHERE q.year = %s"
                " UNION ALL SELECT sp.agency_id, sp.kind, 0, 0, 0, 0, 1, CASE WHEN sp.reason = %s THEN 1 ELSE 0 END"
                " FROM sp WHERE sp.agency_id IS NOT NULL"
                f") x JOIN {T_AGENCY} ag ON ag.id = x.agency_id GROUP BY x.agency_id, x.kind",
                [*sep_params, snap, day.year, "reduction"],
            )
            cur.execute(
                f"INSERT INTO {T_MULTI} (snapshot_id, official_id, assignment_id, agency_id, {LOCATOR}, kind,"
                f" start_on, retired, separated) SELECT %s, h.official_id, h.aid, h.agency_id,"
                f" {tree.locator_values_sql('ag')}, h.kind, h.start_on, h.retired, h.separated"
                " FROM staffing_h0 h JOIN staffing_multi m ON m.official_id = h.official_id"
                f" JOIN {T_AGENCY} ag ON ag.id = h.agency_id",
                [snap],
            )
            cur.execute("DROP TABLE staffing_h0")
            cur.execute("DROP TABLE staffing_multi")
            cur.execute(f"ANALYZE {T_ROW}")
        return snap
    except IntegrityError:  # a concurrent request built the same day first
        return None
