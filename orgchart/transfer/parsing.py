"""Cells ⇄ Python values (CONTRACT §2): ISO dates, `true`/`false`, `;` lists, numbers,
enumerations, and the spreadsheet formula guard.

Every parser takes a raw cell (str from CSV, str/int/float/bool/datetime from XLSX or JSON)
and returns a value or raises `CellError` with a message for `row N, column C: message`.
"""
import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from orgchart.core.text import join_list, split_list

# Characters that make a spreadsheet treat a cell as a formula (OWASP CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TRUE_WORDS = {"true", "1", "có"}
FALSE_WORDS = {"false", "0", "không"}


class CellError(ValueError):
    """A cell that cannot be read; the message goes after `row N, column C: `."""


def guard_formula(text: str) -> str:
    """Export side: prefix `'` to a text a spreadsheet would run as a formula. Texts already
    starting with `'` before a trigger get one more, so `unguard(guard(t)) == t` for every t."""
    if text and text.lstrip("'").startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def unguard_formula(text: str) -> str:
    """Import side: remove the one `'` that `guard_formula` added."""
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_TRIGGERS):
        return text[1:]
    return text


def clean_cell(raw, guarded: bool):
    """A raw cell as the importer sees it: text trimmed, then (CSV/XLSX) the formula guard removed."""
    if raw.__class__ is str:
        raw = raw.strip()
        if guarded and raw[:1] == "'":
            return unguard_formula(raw)
    return raw


def is_empty(value) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def as_text(value) -> str:
    """A non-empty cell as text (numbers from XLSX/JSON become their plain form)."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def parse_date(value) -> dt.date:
    if value.__class__ is str and len(value) == 10 and value[4] == "-" and value[7] == "-" and (
            value[:4] + value[5:7] + value[8:]).isdigit():
        try:
            return dt.date.fromisoformat(value)  # fast path for the usual YYYY-MM-DD
        except ValueError:
            pass
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = as_text(value)
    if _DATE_RE.match(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise CellError(f"invalid date {text!r}: expected YYYY-MM-DD (ngày không hợp lệ, cần dạng năm-tháng-ngày)")


def parse_bool(value) -> bool:
    if isinstance(value, bool):
        return value
    text = as_text(value).lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise CellError(f"invalid boolean {text!r}: expected true or false (giá trị đúng/sai không hợp lệ)")


def parse_int(value, lo: int = 0, hi: int = 2_147_483_647) -> int:
    if isinstance(value, bool):
        raise CellError(f"invalid number {value!r}: expected a whole number (cần số nguyên)")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    else:
        text = as_text(value)
        if not re.fullmatch(r"[+-]?\d+(\.0+)?", text):
            raise CellError(f"invalid number {text!r}: expected a whole number (cần số nguyên)")
        number = int(text.split(".")[0])
    if not lo <= number <= hi:
        raise CellError(f"number {number} out of range {lo}–{hi} (số ngoài khoảng cho phép)")
    return number


def parse_decimal(value, places: int = 2, lo=Decimal(0), hi=Decimal(100)) -> Decimal:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        text = repr(value)
    else:
        text = as_text(value).replace(",", ".").removesuffix("%").strip()
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise CellError(f"invalid number {as_text(value)!r} (số không hợp lệ)")
    if not number.is_finite():
        raise CellError(f"invalid number {as_text(value)!r} (số không hợp lệ)")
    if number != number.quantize(Decimal(1).scaleb(-places)):
        raise CellError(f"number {as_text(value)} has more than {places} decimals (quá {places} chữ số thập phân)")
    if not lo <= number <= hi:
        raise CellError(f"number {as_text(value)} out of range {lo}–{hi} (số ngoài khoảng cho phép)")
    return number.quantize(Decimal(1).scaleb(-places))


def parse_enum(value, allowed: tuple[str, ...]) -> str:
    if value in allowed:
        return value
    text = as_text(value)
    if text in allowed:
        return text
    lowered = text.lower()
    for choice in allowed:
        if choice.lower() == lowered:
            return choice
    raise CellError(f"unknown value {text!r}; allowed: {', '.join(allowed)} (giá trị không thuộc danh mục)")


def parse_list(value) -> str:
    if isinstance(value, (list, tuple)):
        return join_list(split_list(";".join(map(str, value))))
    return join_list(split_list(as_text(value)))


def format_decimal(number: Decimal) -> str:
    text = format(number.normalize(), "f")
    return text


def format_cell(value) -> str:
    """A model value as CSV text (no formula guard: see `guard_formula`)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format_decimal(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
