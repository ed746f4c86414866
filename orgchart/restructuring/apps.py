from django.apps import AppConfig


class RestructuringConfig(AppConfig):
    name = "orgchart.restructuring"
    label = "restructuring"
    verbose_name = "Sắp xếp tổ chức bộ máy"
    default_auto_field = "django.db.models.BigAutoField"
