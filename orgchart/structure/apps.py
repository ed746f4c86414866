from django.apps import AppConfig


class StructureConfig(AppConfig):
    name = "orgchart.structure"
    label = "structure"
    verbose_name = "Cơ cấu tổ chức"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from orgchart.core import memo

        from . import tree
        from .models import Agency, AgencyLink

        # A parent edited outside the tree package (admin form, import) keeps its link row in step.
        post_save.connect(tree.on_agency_saved, sender=Agency, dispatch_uid="structure-agency-parent", weak=False)

        def forget(**kwargs):
            memo.clear()

        # Facts memoised per request ("is the tree on D today's tree?") are forgotten on tree writes.
        for model in (Agency, AgencyLink):
            post_save.connect(forget, sender=model, dispatch_uid=f"memo-{model.__name__}-save", weak=False)
            post_delete.connect(forget, sender=model, dispatch_uid=f"memo-{model.__name__}-delete", weak=False)
