"""Fast row writers: PostgreSQL `COPY … FROM STDIN` (psycopg 3 `cursor.copy()`), plain
multi-row INSERTs elsewhere (SQLite). Rows are tuples in the order of the given fields.

No model `save()` runs, so simple_history rows are not written for generated data, and
model defaults are applied here: any NOT NULL column the caller does not give is filled
with the field's Python default (so a field added later does not break the generator)."""
import datetime as dt

from django.db import connection, models

NOT_PROVIDED = models.fields.NOT_PROVIDED


class Table:
    def __init__(self, model, fields: list[str]):
        self.model = model
        self.fields = [model._meta.get_field(f) for f in fields]
        given = {f.column for f in self.fields}
        self.extra = [
            f for f in model._meta.concrete_fields
            if f.column not in given and not f.primary_key and not f.null
            and getattr(f, "db_default", NOT_PROVIDED) is NOT_PROVIDED
        ]
        self.extra_values = tuple(f.get_default() for f in self.extra)
        self.columns = [f.column for f in self.fields] + [f.column for f in self.extra]
        self.db_table = model._meta.db_table


def write(table: Table, rows: list[tuple]) -> int:
    if not rows:
        return 0
    extra = table.extra_values
    if connection.vendor == "postgresql":
        cols = ", ".join(f'"{c}"' for c in table.columns)
        with connection.cursor() as cur:
            raw = cur.cursor  # the psycopg 3 cursor under Django's wrapper
            with raw.copy(f'COPY "{table.db_table}" ({cols}) FROM STDIN') as copy:
                if extra:
                    for row in rows:
                        copy.write_row(row + extra)
                else:
                    for row in rows:
                        copy.write_row(row)
        return len(rows)
    cols = ", ".join(f'"{c}"' for c in table.columns)
    width = len(table.columns)
    per = max(1, 900 // width)  # SQLite: at most 999 parameters per statement
    with connection.cursor() as cur:
        for i in range(0, len(rows), per):
            batch = rows[i : i + per]
            values = ", ".join(["(" + ", ".join(["%s"] * width) + ")"] * len(batch))
            params = [_sqlite(v) for row in batch for v in (row + extra)]
            cur.execute(f'INSERT INTO "{table.db_table}" ({cols}) VALUES {values}', params)
    return len(rows)


def _sqlite(v):
    if isinstance(v, dt.date):
        return v.isoformat()
    return v


def reset_sequences(models_: list) -> None:
    """After inserting explicit ids: move each PostgreSQL sequence past the largest id."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cur:
        for m in models_:
            t = m._meta.db_table
            cur.execute(
                f"SELECT setval(pg_get_serial_sequence('\"{t}\"', 'id'), "
                f"GREATEST((SELECT COALESCE(MAX(id), 0) FROM \"{t}\"), 1))"
            )


def max_id(model) -> int:
    with connection.cursor() as cur:
        cur.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{model._meta.db_table}"')
        return cur.fetchone()[0]
