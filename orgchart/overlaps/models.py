"""Overlap detection runs and their findings, with the auditors' review (RULES.md §5)."""
from django.conf import settings
from django.db import models

from orgchart.core.choices import OverlapStatus, values_q
from orgchart.core.history import audited


class OverlapRun(models.Model):
    """One `detect_overlaps` run: when, on what, with which parameters, and what it found."""

    started_at = models.DateTimeField("bắt đầu", auto_now_add=True)
    finished_at = models.DateTimeField("kết thúc", null=True, blank=True)
    under = models.ForeignKey(
        "structure.Agency", verbose_name="phạm vi (cây con)", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    incremental = models.BooleanField("chỉ tính lại phần thay đổi", default=False)
    params = models.JSONField("tham số", default=dict, blank=True)
    counts = models.JSONField("số liệu", default=dict, blank=True)
    # {agency id: fingerprint of its mandates} at this run (for incremental re-runs)
    fingerprints = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        verbose_name = "lần rà soát chồng chéo"
        verbose_name_plural = "lần rà soát chồng chéo"
        ordering = ["-started_at", "-id"]

    def __str__(self):
        return f"Rà soát {self.started_at:%Y-%m-%d %H:%M} ({self.counts.get('found', 0)} cặp)"


class OverlapFinding(models.Model):
    """An unordered pair of agencies whose mandates overlap (agency_a.code < agency_b.code).

    `active` = found by the latest run that covered both agencies; a pair no longer found is kept
    (with its review and history) but inactive and no longer listed ("stale")."""

    Status = OverlapStatus

    agency_a = models.ForeignKey("structure.Agency", on_delete=models.CASCADE, related_name="+")
    agency_b = models.ForeignKey("structure.Agency", on_delete=models.CASCADE, related_name="+")
    score = models.FloatField("điểm")
    shared_terms = models.JSONField("thuật ngữ chung", default=list, blank=True)
    # [{"a": {"id", "ref", "text"}, "b": {…}, "score", "terms", "clauses": [a, b]}], best first
    mandate_pairs = models.JSONField("các cặp nhiệm vụ", default=list, blank=True)
    fingerprint = models.CharField("dấu vân tay nhiệm vụ hiện tại", max_length=64, default="")
    active = models.BooleanField("còn phát hiện", default=True)
    run = models.ForeignKey(OverlapRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="findings")
    first_seen_at = models.DateTimeField("phát hiện lần đầu", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật", auto_now=True)

    status = models.CharField("trạng thái", max_length=16, choices=OverlapStatus.choices, default=OverlapStatus.NEW)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người rà soát", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField("ghi chú", blank=True, default="")
    reviewed_at = models.DateTimeField("ngày rà soát", null=True, blank=True)
    review_fingerprint = models.CharField("dấu vân tay nhiệm vụ khi rà soát", max_length=64, blank=True, default="")
    history = audited()

    class Meta:
        verbose_name = "chồng chéo chức năng, nhiệm vụ"
        verbose_name_plural = "chồng chéo chức năng, nhiệm vụ"
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["agency_a", "agency_b"], name="overlap_unique_pair"),
            models.CheckConstraint(condition=~models.Q(agency_a=models.F("agency_b")), name="overlap_two_agencies"),
            models.CheckConstraint(condition=values_q("status", OverlapStatus), name="overlap_status_valid"),
        ]
        indexes = [models.Index(fields=["active", "-score"])]

    def __str__(self):
        return f"{self.agency_a_id} ~ {self.agency_b_id} ({self.score:.2f}, {self.status})"

    @property
    def is_open(self) -> bool:
        """Counted as open work: found, and neither dismissed nor resolved."""
        return self.active and self.status in (OverlapStatus.NEW, OverlapStatus.CONFIRMED)
