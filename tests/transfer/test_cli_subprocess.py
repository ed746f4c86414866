"""The commands as real processes: exit codes, stdout/stderr, never a traceback."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def manage(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("transfer-cli")
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{tmp}/db.sqlite3")

    def run(*args):
        return subprocess.run([sys.executable, "manage.py", *map(str, args)], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=300)

    assert run("migrate", "--noinput", "-v0").returncode == 0
    run.tmp = tmp
    return run


def test_import_export_reimport(manage):
    p = manage("import_data", "agencies", DATA / "agencies.csv")
    assert p.returncode == 0 and "created 20, updated 0, unchanged 0" in p.stdout, p.stderr
    out = manage.tmp / "agencies.xlsx"
    p = manage("export_data", "agencies", out)
    assert p.returncode == 0 and out.exists()
    p = manage("import_data", "agencies", out)
    assert p.returncode == 0 and "created 0, updated 0, unchanged 20" in p.stdout


def test_failures_exit_1_without_traceback(manage):
    bad = manage.tmp / "bad.csv"
    bad.write_bytes("code,full_name,birth_date,gender,staff_type,x\nA,Văn,1980-13-40,male,cadre,1\n".encode("cp1258"))
    p = manage("import_data", "officials", bad)
    assert p.returncode == 1 and "not UTF-8" in p.stderr
    bad.write_text("code,full_name,birth_date,gender,staff_type,x\nA,An,1980-13-40,male,cadre,1\n", encoding="utf-8")
    p = manage("import_data", "officials", bad)
    assert p.returncode == 1 and "row 1, column x: unknown column" in p.stderr
    p = manage("import_data", "officials", manage.tmp / "nope.csv")
    assert p.returncode == 1
    for proc in (p,):
        assert "Traceback" not in proc.stderr + proc.stdout
