from django.apps import AppConfig


class TransferConfig(AppConfig):
    name = "orgchart.transfer"
    label = "transfer"
    verbose_name = "Nhập, xuất dữ liệu"
    default_auto_field = "django.db.models.BigAutoField"
