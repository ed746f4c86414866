from django.apps import AppConfig


class StructureConfig(AppConfig):
    name = "orgchart.structure"
    label = "structure"
    default_auto_field = "django.db.models.BigAutoField"
