from django.apps import AppConfig


class PositionsConfig(AppConfig):
    name = "orgchart.positions"
    label = "positions"
    default_auto_field = "django.db.models.BigAutoField"
