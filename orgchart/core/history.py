"""The audit trail: django-simple-history on every model, plus where each change came from.

`audited()` replaces `HistoricalRecords()` in the models: every historical row also records the
request that made the change ("POST /graphql/ từ 10.0.0.5") or the management command
("manage.py import_data"), next to the user, the date, the before/after and the reason."""
import sys

from django.db import models
from django.dispatch import receiver
from django.utils import timezone
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record


class RequestInfo(models.Model):
    history_request = models.CharField("nguồn thay đổi", max_length=300, blank=True, default="", db_default="")

    class Meta:
        abstract = True


def audited(**kwargs) -> HistoricalRecords:
    return HistoricalRecords(bases=[RequestInfo], **kwargs)


def current_source() -> str:
    """The HTTP request (method, path, client address) or the command being run, if any."""
    request = getattr(HistoricalRecords.context, "request", None)
    if request is not None:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[0].strip()
        address = forwarded or request.META.get("REMOTE_ADDR", "")
        return f"{request.method} {request.path} từ {address}"[:300]
    if sys.argv and sys.argv[0].endswith("manage.py") and len(sys.argv) > 1:
        return f"manage.py {sys.argv[1]}"[:300]
    return ""


@receiver(pre_create_historical_record, dispatch_uid="orgchart-history-source")
def _note_source(sender, history_instance, **kwargs):
    if hasattr(history_instance, "history_request") and not history_instance.history_request:
        history_instance.history_request = current_source()


# --- bulk writes that keep the audit trail (one historical row per object) ---------------------
BATCH = 1000


def record_bulk_history(model, objs: list, *, update: bool, reason: str):
    """One historical row per object of a bulk write (which sends no per-object signal), with
    the change reason and where it came from."""
    manager = getattr(model, "history", None)
    if manager is None or not objs:
        return
    manager.bulk_history_create(objs, batch_size=BATCH, update=update, default_date=timezone.now(),
                                default_change_reason=reason,
                                custom_historical_attrs={"history_request": current_source()})


def bulk_create_audited(model, objs: list, reason: str) -> list:
    """bulk_create + a `+` history row for each object (ids come back on PostgreSQL and SQLite)."""
    if objs:
        model.objects.bulk_create(objs, batch_size=BATCH)
        record_bulk_history(model, objs, update=False, reason=reason)
    return objs


def bulk_update_audited(model, objs: list, fields, reason: str):
    """bulk_update of `fields` + a `~` history row for each object."""
    if objs:
        model.objects.bulk_update(objs, list(fields), batch_size=BATCH)
        record_bulk_history(model, objs, update=True, reason=reason)
