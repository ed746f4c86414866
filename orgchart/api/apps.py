from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "orgchart.api"
    label = "api"
    verbose_name = "API"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from orgchart.core import memo
        from orgchart.positions.models import PositionLink
        from orgchart.structure.models import Agency, AgencyLink

        def forget(**kwargs):
            memo.clear()

        for model in (Agency, AgencyLink, PositionLink):
            post_save.connect(forget, sender=model, dispatch_uid=f"memo-{model.__name__}-save", weak=False)
            post_delete.connect(forget, sender=model, dispatch_uid=f"memo-{model.__name__}-delete", weak=False)
