"""Spreadsheet formula neutralisation for every CSV/XLSX the web UI and the admin hand out
(CONTRACT §2): a text cell that starts with `=`, `+`, `-`, `@`, tab or CR gets a leading `'`;
imports remove that one `'`, so exports round-trip exactly."""
import tablib

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def escape_row(row):
    return [escape_cell(v) for v in row]


def escape_dataset(dataset: tablib.Dataset) -> tablib.Dataset:
    """A copy of `dataset` with every text cell escaped (headers too)."""
    safe = tablib.Dataset(headers=escape_row(dataset.headers) if dataset.headers else None, title=dataset.title)
    for row in dataset:
        safe.append(escape_row(row))
    return safe
