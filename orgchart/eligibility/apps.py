from django.apps import AppConfig


class EligibilityConfig(AppConfig):
    name = "orgchart.eligibility"
    label = "eligibility"
    verbose_name = "Điều kiện bổ nhiệm"
    default_auto_field = "django.db.models.BigAutoField"
