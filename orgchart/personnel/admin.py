"""Admin: officials and their records (assignments, ratings, disciplines, succession plans,
separations), each also on its own list with search and filters."""
from django.contrib import admin

from orgchart.web.admin_base import TransferAdmin, column

from .models import Assignment, Discipline, Official, Rating, Separation, SuccessionPlan


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 0
    fields = ("position", "kind", "start_on", "end_on", "decision_no", "override_reason")
    autocomplete_fields = ("position",)
    ordering = ("-start_on",)
    verbose_name_plural = "quá trình công tác"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("position")


class RatingInline(admin.TabularInline):
    model = Rating
    extra = 0
    fields = ("year", "rating")
    ordering = ("-year",)


class DisciplineInline(admin.TabularInline):
    model = Discipline
    extra = 0
    fields = ("form", "decided_on", "effective_on")
    ordering = ("-decided_on",)


class SuccessionPlanInline(admin.TabularInline):
    model = SuccessionPlan
    extra = 0
    fields = ("position", "period", "approved_on")
    autocomplete_fields = ("position",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("position")


class SeparationInline(admin.TabularInline):
    model = Separation
    extra = 0
    fields = ("separated_on", "reason", "reduction_criterion")


@admin.register(Official)
class OfficialAdmin(TransferAdmin):
    list_display = ("code", "full_name", "birth_date", "gender", "staff_type", "rank_code", "education_level")
    list_filter = ("staff_type", "gender", "education_level", "political_theory", "state_mgmt")
    search_fields = ("code", "full_name")
    list_select_related = ()
    inlines = [AssignmentInline, RatingInline, DisciplineInline, SuccessionPlanInline, SeparationInline]
    readonly_fields = ("retirement",)
    fieldsets = (
        (None, {"fields": ("code", "full_name", "birth_date", "gender", "retirement", "staff_type")}),
        ("Ngạch, trình độ", {"fields": (
            "rank_code", "rank_since", "education_level", "education_field", "political_theory", "state_mgmt",
        )}),
        ("Khác", {"fields": ("hired_on", "health_ok", "youngest_child_born_on")}),
    )

    @admin.display(description="ngày nghỉ hưu (theo NĐ 135/2020)")
    def retirement(self, obj):
        day = obj.retirement_date if obj and obj.birth_date else None
        return day.strftime("%d/%m/%Y") if day else "—"


@admin.register(Assignment)
class AssignmentAdmin(TransferAdmin):
    list_display = ("official_code", "official_name", "position_code", "agency_code", "kind", "start_on", "end_on",
                    "decision_no")
    list_filter = ("kind",)
    search_fields = ("official__code", "official__full_name", "position__code", "position__agency__code",
                     "decision_no")
    list_select_related = ("official", "position", "position__agency")
    autocomplete_fields = ("official", "position")
    date_hierarchy = "start_on"
    official_code = column("official__code", "mã cán bộ")
    official_name = column("official__full_name", "họ và tên")
    position_code = column("position__code", "vị trí")
    agency_code = column("position__agency__code", "cơ quan")


class OfficialRecordAdmin(TransferAdmin):
    """Common shape of the per-official record lists."""

    search_fields = ("official__code", "official__full_name")
    list_select_related = ("official",)
    autocomplete_fields = ("official",)
    official_code = column("official__code", "mã cán bộ")
    official_name = column("official__full_name", "họ và tên")


@admin.register(Rating)
class RatingAdmin(OfficialRecordAdmin):
    list_display = ("official_code", "official_name", "year", "rating")
    list_filter = ("year", "rating")


@admin.register(Discipline)
class DisciplineAdmin(OfficialRecordAdmin):
    list_display = ("official_code", "official_name", "form", "decided_on", "effective_on")
    list_filter = ("form",)
    date_hierarchy = "decided_on"


@admin.register(SuccessionPlan)
class SuccessionPlanAdmin(OfficialRecordAdmin):
    list_display = ("official_code", "official_name", "position_code", "period", "approved_on")
    list_filter = ("period",)
    search_fields = ("official__code", "official__full_name", "position__code", "position__title")
    list_select_related = ("official", "position")
    autocomplete_fields = ("official", "position")
    position_code = column("position__code", "vị trí")


@admin.register(Separation)
class SeparationAdmin(OfficialRecordAdmin):
    list_display = ("official_code", "official_name", "separated_on", "reason", "reduction_criterion")
    list_filter = ("reason",)
    date_hierarchy = "separated_on"
