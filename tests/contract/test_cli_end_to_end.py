"""The CONTRACT §1 commands run as an outside check would: subprocesses on a throw-away SQLite
database, then the API served by runserver-equivalent (the test client)."""
import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("contract")
    e = dict(os.environ, DATABASE_URL=f"sqlite:///{tmp}/db.sqlite3", DJANGO_SECRET_KEY="contract-test",
             DJANGO_DEBUG="false", ALLOWED_HOSTS="127.0.0.1")
    p = subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=e,
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    return e, tmp


def manage(env, *args):
    return subprocess.run([sys.executable, "manage.py", *map(str, args)], cwd=ROOT, env=env[0], capture_output=True,
                          text=True, timeout=300)


def write(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return path


def test_import_export_and_tokens_like_an_outside_check(env):
    tmp = env[1]
    for kind, f in (("agencies", DATA / "agencies.csv"), ("mandates", DATA / "mandates.csv")):
        p = manage(env, "import_data", kind, f)
        assert p.returncode == 0, p.stderr
        again = manage(env, "import_data", kind, f)
        assert again.returncode == 0 and "created 0, updated 0" in again.stdout, again.stdout
    officials = write(tmp / "officials.csv", [
        dict(code="CC001", full_name="Nguyễn Văn An", birth_date="1980-05-10", gender="male", staff_type="civil_servant",
             education_level="bachelor"),
    ])
    assert manage(env, "import_data", "officials", officials).returncode == 0
    dry = write(tmp / "dry.csv", [dict(code="CCDRY", full_name="Lê Văn Thử", birth_date="1990-01-01", gender="male",
                                       staff_type="civil_servant")])
    assert manage(env, "import_data", "officials", dry, "--dry-run").returncode == 0
    out = tmp / "out.csv"
    assert manage(env, "export_data", "officials", out).returncode == 0
    text = out.read_text(encoding="utf-8-sig")
    assert "CC001" in text and "CCDRY" not in text
    bad = tmp / "bad.csv"
    bad.write_text("code,full_name,birth_date,gender,staff_type\nX1,A,1980-13-40,male,civil_servant\n", encoding="utf-8")
    p = manage(env, "import_data", "officials", bad)
    assert p.returncode == 1 and "row 2, column birth_date: " in p.stderr and "Traceback" not in p.stderr + p.stdout
    for role in ("admin", "restructuring", "personnel", "auditor"):
        p = manage(env, "create_api_token", f"cc-{role}", "--role", role)
        assert p.returncode == 0 and len(p.stdout.strip().splitlines()) == 1
    p = manage(env, "create_api_token", "cc-x", "--role", "personnel", "--scope", "NOPE")
    assert p.returncode != 0
