"""Text comparison used by the rules: case- and diacritics-insensitive (RULES.md preamble)."""
import re
import unicodedata


def fold(value: str | None) -> str:
    """Lower-case, NFD, strip combining marks, đ→d, collapse spaces (the same for NFC and NFD
    spellings: both decompose to the same characters before the marks are stripped)."""
    if not value:
        return ""
    s = unicodedata.normalize("NFD", unicodedata.normalize("NFC", str(value)).lower().replace("đ", "d"))
    s = "".join(ch for ch in s if unicodedata.category(ch) != "Mn")
    return re.sub(r"\s+", " ", s).strip().lower()


def split_list(value: str | None) -> list[str]:
    """A `;`-separated cell as a list of trimmed, non-empty items."""
    if not value:
        return []
    return [part.strip() for part in str(value).split(";") if part.strip()]


def join_list(items) -> str:
    return ";".join(str(i).strip() for i in items if str(i).strip())
