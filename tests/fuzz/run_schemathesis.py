"""Fuzz the GraphQL API with schemathesis against a running server holding the demo data.

    .venv/bin/python tests/fuzz/run_schemathesis.py [--examples N]

Throw-away SQLite database, `loaddemo`, an admin token, `runserver` with DEBUG off on a free
loopback port, then `schemathesis run` over every query and mutation with the check
`not_a_server_error`. Fails when any request answers 5xx or fewer than 1,000 requests were made.
Used by .ci/run (issue 8)."""
import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable


def fuzz_config(tmp: Path) -> Path:
    """A schemathesis.toml whose dictionaries hold real demo codes, so generated queries reach
    agencies, positions and officials that exist (not only `not_found` answers)."""
    import csv

    def codes(kind, column="code", limit=60):
        with open(ROOT / "fixtures" / "demo" / f"{kind}.csv", encoding="utf-8-sig") as f:
            return [row[column] for _, row in zip(range(limit), csv.DictReader(f), strict=False)]

    dictionaries = {"agencies": codes("agencies"), "positions": codes("positions"), "officials": codes("officials")}
    bindings = {
        "Query.agency.code": "agencies", "Query.history.code": "agencies", "Query.*.under": "agencies",
        "Query.*.agencyCode": "agencies", "Query.*.positionCode": "positions", "Query.*.officialCode": "officials",
        "Query.official.code": "officials",
    }
    lines = []
    for name, values in dictionaries.items():
        lines.append(f"[dictionaries.{name}]")
        lines.append("values = [" + ", ".join(f'"{v}"' for v in values) + "]")
        lines.append("")
    lines.append("[parameters]")
    for key, name in bindings.items():
        lines.append(f'"{key}" = {{ dictionary = "{name}", probability = 0.7 }}')
    path = tmp / "schemathesis.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--examples", type=int, default=60, help="generated cases per operation")
    parser.add_argument("--min-requests", type=int, default=1000)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="fuzz-"))
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{tmp}/db.sqlite3", DJANGO_DEBUG="false",
               DJANGO_SECRET_KEY="fuzzing-only-secret-key-0123456789abcdef0123456789", ALLOWED_HOSTS="127.0.0.1")
    run = lambda *a: subprocess.run([PY, "manage.py", *a], cwd=ROOT, env=env, check=True, capture_output=True, text=True)  # noqa: E731
    run("migrate", "--noinput", "-v0")
    run("loaddemo")
    token = run("create_api_token", "fuzzer", "--role", "admin").stdout.strip()
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    log = open(tmp / "server.log", "w")
    server = subprocess.Popen([PY, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"], cwd=ROOT, env=env,
                              stdout=log, stderr=log)
    try:
        for _ in range(120):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.5)
        st = Path(PY).parent / "schemathesis"
        cmd = [str(st), "--config-file", str(fuzz_config(tmp)), "run", f"http://127.0.0.1:{port}/graphql/", "--checks", "not_a_server_error",
               "--max-examples", str(args.examples), "-H", f"Authorization: Bearer {token}", "--workers", "1",
               "--phases", "examples,coverage,fuzzing", "--suppress-health-check", "all", "--no-color"]
        p = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=1800)
        out = p.stdout + p.stderr
        print(out[-4000:])
        counts = [int(n.replace(",", "")) for n in re.findall(r"([\d,]+) generated", out)]
        total = max(counts) if counts else 0
        five_xx = "Server error" in out or re.search(r"\b5\d\d\b.*Internal", out) is not None
        print(f"fuzz: {total} generated requests; exit code {p.returncode}")
        if p.returncode != 0 or five_xx:
            print("fuzz: FAILED (server errors or schemathesis failure)")
            return 1
        if total < args.min_requests:
            print(f"fuzz: FAILED (fewer than {args.min_requests} requests)")
            return 1
        return 0
    finally:
        server.terminate()
        server.wait(10)
        log.close()


if __name__ == "__main__":
    sys.exit(main())
