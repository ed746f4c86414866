"""Bulk UPDATE that stays linear in the number of rows (Django's `bulk_update` builds CASE WHEN
statements that grow with the batch: minutes for 100k rows).

PostgreSQL: COPY the new values into a temporary table, then one `UPDATE … FROM`.
Other databases: one `executemany` of a plain UPDATE per row."""
from django.db import connection

from .pgcopy import copy_rows


def update_rows(model, records: list[dict], attnames) -> None:
    """UPDATE the given columns of each record ({attname: value, "id": pk})."""
    if not records:
        return
    qn = connection.ops.quote_name
    fields = [model._meta.get_field(a) for a in attnames]
    pk = model._meta.pk
    table = qn(model._meta.db_table)
    if connection.vendor == "postgresql":
        columns = [pk.column] + [f.column for f in fields]
        with connection.cursor() as cur:
            cur.execute("DROP TABLE IF EXISTS transfer_update")
            cur.execute(f"CREATE TEMP TABLE transfer_update AS SELECT {', '.join(qn(c) for c in columns)} "
                        f"FROM {table} WITH NO DATA")
        copy_rows("transfer_update", columns, ([r[pk.attname]] + [r[f.attname] for f in fields] for r in records))
        sets = ", ".join(f"{qn(f.column)} = u.{qn(f.column)}" for f in fields)
        with connection.cursor() as cur:
            cur.execute(f"UPDATE {table} t SET {sets} FROM transfer_update u WHERE t.{qn(pk.column)} = u.{qn(pk.column)}")
            cur.execute("DROP TABLE transfer_update")
        return
    sql = f"UPDATE {table} SET {', '.join(f'{qn(f.column)} = %s' for f in fields)} WHERE {qn(pk.column)} = %s"
    params = [[f.get_db_prep_save(r[f.attname], connection) for f in fields] + [r[pk.attname]] for r in records]
    with connection.cursor() as cur:
        for i in range(0, len(params), 5000):
            cur.executemany(sql, params[i: i + 5000])
