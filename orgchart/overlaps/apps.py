from django.apps import AppConfig


class OverlapsConfig(AppConfig):
    name = "orgchart.overlaps"
    label = "overlaps"
    default_auto_field = "django.db.models.BigAutoField"
