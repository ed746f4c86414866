from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "orgchart.core"
    label = "core"
    verbose_name = "Dùng chung"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .search_pg import ensure

        # Also when the tables were made without migrations (tests use --no-migrations).
        post_migrate.connect(ensure, dispatch_uid="orgchart-search-indexes")
