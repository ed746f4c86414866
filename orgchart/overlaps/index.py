"""Overlap scoring: mandate statements → clause vectors → candidate pairs → agency-pair findings.

Method (RULES.md §5)
- Each statement goes through `orgchart.overlaps.text`: boilerplate duties dropped, exclusions
  cut out and kept as negative evidence, generic administrative phrases and activities removed,
  syllable uni+bi-grams of the content (uni-grams at half weight: one syllable is half a word).
- Terms are hashed (crc32, 2^24 buckets; bi-grams in the upper half) so that analysis streams and
  can run in worker processes; analysed clauses are cached (mandates repeat their circulars).
- Weights: TF-IDF (sublinear tf). Document frequency counts AGENCIES, across every jurisdiction,
  plus a reference corpus of real mandates shipped in `reference/` (so a small province still
  knows which terms are generic). A term carried by ≥ `max_df` of the agencies of the corpus or
  of the reference corpus (shares: the same rule for one province or the whole country), and by
  at least `min_df_count` agencies, is boilerplate by rule and weighs nothing.
- Units compared are clauses (one object of one duty). Candidates come from sparse matrix
  products of the clause vectors, one jurisdiction at a time and in row chunks (never all pairs
  of the country): only agencies of the same jurisdiction (nearest proper ancestor of kind
  `people_committee`; none = central), never a `people_committee` itself, never an agency with
  its own ancestor or descendant (delegation, not overlap), never an agency inactive today.
- Clause-pair score = cosine of the two clause vectors restricted to the terms neither clause
  excludes, × evidence gate min(1, idf mass of shared bi-grams / `evidence_mass`) (one shared
  generic word is not a shared object), × (1 − share of a clause the other one excludes):
  "quảng cáo (trừ quảng cáo trên báo chí …)" delimits, it does not overlap. 0 when the two
  clauses carry disjoint scope qualifiers ("trong khu vực doanh nghiệp" vs "CBCCVC").
- Agency-pair score = max(best pair of clauses that both come from FUNCTION statements — the
  objects each agency is set up to manage —, mean of the `top_k` best clause pairs using each
  clause once). Overlap = same object (shared object terms) + same activity (state management of
  it: function statements, or duties on it); a single accidental phrase deep in two duty lists
  does not make an overlap. Mandate pairs = the best clause pair of each pair of statements.
- DEFAULT_THRESHOLD = 0.38 (agency-pair score): chosen on the development province
  (../shared/data/overlaps) and on a second province built from other text versions of
  ../shared/data/raw, as the middle of the gap between the highest-scoring labelled
  non-overlap (0.355) and the lowest-scoring detected labelled overlap (0.418). Dev: precision
  1.00, recall 0.80, F1 0.89 (missed: NN&PTNT ~ TN&MT, 0.30). Details in README.md.
"""
from __future__ import annotations

import json
import zlib
from array import array
from collections import defaultdict
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy import sparse

from . import text as vt

HASH_BITS = 24
N_FEATURES = 1 << HASH_BITS
BIGRAM_BIT = N_FEATURES >> 1
DEFAULT_THRESHOLD = 0.305


@dataclass(frozen=True)
class Params:
    threshold: float = DEFAULT_THRESHOLD
    max_df: float = 0.25  # share of agencies from which a term is boilerplate
    share_min_agencies: int = 10  # the corpus share counts from this many agencies with mandates
    min_df_count: int = 4  # …but a term must be carried by at least this many agencies to be cut
    unigram_weight: float = 0.5  # one-syllable phrases and the words inside a phrase: weight, never evidence
    candidate_min: float = 0.05  # cosine of two clause vectors to become a candidate
    clause_min: float = 0.2  # clause pairs scoring below this are not evidence
    evidence_mass: float = 4.0  # idf mass of shared bi-grams for full evidence (≈ one specific bi-gram + a half)
    top_k: int = 3
    containment: float = 0.15  # clause-pair score = cosine^(1-c) × containment^c (see the module docstring)
    core_either: bool = False  # a "core" clause pair: one clause from a function statement (else both)
    keep_per_pair: int = 24  # clause pairs kept per agency pair (evidence and explanations)
    chunk_rows: int = 2000
    max_pairs_per_finding: int = 10
    background: bool = True

    def as_dict(self):
        return asdict(self)


@dataclass(frozen=True)
class AgencyNode:
    id: int
    code: str
    jurisdiction: int | None  # nearest proper ancestor of kind people_committee; None = central
    ancestors: frozenset  # ids of proper ancestors
    comparable: bool = True  # not a people_committee and active today
    names: tuple = ()  # its name and its ancestors' names: self-references, cut out of its texts


PEOPLE_COMMITTEE = "people_committee"  # core.choices.AgencyKind values (this module stays pure)
PUBLIC_SERVICE_UNIT = "public_service_unit"


def build_nodes(rows, day, scope_ids=None) -> dict[int, AgencyNode]:
    """(id, code, kind, parent id, established_on, dissolved_on, name) rows → {id: AgencyNode}:
    jurisdiction = nearest proper ancestor of kind people_committee (None = central); a
    people_committee, an agency inactive on `day` and a public service unit (or a unit inside
    one: services, no state-management mandate to overlap) are not comparable."""
    info = {r[0]: r for r in rows}
    memo: dict[int, tuple] = {}

    def chain(aid):  # proper ancestors, nearest first
        if aid not in memo:
            out, seen, p = [], {aid}, info[aid][3]
            while p is not None and p not in seen and p in info:
                out.append(p)
                seen.add(p)
                p = info[p][3]
            memo[aid] = tuple(out)
        return memo[aid]

    nodes = {}
    for pk, code, kind, _parent, est, dis, name in rows:
        if scope_ids is not None and pk not in scope_ids:
            continue
        anc = chain(pk)
        jur = next((a for a in anc if info[a][2] == PEOPLE_COMMITTEE), None)
        active = (est is None or est <= day) and (dis is None or dis > day)
        service = kind == PUBLIC_SERVICE_UNIT or any(info[a][2] == PUBLIC_SERVICE_UNIT for a in anc)
        names = (name, *(info[a][6] for a in anc if info[a][2] != PEOPLE_COMMITTEE))
        nodes[pk] = AgencyNode(pk, code, jur, frozenset(anc), kind != PEOPLE_COMMITTEE and active and not service,
                               tuple(n for n in names if n))
    return nodes


@dataclass(frozen=True)
class ClauseData:
    terms: np.ndarray  # hashed term ids (repeats = term frequency)
    excluded: np.ndarray  # sorted unique hashed ids of the terms inside its exclusions
    scopes: frozenset
    text: str  # the normalised clause (for explanations)
    mode: int = 0  # kinds of activity (text.MODE_BITS): only clauses of the same mode are compared
    df_ids: np.ndarray | None = None  # ids counted for document frequency: a word inside a longer
    # phrase ("~chất_lượng") also counts for the phrase of that word alone, so a word most agencies
    # use in some phrase is generic even where it stands alone


@dataclass
class MandatePair:
    a: int  # statement (mandate) id on agency A's side
    b: int
    score: float
    terms: list = field(default_factory=list)  # shared term ids
    texts: tuple = ("", "")  # the clause texts behind the score
    core: bool = False  # a clause from a function statement (index.aggregate)


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


def term_id(term: str) -> int:
    """crc32 bucket of a term; multi-syllable terms (words "an_toàn", word bi-grams) live in the
    upper half of the space."""
    h = zlib.crc32(term.encode()) & (BIGRAM_BIT - 1)
    return h | BIGRAM_BIT if (" " in term or "_" in term) and term[0] != "~" else h


def _ids(terms) -> np.ndarray:
    return np.fromiter((term_id(t) for t in terms), dtype=np.int32, count=len(terms))


@lru_cache(maxsize=200_000)
def analyse_clause(raw: str) -> ClauseData | None:
    c = vt.analyse_clause(raw)
    if c is None:
        return None
    weak = [t[1:] for t in c.terms if t[0] == "~"]
    ids = _ids(c.terms)
    return ClauseData(ids, np.unique(_ids(c.excluded)), c.scopes, c.text, c.mode,
                      np.unique(np.concatenate([ids, _ids(weak)])) if weak else np.unique(ids))


def analyse_statement(text: str, names=()) -> list[ClauseData]:
    """A statement → its clauses; `names`: the agency's and its ancestors' names (cut out)."""
    prepared = vt.prepare(text, names)
    if prepared is None:
        return []
    clauses, head_mode = prepared
    out = [c for c in map(analyse_clause, clauses) if c is not None]
    if head_mode:
        out = [c if c.mode else replace(c, mode=head_mode) for c in out]
    return out


def analyse_batch(items: list) -> list:
    """[(statement id, agency id, kind, text, names)] → [(statement id, agency id, kind, clauses)]:
    one task for a worker process."""
    return [(sid, aid, kind, analyse_statement(t, names)) for sid, aid, kind, t, names in items]


def term_texts(clause_texts) -> dict[int, str]:
    """{term id: term} for the terms of these (normalised) clauses — the clauses of the mandate
    pairs shown — to display shared terms. Each distinct clause is read once."""
    out: dict[int, str] = {}
    for text in set(clause_texts):
        c = vt.analyse_clause(text)
        if c is not None:
            for term in c.terms:
                out.setdefault(term_id(term), vt.display(term))
    return out


# --- document frequency --------------------------------------------------------------------

_BACKGROUND: tuple | None = None


def background_df() -> tuple[np.ndarray, int]:
    """Agency document frequency of the reference corpus shipped with this package (179 real
    mandate texts of 23 kinds of agencies, reference/README.md)."""
    global _BACKGROUND
    if _BACKGROUND is None:
        terms_of: dict[str, set] = defaultdict(set)
        path = Path(__file__).with_name("reference") / "mandates_real.jsonl"
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    item = json.loads(line)
                    for c in analyse_statement(item["text"], (item["agency"],)):
                        terms_of[item["agency"]].update(c.df_ids.tolist())
        df = np.zeros(N_FEATURES, dtype=np.int32)
        for terms in terms_of.values():
            df[np.fromiter(terms, dtype=np.int64, count=len(terms))] += 1
        _BACKGROUND = (df, len(terms_of))
    return _BACKGROUND


class _Buffer:
    """Clause rows of one jurisdiction, stored compactly."""

    __slots__ = ("agency", "stmt", "core", "clauses")

    def __init__(self):
        self.agency = array("q")
        self.stmt = array("q")
        self.core = bytearray()
        self.clauses: list[ClauseData] = []

    def __len__(self):
        return len(self.clauses)


class Corpus:
    """Every analysed statement: clause rows grouped by jurisdiction, and agency document frequency.
    Add statements agency by agency (`add` … then `finish_agency`), or call `finish()` at the end."""

    def __init__(self, agencies: dict[int, AgencyNode], params: Params | None = None):
        self.agencies = agencies
        self.params = params or Params()
        self.by_jur: dict = defaultdict(_Buffer)
        self.df = np.zeros(N_FEATURES, dtype=np.int32)
        self._agency_terms: dict[int, list] = defaultdict(list)
        self.n_statements = 0
        self.n_clauses = 0
        self.n_agencies_with_text = 0

    def add(self, statement_id: int, agency_id: int, kind: str, clauses: list[ClauseData]):
        self.n_statements += 1
        node = self.agencies.get(agency_id)
        if node is None or not clauses:
            return
        seen = self._agency_terms[agency_id]
        seen.extend(c.df_ids for c in clauses)
        buf = self.by_jur[node.jurisdiction] if node.comparable else None
        core = 1 if kind == "function" else 0
        for c in clauses:
            if buf is not None:
                buf.agency.append(agency_id)
                buf.stmt.append(statement_id)
                buf.core.append(core)
                buf.clauses.append(c)
                self.n_clauses += 1

    def finish_agency(self, agency_id: int):
        """Count the agency's distinct terms into df (once all its statements are in)."""
        arrays = self._agency_terms.pop(agency_id, None)
        if arrays:
            self.n_agencies_with_text += 1
            self.df[np.unique(np.concatenate(arrays))] += 1

    def finish(self):
        for aid in list(self._agency_terms):
            self.finish_agency(aid)

    def idf(self) -> Idf:
        return Idf(self.df, self.n_agencies_with_text, self.params)


class Idf:
    """idf[term ids] computed on demand (no dense array of 2^24 weights): log((1+n)/(1+df)) + 1,
    0 for boilerplate by document frequency, uni-grams scaled by `unigram_weight`."""

    def __init__(self, df: np.ndarray, n: int, params: Params):
        self.df, self.params, self.n_corpus = df, params, max(n, 1)
        self.bdf, self.n_bg = background_df() if params.background else (None, 0)
        self.n = max(n + self.n_bg, 1)

    def __getitem__(self, ids) -> np.ndarray:
        ids = np.asarray(ids)
        d_corpus = self.df[ids].astype(np.float64)
        d = d_corpus.copy()
        # a share of a handful of agencies says nothing: below share_min_agencies only the
        # reference corpus decides what is boilerplate
        share = d_corpus / self.n_corpus if self.n_corpus >= self.params.share_min_agencies else d_corpus * 0.0
        if self.bdf is not None:
            d_bg = self.bdf[ids]
            d += d_bg
            share = np.maximum(share, d_bg / max(self.n_bg, 1))
        w = np.log((1.0 + self.n) / (1.0 + d)) + 1.0
        # boilerplate: a large share of the agencies of the corpus or of the reference corpus carry it
        w[(share >= self.params.max_df) & (d >= self.params.min_df_count)] = 0.0
        w[ids < BIGRAM_BIT] *= self.params.unigram_weight
        return w.astype(np.float32)


# --- scoring -------------------------------------------------------------------------------

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


def score_jurisdiction(buf: _Buffer, idf, agencies: dict[int, AgencyNode], params: Params):
    """Clause rows of one jurisdiction → ({(agency a id, agency b id): [ClausePair]}, clause matrix).

    Vectorised: candidates, cosine, evidence mass (a second sparse product over the bi-gram
    columns weighted by idf) and scope conflicts per row chunk; then, per agency pair, only the
    `keep_per_pair` best clause pairs are kept, and only those touching an exclusion are rescored
    one by one (exclusions can only lower a score)."""
    best: dict = defaultdict(list)
    if len(buf) < 2:
        return best, None
    x = _clause_matrix(buf, idf)
    xt = sparse.csr_matrix(x.T)
    ev = x.copy()
    ev.data = np.sqrt(x.weights[ev.indices]) * (x.terms[ev.indices] >= BIGRAM_BIT)
    ev.eliminate_zeros()
    evt = sparse.csr_matrix(ev.T)
    sq, ones = x.copy(), x.copy()
    sq.data = x.data.astype(np.float64) ** 2
    ones.data = np.ones_like(x.data)
    sqt, onest = sparse.csr_matrix(sq.T), sparse.csr_matrix(ones.T)
    agency_of = np.frombuffer(buf.agency, dtype=np.int64)
    ids = np.unique(agency_of)
    by_code = sorted(ids.tolist(), key=lambda a: agencies[a].code)
    rank_of = np.empty(len(ids), dtype=np.int64)
    rank_of[np.searchsorted(ids, by_code)] = np.arange(len(ids))
    rank = rank_of[np.searchsorted(ids, agency_of)]
    scopes = _scope_bits(buf)
    modes = np.fromiter((c.mode for c in buf.clauses), dtype=np.int64, count=len(buf))
    has_excl = np.fromiter((len(c.excluded) > 0 for c in buf.clauses), dtype=bool, count=len(buf))
    parts = []
    for start in range(0, x.shape[0], params.chunk_rows):
        stop = min(start + params.chunk_rows, x.shape[0])
        block = (x[start:stop] @ xt).tocoo()
        rows = block.row.astype(np.int64) + start
        cols = block.col.astype(np.int64)
        keep = (block.data >= params.candidate_min) & (rows < cols)
        ii, jj, cos = rows[keep], cols[keep], block.data[keep].astype(np.float64)
        keep = agency_of[ii] != agency_of[jj]
        ii, jj, cos = ii[keep], jj[keep], cos[keep]
        if not len(ii):
            continue
        mass = np.asarray((ev[start:stop] @ evt)[ii - start, jj]).ravel()
        # containment: the share of the better-covered clause that the other one holds
        cont = np.maximum(np.asarray((sq[start:stop] @ onest)[ii - start, jj]).ravel(),
                          np.asarray((ones[start:stop] @ sqt)[ii - start, jj]).ravel())
        a = params.containment
        score = cos ** (1 - a) * cont ** a * np.minimum(1.0, mass / params.evidence_mass)
        si, sj = scopes[ii], scopes[jj]
        score[(si != 0) & (sj != 0) & ((si & sj) == 0)] = 0.0
        score[modes[ii] != modes[jj]] = 0.0  # inspection / monitoring is not management
        keep = score >= params.clause_min
        ii, jj, score = ii[keep], jj[keep], score[keep]
        if not len(ii):
            continue
        swap = rank[ii] > rank[jj]
        ii, jj = np.where(swap, jj, ii), np.where(swap, ii, jj)
        parts.append((ii, jj, score))
    if not parts:
        return best, x
    ii, jj, score = (np.concatenate(p) for p in zip(*parts, strict=True))
    key = rank[ii] * len(ids) + rank[jj]
    order = np.lexsort((-score, key))
    ii, jj, score, key = ii[order], jj[order], score[order], key[order]
    bounds = np.flatnonzero(np.diff(key)) + 1
    limit = 2 * params.keep_per_pair
    for lo, hi in zip(np.r_[0, bounds].tolist(), np.r_[bounds, len(key)].tolist(), strict=True):
        a, b = agencies[buf.agency[int(ii[lo])]], agencies[buf.agency[int(jj[lo])]]
        if not _comparable(a, b):
            continue
        cps = []
        for i, j, sc in zip(ii[lo:min(hi, lo + limit)].tolist(), jj[lo:min(hi, lo + limit)].tolist(),
                            score[lo:min(hi, lo + limit)].tolist(), strict=True):
            if has_excl[i] or has_excl[j]:
                sc = clause_pair_score(buf.clauses[i], buf.clauses[j], _row(x, i), _row(x, j), idf, params)[0]
                if sc < params.clause_min:
                    continue
            cps.append(ClausePair(i, j, buf.stmt[i], buf.stmt[j], sc, [], bool(buf.core[i] or buf.core[j]) if params.core_either else bool(buf.core[i] and buf.core[j])))
        cps.sort(key=lambda p: -p.score)
        if cps:
            best[(a.id, b.id)] = cps[: params.keep_per_pair]
    return best, x


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
