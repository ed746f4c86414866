"""Small template helpers of the web pages (the chart's SVG, query strings)."""
from django import template

register = template.Library()


@register.filter
def add_line(y, index):
    """The baseline of the name's n-th line on a card."""
    return int(y) + 15 * int(index)


@register.simple_tag
def badges(card):
    """The finding badges of a card, laid out right to left along its bottom edge."""
    items = []
    if card.violations:
        items.append(("gv", f"{card.violations} vi phạm"))
    if card.warnings:
        items.append(("gw", f"{card.warnings} cảnh báo"))
    if card.overlaps:
        items.append(("go", f"{card.overlaps} chồng chéo"))
    out, x = [], card.x + 8
    for cls, text in items:
        w = int(len(text) * 5.6) + 10
        out.append({"cls": cls, "text": text, "x": x, "w": w})
        x += w + 4
    return out


@register.simple_tag(takes_context=True)
def query(context, **changes):
    """The current query string with some parameters replaced (None or '' removes one)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def signed(n):
    """+3 / −2 / 0 (a change between two figures)."""
    n = int(n or 0)
    return f"+{n}" if n > 0 else (f"−{-n}" if n < 0 else "0")


@register.filter
def rank_name(code):
    from orgchart.core.ranks import rank_name as name

    return name(code)
