from django.apps import AppConfig


class PositionsConfig(AppConfig):
    name = "orgchart.positions"
    label = "positions"
    verbose_name = "Vị trí việc làm"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from orgchart.structure import tree

        from .models import PositionLink

        # The agency of a position over time is part of the tree (read on any date through it).
        tree.register_placements(PositionLink, member="position")
