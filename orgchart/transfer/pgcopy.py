"""PostgreSQL fast path for inserting many new rows: ids reserved from the table's sequence,
then `COPY … FROM STDIN` for the rows and for their simple_history rows. Same result as
`bulk_create` + `bulk_history_create`, several times faster for 100k rows."""
from django.db import connection
from django.utils import timezone


def available() -> bool:
    return connection.vendor == "postgresql"


def _reserve_ids(model, n: int) -> list[int]:
    table, pk = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cur:
        cur.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)", [table, pk, n])
        return [r[0] for r in cur.fetchall()]


def copy_rows(table: str, columns: list[str], rows):
    qn = connection.ops.quote_name
    sql = f"COPY {qn(table)} ({', '.join(qn(c) for c in columns)}) FROM STDIN"
    with connection.cursor() as cur:
        with cur.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)


def insert(model, records: list[dict], change_reason: str = "import_data"):
    """Insert `records` ({attname: value}, no id) with their `+` history rows; sets record["id"]."""
    if not records:
        return
    pk = model._meta.pk.attname
    for record, new_id in zip(records, _reserve_ids(model, len(records)), strict=True):
        record[pk] = new_id
    fields = [f for f in model._meta.concrete_fields]
    names = [f.attname for f in fields]
    copy_rows(model._meta.db_table, [f.column for f in fields], ([r[n] for n in names] for r in records))
    history(model, records, "+", change_reason)


def history(model, records: list[dict], history_type: str, change_reason: str = "import_data"):
    """COPY one simple_history row per record (`+` created, `~` changed)."""
    manager = getattr(model, "history", None)
    if manager is None or not records:
        return
    hist = manager.model
    tracked = [f.attname for f in hist.tracked_fields]
    user = hist.get_default_history_user(model(**records[0]))
    extra = [getattr(user, "pk", None), timezone.now(), change_reason, history_type]
    columns = [hist._meta.get_field(n).column for n in tracked] + [
        hist._meta.get_field(n).column for n in ("history_user_id", "history_date", "history_change_reason",
                                                 "history_type")
    ]
    copy_rows(hist._meta.db_table, columns, ([r[n] for n in tracked] + extra for r in records))
