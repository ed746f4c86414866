"""CSV / XLSX / JSON readers: a header and data rows numbered as in the file (header = row 1;
JSON object i = row i + 2, so numbers match the same data as CSV)."""
import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from .errors import ImportFailed, RowError
from .parsing import unguard_formula

FORMATS = ("csv", "xlsx", "json")


@dataclass
class Table:
    headers: list[str]  # every column found (JSON: union of keys, in first-seen order)
    # (row number, cells): CSV/XLSX a list aligned with `headers`; JSON a dict of the keys present
    rows: list[tuple[int, list | dict]]
    guarded: bool = False  # CSV/XLSX: text cells may carry the formula guard `'` (removed when parsed)


def detect_format(path, fmt: str | None = None) -> str:
    fmt = (fmt or Path(path).suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise ImportFailed([RowError(None, None, f"unknown file format {fmt!r}: use csv, xlsx or json "
                                                 "(định dạng tệp không hỗ trợ)")])
    return fmt


def read_table(path, fmt: str | None = None) -> Table:
    fmt = detect_format(path, fmt)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ImportFailed([RowError(None, None, f"cannot read {path}: {exc.strerror or exc} (không đọc được tệp)")])
    if not data.strip():
        raise ImportFailed([RowError(None, None, "file is empty: no header row (tệp rỗng, không có dòng tiêu đề)")])
    table = {"csv": read_csv, "xlsx": read_xlsx, "json": read_json}[fmt](data)
    if not table.rows:
        raise ImportFailed([RowError(None, None, "file has a header but no data rows (tệp chỉ có dòng tiêu đề)")])
    return table


def decode_utf8(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFailed([RowError(None, None, "file is UTF-16, not UTF-8: save it as UTF-8 (CSV UTF-8) and import "
                                                 "again (tệp phải mã hóa UTF-8)")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFailed([RowError(None, None, (
            f"file is not UTF-8 (invalid byte 0x{data[exc.start]:02x} on line {line}); it looks like a legacy "
            "encoding such as Windows-1258 (cp1258), TCVN3 or Latin-1 — save it as UTF-8 and import again "
            "(tệp không phải mã UTF-8, hãy lưu lại dạng UTF-8)"))])


def _header_errors(headers: list[str]) -> list[RowError]:
    seen, errors = set(), []
    for h in headers:
        if h in seen:
            errors.append(RowError(1, h, "duplicate column (cột bị lặp)"))
        seen.add(h)
    return errors


def _trim_headers(headers: list, rows: list[tuple[int, list]]) -> tuple[list[str], list[tuple[int, list]], list]:
    """Drop columns with an empty header when all their cells are empty; rows as lists aligned
    with the headers (short rows padded with empty cells)."""
    headers = ["" if h is None else str(h).strip() for h in headers]
    errors = _header_errors([h for h in headers if h])
    keep = []
    for i, h in enumerate(headers):
        if h:
            keep.append(i)
        elif any(i < len(cells) and cells[i] not in (None, "") for _, cells in rows):
            errors.append(RowError(1, f"#{i + 1}", "column without a header (cột không có tiêu đề)"))
    out = []
    width = len(headers)
    if len(keep) == width:  # fast path: every column has a header
        for number, cells in rows:
            if len(cells) == width:
                out.append((number, cells))
                continue
            if len(cells) > width and any(c not in (None, "") for c in cells[width:]):
                errors.append(RowError(number, f"#{width + 1}", "more cells than header columns (thừa ô so với tiêu đề)"))
            out.append((number, list(cells[:width]) + [""] * (width - len(cells))))
        return headers, out, errors
    for number, cells in rows:
        if len(cells) > len(headers) and any(c not in (None, "") for c in cells[len(headers):]):
            errors.append(RowError(number, f"#{len(headers) + 1}", "more cells than header columns (thừa ô so với tiêu đề)"))
        out.append((number, [cells[i] if i < len(cells) else "" for i in keep]))
    return [headers[i] for i in keep], out, errors


def sniff_delimiter(text: str) -> str:
    """`,` as CONTRACT §2 says; a header line without any comma but with `;` or tabs (Excel
    in a Vietnamese locale saves CSV with `;`) is read with that delimiter instead."""
    header = text.split("\n", 1)[0]
    if "," in header:
        return ","
    for candidate in (";", "\t"):
        if candidate in header:
            return candidate
    return ","


def read_csv(data: bytes) -> Table:
    text = decode_utf8(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    try:
        records = list(reader)
    except csv.Error as exc:
        raise ImportFailed([RowError(reader.line_num, None, f"malformed CSV: {exc} (CSV không hợp lệ)")])
    while records and not "".join(records[-1]).strip():
        records.pop()
    if not records:
        raise ImportFailed([RowError(None, None, "file is empty: no header row (tệp rỗng, không có dòng tiêu đề)")])
    header = [unguard_formula(h) for h in records[0]]
    rows = [(i, r) for i, r in enumerate(records, start=1) if i > 1 and "".join(r).strip()]
    headers, rows, errors = _trim_headers(header, rows)
    if errors:
        raise ImportFailed(errors)
    return Table(headers, rows, guarded=True)


def read_xlsx(data: bytes) -> Table:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 — any unreadable workbook is one clear message
        raise ImportFailed([RowError(None, None, f"not a readable XLSX workbook: {exc} (tệp Excel không đọc được)")])
    ws = wb.worksheets[0]
    records = []
    for cells in ws.iter_rows(values_only=True):
        records.append(list(cells))
    wb.close()
    while records and all(c in (None, "") for c in records[-1]):
        records.pop()
    if not records:
        raise ImportFailed([RowError(None, None, "file is empty: no header row (tệp rỗng, không có dòng tiêu đề)")])
    header = [unguard_formula(h) if isinstance(h, str) else h for h in records[0]]
    while header and header[-1] in (None, ""):
        header.pop()
    rows = [(i + 2, r) for i, r in enumerate(records[1:]) if any(c not in (None, "") for c in r)]
    headers, rows, errors = _trim_headers(header, rows)
    if errors:
        raise ImportFailed(errors)
    return Table(headers, rows, guarded=True)


def read_json(data: bytes) -> Table:
    text = decode_utf8(data)
    try:
        items = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFailed([RowError(None, None, f"invalid JSON: {exc.msg} at line {exc.lineno} (JSON không hợp lệ)")])
    if isinstance(items, dict) and len(items) == 1 and isinstance(next(iter(items.values())), list):
        items = next(iter(items.values()))  # {"officials": [...]} is accepted too
    if not isinstance(items, list):
        raise ImportFailed([RowError(None, None, "JSON must be a list of objects (JSON phải là danh sách đối tượng)")])
    headers: dict[str, None] = {}
    rows, errors = [], []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            errors.append(RowError(i + 2, None, "not a JSON object (không phải đối tượng JSON)"))
            continue
        for key, value in item.items():
            headers.setdefault(str(key).strip())
            if isinstance(value, (list, dict)) and not (isinstance(value, list) and all(
                    isinstance(v, (str, int, float)) for v in value)):
                errors.append(RowError(i + 2, key, "nested value not allowed (giá trị lồng nhau không hợp lệ)"))
        rows.append((i + 2, {str(k).strip(): (";".join(map(str, v)) if isinstance(v, list) else v)
                             for k, v in item.items()}))
    if errors:
        raise ImportFailed(errors)
    if not items:
        raise ImportFailed([RowError(None, None, "file has no data rows (tệp không có dòng dữ liệu)")])
    return Table(list(headers), rows)
