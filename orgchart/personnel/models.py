"""Officials and their personnel records. Assignments are interval rows, never an overwritten FK."""
from django.db import models

from orgchart.core.choices import (
    AssignmentKind,
    DisciplineForm,
    Education,
    Gender,
    PoliticalTheory,
    RatingValue,
    SeparationReason,
    StaffType,
    StateMgmt,
    values_q,
)
from orgchart.core.history import audited
from orgchart.core.search import SearchKeyField


class Official(models.Model):
    code = models.CharField("mã cán bộ", max_length=64, unique=True)
    full_name = models.CharField("họ và tên", max_length=255)
    birth_date = models.DateField("ngày sinh")
    gender = models.CharField("giới tính", max_length=8, choices=Gender.choices)
    staff_type = models.CharField("loại", max_length=16, choices=StaffType.choices)
    rank_code = models.CharField("mã ngạch", max_length=16, blank=True, default="")
    rank_since = models.DateField("giữ ngạch từ", null=True, blank=True)
    education_level = models.CharField("trình độ", max_length=16, choices=Education.choices, blank=True, default="")
    education_field = models.CharField("chuyên ngành", max_length=255, blank=True, default="")
    political_theory = models.CharField(
        "lý luận chính trị", max_length=16, choices=PoliticalTheory.choices, blank=True, default=""
    )
    state_mgmt = models.CharField("quản lý nhà nước", max_length=16, choices=StateMgmt.choices, blank=True, default="")
    hired_on = models.DateField("ngày vào công tác", null=True, blank=True)
    health_ok = models.BooleanField("đủ sức khỏe", null=True, blank=True)
    youngest_child_born_on = models.DateField("ngày sinh con nhỏ nhất", null=True, blank=True)
    search_key = SearchKeyField("khóa tìm kiếm", sources=("full_name", "code"))
    history = audited(excluded_fields=["search_key"])

    class Meta:
        verbose_name = "cán bộ, công chức, viên chức"
        verbose_name_plural = "cán bộ, công chức, viên chức"
        constraints = [
            models.CheckConstraint(condition=values_q("gender", Gender), name="official_gender_valid"),
            models.CheckConstraint(condition=values_q("staff_type", StaffType), name="official_staff_type_valid"),
            models.CheckConstraint(
                condition=models.Q(education_level="") | values_q("education_level", Education), name="official_edu_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(political_theory="") | values_q("political_theory", PoliticalTheory),
                name="official_theory_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(state_mgmt="") | values_q("state_mgmt", StateMgmt), name="official_mgmt_valid"
            ),
        ]

    def __str__(self):
        return f"{self.full_name} ({self.code})"

    @property
    def retirement_date(self):
        from orgchart.eligibility.calendar import retirement_date

        return retirement_date(self.birth_date, self.gender)


class Assignment(models.Model):
    official = models.ForeignKey(Official, verbose_name="cán bộ", on_delete=models.CASCADE, related_name="assignments")
    position = models.ForeignKey(
        "positions.JobPosition", verbose_name="vị trí", on_delete=models.PROTECT, related_name="assignments"
    )
    kind = models.CharField("hình thức", max_length=24, choices=AssignmentKind.choices)
    start_on = models.DateField("từ ngày")
    end_on = models.DateField("đến ngày (ngày cuối)", null=True, blank=True)
    decision_no = models.CharField("số quyết định", max_length=100, blank=True, default="")
    override_reason = models.TextField("lý do vượt quy định", blank=True, default="")
    change_event = models.ForeignKey(
        "structure.ChangeEvent", null=True, blank=True, on_delete=models.SET_NULL, related_name="ended_assignments",
        help_text="the restructuring change that ended this assignment, if any",
    )
    history = audited()

    class Meta:
        verbose_name = "quá trình công tác"
        verbose_name_plural = "quá trình công tác"
        constraints = [
            models.UniqueConstraint(fields=["official", "position", "start_on"], name="assignment_natural_key"),
            models.CheckConstraint(condition=values_q("kind", AssignmentKind), name="assignment_kind_valid"),
            models.CheckConstraint(
                condition=models.Q(end_on__isnull=True) | models.Q(end_on__gte=models.F("start_on")),
                name="assignment_end_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["position", "start_on", "end_on"]),
            models.Index(fields=["official", "start_on"]),
        ]

    def __str__(self):
        return f"{self.official_id} @ {self.position_id} {self.kind} [{self.start_on}, {self.end_on}]"


class Rating(models.Model):
    official = models.ForeignKey(Official, verbose_name="cán bộ", on_delete=models.CASCADE, related_name="ratings")
    year = models.PositiveSmallIntegerField("năm")
    rating = models.CharField("xếp loại", max_length=16, choices=RatingValue.choices)
    history = audited()

    class Meta:
        verbose_name = "xếp loại chất lượng"
        verbose_name_plural = "xếp loại chất lượng"
        constraints = [
            models.UniqueConstraint(fields=["official", "year"], name="rating_natural_key"),
            models.CheckConstraint(condition=values_q("rating", RatingValue), name="rating_value_valid"),
        ]


class Discipline(models.Model):
    official = models.ForeignKey(Official, verbose_name="cán bộ", on_delete=models.CASCADE, related_name="disciplines")
    form = models.CharField("hình thức kỷ luật", max_length=24, choices=DisciplineForm.choices)
    decided_on = models.DateField("ngày quyết định")
    effective_on = models.DateField("ngày có hiệu lực", null=True, blank=True)
    history = audited()

    class Meta:
        verbose_name = "kỷ luật"
        verbose_name_plural = "kỷ luật"
        constraints = [
            models.UniqueConstraint(fields=["official", "form", "decided_on"], name="discipline_natural_key"),
            models.CheckConstraint(condition=values_q("form", DisciplineForm), name="discipline_form_valid"),
        ]


class SuccessionPlan(models.Model):
    official = models.ForeignKey(Official, verbose_name="cán bộ", on_delete=models.CASCADE, related_name="succession_plans")
    position = models.ForeignKey(
        "positions.JobPosition", verbose_name="vị trí quy hoạch", on_delete=models.CASCADE, related_name="succession_plans"
    )
    period = models.CharField("giai đoạn", max_length=9)
    period_start = models.PositiveSmallIntegerField(editable=False)
    period_end = models.PositiveSmallIntegerField(editable=False)
    approved_on = models.DateField("ngày phê duyệt", null=True, blank=True)
    history = audited()

    class Meta:
        verbose_name = "quy hoạch"
        verbose_name_plural = "quy hoạch"
        constraints = [
            models.UniqueConstraint(fields=["official", "position", "period"], name="succession_natural_key"),
            models.CheckConstraint(condition=models.Q(period_end__gte=models.F("period_start")), name="succession_period_valid"),
        ]

    def save(self, *args, **kwargs):
        self.period_start, self.period_end = parse_period(self.period)
        super().save(*args, **kwargs)


def parse_period(period: str) -> tuple[int, int]:
    """'2021-2026' → (2021, 2026); raises ValueError otherwise."""
    parts = str(period).strip().split("-")
    if len(parts) != 2 or not all(p.strip().isdigit() and len(p.strip()) == 4 for p in parts):
        raise ValueError("period must be YYYY-YYYY")
    start, end = int(parts[0]), int(parts[1])
    if end < start:
        raise ValueError("period must end on or after its start year")
    return start, end


class Separation(models.Model):
    official = models.ForeignKey(Official, verbose_name="cán bộ", on_delete=models.CASCADE, related_name="separations")
    separated_on = models.DateField("ngày nghỉ")
    reason = models.CharField("lý do", max_length=16, choices=SeparationReason.choices)
    reduction_criterion = models.CharField("tiêu chí tinh giản", max_length=64, blank=True, default="")
    history = audited()

    class Meta:
        verbose_name = "nghỉ việc, thôi việc"
        verbose_name_plural = "nghỉ việc, thôi việc"
        constraints = [
            models.UniqueConstraint(fields=["official", "separated_on"], name="separation_natural_key"),
            models.CheckConstraint(condition=values_q("reason", SeparationReason), name="separation_reason_valid"),
        ]
