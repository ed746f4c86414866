from django.apps import AppConfig


class DatagenConfig(AppConfig):
    name = "orgchart.datagen"
    label = "datagen"
    verbose_name = "Sinh dữ liệu quy mô quốc gia"
    default_auto_field = "django.db.models.BigAutoField"
