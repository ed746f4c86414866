"""`python -m bench.run --scale national|quick` (CONTRACT §1: `make bench`, `make bench-quick`).

Creates `bench_orgchart_<scale>` on the PostgreSQL server of DATABASE_URL (default
postgres://postgres@127.0.0.1:5432), migrates, generates the data set (reused when it was
already generated with the same parameters and seed; resumed when a run was interrupted),
measures every metric with its naive counterpart, writes `bench/results.json` and prints a
table. A metric whose feature is missing is recorded with `value: null, ok: false` and the
run goes on: the harness never stops on one metric."""
import argparse
import datetime as dt
import json
import os
import platform
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results.json"
SEED = 2025
SCALES = {
    # agencies, officials, import rows, staffing samples, api seconds, api max requests
    "national": {"agencies": 100_000, "officials": 2_000_000, "import_rows": 100_000, "staffing_n": 20,
                 "api_seconds": 20, "api_max": 20_000, "statement_timeout_s": 120},
    "quick": {"agencies": 2_000, "officials": 40_000, "import_rows": 20_000, "staffing_n": 20,
              "api_seconds": 8, "api_max": 5_000, "statement_timeout_s": 60},
}
ORDER = ["subtree_query_sql_count", "staffing_rollup_p95_ms", "eligibility_checks_per_s", "overlap_statements_per_s",
         "import_rows_per_s", "api_requests_per_s"]
TARGETS = {"subtree_query_sql_count": ("queries", 10), "staffing_rollup_p95_ms": ("ms", 1000),
           "eligibility_checks_per_s": ("checks/s", 5000), "overlap_statements_per_s": ("statements/s", 1700),
           "import_rows_per_s": ("rows/s", 5000), "api_requests_per_s": ("requests/s", 200)}


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def setup_django(db_url: str) -> None:
    os.environ["DATABASE_URL"] = db_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def machine() -> dict:
    from bench import db

    mem = ""
    try:
        with open("/proc/meminfo") as fh:
            kb = int(fh.readline().split()[1])
            mem = f"{kb / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    cpu = ""
    try:
        with open("/proc/cpuinfo") as fh:
            cpu = next((line.split(":", 1)[1].strip() for line in fh if line.startswith("model name")), "")
    except OSError:
        pass
    return {"cpus": os.cpu_count(), "cpu": cpu, "memory": mem, "python": platform.python_version(),
            "postgresql": db.server_version(), "os": platform.platform()}


def prepare(scale: str, cfg: dict) -> tuple[str, dict]:
    """Create/migrate the databases and make sure the data set is there. Returns (db url, dataset info)."""
    from bench import db

    name = f"bench_orgchart_{scale}"
    db.create(name)
    url = db.url_for(name)
    setup_django(url)
    from django.core.management import call_command

    log(f"migrate {name}")
    call_command("migrate", verbosity=0, interactive=False)
    # an empty migrated database, the template of the import benchmark's fresh database
    empty = "bench_orgchart_empty"
    db.create(empty)
    log(f"migrate {empty} (template of the import benchmark's fresh database)")
    import subprocess

    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, check=True,
                   env={**os.environ, "DATABASE_URL": db.url_for(empty)})
    from orgchart.datagen.generator import Generator

    gen = Generator(SEED, cfg["agencies"], cfg["officials"], log=log)
    t0 = time.perf_counter()
    reused = gen.is_complete()
    run = gen.run(resume=True, progress=sys.stderr.isatty())
    took = time.perf_counter() - t0
    from orgchart.personnel.models import Assignment, Official
    from orgchart.positions.models import JobPosition
    from orgchart.structure.models import Agency, Mandate

    info = {"params": run.params_key, "reused": reused, "generation_seconds": None if reused else round(took, 1),
            "agencies": Agency.objects.count(), "positions": JobPosition.objects.count(),
            "officials": Official.objects.count(), "assignments": Assignment.objects.count(),
            "mandates": Mandate.objects.count(), "planted_overlaps": len(run.details.get("planted_overlaps", []))}
    log(f"data set: {info}")
    return url, info


def limit_statements(seconds: int) -> None:
    """A PostgreSQL statement_timeout on every connection of this process while measuring, so a
    pathological query fails its metric (with the error in the note) instead of stalling the run."""
    from django.db import connection
    from django.db.backends.signals import connection_created

    def apply(sender, connection, **kwargs):
        if connection.vendor == "postgresql":
            with connection.cursor() as cur:
                cur.execute(f"SET statement_timeout = {int(seconds * 1000)}")

    connection_created.connect(apply, weak=False)
    if connection.connection is not None:
        apply(None, connection)


def measure_all(scale: str, cfg: dict, url: str) -> dict:
    from bench import metrics
    from orgchart.core.dates import today

    limit_statements(cfg["statement_timeout_s"])

    provinces = metrics.provinces_by_size()
    largest = provinces[0] if provinces else "T01"
    steps = {
        "subtree_query_sql_count": lambda: metrics.subtree_query_sql_count(),
        "staffing_rollup_p95_ms": lambda: metrics.staffing_rollup_p95_ms("VN", today().year, cfg["staffing_n"]),
        "eligibility_checks_per_s": lambda: metrics.eligibility_checks_per_s(largest),
        "overlap_statements_per_s": lambda: metrics.overlap_statements_per_s(),
        "import_rows_per_s": lambda: metrics.import_rows_per_s(
            cfg["import_rows"], "bench_orgchart_empty", f"bench_orgchart_{scale}_import", dict(os.environ)),
        "api_requests_per_s": lambda: metrics.api_requests_per_s(largest, url, cfg["api_seconds"], cfg["api_max"]),
    }
    out = {}
    for name in ORDER:
        log(f"measure {name}")
        t0 = time.perf_counter()
        try:
            out[name] = steps[name]()
        except Exception as exc:  # noqa: BLE001 — a failing metric never stops the run
            traceback.print_exc()
            unit, target = TARGETS[name]
            out[name] = metrics.missing(unit, target, f"error: {type(exc).__name__}: {exc}"[:400])
        from django.db import connection

        if connection.needs_rollback or not connection.is_usable():
            connection.close()
        log(f"  {name}: {out[name].get('value')} ({time.perf_counter() - t0:.1f} s)")
    return out


def table(results: dict) -> str:
    head = ("metric", "value", "unit", "target", "ok", "naive", "×better")
    rows = [head]
    for name, m in results["metrics"].items():
        cmp = "≤" if name in ("subtree_query_sql_count",) else "<" if name.endswith("_ms") else "≥"
        rows.append((name, _fmt(m.get("value")), m.get("unit", ""), f"{cmp} {m.get('target')}",
                     "yes" if m.get("ok") else "NO", _fmt(m.get("naive")), _fmt(m.get("ratio"))))
    widths = [max(len(str(r[i])) for r in rows) for i in range(len(head))]
    lines = ["  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True)))
             for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    notes = [f"  {n}: {m['note']}" for n, m in results["metrics"].items() if m.get("note")]
    return "\n".join(lines + (["notes:"] + notes if notes else []))


def _fmt(v):
    if v is None:
        return "—"
    if isinstance(v, float):
        return f"{v:,.1f}"
    return f"{v:,}" if isinstance(v, int) else str(v)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="quick")
    parser.add_argument("--output", default=str(RESULTS))
    args = parser.parse_args(argv)
    cfg = SCALES[args.scale]
    started = time.perf_counter()
    results = {"scale": args.scale, "metrics": {}}
    try:
        url, info = prepare(args.scale, cfg)
        results["dataset"] = info
        results["metrics"] = measure_all(args.scale, cfg, url)
        results["machine"] = machine()
    except Exception as exc:  # noqa: BLE001 — still write what we have
        traceback.print_exc()
        results["error"] = f"{type(exc).__name__}: {exc}"
        from bench.metrics import missing

        for name in ORDER:
            results["metrics"].setdefault(name, missing(*TARGETS[name], note=f"not measured: {exc}"[:300]))
    results["seconds"] = round(time.perf_counter() - started, 1)
    results["finished_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    Path(args.output).write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"orgchart benchmarks — scale {args.scale} ({results['seconds']} s)")
    print(table(results))
    print(f"results written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
