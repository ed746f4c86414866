from django.apps import AppConfig


class OverlapsConfig(AppConfig):
    name = "orgchart.overlaps"
    label = "overlaps"
    verbose_name = "Chồng chéo chức năng, nhiệm vụ"
    default_auto_field = "django.db.models.BigAutoField"
