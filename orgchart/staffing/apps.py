from django.apps import AppConfig


class StaffingConfig(AppConfig):
    name = "orgchart.staffing"
    label = "staffing"
    verbose_name = "Biên chế và tinh giản"
    default_auto_field = "django.db.models.BigAutoField"
