"""PostgreSQL side of the name search (core.search): a stored word vector with its GIN index, the
word vocabulary and the prefix expansion that lets the index skip through the posting lists.

- Vector: every table with a `SearchKeyField` (personnel_official, structure_agency) gets a
  column `search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_key))
  STORED` and a GIN index on it. PostgreSQL keeps it in step with `search_key` on every write;
  Django does not know the column (it never selects or writes it). Matching a row against a
  stored vector costs about a microsecond, so the planner may also walk the code index and
  filter (the first page of a very common name) without parsing text per row.
- Vocabulary: `search_vocabulary(word)` holds every word that occurs in a search column. AFTER
  INSERT / AFTER UPDATE statement-level triggers (transition tables) add the words of the rows
  written — by the ORM, the importer's COPY, the dataset generator, restructuring, anything —
  so the table is complete without any application code. A word that no longer occurs stays
  (it only costs an alternative that matches nothing).
- Expansion: a query word w becomes `('w1' | 'w2' | …)`, the vocabulary words starting with w,
  when there are at most MAX_ALTERNATIVES of them, else the prefix operator `'w':*`. A GIN
  prefix match materialises every row of every matching word ("nguyen:*" = 38 % of the
  officials) before intersecting; exact words let GIN intersect the short posting list with the
  long one by skipping. One small indexed query per search.

`ensure()` (post_migrate, idempotent) creates what is missing and fills a new vocabulary from
the existing rows; `migration_operations()` is used by the migrations that add a search column.
"""
from django.db import connection, connections

VOCABULARY = "search_vocabulary"
FUNCTION = "search_vocabulary_add"
MAX_ALTERNATIVES = 64


VECTOR = "search_vector"


def _vector_ddl(table: str, column: str) -> list[str]:
    return [
        f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {VECTOR} tsvector "
        f"GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, {column})) STORED",
        f"CREATE INDEX IF NOT EXISTS {table}_{VECTOR}_gin ON {table} USING gin ({VECTOR})",
    ]


def _words_sql(table: str) -> str:
    return f"SELECT DISTINCT w FROM {table} AS t, unnest(tsvector_to_array(t.{VECTOR})) AS w"


def _searchable(tables) -> list[tuple[str, str]]:
    from django.apps import apps

    from .search import key_field

    out = []
    for model in apps.get_models():
        f = key_field(model)
        if f is not None and model._meta.db_table in tables:
            out.append((model._meta.db_table, f.column))
    return out


def ensure(sender=None, using="default", **kwargs):
    """post_migrate: vectors, GIN indexes, vocabulary table, function and triggers exist."""
    conn = connections[using]
    if conn.vendor != "postgresql":
        return
    tables = set(conn.introspection.table_names())
    with conn.cursor() as cur:
        new = VOCABULARY not in tables
        cur.execute(f'CREATE TABLE IF NOT EXISTS {VOCABULARY} (word text COLLATE "C" PRIMARY KEY)')
        cur.execute(
            f"CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"INSERT INTO {VOCABULARY} (word) {_words_sql('new_rows')} ON CONFLICT DO NOTHING; RETURN NULL; END $$"
        )
        for table, column in _searchable(tables):
            for statement in _vector_ddl(table, column):
                cur.execute(statement)
            for event in ("INSERT", "UPDATE"):
                cur.execute(
                    f"CREATE OR REPLACE TRIGGER {table}_vocabulary_{event.lower()} AFTER {event} ON {table} "
                    f"REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()"
                )
            if new:
                cur.execute(f"INSERT INTO {VOCABULARY} (word) {_words_sql(table)} ON CONFLICT DO NOTHING")


def rebuild_vocabulary() -> int:
    """Add every word of every search column (after a restore that bypassed the triggers)."""
    if connection.vendor != "postgresql":
        return 0
    ensure(using=connection.alias)
    added = 0
    with connection.cursor() as cur:
        for table, _column in _searchable(set(connection.introspection.table_names())):
            cur.execute(f"INSERT INTO {VOCABULARY} (word) {_words_sql(table)} ON CONFLICT DO NOTHING")
            added += max(cur.rowcount, 0)
    return added


def _next(prefix: str) -> str:
    """The smallest string greater than every string that starts with `prefix` (code points)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def tsquery(conn, words: list[str]) -> str | None:
    """The tsquery text for `words` (every one a prefix of some word), or None when a word
    starts no word at all (nothing can match). One query on the vocabulary."""
    sql = (
        f"SELECT v.i, s.word FROM unnest(%s::text[], %s::text[]) WITH ORDINALITY AS v(lo, hi, i) "
        f"CROSS JOIN LATERAL (SELECT word FROM {VOCABULARY} WHERE word >= v.lo COLLATE \"C\" "
        f"AND word < v.hi COLLATE \"C\" ORDER BY word LIMIT {MAX_ALTERNATIVES + 1}) s"
    )
    found: dict[int, list[str]] = {i: [] for i in range(1, len(words) + 1)}
    with conn.cursor() as cur:
        cur.execute(sql, [words, [_next(w) for w in words]])
        for i, word in cur.fetchall():
            found[i].append(word)
    parts = []
    for i, w in enumerate(words, 1):
        alternatives = found[i]
        if not alternatives:
            return None
        if len(alternatives) > MAX_ALTERNATIVES:
            parts.append(f"'{w}':*")
        else:
            parts.append("(" + " | ".join(f"'{a}'" for a in alternatives) + ")")
    return " & ".join(parts)


def migration_operations(app_label: str, model_name: str) -> list:
    """Operations that fill the new search column of existing rows and (PostgreSQL) add its
    vector, index and vocabulary (the rest of `ensure()` follows at post_migrate)."""
    from django.db import migrations

    from .search import key_field, rebuild_keys

    def forward(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        rebuild_keys(model)
        if schema_editor.connection.vendor == "postgresql":
            for statement in _vector_ddl(model._meta.db_table, key_field(model).column):
                schema_editor.execute(statement)

    def backward(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"ALTER TABLE {apps.get_model(app_label, model_name)._meta.db_table} "
                                  f"DROP COLUMN IF EXISTS {VECTOR}")

    return [migrations.RunPython(forward, backward)]
