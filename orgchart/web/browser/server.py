"""A live server on the demo province for the browser tests and `make screenshots`: a fresh
SQLite file, migrated, the demo loaded (with its overlap findings), one account per role, then
`runserver` on a free loopback port. Everything runs in subprocesses with their own
DATABASE_URL, so the caller's database is never touched."""
import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PASSWORD = "matkhau-demo-2026"
# username → (role, staff account)
ACCOUNTS = {"thanhtra": ("auditor", False), "tochuc": ("restructuring", False), "canbo": ("personnel", False),
            "quantri": ("admin", True)}

SETUP = """
from django.contrib.auth.models import User
from orgchart.accounts.models import Membership
for name, (role, staff) in ACCOUNTS.items():
    if role == "admin":
        u = User.objects.create_superuser(name, f"{name}@example.vn", PASSWORD)
    else:
        u = User.objects.create_user(name, password=PASSWORD)
        Membership.objects.create(user=u, role=role)
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _manage(env, *args, timeout=600):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, timeout=timeout,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def prepare(db_path: Path, env: dict):
    _manage(env, "migrate", "--noinput", "-v0")
    _manage(env, "loaddemo")  # also computes the overlap findings
    _manage(env, "apply_scheduled_changes")
    code = f"ACCOUNTS = {ACCOUNTS!r}\nPASSWORD = {PASSWORD!r}\n{SETUP}"
    _manage(env, "shell", "-c", code)


@contextlib.contextmanager
def demo_server(debug: bool = True):
    """Yield the base URL of a server on a fresh demo database (removed afterwards)."""
    with tempfile.TemporaryDirectory(prefix="orgchart-demo-") as tmp:
        db_path = Path(tmp) / "demo.sqlite3"
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{db_path}", "DJANGO_DEBUG": "true" if debug else "false",
               "DJANGO_SECRET_KEY": "browser-tests-only-" + "x" * 40, "PYTHONUNBUFFERED": "1"}
        prepare(db_path, env)
        port = _free_port()
        log = open(Path(tmp) / "server.log", "w")
        proc = subprocess.Popen([sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
                                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(base + "/", timeout=2)
                    break
                except OSError:
                    if proc.poll() is not None:
                        raise RuntimeError(open(Path(tmp) / "server.log").read())
                    time.sleep(0.2)
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
            log.close()
