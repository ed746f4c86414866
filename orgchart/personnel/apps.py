from django.apps import AppConfig


class PersonnelConfig(AppConfig):
    name = "orgchart.personnel"
    label = "personnel"
    verbose_name = "Cán bộ, công chức, viên chức"
    default_auto_field = "django.db.models.BigAutoField"
