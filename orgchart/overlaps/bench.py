"""Benchmark of the overlap pipeline (CONTRACT metric `overlap_statements_per_s`).

`measure(n_statements)` builds a synthetic country in memory — jurisdictions of ~20 agencies,
each agency given statements drawn from the real mandate texts of `reference/` and varied (place
names, clause order, dropped and duplicated clauses, renumbering) — and runs the same code path
as `detect_overlaps` (analysis, document frequency, scoring per
jurisdiction) without the database. Returns (statements per second, peak RSS in MiB of this
process and its workers). `measure_db()` times `services.compute()` on the database as it is.
"""
from __future__ import annotations

import json
import random
import resource
import time
from pathlib import Path

from . import index, scoring, services

PLACES = ["Hưng Yên", "Thái Bình", "Gia Lai", "Lâm Đồng", "Trà Vinh", "Bắc Ninh", "Hậu Giang", "Đồng Nai",
          "Quảng Ninh", "Nghệ An", "Cà Mau", "Điện Biên"]
STATEMENTS_PER_AGENCY = 25
AGENCIES_PER_JURISDICTION = 20


def _reference():
    path = Path(__file__).with_name("reference") / "mandates_real.jsonl"
    by_agency: dict[str, list] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                item = json.loads(line)
                by_agency.setdefault(item["agency"], []).append(item)
    return by_agency


def _vary(text: str, rnd: random.Random) -> str:
    parts = [p for p in text.split(";") if p.strip()]
    if len(parts) > 3:
        if rnd.random() < 0.5:
            parts.pop(rnd.randrange(len(parts)))
        if rnd.random() < 0.3:
            i, j = rnd.randrange(len(parts)), rnd.randrange(len(parts))
            parts[i], parts[j] = parts[j], parts[i]
    out = ";".join(parts)
    for place in PLACES:
        if place in out:
            out = out.replace(place, rnd.choice(PLACES))
    return out


def synthetic(n_statements: int, seed: int = 7):
    """(nodes, rows) for n_statements statements: rows is a generator of (id, agency id, kind,
    ref, text), agency by agency (so the benchmark streams like the database does)."""
    ref = _reference()
    kinds = list(ref)
    n_agencies = -(-n_statements // STATEMENTS_PER_AGENCY)
    nodes: dict[int, index.AgencyNode] = {}
    for a in range(n_agencies):
        jur, k = divmod(a, AGENCIES_PER_JURISDICTION)
        jur_id = -(jur + 1)  # the people's committee of this jurisdiction
        if jur_id not in nodes:
            nodes[jur_id] = index.AgencyNode(jur_id, f"J{jur + 1}", None, frozenset(), False)
        nodes[a + 1] = index.AgencyNode(a + 1, f"J{jur + 1}.A{k:02d}", jur_id, frozenset({jur_id}), True)

    def rows():
        rnd = random.Random(seed)
        sid = 0
        for a in range(n_agencies):
            jur, k = divmod(a, AGENCIES_PER_JURISDICTION)
            pool = ref[kinds[(k + jur) % len(kinds)]]
            for s in range(STATEMENTS_PER_AGENCY):
                if sid >= n_statements:
                    return
                sid += 1
                item = pool[s] if s < len(pool) else rnd.choice(pool)
                yield (sid, a + 1, item["kind"] if s == 0 else "duty", str(s), _vary(item["text"], rnd))

    return nodes, rows()


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024.0


def measure(n_statements: int, workers: int = 1, params: index.Params | None = None) -> tuple[float, float]:
    """(statements per second through analysis + scoring, peak RSS MiB)."""
    nodes, rows = synthetic(n_statements)
    params = params or index.Params()
    index.analyse_clause.cache_clear()
    start, cpu0 = time.perf_counter(), time.process_time()
    corpus = services.build_corpus(nodes, rows, params, workers=workers)
    found = sum(1 for _ in scoring.findings(corpus, min_score=services.STORE_FLOOR))
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu0
    n = corpus.n_statements
    measure.last = {"statements": n, "clauses": corpus.n_clauses, "findings": found, "seconds": round(elapsed, 1),
                    "cpu_seconds": round(cpu, 1), "statements_per_cpu_s": round(n / max(cpu, 1e-9))}
    return n / elapsed, peak_rss_mb()


def measure_db(workers: int = 1) -> tuple[float, float]:
    """(statements per second of services.compute on the current database, peak RSS MiB)."""
    start = time.perf_counter()
    computed = services.compute(workers=workers)
    elapsed = time.perf_counter() - start
    return computed.corpus.n_statements / max(elapsed, 1e-9), peak_rss_mb()
