from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "orgchart.core"
    label = "core"
    verbose_name = "Dùng chung"
    default_auto_field = "django.db.models.BigAutoField"
