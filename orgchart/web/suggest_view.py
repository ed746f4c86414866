"""`/goi-y/?loai=co_quan|can_bo|vi_tri&q=…`: suggestions for the name fields (JSON). Agencies and
positions are public; officials need a role, and a scoped user gets only those in the scope."""
from django.http import JsonResponse

from orgchart.accounts.permissions import Actor

from . import lookup
from .dates import page_date


def suggest(request):
    kind = request.GET.get("loai", "")
    text = (request.GET.get("q") or "")[:100]
    day = page_date(request).day
    items = []
    if kind == "co_quan":
        items = [{"code": a.code, "label": a.name, "detail": a.code} for a in lookup.agencies(text, day)]
    elif kind == "vi_tri":
        items = [{"code": p.code, "label": f"{p.title} — {p.agency.name} ({p.code})", "detail": p.code} for p in lookup.positions(text)]
    elif kind == "can_bo":
        actor = Actor.from_request(request)
        if actor.can_read_personal:
            found = lookup.officials(text)
            visible = actor.official_ids_in_scope([o.pk for o in found]) if actor.scope_id else {o.pk for o in found}
            items = [{"code": o.code, "label": f"{o.full_name} ({o.code})", "detail": f"{o.code} · {o.get_staff_type_display()}"}
                     for o in found if o.pk in visible]
    return JsonResponse({"items": items[:lookup.LIMIT]})
