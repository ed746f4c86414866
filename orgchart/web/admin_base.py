"""Shared pieces of every domain's admin: audit history, import/export buttons backed by the
transfer resources (CONTRACT §2 columns), formula-safe exports, Vietnamese labels and
read-only admins.

Each `orgchart/<app>/admin.py` builds on these so that the admin looks and behaves the same
everywhere.
"""
import tablib
from django.contrib import admin
from import_export.admin import ImportExportMixin
from import_export.formats import base_formats
from simple_history.admin import SimpleHistoryAdmin

from orgchart.web.export_safety import escape_dataset

# Vietnamese labels for fields whose model gives no verbose name (forms and list columns).
FIELD_LABELS = {
    "official": "cán bộ",
    "position": "vị trí việc làm",
    "agency": "cơ quan, đơn vị",
    "parent": "cơ quan cấp trên",
    "user": "người dùng",
    "change_event": "sự kiện thay đổi tổ chức",
    "created_at": "tạo lúc",
    "created_by": "người tạo",
    "digest": "mã băm SHA-256",
    "originals": "cơ quan trước thay đổi",
    "results": "cơ quan sau thay đổi",
    "period_start": "từ năm",
    "period_end": "đến năm",
    "text_key": "khóa nội dung",
}


class SafeCSV(base_formats.CSV):
    """CSV export that neutralises spreadsheet formulas the CONTRACT way (prefix `'`, lossless),
    instead of django-import-export's own escaping (which drops the `=`)."""

    def export_data(self, dataset, **kwargs):
        return escape_dataset(dataset).export(self.get_title(), **kwargs)


class SafeXLSX(base_formats.XLSX):
    def export_data(self, dataset, **kwargs):
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        safe = escape_dataset(dataset)
        cleaned = tablib.Dataset(headers=safe.headers)
        for row in safe:
            cleaned.append(
                [ILLEGAL_CHARACTERS_RE.sub("\N{REPLACEMENT CHARACTER}", c) if isinstance(c, str) else c for c in row]
            )
        return cleaned.export("xlsx", **kwargs)


# JSON keeps values as they are (no spreadsheet evaluates it), like the CLI's JSON files.
SAFE_FORMATS = [SafeCSV, SafeXLSX, base_formats.JSON]


def transfer_resource(model):
    """The django-import-export resource class of the transfer package for `model`, or None
    (models outside CONTRACT §2, or the transfer package not installed)."""
    try:
        from orgchart.transfer import resources
    except ImportError:
        return None
    finder = getattr(resources, "resource_for_model", None)
    if finder is not None:
        try:
            found = finder(model)
        except (KeyError, LookupError, ValueError, TypeError):
            found = None
        if found is not None:
            return found
    for cls in getattr(resources, "RESOURCES", {}).values():
        meta = getattr(cls, "_meta", None)
        if getattr(meta, "model", None) is model:
            return cls
    return None


class LabelledAdminMixin:
    """Vietnamese form labels for fields that have no verbose name on the model."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and db_field.name in FIELD_LABELS and db_field.verbose_name == db_field.name.replace("_", " "):
            field.label = FIELD_LABELS[db_field.name].capitalize()
        return field


class HistoryAdmin(LabelledAdminMixin, SimpleHistoryAdmin):
    """Every model's admin: change history (django-simple-history) and no full COUNT(*) on
    large tables."""

    list_per_page = 100
    show_full_result_count = False


class TransferAdmin(ImportExportMixin, HistoryAdmin):
    """History plus import/export buttons with the CONTRACT §2 columns of the transfer
    resources. Without a transfer resource the buttons are hidden (no ad-hoc columns)."""

    formats = SAFE_FORMATS

    def _transfer_resource(self):
        return transfer_resource(self.model)

    def get_resource_classes(self, request=None):
        cls = self._transfer_resource()
        return [cls] if cls is not None else super().get_resource_classes(request)

    def has_import_permission(self, request):
        return self._transfer_resource() is not None and super().has_import_permission(request)

    def has_export_permission(self, request):
        return self._transfer_resource() is not None and super().has_export_permission(request)


class ReadOnlyAdminMixin:
    """A record that only the product's services write (change events, interval rows)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return [f for f in self.fields] if self.fields else super().get_readonly_fields(request, obj)


def column(field_path: str, label: str, ordering: str | None = None):
    """A list_display column following a relation (`official__code`) with a Vietnamese header;
    assign it as a ModelAdmin class attribute and name it in list_display."""

    def value(model_admin, obj):
        current = obj
        for part in field_path.split("__"):
            current = getattr(current, part, None)
            if current is None:
                return "—"
        return current

    value.short_description = label
    value.admin_order_field = ordering or field_path
    value.__name__ = field_path.replace("__", "_")
    return value
