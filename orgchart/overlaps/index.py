"""Overlap index: mandate statements → analysed clauses (hashed terms) → a corpus per
jurisdiction with document frequencies. Pure (no database); `scoring.py` scores it.

- Each statement goes through `orgchart.overlaps.text` (words, phrases, boilerplate, names,
  exclusions, modes); analysed clauses are cached (mandates repeat their circulars).
- Terms are hashed (crc32, 2^24 buckets; phrases and multi-syllable words — the evidence — in the
  upper half, one-syllable words and the weak words inside a phrase in the lower half) so that
  analysis streams and can run in worker processes.
- Document frequency counts AGENCIES, across every jurisdiction, plus a reference corpus of real
  mandates shipped in `reference/` (so a small province still knows which terms are generic); a
  word used inside a longer phrase counts for the word alone too. A term carried by ≥ `max_df` of
  the agencies of the corpus, of the reference corpus or of the jurisdiction (scoring), and by at
  least `min_df_count` agencies, is boilerplate learned from the corpus and weighs nothing.
- DEFAULT_THRESHOLD (agency-pair score): see README.md "Default threshold".
"""
from __future__ import annotations

import json
import zlib
from array import array
from collections import defaultdict
from dataclasses import asdict, dataclass, replace
from functools import lru_cache
from pathlib import Path

import numpy as np

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
