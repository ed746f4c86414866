"""Bulk writes that keep the simple_history audit trail (one historical row per object)."""
from django.utils import timezone

from orgchart.core.history import current_source

BATCH = 1000


def bulk_create_logged(model, objs: list, batch_size: int = BATCH) -> list:
    """bulk_create + a `+` history row for each object (ids come back on PostgreSQL and SQLite)."""
    if not objs:
        return objs
    model.objects.bulk_create(objs, batch_size=batch_size)
    _history(model, objs, update=False)
    return objs


def bulk_update_logged(model, objs: list, fields, batch_size: int = BATCH):
    """bulk_update of `fields` + a `~` history row for each object."""
    if not objs:
        return
    model.objects.bulk_update(objs, list(fields), batch_size=batch_size)
    _history(model, objs, update=True)


def log_history(model, objs: list, update: bool):
    _history(model, objs, update)


def _history(model, objs, update):
    manager = getattr(model, "history", None)
    if manager is None or not objs:
        return
    manager.bulk_history_create(objs, batch_size=BATCH, update=update, default_date=timezone.now(),
                                default_change_reason="import_data",
                                custom_historical_attrs={"history_request": current_source()})
