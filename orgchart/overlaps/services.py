"""Detect overlapping mandates, store the findings, review them (RULES.md §5).

- `compute()` streams the mandates in force today (ordered by agency, bounded batches, optional
  worker processes for the text analysis) into an `index.Corpus` and scores it.
- `detect()` stores the result as findings of an `OverlapRun`:
  * a pair found again keeps its review (status, note, reviewer) while the fingerprint of both
    agencies' mandates equals the one taken at review time; otherwise it returns to `new` (the
    earlier review stays in the finding's history);
  * a pair no longer found is kept but marked inactive ("stale": not listed, not open work);
  * incremental: when a finished run with the same parameters exists, only jurisdictions where
    some agency's mandates changed (fingerprint) are scored and rewritten; `full=True` rescored all.
- Findings are stored down to `STORE_FLOOR` so that `overlaps(minScore:)` can look below the
  default threshold.
- `review()` records a decision; `fingerprints()` is the mandate fingerprint per agency.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from orgchart.core.choices import OverlapStatus
from orgchart.core.dates import today
from orgchart.core.errors import DomainError
from orgchart.structure.models import Agency, Mandate

from . import explain, index, scoring
from .models import OverlapFinding, OverlapRun

STORE_FLOOR = 0.2
BATCH = 500


@dataclass
class Computed:
    corpus: index.Corpus
    nodes: dict
    fingerprints: dict  # agency id → fingerprint of its mandates in force today
    findings: list  # [scoring.PairFinding]
    jurisdictions: set | None  # jurisdictions scored (None = all)


def load_nodes(day, scope_ids: set | None = None) -> dict[int, index.AgencyNode]:
    """Every agency (or those in `scope_ids`) as an index.AgencyNode, in one query."""
    rows = Agency.objects.values_list("pk", "code", "kind", "parent_id", "established_on", "dissolved_on", "name")
    return index.build_nodes(list(rows), day, scope_ids)


def _mandates(day, under: Agency | None):
    qs = Mandate.objects.filter(Mandate.covering_q(day))
    if under is not None:
        from orgchart.structure.tree import subtree_q

        qs = qs.filter(subtree_q(under, day, "agency__"))
    return qs.order_by("agency_id", "id").values_list(
        "id", "agency_id", "kind", "ref", "text"
    ).iterator(chunk_size=2000)


def fingerprints(agency_ids=None, day=None) -> dict[int, str]:
    """{agency id: sha256 of its mandates in force on `day` (id, kind, ref, text)}; agencies
    without mandates get the fingerprint of nothing."""
    day = day or today()
    qs = Mandate.objects.filter(Mandate.covering_q(day))
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=list(agency_ids))
    hashes: dict[int, hashlib._Hash] = defaultdict(hashlib.sha256)
    for mid, aid, kind, ref, text in qs.order_by("agency_id", "id").values_list("id", "agency_id", "kind", "ref", "text"):
        _feed(hashes[aid], mid, kind, ref, text)
    empty = hashlib.sha256().hexdigest()
    out = {aid: h.hexdigest() for aid, h in hashes.items()}
    for aid in agency_ids or ():
        out.setdefault(aid, empty)
    return out


def _feed(h, mid, kind, ref, text):
    h.update(f"{mid}\x1f{kind}\x1f{ref}\x1f".encode())
    h.update(text.encode())
    h.update(b"\x1e")


def pair_fingerprint(fps: dict, a: int, b: int) -> str:
    empty = hashlib.sha256().hexdigest()
    return hashlib.sha256(f"{fps.get(a, empty)}:{fps.get(b, empty)}".encode()).hexdigest()


def _analysed(stream, workers: int, nodes: dict):
    """Yield (statement id, agency id, kind, clauses) for (id, agency, kind, ref, text) rows; the
    names of the agency and of its ancestors are cut out of its texts (self-references)."""

    def batches():
        batch = []
        for mid, aid, kind, _ref, text in stream:
            node = nodes.get(aid)
            batch.append((mid, aid, kind, text, node.names if node is not None else ()))
            if len(batch) >= BATCH:
                yield batch
                batch = []
        if batch:
            yield batch

    if workers <= 1:
        for batch in batches():
            yield from index.analyse_batch(batch)
        return
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    with ctx.Pool(workers) as pool:
        window = []  # batches are read in this thread (bounded memory, ordered results)
        for batch in batches():
            window.append(batch)
            if len(window) >= 8 * workers:
                for result in pool.imap(index.analyse_batch, window):
                    yield from result
                window = []
        for result in pool.imap(index.analyse_batch, window):
            yield from result


def compute(under: Agency | None = None, params: index.Params | None = None, *, min_score=None, workers: int = 1,
            progress=None, previous: OverlapRun | None = None) -> Computed:
    """Analyse and score the mandates in force today (in the subtree of `under`, if given).
    `previous`: a finished run to re-run incrementally against (only changed jurisdictions)."""
    day = today()
    params = params or index.Params()
    scope_ids = None
    if under is not None:
        from orgchart.structure.tree import subtree_ids

        scope_ids = set(subtree_ids(under.pk, day, active_only=False))
    nodes = load_nodes(day, scope_ids)
    fps: dict[int, str] = {}
    corpus = build_corpus(nodes, _hashing(_mandates(day, under), fps), params, workers=workers, progress=progress)
    empty = hashlib.sha256().hexdigest()
    for aid in nodes:
        fps.setdefault(aid, empty)
    jurisdictions = None
    if previous is not None and previous.fingerprints:
        old = {int(k): v for k, v in previous.fingerprints.items()}
        new = state_keys(nodes, fps)
        jurisdictions = set()
        for a in set(new) | set(old):
            if new.get(a) != old.get(a):
                for key in (new.get(a), old.get(a)):
                    if key:
                        jur = key.split("|")[1]
                        jurisdictions.add(int(jur) if jur else None)
    found = list(scoring.findings(
        corpus, min_score=STORE_FLOOR if min_score is None else min_score,
        progress=(lambda n: progress("clause", n)) if progress else None, jurisdictions=jurisdictions,
    ))
    return Computed(corpus, nodes, fps, found, jurisdictions)


def build_corpus(nodes: dict, rows, params: index.Params, *, workers: int = 1, progress=None) -> index.Corpus:
    """Analyse (id, agency id, kind, ref, text[, agency name]) rows — ordered by agency — into a Corpus."""
    corpus = index.Corpus(nodes, params)
    current = None
    for sid, aid, kind, clauses in _analysed(rows, workers, nodes):
        if aid != current:
            if current is not None:
                corpus.finish_agency(current)
            current = aid
        corpus.add(sid, aid, kind, clauses)
        if progress is not None:
            progress("statement", 1)
    corpus.finish()
    return corpus


def state_keys(nodes: dict, fps: dict) -> dict[int, str]:
    """{agency id: "mandate fingerprint|jurisdiction|comparable|ancestors"}: what a re-run compares
    to decide which jurisdictions to score again."""
    out = {}
    for a, n in nodes.items():
        anc = hashlib.sha256(",".join(map(str, sorted(n.ancestors))).encode()).hexdigest()[:16]
        out[a] = f"{fps.get(a, '')}|{'' if n.jurisdiction is None else n.jurisdiction}|{int(n.comparable)}|{anc}"
    return out


def _hashing(stream, fps: dict):
    """Pass rows through while computing each agency's mandate fingerprint (rows come by agency)."""
    current, h = None, None
    for row in stream:
        mid, aid, kind, ref, text = row[:5]
        if aid != current:
            if current is not None:
                fps[current] = h.hexdigest()
            current, h = aid, hashlib.sha256()
        _feed(h, mid, kind, ref, text)
        yield row
    if current is not None:
        fps[current] = h.hexdigest()


def _explanations(found: list) -> tuple[dict, dict]:
    """Mandate rows and term texts needed to explain these findings (two reads)."""
    ids = sorted({mid for f in found for p in f.pairs for mid in (p.a, p.b)})
    mandates = {}
    for k in range(0, len(ids), 900):  # bounded IN lists (SQLite variable limit)
        for m in Mandate.objects.filter(pk__in=ids[k:k + 900]).values("id", "ref", "kind", "text"):
            mandates[m["id"]] = m
    terms = index.term_texts(t for f in found for p in f.pairs for t in p.texts)
    return mandates, terms


def display_terms(ids, terms: dict, limit: int) -> list[str]:
    """Term texts for display, weightiest first; a word is not repeated when a shown phrase
    contains it ("an toàn thực phẩm" hides "thực phẩm")."""
    words = list(dict.fromkeys(terms[t] for t in ids if t in terms))
    padded = [f" {w} " for w in words]
    out = [w for w in words if not any(f" {w} " in p and p != f" {w} " for p in padded)]
    return out[:limit]


def _pair_json(p: scoring.MandatePair, mandates: dict, terms: dict) -> dict:
    shown = display_terms(p.terms, terms, 12)

    def side(mid, clause):
        m = mandates.get(mid, {"ref": "", "text": "", "kind": ""})
        return {"id": mid, "ref": m["ref"], "kind": m["kind"], "text": m["text"], "clause": clause,
                "marks": explain.marks(clause, shown), "textMarks": explain.marks(m["text"], shown)}

    return {"a": side(p.a, p.texts[0]), "b": side(p.b, p.texts[1]), "score": round(float(p.score), 4),
            "terms": shown, "core": bool(p.core)}


def detect(under: Agency | None = None, params: index.Params | None = None, *, workers: int = 1, progress=None,
           full: bool = False) -> OverlapRun:
    """Recompute the findings (see the module docstring) and return the run."""
    params = params or index.Params()
    previous = None
    if not full:
        last = OverlapRun.objects.filter(finished_at__isnull=False, under=under).order_by("-finished_at", "-id").first()
        if last is not None and last.params == params.as_dict() and last.fingerprints:
            previous = last
    run = OverlapRun.objects.create(under=under, params=params.as_dict(), incremental=previous is not None)
    computed = compute(under, params, workers=workers, progress=progress, previous=previous)
    counts = _store(run, computed)
    run.counts = counts
    run.fingerprints = {str(k): v for k, v in state_keys(computed.nodes, computed.fingerprints).items()}
    run.finished_at = timezone.now()
    run.save(update_fields=["counts", "fingerprints", "finished_at"])
    return run


def _existing(run: OverlapRun, computed: Computed) -> dict:
    """{(agency a id, agency b id): finding} of the stored findings this run covers."""
    nodes, jurs = computed.nodes, computed.jurisdictions

    def covered(a_id, b_id):
        if a_id not in nodes or b_id not in nodes:
            return False
        return jurs is None or nodes[a_id].jurisdiction in jurs or nodes[b_id].jurisdiction in jurs

    q = Q()
    if run.under_id is not None:
        from orgchart.structure.tree import subtree_q

        q = subtree_q(run.under, today(), "agency_a__") & subtree_q(run.under, today(), "agency_b__")
    return {(f.agency_a_id, f.agency_b_id): f for f in OverlapFinding.objects.filter(q).iterator(chunk_size=2000)
            if covered(f.agency_a_id, f.agency_b_id)}


def _refresh(f: OverlapFinding, data: dict, counts: dict) -> bool:
    """Apply a re-found pair's data to its stored finding; False when nothing changed. A review
    whose fingerprint no longer matches returns the pair to `new` (its history keeps the review)."""
    reopen = f.status != OverlapStatus.NEW and f.review_fingerprint != data["fingerprint"]
    if not reopen and all(getattr(f, k) == v for k, v in data.items() if k != "run"):
        counts["kept"] += 1  # nothing changed: no write, no history row
        return False
    for k, v in data.items():
        setattr(f, k, v)
    if reopen:
        f.status, f.reviewer, f.note, f.reviewed_at, f.review_fingerprint = OverlapStatus.NEW, None, "", None, ""
        f._change_reason = "Nhiệm vụ của một trong hai cơ quan đã thay đổi sau lần rà soát: trở lại trạng thái mới"
        counts["reopened"] += 1
    else:
        f._change_reason = "Rà soát lại"
        counts["kept"] += 1
    return True


def _store(run: OverlapRun, computed: Computed) -> dict:
    mandates, terms = _explanations(computed.findings)
    existing = _existing(run, computed)
    jurs = computed.jurisdictions
    to_create, to_update, seen = [], [], set()
    counts = {"statements": computed.corpus.n_statements, "clauses": computed.corpus.n_clauses,
              "agencies": len(computed.nodes), "found": 0, "new": 0, "kept": 0, "reopened": 0, "stale": 0,
              "jurisdictions_scored": "all" if jurs is None else len(jurs)}
    for pf in computed.findings:
        seen.add((pf.a, pf.b))
        counts["found"] += 1
        data = {"score": float(pf.score), "shared_terms": display_terms(pf.terms, terms, 20),
                "mandate_pairs": [_pair_json(p, mandates, terms) for p in pf.pairs],
                "fingerprint": pair_fingerprint(computed.fingerprints, pf.a, pf.b), "active": True, "run": run}
        f = existing.get((pf.a, pf.b))
        if f is None:
            to_create.append(OverlapFinding(agency_a_id=pf.a, agency_b_id=pf.b, **data))
            counts["new"] += 1
        elif _refresh(f, data, counts):
            to_update.append(f)
    for key, f in existing.items():
        if key not in seen and f.active:
            f.active, f.run = False, run
            f._change_reason = "Không còn phát hiện ở lần rà soát này"
            to_update.append(f)
            counts["stale"] += 1
    fields = ["score", "shared_terms", "mandate_pairs", "fingerprint", "active", "run", "status", "reviewer",
              "note", "reviewed_at", "review_fingerprint", "updated_at"]
    now = timezone.now()
    for f in to_update:
        f.updated_at = now
    with transaction.atomic():
        if to_create:
            bulk_create_with_history(to_create, OverlapFinding, batch_size=500, default_change_reason="Phát hiện mới")
        if to_update:
            bulk_update_with_history(to_update, OverlapFinding, fields, batch_size=100)
    return counts


def ensure_findings():
    """Compute findings once if no run has finished yet (the `overlaps` query serves the latest)."""
    if not OverlapRun.objects.filter(finished_at__isnull=False).exists():
        detect()


# --- review --------------------------------------------------------------------------------

REVIEW_TRANSITIONS = {
    OverlapStatus.NEW: {OverlapStatus.NEW, OverlapStatus.CONFIRMED, OverlapStatus.DISMISSED},
    OverlapStatus.CONFIRMED: {OverlapStatus.NEW, OverlapStatus.CONFIRMED, OverlapStatus.DISMISSED, OverlapStatus.RESOLVED},
    OverlapStatus.DISMISSED: {OverlapStatus.NEW, OverlapStatus.CONFIRMED, OverlapStatus.DISMISSED},
    OverlapStatus.RESOLVED: {OverlapStatus.NEW, OverlapStatus.CONFIRMED, OverlapStatus.RESOLVED},
}


def find(code_a: str, code_b: str) -> OverlapFinding | None:
    a, b = sorted([code_a or "", code_b or ""])
    return OverlapFinding.objects.select_related("agency_a", "agency_b").filter(
        agency_a__code=a, agency_b__code=b
    ).first()


def review(user, code_a: str, code_b: str, status: str, note: str = "") -> OverlapFinding:
    """Record a review decision: new → confirmed | dismissed; confirmed → resolved; any → new.
    Raises DomainError (invalid, not_found, conflict)."""
    if status not in OverlapStatus.values:
        raise DomainError(
            f"Trạng thái không hợp lệ: {status!r} (dùng: {', '.join(OverlapStatus.values)})", "invalid", "status"
        )
    if not code_a or not code_b or code_a == code_b:
        raise DomainError("Cần mã hai cơ quan khác nhau", "invalid", "agency_a")
    finding = find(code_a, code_b)
    if finding is None:
        raise DomainError(f"Không có kết quả chồng chéo giữa {code_a} và {code_b}", "not_found", "agency_b")
    if status not in REVIEW_TRANSITIONS[finding.status]:
        raise DomainError(
            f"Không thể chuyển từ «{finding.get_status_display()}» sang «{OverlapStatus(status).label}»"
            " (chỉ chồng chéo đã xác nhận mới được đánh dấu đã xử lý)", "conflict", "status",
        )
    fps = fingerprints([finding.agency_a_id, finding.agency_b_id])
    finding.status = status
    finding.note = note or ""
    finding.reviewer = user if getattr(user, "pk", None) else None
    finding.reviewed_at = timezone.now()
    finding.review_fingerprint = pair_fingerprint(fps, finding.agency_a_id, finding.agency_b_id)
    finding._change_reason = f"Rà soát: {status}"
    finding.save()
    return finding


def count_statements(under: Agency | None = None) -> int:
    """Mandates in force today (for the progress bar)."""
    qs = Mandate.objects.filter(Mandate.covering_q(today()))
    if under is not None:
        from orgchart.structure.tree import subtree_q

        qs = qs.filter(subtree_q(under, today(), prefix="agency__"))
    return qs.count()
