"""Admin: approved staffing per agency and year (biên chế) and reduction targets."""
from django.contrib import admin

from orgchart.web.admin_base import TransferAdmin, column

from .models import Quota, ReductionTarget


@admin.register(Quota)
class QuotaAdmin(TransferAdmin):
    list_display = ("agency_code", "agency_name", "year", "kind", "amount", "decision_no")
    list_filter = ("year", "kind", "agency__level")
    search_fields = ("agency__code", "agency__name", "decision_no")
    list_select_related = ("agency",)
    autocomplete_fields = ("agency",)
    agency_code = column("agency__code", "mã cơ quan")
    agency_name = column("agency__name", "cơ quan")


@admin.register(ReductionTarget)
class ReductionTargetAdmin(TransferAdmin):
    list_display = ("agency_code", "agency_name", "period_start", "period_end", "baseline_year", "percent", "kind")
    list_filter = ("period_start", "kind")
    search_fields = ("agency__code", "agency__name")
    list_select_related = ("agency",)
    autocomplete_fields = ("agency",)
    agency_code = column("agency__code", "mã cơ quan")
    agency_name = column("agency__name", "cơ quan")
