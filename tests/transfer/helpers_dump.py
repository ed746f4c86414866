"""Every row of the structure, positions, personnel and staffing tables except change events."""
from django.apps import apps


def snapshot_without_events() -> dict:
    out = {}
    for label in ("structure", "positions", "personnel", "staffing"):
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            if "changeevent" in model._meta.db_table:
                continue
            out[model._meta.db_table] = list(model._base_manager.order_by("pk").values())
    return out
