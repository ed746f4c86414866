"""Time `import_data officials` on a generated CSV (not a test: no timing assertions).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/oc_transfer_bench \
        .venv/bin/python tests/transfer/bench_import.py [ROWS]

Prints rows/s for the first import (all created) and the re-import (all unchanged).
`generate_officials_csv(path, n)` is reusable by the benchmark suite."""
import csv
import datetime as dt
import os
import random
import sys
import tempfile
import time
from pathlib import Path

HEADER = ["code", "full_name", "birth_date", "gender", "staff_type", "rank_code", "rank_since",
          "education_level", "education_field", "political_theory", "state_mgmt", "hired_on", "health_ok",
          "youngest_child_born_on"]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quốc"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hùng", "Lan", "Linh", "Mai", "Nam", "Phương", "Sơn"]


def generate_officials_csv(path, n: int, seed: int = 7) -> Path:
    rng = random.Random(seed)
    path = Path(path)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(HEADER)
        for i in range(n):
            birth = dt.date(1965, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 35))
            hired = birth + dt.timedelta(days=rng.randrange(365 * 21, 365 * 30))
            w.writerow([
                f"CB{i:07d}", f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}", birth.isoformat(),
                rng.choice(["male", "female"]), rng.choice(["cadre", "civil_servant", "public_employee", "contract"]),
                rng.choice(["01.001", "01.002", "01.003", ""]), hired.isoformat(),
                rng.choice(["bachelor", "master", "doctor", ""]), "Luật; Kinh tế",
                rng.choice(["none", "elementary", "intermediate", "advanced"]),
                rng.choice(["none", "specialist", "principal", "senior"]), hired.isoformat(),
                rng.choice(["true", "false", ""]), "",
            ])
    return path


def _backend_cpu() -> float:
    """CPU seconds used so far by this connection's PostgreSQL backend (same host), else 0."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cur:
        cur.execute("SELECT pg_backend_pid()")
        pid = cur.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from orgchart.personnel.models import Official

    call_command("migrate", verbosity=0)
    if connection.vendor == "postgresql":  # a fresh table; Django's delete() would take minutes
        tables = [Official._meta.db_table, Official.history.model._meta.db_table]
        with connection.cursor() as cur:
            cur.execute(f"TRUNCATE {', '.join(tables)} CASCADE")
    else:
        Official.objects.all().delete()
        Official.history.all().delete()
    with tempfile.TemporaryDirectory() as tmp:
        path = generate_officials_csv(Path(tmp) / "officials.csv", rows)
        for label in ("create", "re-import (unchanged)"):
            start, cpu, server = time.perf_counter(), time.process_time(), _backend_cpu()
            call_command("import_data", "officials", str(path))
            elapsed = time.perf_counter() - start
            busy = time.process_time() - cpu + (_backend_cpu() - server)
            print(f"{label}: {rows} rows in {elapsed:.2f} s = {rows / elapsed:,.0f} rows/s "
                  f"(CPU: client + database backend {busy:.2f} s = {rows / busy:,.0f} rows/s on an idle machine)")


if __name__ == "__main__":
    main()
