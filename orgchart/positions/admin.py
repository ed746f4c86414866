"""Admin: job positions with their standards; the agency of a position over time (read-only).

A position's agency changes only through restructuring (merge/split/move keep history), so the
form lets you choose it when creating a position and shows it read-only afterwards."""
from django.contrib import admin

from orgchart.structure import tree
from orgchart.web.admin_base import HistoryAdmin, ReadOnlyAdminMixin, ReadOnlyInline, TransferAdmin, column

from .models import JobPosition, PositionLink


class PositionLinkInline(ReadOnlyInline):
    model = PositionLink
    fields = ("agency", "valid_from", "valid_to", "change_event")
    verbose_name_plural = "lịch sử thuộc cơ quan"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("agency", "change_event").order_by("valid_from")


@admin.register(JobPosition)
class JobPositionAdmin(TransferAdmin):
    list_display = ("code", "title", "agency_col", "category", "leadership_role", "required_rank", "quota")
    list_filter = ("category", "leadership_role", "min_education", "requires_succession_plan", "agency__level")
    search_fields = ("code", "title", "agency__code", "agency__name")
    list_select_related = ("agency",)
    autocomplete_fields = ("agency",)
    inlines = [PositionLinkInline]
    fieldsets = (
        (None, {"fields": ("code", "title", "agency", "category", "leadership_role", "quota")}),
        ("Tiêu chuẩn", {"fields": (
            "required_rank", "min_education", "education_fields", "min_political_theory", "min_state_mgmt",
            "min_years_experience", "requires_succession_plan",
        )}),
    )
    agency_col = column("agency__code", "cơ quan")

    def get_readonly_fields(self, request, obj=None):
        return ("agency",) if obj is not None else ()

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            tree.set_position_agency(obj, obj.agency, valid_from=None)  # its agency history starts now


@admin.register(PositionLink)
class PositionLinkAdmin(ReadOnlyAdminMixin, HistoryAdmin):
    list_display = ("position_code", "agency_code", "valid_from", "valid_to", "change_event")
    search_fields = ("position__code", "position__title", "agency__code")
    list_select_related = ("position", "agency", "change_event")
    position_code = column("position__code", "vị trí việc làm")
    agency_code = column("agency__code", "cơ quan")
