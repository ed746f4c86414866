"""Agencies (today's tree kept by the tree package's storage), their parent over time, mandates
and change events.

The storage backend holds only the current tree (fast subtree reads for today). The parent of
an agency on any date comes from `AgencyLink` interval rows; see `orgchart.structure.tree`.
"""
from django.conf import settings
from django.db import models

from orgchart.core.choices import AgencyClass, AgencyKind, AgencyLevel, ChangeKind, MandateKind, values_q
from orgchart.core.history import audited
from orgchart.core.models import Interval
from orgchart.core.search import SearchKeyField

from .tree import NODE_FIELDS, Node


class Agency(Node):
    """An agency; its current parent and the storage of today's tree come from `tree.Node`."""

    code = models.CharField("mã", max_length=64, unique=True)
    name = models.CharField("tên", max_length=255)
    short_name = models.CharField("tên viết tắt", max_length=100, blank=True, default="")
    kind = models.CharField("loại", max_length=32, choices=AgencyKind.choices)
    level = models.CharField("cấp", max_length=16, choices=AgencyLevel.choices)
    agency_class = models.CharField(
        "loại đơn vị hành chính", max_length=8, choices=AgencyClass.choices, blank=True, default=""
    )
    established_on = models.DateField("ngày thành lập", null=True, blank=True)
    dissolved_on = models.DateField("ngày giải thể (ngày đầu không còn)", null=True, blank=True)
    legal_basis = models.TextField("căn cứ pháp lý", blank=True, default="")
    search_key = SearchKeyField("khóa tìm kiếm", sources=("name", "code"))
    history = audited(excluded_fields=[*NODE_FIELDS, "search_key"])

    class Meta:
        verbose_name = "cơ quan, đơn vị"
        verbose_name_plural = "cơ quan, đơn vị"
        constraints = [
            models.CheckConstraint(condition=values_q("kind", AgencyKind), name="agency_kind_valid"),
            models.CheckConstraint(condition=values_q("level", AgencyLevel), name="agency_level_valid"),
            models.CheckConstraint(
                condition=models.Q(agency_class="") | values_q("agency_class", AgencyClass), name="agency_class_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(established_on__isnull=True) | models.Q(dissolved_on__isnull=True)
                | models.Q(dissolved_on__gt=models.F("established_on")),
                name="agency_dissolved_after_established",
            ),
            models.CheckConstraint(condition=~models.Q(parent=models.F("id")), name="agency_not_own_parent"),
        ]

    def __str__(self):
        return f"{self.name} ({self.code})"

    def is_active(self, day) -> bool:
        return (self.established_on is None or self.established_on <= day) and (
            self.dissolved_on is None or self.dissolved_on > day
        )

    @staticmethod
    def active_q(day, prefix: str = "") -> models.Q:
        return (models.Q(**{f"{prefix}established_on__isnull": True}) | models.Q(**{f"{prefix}established_on__lte": day})) & (
            models.Q(**{f"{prefix}dissolved_on__isnull": True}) | models.Q(**{f"{prefix}dissolved_on__gt": day})
        )


class AgencyLink(Interval):
    """The parent of an agency over [valid_from, valid_to]; parent None = a root on those days."""

    agency = models.ForeignKey(Agency, verbose_name="cơ quan", on_delete=models.CASCADE, related_name="links")
    parent = models.ForeignKey(
        Agency, verbose_name="trực thuộc", null=True, blank=True, on_delete=models.PROTECT, related_name="child_links"
    )
    change_event = models.ForeignKey(
        "structure.ChangeEvent", null=True, blank=True, on_delete=models.SET_NULL, related_name="links"
    )
    history = audited()

    class Meta:
        verbose_name = "quan hệ trực thuộc theo thời gian"
        verbose_name_plural = "quan hệ trực thuộc theo thời gian"
        constraints = [
            Interval.interval_constraint("agencylink_interval_valid"),
            models.CheckConstraint(condition=~models.Q(parent=models.F("agency")), name="agencylink_not_own_parent"),
        ]
        indexes = [
            models.Index(fields=["parent", "valid_from", "valid_to"]),
            models.Index(fields=["valid_from"]),
            models.Index(fields=["valid_to"]),
        ]

    def __str__(self):
        return f"{self.agency_id} → {self.parent_id} [{self.valid_from}, {self.valid_to}]"


class Mandate(Interval):
    """A function, duty or power of an agency (chức năng, nhiệm vụ, quyền hạn)."""

    agency = models.ForeignKey(Agency, verbose_name="cơ quan", on_delete=models.CASCADE, related_name="mandates")
    ref = models.CharField("số hiệu", max_length=64, blank=True, default="")
    kind = models.CharField("loại", max_length=16, choices=MandateKind.choices)
    text = models.TextField("nội dung")
    text_key = models.CharField(max_length=64, editable=False, db_index=True, default="")
    sectors = models.CharField("lĩnh vực", max_length=500, blank=True, default="")
    legal_basis = models.TextField("căn cứ pháp lý", blank=True, default="")
    history = audited()

    class Meta:
        verbose_name = "chức năng, nhiệm vụ"
        verbose_name_plural = "chức năng, nhiệm vụ"
        constraints = [
            models.CheckConstraint(condition=values_q("kind", MandateKind), name="mandate_kind_valid"),
            Interval.interval_constraint("mandate_interval_valid"),
            models.UniqueConstraint(fields=["agency", "ref"], condition=~models.Q(ref=""), name="mandate_unique_ref"),
        ]

    def __str__(self):
        return f"{self.agency_id}/{self.ref or self.kind}: {self.text[:60]}"

    def save(self, *args, **kwargs):
        self.text_key = self.make_text_key(self.kind, self.text)
        super().save(*args, **kwargs)

    @staticmethod
    def make_text_key(kind: str, text: str) -> str:
        import hashlib

        return hashlib.sha256(f"{kind}\x00{text}".encode()).hexdigest()


class ChangeEvent(models.Model):
    """A structural change (W3C ORG ChangeEvent): originals → results on an effective date."""

    Kind = ChangeKind
    code = models.CharField(
        "mã sự kiện", max_length=64, unique=True, blank=True,
        help_text="natural key of the change_events import; given automatically (KIND-YYYYMMDD-N) when left empty",
    )
    kind = models.CharField("loại thay đổi", max_length=16, choices=Kind.choices)
    effective_on = models.DateField("ngày hiệu lực (ngày đầu trạng thái mới)")
    decision_no = models.CharField("số quyết định", max_length=100, blank=True, default="")
    legal_basis = models.TextField("căn cứ pháp lý", blank=True, default="")
    note = models.TextField("ghi chú", blank=True, default="")
    originals = models.ManyToManyField(Agency, related_name="changes_as_original", blank=True)
    results = models.ManyToManyField(Agency, related_name="changes_as_result", blank=True)
    details = models.JSONField("chi tiết (trước/sau)", default=dict, blank=True)
    applied = models.BooleanField("đã áp dụng vào cây hiện tại", default=False)
    imported = models.BooleanField(
        "nhập từ dữ liệu lịch sử", default=False,
        help_text="recorded by the change_events import (lineage only); false: made by a restructuring operation",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    history = audited()

    class Meta:
        verbose_name = "sự kiện thay đổi tổ chức"
        verbose_name_plural = "sự kiện thay đổi tổ chức"
        ordering = ["effective_on", "id"]
        constraints = [
            models.CheckConstraint(condition=values_q("kind", ChangeKind), name="changeevent_kind_valid"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.effective_on} {self.decision_no}"

    def save(self, *args, **kwargs):
        if not self.code:
            self.code = self.next_code(self.kind, self.effective_on)
        super().save(*args, **kwargs)

    @classmethod
    def next_code(cls, kind: str, effective_on) -> str:
        """The first free code KIND-YYYYMMDD-N (e.g. MERGE-20250701-1)."""
        prefix = f"{str(kind).upper()}-{effective_on:%Y%m%d}-"
        taken = set(cls.objects.filter(code__startswith=prefix).values_list("code", flat=True))
        n = len(taken) + 1
        while f"{prefix}{n}" in taken:
            n += 1
        return f"{prefix}{n}"
