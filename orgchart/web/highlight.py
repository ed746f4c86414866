"""Marking the shared terms of two duties in their text (`<mark>`), ignoring case and
diacritics placement: the text is folded character by character (length-preserving for NFC
text), the folded terms are found at word boundaries and the original spans are marked."""
import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .selectors import fold


def _fold_chars(text: str) -> str:
    return "".join((fold(ch) or " ")[:1] if ch.strip() else " " for ch in text)


def spans(text: str, terms) -> list[tuple[int, int]]:
    folded = _fold_chars(text)
    found = []
    for term in sorted({fold(t) for t in terms if t and fold(t)}, key=len, reverse=True):
        for m in re.finditer(rf"(?<!\w){re.escape(term)}(?!\w)", folded):
            found.append((m.start(), m.end()))
    found.sort()
    merged: list[list[int]] = []
    for s, e in found:
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [(s, e) for s, e in merged]


def highlight(text: str, terms) -> str:
    """`text` as safe HTML with every shared term inside <mark>."""
    text = unicodedata.normalize("NFC", text or "")
    out, last = [], 0
    for s, e in spans(text, terms):
        out.append(escape(text[last:s]))
        out.append(f"<mark>{escape(text[s:e])}</mark>")
        last = e
    out.append(escape(text[last:]))
    return mark_safe("".join(out))
