from django.apps import AppConfig


class PositionsConfig(AppConfig):
    name = "orgchart.positions"
    label = "positions"
    verbose_name = "Vị trí việc làm"
    default_auto_field = "django.db.models.BigAutoField"
