"""Export the columns of CONTRACT §2 to CSV / XLSX / JSON; re-importing an export changes
nothing. CSV and XLSX texts that a spreadsheet would run as formulas get a leading `'`."""
import csv
import json
from decimal import Decimal
from pathlib import Path

from .columns import get_spec
from .parsing import format_cell, guard_formula
from .readers import detect_format

TEXT_TYPES = {"str", "text", "enum", "list", "ref", "period"}


def export_rows(kind: str, queryset=None):
    """(headers, iterator of value tuples) ordered by the natural key."""
    spec = get_spec(kind)
    if kind == "change_events":
        from .change_events import export_rows as change_event_rows

        return change_event_rows(spec, queryset)
    qs = queryset if queryset is not None else spec.model.objects.all()
    order = [spec.by_name[k].export_path for k in spec.key] + ["pk"]
    paths = [c.export_path for c in spec.columns]
    rows = qs.order_by(*order).values_list(*paths).iterator(chunk_size=5000)
    return [c.name for c in spec.columns], spec.columns, rows


def csv_cell(column, value) -> str:
    text = format_cell(value)
    return guard_formula(text) if column.type in TEXT_TYPES else text


def xlsx_cell(column, value):
    if value is None:
        return None
    if column.type in ("int", "year"):
        return int(value)
    return csv_cell(column, value)


def json_cell(column, value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if column.type in ("date",) and value is not None:
        return value.isoformat()
    return value


def export_file(kind: str, path, queryset=None, fmt: str | None = None) -> int:
    """Write `kind` to `path` (format from the extension or `fmt`); returns the row count."""
    fmt = detect_format(path, fmt)
    headers, columns, rows = export_rows(kind, queryset)
    path = Path(path)
    count = 0
    if fmt == "csv":
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)  # CRLF rows: any CR/LF inside a cell is quoted
            writer.writerow(headers)
            for row in rows:
                writer.writerow([csv_cell(c, v) for c, v in zip(columns, row, strict=True)])
                count += 1
    elif fmt == "xlsx":
        import openpyxl

        wb = openpyxl.Workbook(write_only=True)
        ws = wb.create_sheet(kind)
        ws.append(headers)
        for row in rows:
            ws.append([xlsx_cell(c, v) for c, v in zip(columns, row, strict=True)])
            count += 1
        wb.save(path)
    else:
        items = [{c.name: json_cell(c, v) for c, v in zip(columns, row, strict=True)} for row in rows]
        count = len(items)
        path.write_text(json.dumps(items, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return count
