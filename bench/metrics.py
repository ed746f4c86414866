"""One function per metric of CONTRACT §1. Each returns a dict
`{value, unit, target, ok, naive, ratio, note}`; `ratio` is always "how many times better than
the naive way" (naive/value for lower-is-better metrics, value/naive otherwise).
Django must be set up (on the benchmark database) before these are called."""
import csv
import datetime as dt
import importlib
import json
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUBTREE_QUERY = (
    "{ agency(code: \"%s\") { children { code positions { code filled } children { code positions { code filled } "
    "children { code positions { code filled } } } } } }"
)
API_QUERY = "{ agency(code: \"%s\") { code name children { code } } }"


def result(value, unit, target, ok, naive=None, lower_is_better=False, note=""):
    ratio = None
    if value not in (None, 0) and naive not in (None, 0):
        ratio = round((naive / value) if lower_is_better else (value / naive), 1)
    out = {"value": value, "unit": unit, "target": target, "ok": bool(ok), "naive": naive, "ratio": ratio}
    if note:
        out["note"] = note
    return out


def missing(unit, target, note="feature not available"):
    return {"value": None, "unit": unit, "target": target, "ok": False, "naive": None, "ratio": None, "note": note}


def helper(module: str):
    """The `measure` function of a domain's bench helper, or None while it is not written."""
    try:
        return importlib.import_module(module).measure
    except (ImportError, AttributeError):
        return None


def provinces_by_size():
    from orgchart.structure import tree
    from orgchart.structure.models import Agency

    qs = Agency.objects.filter(level="province", kind="people_committee", parent__isnull=False)
    rows = sorted(qs.only("code", *tree.CONTAIN_FIELDS), key=lambda a: (-tree.subtree_size(a), a.code))
    return [a.code for a in rows]


# -- 1. subtree_query_sql_count ------------------------------------------------------------------
def _graphql(client, query):
    resp = client.post("/graphql/", data=json.dumps({"query": query}), content_type="application/json")
    return resp.status_code, resp.json()


def count_queries(code: str) -> tuple[int, dict]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    _graphql(client, SUBTREE_QUERY % code)  # warm caches of the first request (content types…)
    with CaptureQueriesContext(connection) as ctx:
        status, body = _graphql(client, SUBTREE_QUERY % code)
    if status != 200 or body.get("errors") or not (body.get("data") or {}).get("agency"):
        raise RuntimeError(f"agency query failed: {status} {str(body)[:300]}")
    return len(ctx.captured_queries), body


class QueryCounter:
    """Counts every SQL statement (CaptureQueriesContext keeps only the last 9000)."""

    def __init__(self):
        self.n = 0

    def __call__(self, execute, sql, params, many, context):
        self.n += 1
        return execute(sql, params, many, context)


def naive_subtree_queries(code: str) -> int:
    """The same read, the way plain graphene-django resolvers do it: one query per agency for its
    children, one per agency for its positions, one per position for `filled`."""
    from django.db import connection

    from orgchart.core.dates import today
    from orgchart.personnel.models import Assignment
    from orgchart.personnel.selectors import holding_q
    from orgchart.structure.models import Agency

    day = today()
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        level = [Agency.objects.get(code=code)]
        for _ in range(3):
            nxt = []
            for a in level:
                children = list(Agency.objects.filter(Agency.active_q(day), parent_id=a.pk).order_by("code"))
                for c in children:
                    for p in c.positions.all():
                        Assignment.objects.filter(holding_q(day), position_id=p.pk).count()
                nxt.extend(children)
            level = nxt
    return counter.n


def subtree_query_sql_count() -> dict:
    target = 10
    codes = provinces_by_size()
    if not codes:
        return missing("queries", target, "no generated province")
    try:
        n_big, body = count_queries(codes[0])
    except Exception as exc:  # noqa: BLE001
        return missing("queries", target, f"feature not available: {exc}")
    n_small = count_queries(codes[-1])[0]
    naive = naive_subtree_queries(codes[0])
    same = n_big == n_small
    note = f"largest province {codes[0]}: {n_big}; smallest {codes[-1]}: {n_small}"
    return result(n_big, "queries", target, n_big <= target and same, naive, lower_is_better=True, note=note)


# -- 2. staffing_rollup_p95_ms -------------------------------------------------------------------
def naive_rollup_ms(root_code: str, year: int, sample: int = 400) -> tuple[float, str]:
    """One query per agency for quota and one for headcount, timed on a sample of the subtree and
    scaled to its full size."""
    from django.db.models import Sum

    from orgchart.core.dates import reference_date, today
    from orgchart.personnel.models import Assignment
    from orgchart.personnel.selectors import holding_q
    from orgchart.staffing.models import Quota
    from orgchart.structure import tree
    from orgchart.structure.models import Agency

    root = Agency.objects.get(code=root_code)
    ids = list(Agency.objects.filter(tree.subtree_q(root, today())).values_list("pk", flat=True))
    day = reference_date(year)
    rng = random.Random(7)
    picked = rng.sample(ids, min(sample, len(ids)))
    t0 = time.perf_counter()
    for aid in picked:
        Quota.objects.filter(agency_id=aid, year=year).aggregate(s=Sum("amount"))
        Assignment.objects.filter(holding_q(day), position__agency_id=aid).values("official_id").distinct().count()
    per = (time.perf_counter() - t0) / max(1, len(picked))
    return per * len(ids) * 1000, f"naive: 2 queries × {len(ids)} agencies (timed on {len(picked)})"


def staffing_rollup_p95_ms(root_code: str, year: int, n: int) -> dict:
    target = 1000
    measure = helper("orgchart.staffing.bench")
    if measure is None:
        return missing("ms", target)
    try:
        value = round(float(measure(root_code, year, n)), 1)
    except Exception as exc:  # noqa: BLE001
        return missing("ms", target, f"feature not available: {exc}")
    naive, note = naive_rollup_ms(root_code, year)
    return result(value, "ms", target, value < target, round(naive, 1), lower_is_better=True, note=note)


# -- 3. eligibility_checks_per_s -----------------------------------------------------------------
def _number(out, *keys):
    if isinstance(out, int | float):
        return float(out)
    if isinstance(out, dict):
        for k in keys:
            if isinstance(out.get(k), int | float):
                return float(out[k])
    if isinstance(out, tuple | list) and out and isinstance(out[0], int | float):
        return float(out[0])
    raise TypeError(f"unexpected measure() result: {out!r}")


def eligibility_checks_per_s(province_code: str) -> dict:
    target = 5000
    measure = helper("orgchart.eligibility.bench")
    if measure is None:
        return missing("checks/s", target)
    from orgchart.core.dates import today
    from orgchart.positions.models import JobPosition

    pos = (JobPosition.objects.filter(agency__parent__code=province_code, leadership_role="deputy",
                                      agency__kind="department").order_by("code").first())
    if pos is None:
        return missing("checks/s", target, "no deputy position of a department in the province")
    try:
        value = round(_number(measure(pos.code, "first_appointment", today()), "checks_per_s", "value", "rate"), 1)
    except Exception as exc:  # noqa: BLE001
        return missing("checks/s", target, f"feature not available: {exc}")
    naive = None
    note = f"position {pos.code}, FIRST_APPOINTMENT"
    try:
        from orgchart.eligibility import engine
        from orgchart.personnel.models import Official

        ids = list(Official.objects.filter(code__startswith=f"CB{int(province_code[1:]):02d}")
                   .order_by("id").values_list("pk", flat=True)[:150])
        t0 = time.perf_counter()
        for oid in ids:
            engine.check(oid, pos.pk, "first_appointment", today())
        naive = round(len(ids) / (time.perf_counter() - t0), 1)
        note += f"; naive: engine.check() one official at a time ({len(ids)} officials)"
    except Exception as exc:  # noqa: BLE001
        note += f"; naive not measured: {exc}"
    return result(value, "checks/s", target, value >= target, naive, note=note)


# -- 4. overlap_statements_per_s -----------------------------------------------------------------
WORD = re.compile(r"\w+", re.UNICODE)


def naive_overlap_rate(total_statements: int, sample: int = 1500) -> tuple[float, str]:
    """Pairwise comparison (token-set Jaccard of every pair of statements) on a sample; the rate
    for the whole set is extrapolated with the O(n²) pair count."""
    from orgchart.structure.models import Mandate

    texts = list(Mandate.objects.order_by("id").values_list("text", flat=True)[:sample])
    sets = [frozenset(WORD.findall(t.lower())) for t in texts]
    t0 = time.perf_counter()
    hits = 0
    for i in range(len(sets)):
        a = sets[i]
        for j in range(i + 1, len(sets)):
            b = sets[j]
            inter = len(a & b)
            if inter and inter / (len(a) + len(b) - inter) > 0.5:
                hits += 1
    elapsed = time.perf_counter() - t0
    n = len(sets)
    pairs_sample = n * (n - 1) / 2 or 1
    pairs_total = total_statements * (total_statements - 1) / 2
    full_time = elapsed * pairs_total / pairs_sample
    return total_statements / full_time, f"naive: all pairs, timed on {n} statements, scaled to {total_statements}"


def overlap_statements_per_s() -> dict:
    target = 1700
    measure = helper("orgchart.overlaps.bench")
    if measure is None:
        return missing("statements/s", target)
    from orgchart.structure.models import Mandate

    total = Mandate.objects.count()
    on_db = getattr(importlib.import_module("orgchart.overlaps.bench"), "measure_db", None)
    db_error = ""
    value = None
    source = "generated data set (measure_db)"
    if on_db is not None:  # the generated data set through the detect_overlaps computation
        try:
            value = round(_number(on_db(), "statements_per_s", "value", "rate"), 1)
        except Exception as exc:  # noqa: BLE001
            db_error = f"detect_overlaps failed on the generated data set: {type(exc).__name__}: {exc}"
    if value is None:
        source = f"synthetic corpus of {total} statements (measure)"
        try:
            value = round(_number(measure(total), "statements_per_s", "value", "rate"), 1)
        except Exception as exc:  # noqa: BLE001
            return missing("statements/s", target, f"feature not available: {exc}; {db_error}".strip("; "))
    naive, note = naive_overlap_rate(total)
    note = f"{source}; {total} statements in the data set; {note}" + (f"; {db_error}" if db_error else "")
    return result(value, "statements/s", target, value >= target and not db_error, round(naive, 1), note=note)


# -- 5. import_rows_per_s ------------------------------------------------------------------------
OFFICIAL_COLUMNS = ["code", "full_name", "birth_date", "gender", "staff_type", "rank_code", "rank_since",
                    "education_level", "education_field", "political_theory", "state_mgmt", "hired_on", "health_ok",
                    "youngest_child_born_on"]


def write_officials_csv(path: Path, rows: int, seed: int = 5) -> None:
    """An officials file in CONTRACT §2 format, with the generator's names and distributions."""
    from orgchart.datagen.names import NamePicker

    rng = random.Random(seed)
    names = NamePicker(rng)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(OFFICIAL_COLUMNS)
        for i in range(rows):
            gender = "female" if rng.random() < 0.5 else "male"
            birth = dt.date(1968, 1, 1) + dt.timedelta(days=rng.randrange(12000))
            hired = birth + dt.timedelta(days=rng.randrange(22 * 365, 30 * 365))
            st = rng.choice(["civil_servant", "civil_servant", "public_employee", "public_employee", "contract", "cadre"])
            rank = "01.003" if st in ("civil_servant", "cadre") else ""
            w.writerow([f"NK{i:07d}", names.full_name(gender), birth.isoformat(), gender, st, rank,
                        hired.isoformat() if rank else "", rng.choice(["bachelor", "master", "college"]),
                        rng.choice(["Luật", "Kinh tế", "Sư phạm", "Y khoa"]), rng.choice(["", "none", "intermediate"]),
                        rng.choice(["", "specialist"]), hired.isoformat(), "true", ""])


def naive_import_rate(rows: int = 300) -> float:
    """Per-row ORM save (with history), rolled back: the naive import path."""
    from django.db import transaction

    from orgchart.personnel.models import Official

    t0 = time.perf_counter()
    with transaction.atomic():
        sid = transaction.savepoint()
        for i in range(rows):
            o = Official(code=f"NAIVE{i:06d}", full_name="Nguyễn Văn A", birth_date=dt.date(1980, 1, 1), gender="male",
                         staff_type="civil_servant", rank_code="01.003", hired_on=dt.date(2005, 1, 1))
            o.full_clean()
            o.save()
        transaction.savepoint_rollback(sid)
    return rows / (time.perf_counter() - t0)


def import_rows_per_s(rows: int, empty_db: str, work_db: str, env: dict) -> dict:
    target = 5000
    if not (ROOT / "orgchart" / "transfer" / "management" / "commands" / "import_data.py").exists():
        return missing("rows/s", target)
    from bench import db

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "officials.csv"
        write_officials_csv(path, rows)
        db.create(work_db, template=empty_db, drop=True)
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "manage.py", "import_data", "officials", str(path)], cwd=ROOT,
                              env={**env, "DATABASE_URL": db.url_for(work_db)}, capture_output=True, text=True,
                              timeout=3600)
        elapsed = time.perf_counter() - t0
        db.drop(work_db)
    if proc.returncode != 0:
        return missing("rows/s", target, f"import_data failed (exit {proc.returncode}): {proc.stderr.strip()[-300:]}")
    value = round(rows / elapsed, 1)
    naive = round(naive_import_rate(), 1)
    return result(value, "rows/s", target, value >= target, naive,
                  note=f"{rows} rows into an empty database, whole command incl. start-up ({elapsed:.1f} s): "
                       f"{proc.stdout.strip()[-120:]}; naive: per-row full_clean()+save()")


# -- 6. api_requests_per_s -----------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(env: dict, workers: int):
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi:application", "-w", str(workers), "-b", f"127.0.0.1:{port}",
         "--log-level", "warning", "--keep-alive", "5"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited: {proc.stderr.read().decode()[-400:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return proc, port
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    raise RuntimeError("gunicorn did not start")


def _load(port: int, body_file: str, seconds: float, max_requests: int, threads: int) -> dict:
    out = subprocess.run([sys.executable, "-m", "bench.load", str(port), str(seconds), str(max_requests), str(threads),
                          body_file], cwd=ROOT, capture_output=True, text=True, timeout=seconds + 120)
    return json.loads(out.stdout)


def _rate(env, workers, body_file, seconds, max_requests, threads):
    proc, port = _serve(env, workers)
    try:
        _load(port, body_file, 2, 200, threads)  # warm-up: workers import, connect, fill caches
        stats = _load(port, body_file, seconds, max_requests, threads)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
    return stats


# one client thread per worker: more threads only add GIL and connection churn in the client process
# (measured on the quick data set: 2 threads 168/s, 4 threads 148/s, 8 threads 124/s)
CLIENT_THREADS = 2


def api_requests_per_s(code: str, db_url: str, seconds: float, max_requests: int) -> dict:
    target = 200
    env = {**os.environ, "DATABASE_URL": db_url, "DJANGO_DEBUG": "false", "ALLOWED_HOSTS": "127.0.0.1",
           "DJANGO_SECRET_KEY": "bench-" + os.urandom(16).hex(), "DB_CONN_MAX_AGE": "600", "DJANGO_SECURE": "false"}
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump({"query": API_QUERY % code}, fh)
        body_file = fh.name
    try:
        stats = _rate(env, 2, body_file, seconds, max_requests, CLIENT_THREADS)
        if stats["requests"] == 0:
            return missing("requests/s", target, f"no successful request ({stats['errors']} errors)")
        value = round(stats["requests"] / stats["seconds"], 1)
        naive_stats = _rate(env, 1, body_file, seconds / 2, max_requests // 2, 1)
        naive = round(naive_stats["requests"] / naive_stats["seconds"], 1) if naive_stats["requests"] else None
    finally:
        os.unlink(body_file)
    note = (f"{stats['requests']} requests in {stats['seconds']:.1f} s, {stats['errors']} errors, "
            f"{CLIENT_THREADS} client threads; baseline instead of a naive way: 1 worker, 1 client thread")
    return result(value, "requests/s", target, value >= target and stats["errors"] == 0, naive, note=note)
