"""Approved staffing per agency and year (biên chế) and reduction targets."""
from django.db import models
from simple_history.models import HistoricalRecords

from orgchart.core.choices import QuotaKind, values_q


class Quota(models.Model):
    agency = models.ForeignKey("structure.Agency", verbose_name="cơ quan", on_delete=models.CASCADE, related_name="quotas")
    year = models.PositiveSmallIntegerField("năm")
    kind = models.CharField("loại", max_length=16, choices=QuotaKind.choices)
    amount = models.PositiveIntegerField("số biên chế được giao")
    decision_no = models.CharField("số quyết định", max_length=100, blank=True, default="")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "biên chế được giao"
        verbose_name_plural = "biên chế được giao"
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "kind"], name="quota_natural_key"),
            models.CheckConstraint(condition=values_q("kind", QuotaKind), name="quota_kind_valid"),
        ]
        indexes = [models.Index(fields=["year", "kind"])]


class ReductionTarget(models.Model):
    agency = models.ForeignKey(
        "structure.Agency", verbose_name="cơ quan", on_delete=models.CASCADE, related_name="reduction_targets"
    )
    period_start = models.PositiveSmallIntegerField("từ năm")
    period_end = models.PositiveSmallIntegerField("đến năm")
    baseline_year = models.PositiveSmallIntegerField("năm gốc")
    percent = models.DecimalField("tỷ lệ tinh giản (%)", max_digits=5, decimal_places=2)
    kind = models.CharField("loại (trống: mọi loại)", max_length=16, choices=QuotaKind.choices, blank=True, default="")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "chỉ tiêu tinh giản"
        verbose_name_plural = "chỉ tiêu tinh giản"
        constraints = [
            models.UniqueConstraint(fields=["agency", "period_start", "kind"], name="target_natural_key"),
            models.CheckConstraint(condition=models.Q(kind="") | values_q("kind", QuotaKind), name="target_kind_valid"),
            models.CheckConstraint(condition=models.Q(period_end__gte=models.F("period_start")), name="target_period_valid"),
            models.CheckConstraint(condition=models.Q(percent__gte=0) & models.Q(percent__lte=100), name="target_percent_valid"),
        ]
