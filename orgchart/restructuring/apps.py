from django.apps import AppConfig


class RestructuringConfig(AppConfig):
    name = "orgchart.restructuring"
    label = "restructuring"
    default_auto_field = "django.db.models.BigAutoField"
