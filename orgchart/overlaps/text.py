"""Vietnamese text pipeline for mandate statements (RULES.md §5). Pure functions.

statement → normalise (NFC, one tone placement, lower case, abbreviations, paraphrase table)
          → the names of the agency and of its ancestors cut out (self-references: "lãnh đạo
            Văn phòng Ủy ban nhân dân tỉnh" is not an object)
          → clauses (split at `;`, `:`, item markers `1.`, `a)`, `đ)`, `4.1`, `-`)
          → drop boilerplate clauses (lexicon.BOILERPLATE_CLAUSES: what every agency carries)
          → cut scope exclusions ("trừ …", "(trừ …)", "không bao gồm …") out of each clause and
            keep them as negative evidence; note scope qualifiers and the kind of activity
            (inspection, monitoring; a statement head "… thanh tra kinh tế:" gives its items
            its mode)
          → strip generic administrative phrases, activities and organisation names
          → words (`words.segment`: longest match on a dictionary of multi-syllable words) and
            word bi-grams inside phrases (never across punctuation or a function word).

Boilerplate that the lists miss is caught by document frequency across agencies in
`orgchart.overlaps.index` (a term most agencies carry is not evidence of overlap).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from . import lexicon as lx
from .words import JOIN, segment

# --- normalisation -------------------------------------------------------------------------

_TONES = ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323")


def _old_style_table() -> dict[str, str]:
    """"oà/oá/…", "uỷ/uý/…", "oè/…" (tone on the 2nd vowel of an open oa/oe/uy syllable) →
    tone on the 1st vowel ("hòa", "thủy", "khỏe"), the spelling of most current documents."""
    table = {}
    for v1, v2 in (("o", "a"), ("o", "e"), ("u", "y")):
        for mark in _TONES:
            table[v1 + unicodedata.normalize("NFC", v2 + mark)] = unicodedata.normalize("NFC", v1 + mark) + v2
    return table


_TONE_TABLE = _old_style_table()
_TONE_RE = re.compile(r"(?<![qg])[ou][àáảãạèéẻẽẹỳýỷỹỵ](?![a-zà-ỹđ])")
_ABBR_RE = re.compile(r"(?<![\w&,-])[A-ZĐ][A-ZĐ&,-]*[A-ZĐ](?![\w&])")
# Place names: capitalised words after an administrative unit ("tỉnh Hưng Yên", "Thành phố Hà Nội").
_PLACE_RE = re.compile(
    r"(?=[TtHhQqXxPp])\b([Tt]ỉnh|[Tt]hành phố|[Hh]uyện|[Qq]uận|[Tt]hị xã|[Xx]ã|[Pp]hường|[Tt]hị trấn)"
    r"((?:\s+[A-ZĐÀ-Ỹ][\w-]*)+)"
)
_CAPITAL_AFTER_SPACE_RE = re.compile(r"[a-zà-ỹđ,;:] +[A-ZĐÀ-Ỹ]")


def _expand(m: re.Match) -> str:
    word = m.group(0)
    if word in lx.ABBREVIATIONS:
        return lx.ABBREVIATIONS[word]
    head = word.rstrip(",-")  # "UBND," – the class may take trailing punctuation
    return lx.ABBREVIATIONS.get(head, head) + word[len(head):]


def normalize(text: str) -> str:
    """NFC, place names dropped, abbreviations expanded, lower case, one tone placement,
    one wording per duty (lexicon.SYNONYMS), spaces."""
    s = unicodedata.normalize("NFC", text or "")
    if _CAPITAL_AFTER_SPACE_RE.search(s):
        s = _PLACE_RE.sub(lambda m: m.group(1), s)
    s = _ABBR_RE.sub(_expand, s)
    s = s.lower().replace("\u00a0", " ")
    s = _TONE_RE.sub(lambda m: _TONE_TABLE.get(m.group(0), m.group(0)), s)
    for needle, pattern, repl in lx.SYNONYMS:
        if needle in s:
            s = pattern.sub(repl, s)
    return " ".join(s.split())


_ORG_HEAD_RE = re.compile(r"(sở|bộ|chi cục|cục|tổng cục|phòng|trung tâm|văn phòng|thanh tra|ban|ủy ban|đội|"
                          r"hội đồng|chi nhánh|viện|trường|bệnh viện|đài|báo|nhà|quỹ) ")


def strip_names(norm: str, names=()) -> str:
    """Cut the (normalised) names of the agency and its ancestors out of its own text, and the
    head alone ("văn phòng", "chi cục") that an agency uses to name itself or its parent."""
    for name in names:
        n = normalize(name)
        if not _ORG_HEAD_RE.match(n):
            continue  # a bare object ("ATTP") is not a name to cut
        if n in norm:
            norm = norm.replace(n, " , ")
        for head in lx.SELF_HEADS:
            if n.startswith(head + " ") and head in norm:
                norm = re.sub(rf"\b{head}\b", " , ", norm)
    return norm


# --- clauses -------------------------------------------------------------------------------

# Item markers: "1.", "12.", "4.1", "1.1.", "a)", "đ)", "a.", "-", "+" at the start of an item.
_ITEM_RE = re.compile(r"^\s*(?:(?:\d{1,2}(?:\.\d{1,2})*\.?|[a-zđ][).]|[-+•])\s+)+")
_PARTS_PAREN_RE = re.compile(r"[;:](?![^()]*\))")
_PARTS_RE = re.compile(r"[;:]")
_SENTENCE_RE = re.compile(r"(?<=[a-zà-ỹđ)])\.\s+(?=[a-zà-ỹđ])")
_SUBITEM_RE = re.compile(r"(?:^|(?<=[\s.,]))(?:[a-zđ]\)|\d{1,2}\.\d{1,2}\.?)\s")
_HEAD_RE = re.compile(r":(?![^()]*\))")


def strip_numbering(s: str) -> str:
    """Item markers at the start of an item ("1.", "4.1", "a)", "đ)", "-")."""
    return _ITEM_RE.sub("", s, count=1)


def split_clauses(norm: str) -> list[str]:
    """A normalised statement → its clauses (items and `;`/`:`-separated parts), numbering removed.
    A `;` or `:` inside parentheses does not split."""
    parts = (_PARTS_PAREN_RE if "(" in norm else _PARTS_RE).split(norm)
    out = []
    for part in parts:
        for sentence in _SENTENCE_RE.split(part) if ". " in part else (part,):
            for sub in _SUBITEM_RE.split(sentence) if ")" in sentence or "." in sentence else (sentence,):
                sub = strip_numbering(sub).strip(" .,-")
                if sub:
                    out.append(sub)
    return out


# --- boilerplate ---------------------------------------------------------------------------

BOILERPLATE_RE = re.compile("|".join(f"(?:{p.pattern})" for p in lx.BOILERPLATE_CLAUSES))
_OPENINGS_RE = re.compile("|".join(f"(?:{p.pattern})" for p in lx.BOILERPLATE_OPENINGS))


def is_boilerplate(clause: str) -> bool:
    if BOILERPLATE_RE.search(clause) is not None:
        return True
    # complaints within one's own sector, unless held toward citizens (RULES §5)
    return lx.OWN_COMPLAINTS.search(clause) is not None and lx.CITIZEN_RECEPTION.search(clause) is None


def is_boilerplate_statement(norm: str) -> bool:
    """The statement opens with a duty every agency carries (its sub-items go with it)."""
    return _OPENINGS_RE.search(strip_numbering(norm[:200]).strip(" .,-")) is not None


# --- scope exclusions, qualifiers, modes ---------------------------------------------------

_EXCL_PAREN_RE = re.compile(r"\((?:trừ|không bao gồm|ngoại trừ|không kể)\b([^()]*)\)")
_EXCL_TAIL_RE = re.compile(r"(?:,\s*(?:trừ|không kể)|\b(?:không bao gồm|ngoại trừ))\b(.*)$")
MODE_BITS = {m: 1 << k for k, m in enumerate(sorted(lx.MODES))}


def cut_exclusions(clause: str) -> tuple[str, list[str]]:
    """(the clause without its exclusions, [excluded phrases])."""
    excluded = [m.group(1).strip() for m in _EXCL_PAREN_RE.finditer(clause)]
    clause = _EXCL_PAREN_RE.sub(" ", clause)
    m = _EXCL_TAIL_RE.search(clause)
    if m:
        excluded.append(m.group(1).strip())
        clause = clause[: m.start()]
    return clause, [e for e in excluded if e]


def scope_groups(clause: str) -> frozenset[str]:
    return frozenset(g for g, p in lx.SCOPE_GROUPS.items() if p.search(clause))


def mode_of(clause: str) -> int:
    """Bits of the kinds of activity (lexicon.MODES) named in a clause without organisation names."""
    return sum(bit for m, bit in MODE_BITS.items() if lx.MODES[m].search(clause))


# --- terms ---------------------------------------------------------------------------------

_TOKEN_RE = re.compile(r"[a-zà-ỹđ0-9]+|¦")
_RUN_SPLIT_RE = re.compile(r"[,.()\[\]\"'“”/–—;:]")  # " - " joins compound names ("kinh tế - xã hội")


CUT = "¦"  # where a generic object was removed (text.content)


def word_runs(text: str) -> list[tuple[list[str], bool]]:
    """Content words grouped in phrases: a phrase ends at punctuation, a function word, a number
    or a removed phrase. (words, cut): `cut` when a generic object was removed right after it
    (its head lost its complement: weak terms only)."""
    runs = []
    for piece in _RUN_SPLIT_RE.split(text):
        run: list[str] = []
        for word in segment(_TOKEN_RE.findall(piece)):
            if word == CUT:
                if run:
                    runs.append((run, True))
                run = []
            elif word in lx.STOP_WORDS or word.isdigit() or (len(word) == 1 and word != "y"):
                if run:
                    runs.append((run, False))
                run = []
            else:
                run.append(word)
        if run:
            runs.append((run, False))
    return runs


def terms_of(text: str) -> list[str]:
    """Terms of the content of `text` (already normalised). A phrase (a run of content words)
    names one object, its head first (Vietnamese noun phrases are head-initial): its terms are
    the whole phrase and its head-prefixes of two words or more ("an_toàn thực_phẩm nông_sản" →
    "an_toàn thực_phẩm nông_sản", "an_toàn thực_phẩm"), so "an toàn thực phẩm" meets "an toàn
    thực phẩm nông sản" but "thương mại" never meets "trọng tài thương mại" nor "công nghiệp
    hỗ trợ" "công nghiệp công nghệ thông tin". The words inside a longer phrase are kept as
    weak terms ("~thương_mại": weight, never evidence). Syllables of a word are joined by "_",
    words of a phrase by a space."""
    out = []
    for run, cut in word_runs(text):
        if cut:
            out.extend("~" + w for w in run)
            continue
        out.append(" ".join(run))
        out.extend(" ".join(run[:k]) for k in range(2, len(run)))
        if len(run) > 1:
            out.extend("~" + w for w in run)
    return out


def display(term: str) -> str:
    """A term as a user reads it ("an_toàn thực_phẩm" → "an toàn thực phẩm")."""
    return term.lstrip("~").replace(JOIN, " ")


def strip_orgs(clause: str) -> str:
    return lx.ORG_NAME_RE.sub(" , ", clause)


def content(clause: str) -> str:
    """A clause without organisation names, generic phrases and activities."""
    clause = lx.GENERIC_OBJECTS.sub(f" {CUT} ", strip_orgs(clause))
    clause = lx.GENERIC_PHRASES.sub(" , ", clause)
    clause = lx.ACTIVITY_PHRASES.sub(" , ", clause)
    return lx.STOP_PHRASES.sub(" , ", clause)


@dataclass(frozen=True)
class Clause:
    text: str  # normalised clause (exclusions cut)
    terms: tuple  # terms of its content (repeats = term frequency)
    excluded: tuple = ()  # terms inside its exclusions
    scopes: frozenset = frozenset()
    mode: int = 0  # kinds of activity (MODE_BITS)


def analyse_clause(raw: str) -> Clause | None:
    """One normalised clause → its evidence (None for boilerplate or no content)."""
    if is_boilerplate(raw):
        return None
    kept, excluded = cut_exclusions(raw)
    terms = terms_of(content(kept))
    if not terms:
        return None
    ex_terms = tuple(t for e in excluded for t in terms_of(content(e)))
    return Clause(kept.strip(), tuple(terms), ex_terms, scope_groups(kept), mode_of(strip_orgs(kept)))


def prepare(statement: str, names=()) -> tuple[list[str], int] | None:
    """A statement → (its clauses, the mode of its head "… thanh tra kinh tế:" that its items
    inherit), None when the statement as a whole is boilerplate."""
    norm = strip_names(normalize(statement), names)
    if is_boilerplate_statement(norm):
        return None
    m = _HEAD_RE.search(norm)
    head_mode = mode_of(strip_orgs(norm[: m.start()])) if m else 0
    clauses = split_clauses(norm)
    # "X đối với Y": X is the object, Y its scope; the object alone is also a clause, so that
    # "an toàn thực phẩm đối với rượu, bia, sữa…" meets "an toàn thực phẩm"
    # (not when the scope is a qualifier that makes the object a different one: SCOPE_GROUPS)
    heads = [c.split(" đối với ", 1)[0] for c in clauses if " đối với " in c[8:] and not scope_groups(c)]
    return clauses + [h for h in heads if h not in clauses], head_mode


def analyse(statement: str, names=()) -> list[Clause]:
    """A mandate statement → its evidence clauses (boilerplate dropped)."""
    prepared = prepare(statement, names)
    if prepared is None:
        return []
    clauses, head_mode = prepared
    out = [c for c in map(analyse_clause, clauses) if c is not None]
    if head_mode:
        out = [c if c.mode else replace(c, mode=head_mode) for c in out]
    return out
