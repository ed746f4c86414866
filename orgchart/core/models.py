"""Abstract bases shared by the domain models."""
from django.db import models


class Interval(models.Model):
    """An effective-dated row: [valid_from, valid_to], both inclusive, None = unbounded."""

    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến (ngày cuối)", null=True, blank=True)

    class Meta:
        abstract = True

    @classmethod
    def interval_constraint(cls, name: str) -> models.CheckConstraint:
        return models.CheckConstraint(
            condition=models.Q(valid_to__isnull=True) | models.Q(valid_from__isnull=True)
            | models.Q(valid_to__gte=models.F("valid_from")),
            name=name,
        )

    @staticmethod
    def covering_q(day, prefix: str = "") -> models.Q:
        """Rows whose interval contains `day`."""
        return (models.Q(**{f"{prefix}valid_from__isnull": True}) | models.Q(**{f"{prefix}valid_from__lte": day})) & (
            models.Q(**{f"{prefix}valid_to__isnull": True}) | models.Q(**{f"{prefix}valid_to__gte": day})
        )
