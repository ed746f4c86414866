"""Admin: the audit of appointment decisions (read-only: written only by appointOfficial)."""
from django.contrib import admin

from orgchart.web.admin_base import LabelledAdminMixin, ReadOnlyAdminMixin

from .models import AppointmentDecision


@admin.register(AppointmentDecision)
class AppointmentDecisionAdmin(ReadOnlyAdminMixin, LabelledAdminMixin, admin.ModelAdmin):
    list_display = ("decided_at", "official", "position", "action", "start_on", "decision_no", "eligible", "user")
    list_filter = ("action", "eligible")
    search_fields = ("official__code", "official__full_name", "position__code", "decision_no", "override_reason")
    list_select_related = ("official", "position", "user")
    date_hierarchy = "decided_at"
