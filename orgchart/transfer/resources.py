"""django-import-export resources for the admin's import/export buttons, built from the same
column specification as the CLI (`columns.SPECS`): same headers, natural keys, cell parsing
and formula guard. The admin path saves row by row (a parent code must already exist or
come earlier in the file); `manage.py import_data` is the bulk path.

    from orgchart.transfer.resources import RESOURCES, resource_for_model
"""
from django.core.exceptions import ObjectDoesNotExist
from import_export import fields, resources, widgets

from orgchart.structure import tree

from .columns import KINDS, REF_MODELS, Column, KindSpec, get_spec
from .exporter import csv_cell
from .importer import REASON
from .parsing import CellError, clean_cell, guard_formula


def _unguarded(value):
    return clean_cell(value, guarded=True)


class ColumnWidget(widgets.Widget):
    """One CONTRACT §2 column: parses like `import_data`, renders like `export_data`."""

    def __init__(self, spec: KindSpec, column: Column):
        super().__init__(coerce_to_string=True)
        self.spec, self.column = spec, column

    def clean(self, value, row=None, **kwargs):
        value = _unguarded(value)
        if value is None or value == "":
            if self.column.required:
                raise ValueError("required value is empty (thiếu giá trị bắt buộc)")
            return self.spec.empty[self.column.name]
        try:
            return self.spec.parsers[self.column.name](value)
        except CellError as exc:
            raise ValueError(str(exc))

    def render(self, value, obj=None, **kwargs):
        return csv_cell(self.column, value)


class CodeWidget(widgets.ForeignKeyWidget):
    """A reference by code (agency_code, official_code, position_code, parent_code)."""

    def __init__(self, model, column: Column):
        super().__init__(model, field="code")
        self.column = column

    def clean(self, value, row=None, **kwargs):
        value = _unguarded(value)
        if value in (None, ""):
            if self.column.required:
                raise ValueError("required value is empty (thiếu giá trị bắt buộc)")
            return None
        try:
            return super().clean(value, row, **kwargs)
        except ObjectDoesNotExist:
            raise ValueError(f"unknown {self.column.ref} code {value!r} (mã không tồn tại)")

    def render(self, value, obj=None, **kwargs):
        return guard_formula(value.code) if value is not None else ""


class SpecResource(resources.ModelResource):
    spec: KindSpec

    def get_instance(self, instance_loader, row):
        if self.spec.name != "mandates":
            return super().get_instance(instance_loader, row)
        agency = self.fields["agency_code"].clean(row)
        ref = self.fields["ref"].clean(row) if "ref" in row else ""
        qs = self.spec.model.objects.filter(agency=agency)
        if ref:
            return qs.filter(ref=ref).first()
        kind, text = self.fields["kind"].clean(row), self.fields["text"].clean(row)
        return qs.filter(ref="", text_key=self.spec.model.make_text_key(kind, text)).order_by("pk").first()

    def before_save_instance(self, instance, row, **kwargs):
        super().before_save_instance(instance, row, **kwargs)
        if self.spec.name == "change_events":  # lineage recorded from data, like import_data
            instance.imported, instance.applied = True, True

    def after_save_instance(self, instance, row, **kwargs):
        super().after_save_instance(instance, row, **kwargs)
        if self.spec.name == "agencies":
            tree.correct_parents([(instance.pk, instance.parent_id)], REASON)
        elif self.spec.name == "positions":
            tree.correct_positions([(instance.pk, instance.agency_id)], REASON)


def _build(kind: str) -> type[SpecResource]:
    from django.apps import apps

    spec = get_spec(kind)
    attrs = {"spec": spec}
    for c in spec.columns:
        if c.type == "ref":
            widget = CodeWidget(apps.get_model(*REF_MODELS[c.ref]), c)
        elif c.type == "refs":
            widget = widgets.ManyToManyWidget(apps.get_model(*REF_MODELS[c.ref]), separator=";", field="code")
        else:
            widget = ColumnWidget(spec, c)
        attrs[c.name] = fields.Field(attribute=c.attr, column_name=c.name, widget=widget, saves_null_values=True)
    attrs["Meta"] = type("Meta", (), {
        "model": spec.model,
        "fields": tuple(c.name for c in spec.columns),
        "export_order": tuple(c.name for c in spec.columns),
        "import_id_fields": tuple(spec.key),
        "skip_unchanged": True,
        "report_skipped": True,
    })
    return type(f"{spec.model.__name__}Resource", (SpecResource,), attrs)


RESOURCES: dict[str, type[SpecResource]] = {kind: _build(kind) for kind in KINDS}


def resource_for_model(model) -> type[SpecResource] | None:
    """The resource class of a model (or None when the model is not a CONTRACT §2 kind)."""
    label = model._meta.label
    for resource in RESOURCES.values():
        if resource._meta.model._meta.label == label:
            return resource
    return None
