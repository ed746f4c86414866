"""Admin: the agency tree (drag and drop), mandates, parent history and change events.

A move in the admin (drag and drop, or a new parent in the form) is a structural change
effective today: it goes through the tree package (`tree.set_parent`) so the parent interval
rows, today's tree and a `ChangeEvent` stay in step — never a bare move of the stored tree.
"""
from django import forms, http
from django.contrib import admin, messages
from django.db import models, transaction

from orgchart.core.dates import today
from orgchart.positions.models import JobPosition
from orgchart.staffing.models import Quota
from orgchart.web.admin_base import HistoryAdmin, ReadOnlyAdminMixin, ReadOnlyInline, TransferAdmin, column

from . import tree
from .models import Agency, AgencyLink, ChangeEvent, Mandate
from .tree.admin import TREE_COLUMNS, TreeAdmin, TreeAdminForm


@transaction.atomic
def move_agency(agency: Agency, new_parent: Agency | None, user=None) -> ChangeEvent:
    """Make `new_parent` the parent of `agency` from today, recorded as a move ChangeEvent."""
    tree.lock_tree()
    old_parent = agency.parent
    event = ChangeEvent.objects.create(
        kind=ChangeEvent.Kind.MOVE,
        effective_on=today(),
        note="Chuyển trực thuộc trong trang quản trị",
        details={
            "before": {"code": agency.code, "parent_code": old_parent.code if old_parent else None},
            "after": {"code": agency.code, "parent_code": new_parent.code if new_parent else None},
        },
        applied=True,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    event.originals.add(agency)
    event.results.add(agency)
    tree.set_parent(agency, new_parent, valid_from=today(), change_event=event)
    return event


class AgencyForm(TreeAdminForm):
    def clean_parent(self):
        parent = self.cleaned_data.get("parent")
        if self.instance.pk and parent is not None and tree.would_cycle(self.instance, parent, today()):
            raise forms.ValidationError("Không thể chuyển một cơ quan vào cây con của chính nó.")
        return parent


class MandateInline(admin.TabularInline):
    model = Mandate
    extra = 0
    fields = ("ref", "kind", "text", "sectors", "valid_from", "valid_to")
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 60})}}
    verbose_name = "chức năng, nhiệm vụ, quyền hạn"


class AgencyLinkInline(ReadOnlyInline):
    model = AgencyLink
    fk_name = "agency"
    fields = ("parent", "valid_from", "valid_to", "change_event")
    verbose_name_plural = "lịch sử trực thuộc"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("parent", "change_event").order_by("valid_from")


class PositionInline(ReadOnlyInline):
    model = JobPosition
    fields = ("code", "title", "category", "leadership_role", "quota")
    verbose_name_plural = "vị trí việc làm (hiện tại)"


class QuotaInline(admin.TabularInline):
    model = Quota
    extra = 0
    fields = ("year", "kind", "amount", "decision_no")
    ordering = ("-year", "kind")
    verbose_name_plural = "biên chế được giao theo năm"


@admin.register(Agency)
class AgencyAdmin(TransferAdmin, TreeAdmin):
    form = AgencyForm
    autocomplete_fields = ("parent",)  # a national tree has too many agencies for a drop-down
    list_display = (
        *TREE_COLUMNS, "code", "kind", "level", "agency_class", "established_on", "dissolved_on",
    )
    list_display_links = ("indented_title",)
    list_filter = ("kind", "level", "agency_class")
    search_fields = ("code", "name", "short_name")
    list_select_related = ("parent",)
    list_per_page = 500
    inlines = [MandateInline, PositionInline, QuotaInline, AgencyLinkInline]
    fieldsets = (
        (None, {"fields": ("code", "name", "short_name", "kind", "level", "agency_class")}),
        ("Trực thuộc", {
            "fields": ("parent",),
            "description": "Đổi cơ quan cấp trên ở đây (hoặc kéo thả trên cây) là một lần chuyển trực thuộc "
            "có hiệu lực từ hôm nay, được ghi thành sự kiện thay đổi tổ chức. Thay đổi có hiệu lực "
            "vào ngày khác: dùng moveAgency trong API.",
        }),
        ("Thời gian và căn cứ", {"fields": ("established_on", "dissolved_on", "legal_basis")}),
    )

    @admin.display(description="cơ quan, đơn vị")
    def indented_title(self, item):
        return super().indented_title(item)

    def save_model(self, request, obj, form, change):
        if not change:
            super().save_model(request, obj, form, change)
            tree.ensure_links([obj])  # its parent history starts now
            return
        if "parent" in form.changed_data:
            new_parent = obj.parent
            obj.parent_id = form.initial.get("parent")
            obj.parent = Agency.objects.filter(pk=obj.parent_id).first() if obj.parent_id else None
            super().save_model(request, obj, form, change)
            move_agency(obj, new_parent, request.user)
            return
        super().save_model(request, obj, form, change)

    def reparent(self, request, cut_item, new_parent):
        """A drop on the drawn tree: a move effective today, recorded as a change event."""
        if (new_parent.pk if new_parent else None) == cut_item.parent_id:
            self.message_user(request, "Không đổi cơ quan cấp trên (các đơn vị cùng cấp xếp theo mã).")
            return http.HttpResponse("OK, unchanged.")
        if tree.would_cycle(cut_item, new_parent):
            self.message_user(request, "Không thể chuyển một cơ quan vào cây con của chính nó.", level=messages.ERROR)
            return http.HttpResponse("FAIL, invalid move.")
        move_agency(cut_item, new_parent, request.user)
        self.log_change(request, cut_item, [{"changed": {"fields": ["parent"]}}])
        self.message_user(request, f"Đã chuyển {cut_item} sang trực thuộc {new_parent or 'gốc'} từ hôm nay.")
        return http.HttpResponse("OK, moved.")


@admin.register(Mandate)
class MandateAdmin(TransferAdmin):
    list_display = ("agency_code", "ref", "kind", "short_text", "sectors", "valid_from", "valid_to")
    list_filter = ("kind",)
    search_fields = ("ref", "text", "sectors", "agency__code", "agency__name")
    list_select_related = ("agency",)
    autocomplete_fields = ("agency",)
    agency_code = column("agency__code", "cơ quan")

    @admin.display(description="nội dung")
    def short_text(self, obj):
        return obj.text if len(obj.text) <= 120 else obj.text[:117] + "…"


@admin.register(AgencyLink)
class AgencyLinkAdmin(ReadOnlyAdminMixin, HistoryAdmin):
    list_display = ("agency_code", "parent_code", "valid_from", "valid_to", "change_event")
    search_fields = ("agency__code", "agency__name", "parent__code")
    list_select_related = ("agency", "parent", "change_event")
    date_hierarchy = "valid_from"
    agency_code = column("agency__code", "cơ quan")
    parent_code = column("parent__code", "cơ quan cấp trên")


@admin.register(ChangeEvent)
class ChangeEventAdmin(ReadOnlyAdminMixin, HistoryAdmin):
    list_display = ("kind", "effective_on", "decision_no", "applied", "created_by", "created_at")
    list_filter = ("kind", "applied")
    search_fields = ("decision_no", "note", "legal_basis", "originals__code", "results__code")
    list_select_related = ("created_by",)
    date_hierarchy = "effective_on"
    fields = (
        "kind", "effective_on", "decision_no", "legal_basis", "note", "originals", "results", "details", "applied",
        "created_by", "created_at",
    )
