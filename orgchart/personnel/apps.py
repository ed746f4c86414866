from django.apps import AppConfig


class PersonnelConfig(AppConfig):
    name = "orgchart.personnel"
    label = "personnel"
    default_auto_field = "django.db.models.BigAutoField"
