"""Marking the shared terms of two duties in their text (`<mark>`), ignoring case and
diacritics placement: the text is folded character by character (length-preserving for NFC
text), the folded terms are found at word boundaries and the original spans are marked."""
import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import mark_safe

from orgchart.core.text import fold


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


def excerpt(text: str, terms, context: int = 160, limit: int = 900) -> str:
    """The parts of `text` around the shared terms (marked), joined by "…"; the whole text when
    it is short or nothing matches."""
    text = unicodedata.normalize("NFC", text or "")
    found = spans(text, terms)
    if len(text) <= limit or not found:
        return highlight(text[:limit] + ("…" if len(text) > limit else ""), terms)
    windows: list[list[int]] = []
    for s, e in found:
        lo, hi = max(0, s - context), min(len(text), e + context)
        if lo > 0:  # whole words: start after a space, end before one
            lo = next((i + 1 for i in range(lo, s) if text[i] == " "), lo)
        if hi < len(text):
            hi = next((i for i in range(hi, e, -1) if text[i] == " "), hi)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    parts, total = [], 0
    for lo, hi in windows:
        if total > limit:
            break
        parts.append((lo, hi))
        total += hi - lo
    out = []
    for lo, hi in parts:
        prefix = "… " if lo > 0 else ""
        out.append(prefix + str(highlight(text[lo:hi], terms)))
    tail = " …" if parts[-1][1] < len(text) else ""
    return mark_safe(" ".join(out) + tail)
