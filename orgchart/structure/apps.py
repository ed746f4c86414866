from django.apps import AppConfig


class StructureConfig(AppConfig):
    name = "orgchart.structure"
    label = "structure"
    verbose_name = "Cơ cấu tổ chức"
    default_auto_field = "django.db.models.BigAutoField"
