from django.apps import AppConfig


class DatagenConfig(AppConfig):
    name = "orgchart.datagen"
    label = "datagen"
    default_auto_field = "django.db.models.BigAutoField"
