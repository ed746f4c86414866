"""Name search (CONTRACT §4 "Search"): case- and diacritics-insensitive word-prefix matching.

Both sides go through `core.text.fold` (NFC/NFD, lower-case, combining marks stripped,
đ → d); a *word* is then a run of letters and digits ("KH.YT.BVNT" has the words kh, yt,
bvnt). A record matches when every word of the query is the prefix of a word of its name or
of its code: "nguyen van q", "NGUYỄN VĂN Q" and the NFD spelling of "Nguyễn Văn Q" all find
"Nguyễn Văn Quang".

Storage: the folded words of the searchable fields live in one column (`SearchKeyField`,
e.g. "nguyen van quang kh01945"), computed in Python by `search_key()` on every write path:
`Model.save()` and `bulk_create` (the field's `pre_save`), and the paths that write rows as
dicts or tuples — `refresh_key(model, record)` for the importer (COPY and SQLite paths),
`key_for(model, ...)` for the dataset generator. `search_key_mismatches()` finds rows whose
column disagrees (the consistency check of the tests and `manage.py rebuild_search_keys`).

Query: the lookup `field__words="…"`. PostgreSQL: `search_vector @@ to_tsquery('simple',
"('nguyen') & ('van' | 'vang') & 'q':*")` on a stored vector of the column with a GIN index,
each query word expanded to the vocabulary words it starts (`search_pg`), so a name search over
millions of officials reads only the matching rows. Other databases
(SQLite): one `' ' || key LIKE '% word%'` per word — the same semantics, without an index.
"""
import re

from django.db import connection, models, transaction
from django.db.models import Lookup

from .text import fold

WORD = re.compile(r"[^\W_]+")
MAX_QUERY_WORDS = 32


def words(text: str | None) -> list[str]:
    """The folded words of `text`, in order ("Nguyễn Văn Quang" → ["nguyen", "van", "quang"])."""
    return WORD.findall(fold(text)) if text else []


def search_key(*parts) -> str:
    """The stored search column of a record: the folded words of each part, space-separated."""
    return " ".join(w for p in parts for w in words(p))


def query_words(text: str | None) -> list[str]:
    """The distinct words of a query (order kept), at most MAX_QUERY_WORDS."""
    seen = []
    for w in words(text):
        if w not in seen:
            seen.append(w)
    return seen[:MAX_QUERY_WORDS]


def matches(key: str, query: str) -> bool:
    """The lookup's semantics in Python (for lists already in memory and for tests)."""
    have = key.split()
    return all(any(h.startswith(q) for h in have) for q in query_words(query))


class SearchKeyField(models.TextField):
    """Folded words of `sources` (attribute names), kept in step by `pre_save` (save, bulk_create)."""

    def __init__(self, *args, sources=(), **kwargs):
        self.sources = tuple(sources)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["sources"] = self.sources
        for key, value in (("editable", False), ("blank", True), ("default", "")):
            if kwargs.get(key, value) == value:
                kwargs.pop(key, None)
        return name, path, args, kwargs

    def key_of(self, get) -> str:
        return search_key(*(get(s) for s in self.sources))

    def pre_save(self, model_instance, add):
        value = self.key_of(lambda s: getattr(model_instance, s))
        setattr(model_instance, self.attname, value)
        return value


@SearchKeyField.register_lookup
class Words(Lookup):
    """`search_key__words="nguyen van q"`: every query word is a prefix of a stored word."""

    lookup_name = "words"
    prepare_rhs = False

    def process_rhs(self, compiler, connection):
        return "", []

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        ws = query_words(self.rhs)
        if not ws:
            return "1 = 1", []
        if connection.vendor == "postgresql":
            if "_tsquery" not in self.__dict__:  # once per lookup (shared by a count and its page)
                from .search_pg import tsquery

                self._tsquery = tsquery(connection, ws)
            if self._tsquery is None:
                return "1 = 0", []
            from .search_pg import VECTOR

            vector = f"{compiler.quote_name_unless_alias(self.lhs.alias)}.{connection.ops.quote_name(VECTOR)}"
            return f"{vector} @@ to_tsquery('simple'::regconfig, %s)", [self._tsquery]
        sql = " AND ".join(f"(' ' || {lhs}) LIKE %s" for _ in ws)
        return f"({sql})", [p for w in ws for p in (*params, f"% {w}%")]


def key_field(model) -> SearchKeyField | None:
    for f in model._meta.concrete_fields:
        if isinstance(f, SearchKeyField):
            return f
    return None


def refresh_key(model, record: dict) -> bool:
    """Set the search column of a row held as a dict {attname: value}; True when it changed."""
    f = key_field(model)
    if f is None:
        return False
    value = f.key_of(lambda s: record.get(s))
    changed = record.get(f.attname) != value
    record[f.attname] = value
    return changed


def key_for(model, **values) -> str:
    """The search column of a row given its source values (for writers of plain tuples)."""
    return key_field(model).key_of(lambda s: values.get(s))


def search_key_mismatches(model, limit: int | None = None) -> list[int]:
    """Ids of rows whose stored search column is not what `search_key()` gives (should be none)."""
    f = key_field(model)
    names = ["pk", f.attname, *f.sources]
    bad = []
    for row in model.objects.order_by("pk").values_list(*names).iterator(chunk_size=5000):
        values = dict(zip(f.sources, row[2:], strict=True))
        if f.key_of(values.get) != row[1]:
            bad.append(row[0])
            if limit and len(bad) >= limit:
                break
    return bad


def rebuild_keys(model, batch: int = 20000) -> int:
    """Recompute the search column of every row whose value is stale; returns how many changed
    (PostgreSQL: COPY into a temporary table and one UPDATE per batch)."""
    f = key_field(model)
    pending, changed = [], 0
    rows = model.objects.order_by("pk").values_list("pk", f.attname, *f.sources).iterator(chunk_size=batch)
    for row in rows:
        value = f.key_of(dict(zip(f.sources, row[2:], strict=True)).get)
        if value != row[1]:
            pending.append((row[0], value))
        if len(pending) >= batch:
            changed += _flush(model, f, pending)
    return changed + _flush(model, f, pending)


def _flush(model, f, pending) -> int:
    n = len(pending)
    if not pending:
        return 0
    qn = connection.ops.quote_name
    table, pk = qn(model._meta.db_table), qn(model._meta.pk.column)
    with transaction.atomic(), connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("CREATE TEMP TABLE IF NOT EXISTS search_key_update (id bigint, value text) ON COMMIT DROP")
            cur.execute("TRUNCATE search_key_update")
            with cur.cursor.copy("COPY search_key_update (id, value) FROM STDIN") as copy:
                for row in pending:
                    copy.write_row(row)
            cur.execute(f"UPDATE {table} t SET {qn(f.column)} = u.value FROM search_key_update u WHERE t.{pk} = u.id")
        else:
            cur.executemany(f"UPDATE {table} SET {qn(f.column)} = %s WHERE {pk} = %s", [(v, i) for i, v in pending])
    pending.clear()
    return n


