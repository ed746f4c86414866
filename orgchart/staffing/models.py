"""Approved staffing per agency and year (biên chế) and reduction targets."""
from django.db import models

from orgchart.core.choices import QuotaKind, values_q
from orgchart.core.history import audited
from orgchart.structure import tree


class Quota(models.Model):
    agency = models.ForeignKey("structure.Agency", verbose_name="cơ quan", on_delete=models.CASCADE, related_name="quotas")
    year = models.PositiveSmallIntegerField("năm")
    kind = models.CharField("loại", max_length=16, choices=QuotaKind.choices)
    amount = models.PositiveIntegerField("số biên chế được giao")
    decision_no = models.CharField("số quyết định", max_length=100, blank=True, default="")
    history = audited()

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
    history = audited()

    class Meta:
        verbose_name = "chỉ tiêu tinh giản"
        verbose_name_plural = "chỉ tiêu tinh giản"
        constraints = [
            models.UniqueConstraint(fields=["agency", "period_start", "kind"], name="target_natural_key"),
            models.CheckConstraint(condition=models.Q(kind="") | values_q("kind", QuotaKind), name="target_kind_valid"),
            models.CheckConstraint(condition=models.Q(period_end__gte=models.F("period_start")), name="target_period_valid"),
            models.CheckConstraint(condition=models.Q(percent__gte=0) & models.Q(percent__lte=100), name="target_percent_valid"),
        ]


# --- materialised roll-up (PostgreSQL): see orgchart/staffing/snapshot.py --------------------------
class ChangeLog(models.Model):
    """One row per write statement on a table the roll-up reads (appended by database triggers)."""

    table = models.CharField(max_length=64, default="")
    at = models.DateTimeField(auto_now_add=True, null=True)


class RollupSnapshot(models.Model):
    """Per-agency holder counts and quotas on one reference date, valid while no change was
    logged since it was built (same ChangeLog row count) and the tree mode is the same."""

    day = models.DateField(unique=True)
    log_count = models.BigIntegerField()
    static = models.BooleanField(help_text="tree.is_current(day) when built")
    built_at = models.DateTimeField(auto_now=True)


class RollupRow(tree.Locator):
    """One agency and kind: quota of day.year, separations/reductions dated in day.year, and
    holders on the day counting only officials with exactly one primary assignment that day
    (the others are in RollupMulti; every agency and kind they hold in has a row here)."""

    snapshot = models.ForeignKey(RollupSnapshot, on_delete=models.CASCADE, related_name="rows")
    agency_id = models.IntegerField()  # with its place in today's tree when built (tree.Locator)
    kind = models.CharField(max_length=16)
    quota = models.BigIntegerField(default=0)
    holders = models.BigIntegerField(default=0)
    retired = models.BigIntegerField(default=0)
    separated = models.BigIntegerField(default=0)
    separations = models.BigIntegerField(default=0)
    reductions = models.BigIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["snapshot", "agency_id"]), tree.locator_index("snapshot")]


class RollupMulti(tree.Locator):
    """Every primary assignment, on the day, of an official holding more than one."""

    snapshot = models.ForeignKey(RollupSnapshot, on_delete=models.CASCADE, related_name="multi")
    official_id = models.IntegerField()
    assignment_id = models.IntegerField()
    agency_id = models.IntegerField()
    kind = models.CharField(max_length=16)
    start_on = models.DateField()
    retired = models.SmallIntegerField(default=0)
    separated = models.SmallIntegerField(default=0)
