from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "orgchart.demo"
    label = "demo"
    verbose_name = "Dữ liệu minh họa"
    default_auto_field = "django.db.models.BigAutoField"
