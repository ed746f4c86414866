"""Admin: overlap findings (review in place, with history) and detection runs (read only)."""
from django.contrib import admin

from orgchart.core.errors import DomainError
from orgchart.web.admin_base import HistoryAdmin, ReadOnlyAdminMixin

from .models import OverlapFinding, OverlapRun


@admin.register(OverlapFinding)
class OverlapFindingAdmin(HistoryAdmin):
    list_display = ("agency_a", "agency_b", "score", "status", "active", "reviewer", "reviewed_at")
    list_filter = ("status", "active")
    search_fields = ("agency_a__code", "agency_a__name", "agency_b__code", "agency_b__name", "note")
    list_select_related = ("agency_a", "agency_b", "reviewer")
    readonly_fields = ("agency_a", "agency_b", "score", "shared_terms", "mandate_pairs", "fingerprint", "active",
                       "run", "first_seen_at", "updated_at", "reviewer", "reviewed_at", "review_fingerprint")
    fields = ("agency_a", "agency_b", "score", "status", "note", "shared_terms", "mandate_pairs", "active",
              "reviewer", "reviewed_at", "run", "first_seen_at", "updated_at", "fingerprint", "review_fingerprint")
    ordering = ("-score",)

    def save_model(self, request, obj, form, change):
        """A status or note changed here is a review: same rules as reviewOverlap."""
        if change and {"status", "note"} & set(form.changed_data):
            from django.contrib import messages

            from . import services

            try:
                services.review(request.user, obj.agency_a.code, obj.agency_b.code, obj.status, obj.note)
            except DomainError as e:
                messages.error(request, e.message)
            return
        super().save_model(request, obj, form, change)

    def has_add_permission(self, request):
        return False


@admin.register(OverlapRun)
class OverlapRunAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("started_at", "finished_at", "under", "incremental", "counts")
    exclude = ("fingerprints",)
