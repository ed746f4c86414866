"""Overlap scoring: an `index.Corpus` → candidate clause pairs → agency-pair findings (pure).

Method (RULES.md §5)
- Units compared are clauses (one object of one duty). Candidates come from sparse matrix
  products of the clause vectors, one jurisdiction at a time and in row chunks (never all pairs
  of the country): only agencies of the same jurisdiction (nearest proper ancestor of kind
  `people_committee`; none = central), never a `people_committee` itself, never an agency with
  its own ancestor or descendant (delegation, not overlap), never an agency inactive today.
- Weights: TF-IDF (sublinear tf, `index.Idf`), terms most agencies of the jurisdiction carry
  zeroed (`_local_boilerplate`).
- Clause-pair score = cosine^(1−c) × containment^c (c = `containment`: the share of the
  better-covered clause that the other one holds, so a long list of objects still meets a
  clause naming one of them) on the terms neither clause excludes, × evidence gate
  min(1, idf mass of shared phrases / `evidence_mass`) (one shared weak word is no evidence),
  × (1 − share of a clause the other one excludes): "quảng cáo (trừ quảng cáo trên báo chí …)"
  delimits, it does not overlap. 0 when the two clauses carry disjoint scope qualifiers
  ("trong khu vực doanh nghiệp" vs "CBCCVC") or different kinds of activity (inspection,
  monitoring vs management).
- Agency-pair score = max(best pair of clauses that both come from FUNCTION statements — the
  objects each agency is set up to manage —, mean of the `top_k` best clause pairs using each
  clause once). A single accidental phrase deep in two duty lists does not make an overlap.
  Mandate pairs = the best clause pair of each pair of statements.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from . import text as vt
from .index import BIGRAM_BIT, AgencyNode, ClauseData, Corpus, Params, _Buffer


@dataclass
class MandatePair:
    a: int  # statement (mandate) id on agency A's side
    b: int
    score: float
    terms: list = field(default_factory=list)  # shared term ids
    texts: tuple = ("", "")  # the clause texts behind the score
    core: bool = False  # a clause from a function statement (scoring.aggregate)


@dataclass
class ClausePair:
    i: int  # clause rows in the jurisdiction buffer
    j: int
    a: int  # statements
    b: int
    score: float
    terms: list
    core: bool = False  # both clauses from function statements


@dataclass
class PairFinding:
    a: int  # agency id (agency A has the smaller code)
    b: int
    score: float
    pairs: list  # [MandatePair], best first
    terms: list = field(default_factory=list)  # shared term ids, most weighty first


def _clause_matrix(buf: _Buffer, idf) -> sparse.csr_matrix:
    """Row-normalised TF-IDF matrix of the buffer's clauses. Columns are the term ids used in
    this jurisdiction only (`matrix.terms` maps a column back to its term id)."""
    lengths = np.fromiter((len(c.terms) for c in buf.clauses), dtype=np.int64, count=len(buf))
    indptr = np.zeros(len(buf) + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    ids = np.concatenate([c.terms for c in buf.clauses]) if len(buf) else np.zeros(0, np.int32)
    terms, cols = np.unique(ids, return_inverse=True)
    m = sparse.csr_matrix(
        (np.ones(len(cols), dtype=np.float32), cols.astype(np.int32), indptr), shape=(len(buf), len(terms))
    )
    m.sum_duplicates()
    weights = idf[terms]
    weights[_local_boilerplate(buf, m, idf.params)] = 0.0
    m.data = (1.0 + np.log(m.data)) * weights[m.indices]
    m.eliminate_zeros()
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    m = sparse.csr_matrix(sparse.diags(1.0 / norms) @ m)
    m.terms, m.weights = terms, weights
    return m


def _local_boilerplate(buf: _Buffer, m: sparse.csr_matrix, params: Params) -> np.ndarray:
    """Columns carried by ≥ max_df of the agencies of this jurisdiction (and by at least
    min_df_count of them): what most agencies of one province say is boilerplate there, even
    when the national corpus is dominated by other provinces."""
    agency = np.frombuffer(buf.agency, dtype=np.int64)
    if len(agency) == 0:
        return np.zeros(m.shape[1], dtype=bool)
    _, a_idx = np.unique(agency, return_inverse=True)
    n_agencies = int(a_idx.max()) + 1
    if n_agencies < params.share_min_agencies:
        return np.zeros(m.shape[1], dtype=bool)
    rows = np.repeat(a_idx, np.diff(m.indptr))
    pairs = np.unique(rows.astype(np.int64) * m.shape[1] + m.indices)
    df = np.bincount(pairs % m.shape[1], minlength=m.shape[1])
    return (df >= params.max_df * n_agencies) & (df >= params.min_df_count)


def _row(x: sparse.csr_matrix, i: int):
    """(term ids, weights) of row i, sorted by term id."""
    lo, hi = x.indptr[i], x.indptr[i + 1]
    return x.terms[x.indices[lo:hi]], x.data[lo:hi]


def clause_pair_score(ci: ClauseData, cj: ClauseData, ri, rj, idf, params: Params):
    """(score, shared term ids) of two clauses given their weighted rows (indices, data)."""
    empty = []
    if (ci.scopes and cj.scopes and not (ci.scopes & cj.scopes)) or ci.mode != cj.mode:
        return 0.0, empty
    shared, ia, ib = np.intersect1d(ri[0], rj[0], assume_unique=True, return_indices=True)
    wa, wb = ri[1][ia], rj[1][ib]
    factor = 1.0
    if len(ci.excluded) or len(cj.excluded):
        excluded = np.union1d(ci.excluded, cj.excluded)
        keep = ~np.isin(shared, excluded)
        shared, wa, wb = shared[keep], wa[keep], wb[keep]
        for (idx, data), other in ((rj, ci), (ri, cj)):
            if len(other.excluded):
                w = data.astype(np.float64) ** 2
                inside = float(w[np.isin(idx, other.excluded)].sum())
                factor *= max(0.0, 1.0 - inside / float(w.sum() or 1.0))
    if not len(shared):
        return 0.0, empty
    cos = float(np.dot(wa, wb))
    cont = max(float(np.dot(wa, wa)), float(np.dot(wb, wb)))
    mass = float(idf[shared[shared >= BIGRAM_BIT]].sum())
    gate = min(1.0, mass / params.evidence_mass)
    order = np.argsort(-(wa * wb))
    a = params.containment
    return cos ** (1 - a) * cont ** a * gate * factor, shared[order].tolist()


def _comparable(a: AgencyNode, b: AgencyNode) -> bool:
    return a.id != b.id and a.id not in b.ancestors and b.id not in a.ancestors


def _scope_bits(buf: _Buffer) -> np.ndarray:
    groups = {g: 1 << k for k, g in enumerate(sorted(vt.lx.SCOPE_GROUPS))}
    return np.fromiter((sum(groups[g] for g in c.scopes) for c in buf.clauses), dtype=np.int64, count=len(buf))


class _Products:
    """The sparse products of one jurisdiction's clause matrix that score a chunk of rows:
    cosine, idf mass of shared evidence terms, and the two containment sums."""

    def __init__(self, x: sparse.csr_matrix):
        self.x, self.xt = x, sparse.csr_matrix(x.T)
        ev = x.copy()
        ev.data = np.sqrt(x.weights[ev.indices]) * (x.terms[ev.indices] >= BIGRAM_BIT)
        ev.eliminate_zeros()
        self.ev, self.evt = ev, sparse.csr_matrix(ev.T)
        self.sq, self.ones = x.copy(), x.copy()
        self.sq.data = x.data.astype(np.float64) ** 2
        self.ones.data = np.ones_like(x.data)
        self.sqt, self.onest = sparse.csr_matrix(self.sq.T), sparse.csr_matrix(self.ones.T)

    def candidates(self, start: int, stop: int, params: Params):
        """(rows, cols, cosine) of the clause pairs of rows [start, stop) with a later row."""
        block = (self.x[start:stop] @ self.xt).tocoo()
        rows = block.row.astype(np.int64) + start
        cols = block.col.astype(np.int64)
        keep = (block.data >= params.candidate_min) & (rows < cols)
        return rows[keep], cols[keep], block.data[keep].astype(np.float64)

    def score(self, start: int, ii, jj, cos, params: Params) -> np.ndarray:
        def at(a, b):
            return np.asarray((a[start:start + params.chunk_rows] @ b)[ii - start, jj]).ravel()

        mass = at(self.ev, self.evt)
        # containment: the share of the better-covered clause that the other one holds
        cont = np.maximum(at(self.sq, self.onest), at(self.ones, self.sqt))
        c = params.containment
        return cos ** (1 - c) * cont ** c * np.minimum(1.0, mass / params.evidence_mass)


def _candidate_pairs(buf: _Buffer, prod: _Products, rank: np.ndarray, params: Params):
    """(ii, jj, score) of every scored clause pair of two agencies, ii on the lower-code side."""
    agency_of = np.frombuffer(buf.agency, dtype=np.int64)
    scopes = _scope_bits(buf)
    modes = np.fromiter((c.mode for c in buf.clauses), dtype=np.int64, count=len(buf))
    parts = []
    for start in range(0, len(buf), params.chunk_rows):
        ii, jj, cos = prod.candidates(start, min(start + params.chunk_rows, len(buf)), params)
        keep = agency_of[ii] != agency_of[jj]
        ii, jj, cos = ii[keep], jj[keep], cos[keep]
        if not len(ii):
            continue
        score = prod.score(start, ii, jj, cos, params)
        si, sj = scopes[ii], scopes[jj]
        score[(si != 0) & (sj != 0) & ((si & sj) == 0)] = 0.0
        score[modes[ii] != modes[jj]] = 0.0  # inspection / monitoring is not management
        keep = score >= params.clause_min
        ii, jj, score = ii[keep], jj[keep], score[keep]
        swap = rank[ii] > rank[jj]
        parts.append((np.where(swap, jj, ii), np.where(swap, ii, jj), score))
    if not parts:
        return None
    return tuple(np.concatenate(p) for p in zip(*parts, strict=True))


def score_jurisdiction(buf: _Buffer, idf, agencies: dict[int, AgencyNode], params: Params):
    """Clause rows of one jurisdiction → ({(agency a id, agency b id): [ClausePair]}, clause matrix).

    Vectorised: candidates, cosine, evidence mass, containment and scope/mode conflicts per row
    chunk (`_Products`); then, per agency pair, only the `keep_per_pair` best clause pairs are
    kept, and only those touching an exclusion are rescored one by one (exclusions can only
    lower a score)."""
    best: dict = defaultdict(list)
    if len(buf) < 2:
        return best, None
    x = _clause_matrix(buf, idf)
    agency_of = np.frombuffer(buf.agency, dtype=np.int64)
    ids = np.unique(agency_of)
    by_code = sorted(ids.tolist(), key=lambda a: agencies[a].code)
    rank_of = np.empty(len(ids), dtype=np.int64)
    rank_of[np.searchsorted(ids, by_code)] = np.arange(len(ids))
    rank = rank_of[np.searchsorted(ids, agency_of)]
    found = _candidate_pairs(buf, _Products(x), rank, params)
    if found is None:
        return best, x
    ii, jj, score = found
    key = rank[ii] * len(ids) + rank[jj]
    order = np.lexsort((-score, key))
    ii, jj, score, key = ii[order], jj[order], score[order], key[order]
    bounds = np.flatnonzero(np.diff(key)) + 1
    for lo, hi in zip(np.r_[0, bounds].tolist(), np.r_[bounds, len(key)].tolist(), strict=True):
        a, b = agencies[buf.agency[int(ii[lo])]], agencies[buf.agency[int(jj[lo])]]
        if _comparable(a, b):
            hi = min(hi, lo + 2 * params.keep_per_pair)
            cps = _clause_pairs(buf, x, idf, params, ii[lo:hi], jj[lo:hi], score[lo:hi])
            if cps:
                best[(a.id, b.id)] = cps[: params.keep_per_pair]
    return best, x


def _clause_pairs(buf: _Buffer, x, idf, params: Params, ii, jj, score) -> list:
    """ClausePairs of one agency pair, best first; pairs touching an exclusion rescored."""
    cps = []
    for i, j, sc in zip(ii.tolist(), jj.tolist(), score.tolist(), strict=True):
        ci, cj = buf.clauses[i], buf.clauses[j]
        if len(ci.excluded) or len(cj.excluded):
            sc = clause_pair_score(ci, cj, _row(x, i), _row(x, j), idf, params)[0]
            if sc < params.clause_min:
                continue
        cps.append(ClausePair(i, j, buf.stmt[i], buf.stmt[j], sc, [], bool(buf.core[i] and buf.core[j])))
    cps.sort(key=lambda p: -p.score)
    return cps


def aggregate(cpairs: list, params: Params) -> float:
    """Agency-pair score from its clause pairs (see the module docstring)."""
    ranked = sorted(cpairs, key=lambda p: -p.score)
    core = max((p.score for p in ranked if p.core), default=0.0)
    used_i, used_j, top = set(), set(), []
    for p in ranked:
        if p.i in used_i or p.j in used_j:
            continue
        used_i.add(p.i)
        used_j.add(p.j)
        top.append(p.score)
        if len(top) == params.top_k:
            break
    return max(core, sum(top) / params.top_k)


def explain(cpairs: list, buf: _Buffer, x, idf, params: Params) -> tuple[list, list]:
    """Mandate pairs (best clause pair per statement pair, best first, with the shared terms of
    all their clause pairs) and the finding's shared terms (weighted over its best clause pairs)."""
    ranked = sorted(cpairs, key=lambda p: -p.score)[: params.keep_per_pair]
    mpairs: dict = {}
    weight: dict = defaultdict(float)
    for p in ranked:
        key = (p.a, p.b)
        if key not in mpairs and len(mpairs) == params.max_pairs_per_finding:
            continue
        terms = clause_pair_score(buf.clauses[p.i], buf.clauses[p.j], _row(x, p.i), _row(x, p.j), idf, params)[1]
        for rank, t in enumerate(terms):
            weight[t] += p.score / (1 + rank)
        if key not in mpairs:
            mpairs[key] = MandatePair(p.a, p.b, round(p.score, 4), list(terms),
                                      (buf.clauses[p.i].text, buf.clauses[p.j].text), p.core)
        else:
            mpairs[key].terms.extend(t for t in terms if t not in mpairs[key].terms)
    return list(mpairs.values()), sorted(weight, key=lambda t: -weight[t])


def findings(corpus: Corpus, min_score: float | None = None, progress=None, jurisdictions=None):
    """Yield PairFinding for every agency pair scoring ≥ min_score (default: the threshold).
    `jurisdictions`: only these (incremental re-runs). `progress(n)` after each jurisdiction
    with its number of clauses."""
    params = corpus.params
    idf = corpus.idf()
    floor = params.threshold if min_score is None else min_score
    for jur in list(corpus.by_jur):
        buf = corpus.by_jur[jur]
        if jurisdictions is None or jur in jurisdictions:
            best, x = score_jurisdiction(buf, idf, corpus.agencies, params)
            for (a, b), cpairs in best.items():
                score = aggregate(cpairs, params)
                if score >= floor:
                    pairs, terms = explain(cpairs, buf, x, idf, params)
                    yield PairFinding(a, b, round(score, 4), pairs, terms)
        if progress is not None:
            progress(len(buf))
