from django.apps import AppConfig


class RestructuringConfig(AppConfig):
    name = "orgchart.restructuring"
    label = "restructuring"
    verbose_name = "Sắp xếp tổ chức bộ máy"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_save

        from orgchart.structure import tree
        from orgchart.structure.models import Agency

        # A parent edited outside the tree module (admin, import) keeps its link row in step.
        post_save.connect(tree.on_agency_saved, sender=Agency, dispatch_uid="restructuring-agency-parent", weak=False)
