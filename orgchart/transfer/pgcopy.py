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


def _copy(table: str, columns: list[str], rows):
    qn = connection.ops.quote_name
    sql = f"COPY {qn(table)} ({', '.join(qn(c) for c in columns)}) FROM STDIN"
    with connection.cursor() as cur:
        with cur.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)


def insert(model, objs: list, change_reason: str = "import_data"):
    """Insert `objs` (pk None) with their `+` history rows; sets each obj.pk."""
    if not objs:
        return
    for obj, pk in zip(objs, _reserve_ids(model, len(objs)), strict=True):
        obj.pk = pk
        obj._state.adding = False
    fields = [f for f in model._meta.concrete_fields]
    _copy(model._meta.db_table, [f.column for f in fields],
          ([f.get_db_prep_save(getattr(o, f.attname), connection) if f.get_internal_type() == "JSONField"
            else getattr(o, f.attname) for f in fields] for o in objs))
    manager = getattr(model, "history", None)
    if manager is None:
        return
    hist = manager.model
    tracked = [f for f in hist.tracked_fields]
    user = hist.get_default_history_user(objs[0]) if hasattr(hist, "get_default_history_user") else None
    user_id = getattr(user, "pk", None)
    now = timezone.now()
    extra = ["history_date", "history_change_reason", "history_type", "history_user_id"]
    columns = [hist._meta.get_field(f.attname).column for f in tracked] + [
        hist._meta.get_field(n).column for n in extra
    ]
    _copy(hist._meta.db_table, columns,
          ([getattr(o, f.attname) for f in tracked] + [now, change_reason, "+", user_id] for o in objs))
