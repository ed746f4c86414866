"""Choosing an agency, an official or a position by typing its name (CONTRACT §4 search rule:
case- and diacritics-insensitive, every word of the query the prefix of a word of the name or
the code). Used by the pages' name fields (suggestions while typing, and the server-side
resolution when the form is sent without picking a suggestion).

Agencies and officials go through the API's search (`core.search`; `personnel.selectors`).
Positions have no search column yet: their folded code, title and agency name are cached per
process and rebuilt when the table changes (row count and latest audit row)."""
import datetime as dt
import time
from dataclasses import dataclass

from django.db.models import Count, Max

from orgchart.core.text import fold
from orgchart.personnel.models import Official
from orgchart.positions.models import JobPosition
from orgchart.structure.models import Agency

LIMIT = 20
LABELS = {"agency": "cơ quan, đơn vị", "official": "cán bộ", "position": "vị trí việc làm"}
TTL_SECONDS = 300
_cache: dict[str, tuple] = {}


def words(text: str) -> list[str]:
    return fold(text).replace(",", " ").replace("(", " ").replace(")", " ").split()


def matches(query_words: list[str], target_words: list[str]) -> bool:
    """Every query word is the prefix of some word of the target."""
    return all(any(t.startswith(q) for t in target_words) for q in query_words)


def _rows(model, fields: tuple[str, ...], n_text: int = 2) -> list:
    """[(pk, folded words, exact keys, *extra)] for every row of `model`, cached: the words of
    the first `n_text` fields (code, name, …), exact keys the code and the name."""
    key = (tuple(model.history.aggregate(n=Count("history_id"), last=Max("history_id")).values())
           + tuple(model.objects.aggregate(n=Count("pk"), last=Max("pk")).values()))
    cached = _cache.get(model.__name__)
    if cached and cached[0] == key and time.monotonic() - cached[1] < TTL_SECONDS:
        return cached[2]
    rows = []
    for pk, *values in model.objects.values_list("pk", *fields).iterator(chunk_size=5000):
        text, extra = values[:n_text], values[n_text:]
        rows.append((pk, words(" ".join(v or "" for v in text)), {fold(text[0]), fold(text[1])}, *extra))
    _cache[model.__name__] = (key, time.monotonic(), rows)
    return rows


def clear():
    _cache.clear()


def _search(model, fields, text: str, keep=None, limit: int = LIMIT, unique_exact: bool = False,
            n_text: int = 2) -> list[int]:
    """Ids matching `text` (exact code or name first); with `unique_exact`, a single exact
    match is the only answer (resolving a typed name)."""
    q = words(text)
    if not q:
        return []
    needle = fold(text)
    exact, prefix = [], []
    for pk, w, keys, *extra in _rows(model, fields, n_text):
        if keep is not None and not keep(*extra):
            continue
        if needle in keys:
            exact.append(pk)
        elif matches(q, w):
            prefix.append(pk)
    return exact[:1] if len(exact) == 1 and unique_exact else (exact + prefix)[: limit + 1]


def _exact_first(rows, text: str, name_attr: str, limit: int, unique_exact: bool) -> list:
    """An exact code or name (words equal) first; with `unique_exact`, a single exact match alone."""
    from orgchart.core.search import words as search_words

    q = search_words(text)
    exact = [r for r in rows if search_words(getattr(r, name_attr)) == q or search_words(r.code) == q]
    if unique_exact and len(exact) == 1:
        return exact
    return (exact + [r for r in rows if r not in exact])[: limit + 1]


def agencies(text: str, day: dt.date | None = None, limit: int = LIMIT, unique_exact=False) -> list[Agency]:
    """Agencies (active on `day`) whose name or code matches `text`: the API's search
    (`core.search`, indexed on PostgreSQL)."""
    if not words(text):
        return []
    qs = Agency.objects.filter(search_key__words=text)
    if day is not None:
        qs = qs.filter(Agency.active_q(day))
    return _exact_first(list(qs.order_by("code")[:200]), text, "name", limit, unique_exact)


def officials(text: str, limit: int = LIMIT, unique_exact=False) -> list[Official]:
    """Officials whose name or code matches `text` (`personnel.selectors.search_officials`)."""
    from orgchart.personnel.selectors import search_officials

    if not words(text):
        return []
    return _exact_first(search_officials(text, limit=200), text, "full_name", limit, unique_exact)


def positions(text: str, limit: int = LIMIT, unique_exact=False) -> list[JobPosition]:
    """Positions by code, title or their agency's name ("trưởng phòng tài chính")."""
    ids = _search(JobPosition, ("code", "title", "agency__name"), text, None, limit, unique_exact, n_text=3)
    found = JobPosition.objects.select_related("agency").in_bulk(ids)
    return [found[i] for i in ids if i in found]


@dataclass
class Choice:
    """The outcome of resolving a typed name: the object, or the candidates to choose from."""

    text: str
    value: object | None = None
    options: list | None = None
    error: str = ""
    links: list | None = None


def resolve(kind: str, code: str, text: str, day: dt.date | None = None) -> Choice:
    """The object picked (hidden `code` from a suggestion) or typed (`text`: a code or a name
    matching exactly one object)."""
    model = {"agency": Agency, "official": Official, "position": JobPosition}[kind]
    code, text = (code or "").strip(), (text or "").strip()
    if code:
        obj = model.objects.filter(code=code).first()
        if obj is not None:
            return Choice(text or code, obj)
        text = text or code
    if not text:
        return Choice("")
    obj = model.objects.filter(code=text).first()
    if obj is not None:
        return Choice(text, obj)
    found = {"agency": lambda: agencies(text, day, unique_exact=True),
             "official": lambda: officials(text, unique_exact=True),
             "position": lambda: positions(text, unique_exact=True)}[kind]()
    if len(found) == 1:
        return Choice(text, found[0])
    if not found:
        return Choice(text, error=f"Không tìm thấy {LABELS[kind]} «{text}».")
    return Choice(text, options=found[:LIMIT], error=f"Có nhiều kết quả cho «{text}», hãy chọn một.")
