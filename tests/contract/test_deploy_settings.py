"""Production settings pass `manage.py check --deploy` with no warnings (issue 8)."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_check_deploy_is_clean():
    env = dict(os.environ, DJANGO_DEBUG="false", DJANGO_SECURE="true", ALLOWED_HOSTS="orgchart.example.vn",
               DJANGO_SECRET_KEY="x" * 20 + "production-like-secret-key-with-enough-entropy-0123456789")
    p = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], cwd=ROOT, env=env,
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stdout + p.stderr
    assert "no issues" in p.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"}
    env.update(DJANGO_DEBUG="false")
    p = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert p.returncode != 0 and "DJANGO_SECRET_KEY" in p.stderr
