"""Open data: the tree on a date and the change events up to it, as W3C ORG JSON-LD or Popolo
JSON (public structure only: agencies, posts, changes — no personal data). Fixed number of
queries whatever the size of the tree."""
import datetime as dt

from orgchart.structure import tree
from orgchart.structure.models import Agency, ChangeEvent

CONTEXT = {
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "prov:atTime": {"@type": "xsd:date"},
    "dct:created": {"@type": "xsd:date"},
    "org:subOrganizationOf": {"@type": "@id"},
    "org:originalOrganization": {"@type": "@id"},
    "org:resultingOrganization": {"@type": "@id"},
    "org:resultedFrom": {"@type": "@id"},
    "org:changedBy": {"@type": "@id"},
}


def _gather(day: dt.date):
    agencies = list(Agency.objects.filter(Agency.active_q(day)).order_by("code"))
    parents = tree.parents_on([a.pk for a in agencies], day)
    by_id = {a.pk: a for a in agencies}
    missing = {p for p in parents.values() if p and p not in by_id}
    codes = {a.pk: a.code for a in agencies}
    codes.update(dict(Agency.objects.filter(pk__in=missing).values_list("pk", "code")) if missing else {})
    events = list(
        ChangeEvent.objects.filter(effective_on__lte=day).prefetch_related("originals", "results").order_by("effective_on", "id")
    )
    return agencies, parents, codes, events


def jsonld(day: dt.date, base: str = "urn:orgchart:") -> dict:
    agencies, parents, codes, events = _gather(day)

    def aid(code):
        return f"{base}agency:{code}"

    def eid(ev):
        return f"{base}change:{ev.pk}"

    resulted_from, changed_by = {}, {}
    for ev in events:
        for a in ev.results.all():
            resulted_from.setdefault(a.code, []).append(eid(ev))
        for a in ev.originals.all():
            changed_by.setdefault(a.code, []).append(eid(ev))
    graph = []
    for a in agencies:
        node = {
            "@id": aid(a.code), "@type": "org:Organization", "skos:notation": a.code, "skos:prefLabel": a.name,
            "org:classification": a.kind, "dct:type": a.level,
        }
        if a.short_name:
            node["skos:altLabel"] = a.short_name
        if parents.get(a.pk):
            node["org:subOrganizationOf"] = aid(codes[parents[a.pk]])
        if a.established_on:
            node["dct:created"] = a.established_on.isoformat()
        if a.code in resulted_from:
            node["org:resultedFrom"] = resulted_from[a.code]
        if a.code in changed_by:
            node["org:changedBy"] = changed_by[a.code]
        graph.append(node)
    for ev in events:
        node = {
            "@id": eid(ev), "@type": "org:ChangeEvent", "dct:type": ev.kind, "prov:atTime": ev.effective_on.isoformat(),
            "org:originalOrganization": [aid(a.code) for a in ev.originals.all()],
            "org:resultingOrganization": [aid(a.code) for a in ev.results.all()],
        }
        if ev.decision_no:
            node["dct:identifier"] = ev.decision_no
        if ev.legal_basis:
            node["dct:description"] = ev.legal_basis
        graph.append(node)
    return {"@context": CONTEXT, "dct:date": day.isoformat(), "@graph": graph}


def popolo(day: dt.date) -> dict:
    agencies, parents, codes, events = _gather(day)
    positions = tree.positions_of([a.pk for a in agencies], day)
    from orgchart.positions.models import JobPosition

    titles = dict(JobPosition.objects.filter(pk__in=[p[0] for p in positions]).values_list("pk", "code"))
    labels = dict(JobPosition.objects.filter(pk__in=[p[0] for p in positions]).values_list("pk", "title"))
    orgs = []
    for a in agencies:
        o = {"id": a.code, "name": a.name, "classification": a.kind,
             "identifiers": [{"scheme": "orgchart", "identifier": a.code}], "other_names": []}
        if a.short_name:
            o["other_names"].append({"name": a.short_name, "note": "short name"})
        if parents.get(a.pk):
            o["parent_id"] = codes[parents[a.pk]]
        if a.established_on:
            o["founding_date"] = a.established_on.isoformat()
        if a.dissolved_on:
            o["dissolution_date"] = a.dissolved_on.isoformat()
        orgs.append(o)
    agency_code = {a.pk: a.code for a in agencies}
    posts = [{"id": titles[pid], "label": labels[pid], "organization_id": agency_code[aid], "role": role}
             for pid, aid, role in sorted(positions, key=lambda p: titles[p[0]])]
    evs = [{
        "id": f"change-{ev.pk}", "classification": ev.kind, "start_date": ev.effective_on.isoformat(),
        "name": ev.decision_no or ev.get_kind_display(),
        "original_organization_ids": [a.code for a in ev.originals.all()],
        "resulting_organization_ids": [a.code for a in ev.results.all()],
    } for ev in events]
    return {"date": day.isoformat(), "organizations": orgs, "posts": posts, "events": evs}
