"""The drawn org chart page (`/so-do/`): one unit's subtree on any date as cards and connectors,
children loaded on demand (`mo=CODE,…` lists the units opened), the SVG as a download and a
print stylesheet for PDF (Chromium's print-to-PDF: "In / lưu PDF")."""
from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from orgchart.structure import tree

from . import chart as chart_mod
from . import lookup
from .dates import page_date
from .views import request_memo

DEPTHS = [1, 2, 3]
MAX_OPEN = 40


def _depth(request) -> int:
    try:
        n = int(request.GET.get("sau", 2))
    except ValueError:
        return 2
    return n if n in DEPTHS else 2


def _opened(request) -> list[str]:
    raw = request.GET.get("mo") or ""
    return [c for c in dict.fromkeys(x.strip() for x in raw.split(",")) if c][:MAX_OPEN]


def _root(request, day):
    """The unit asked for (`goc`: a code, or a name typed) or the first root on the date."""
    choice = lookup.resolve("agency", request.GET.get("goc", ""), request.GET.get("goc_ten", ""), day)
    if choice.value is not None:
        return choice.value, choice
    roots = tree.roots_on(day)
    return (roots[0] if roots else None), choice


def expand_urls(chart, base: dict, opened: list[str], path: str):
    for c in chart.cards:
        if c.descendants and not c.expanded:
            params = dict(base, mo=",".join([*opened, c.agency.code]))
            c.expand_url = f"{path}?{urlencode({k: v for k, v in params.items() if v})}"


@request_memo
def org_chart(request):
    date = page_date(request)
    depth = _depth(request)
    opened = _opened(request)
    root, choice = _root(request, date.day)
    drawn = None
    if root is not None:
        drawn = chart_mod.build(root, date.day, depth=depth, expanded=set(opened))
        base = {"goc": root.code, "ngay": date.day.isoformat() if not date.is_today else "", "sau": depth}
        expand_urls(drawn, base, opened, request.path)
    context = {"date": date, "chart": drawn, "root": root, "depth": depth, "depths": DEPTHS, "opened": opened,
               "choice": choice, "date_query": date.query, "roots": tree.roots_on(date.day)}
    fmt = request.GET.get("dinh_dang")
    if fmt == "svg" and drawn is not None:
        svg = render_to_string("web/_chart.svg", context, request=request)
        response = HttpResponse('<?xml version="1.0" encoding="UTF-8"?>\n' + svg, content_type="image/svg+xml; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="so-do-{root.code}-{date.day.isoformat()}.svg"'
        return response
    if request.GET.get("phan") == "1":  # the chart alone, for the page's script (lazy expansion)
        return render(request, "web/_chart.svg", context)
    return render(request, "web/org_chart.html", context)
