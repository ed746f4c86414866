"""Job positions (vị trí việc làm): standards and number of seats; their agency over time."""
from django.db import models

from orgchart.core.choices import (
    Education,
    LeadershipRole,
    PoliticalTheory,
    PositionCategory,
    StateMgmt,
    values_q,
)
from orgchart.core.history import audited
from orgchart.core.models import Interval


class JobPosition(models.Model):
    code = models.CharField("mã vị trí", max_length=64, unique=True)
    agency = models.ForeignKey(
        "structure.Agency", verbose_name="cơ quan (hiện tại)", on_delete=models.PROTECT, related_name="positions"
    )
    title = models.CharField("tên vị trí", max_length=255)
    category = models.CharField("nhóm vị trí", max_length=32, choices=PositionCategory.choices)
    leadership_role = models.CharField(
        "vai trò lãnh đạo", max_length=8, choices=LeadershipRole.choices, default=LeadershipRole.NONE
    )
    required_rank = models.CharField("ngạch yêu cầu", max_length=16, blank=True, default="")
    min_education = models.CharField("trình độ tối thiểu", max_length=16, choices=Education.choices, blank=True, default="")
    education_fields = models.CharField("chuyên ngành", max_length=500, blank=True, default="")
    min_political_theory = models.CharField(
        "lý luận chính trị tối thiểu", max_length=16, choices=PoliticalTheory.choices, blank=True, default=""
    )
    min_state_mgmt = models.CharField(
        "quản lý nhà nước tối thiểu", max_length=16, choices=StateMgmt.choices, blank=True, default=""
    )
    min_years_experience = models.PositiveSmallIntegerField("số năm kinh nghiệm tối thiểu", null=True, blank=True)
    requires_succession_plan = models.BooleanField("yêu cầu quy hoạch", default=False)
    quota = models.PositiveIntegerField("số người của vị trí", null=True, blank=True)
    history = audited()

    class Meta:
        verbose_name = "vị trí việc làm"
        verbose_name_plural = "vị trí việc làm"
        constraints = [
            models.CheckConstraint(condition=values_q("category", PositionCategory), name="position_category_valid"),
            models.CheckConstraint(condition=values_q("leadership_role", LeadershipRole), name="position_role_valid"),
            models.CheckConstraint(
                condition=models.Q(min_education="") | values_q("min_education", Education), name="position_edu_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(min_political_theory="") | values_q("min_political_theory", PoliticalTheory),
                name="position_theory_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(min_state_mgmt="") | values_q("min_state_mgmt", StateMgmt),
                name="position_mgmt_valid",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.code})"


class PositionLink(Interval):
    """The agency a position belongs to over [valid_from, valid_to]."""

    position = models.ForeignKey(JobPosition, verbose_name="vị trí việc làm", on_delete=models.CASCADE, related_name="links")
    agency = models.ForeignKey(
        "structure.Agency", verbose_name="cơ quan", on_delete=models.PROTECT, related_name="position_links"
    )
    change_event = models.ForeignKey(
        "structure.ChangeEvent", null=True, blank=True, on_delete=models.SET_NULL, related_name="position_links"
    )
    history = audited()

    class Meta:
        verbose_name = "vị trí thuộc cơ quan theo thời gian"
        verbose_name_plural = "vị trí thuộc cơ quan theo thời gian"
        constraints = [Interval.interval_constraint("positionlink_interval_valid")]
        indexes = [models.Index(fields=["agency", "valid_from", "valid_to"])]
