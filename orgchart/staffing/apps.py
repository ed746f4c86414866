from django.apps import AppConfig


class StaffingConfig(AppConfig):
    name = "orgchart.staffing"
    label = "staffing"
    default_auto_field = "django.db.models.BigAutoField"
