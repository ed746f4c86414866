"""GraphQL types of restructuring: the impact report of a change, change events and lineage."""
import datetime as dt

import graphene
from graphene.types.generic import GenericScalar

from orgchart.api.findings import FindingType
from orgchart.core.dates import today

AGENCY = "orgchart.structure.graphql.AgencyType"


def at_date(agency, day):
    if agency is not None:
        agency._on_date = day
    return agency


class CountPairType(graphene.ObjectType):
    class Meta:
        name = "BeforeAfter"

    before = graphene.Int(required=True)
    after = graphene.Int(required=True)


class QuotaMoveType(graphene.ObjectType):
    class Meta:
        name = "QuotaMove"

    from_code = graphene.String(required=True)
    to_code = graphene.String(required=True)
    year = graphene.Int(required=True)
    kind = graphene.String(required=True)
    amount = graphene.Int(required=True)
    target_before = graphene.Int()
    target_after = graphene.Int()


def _pair(key):
    def resolve(impact, info):
        return impact[key]

    return graphene.Field(CountPairType, required=True, resolver=resolve)


class HeadReassignedType(graphene.ObjectType):
    class Meta:
        name = "HeadReassigned"
        description = "RULES §3: the head of an absorbed or dissolved agency holds a deputy post of the receiving one."

    official_code = graphene.String(required=True)
    from_position = graphene.String(required=True, description="the head position held until the day before")
    to_position = graphene.String(required=True, description="the deputy position held from the effective date")


class ImpactType(graphene.ObjectType):
    class Meta:
        name = "RestructuringImpact"
        description = ("Impact on the effective date, over the subtrees of the parents of the agencies involved "
                       "(before vs after). `raw` holds the whole report as JSON.")

    day = graphene.Date(required=True)
    focal_points = _pair("focal_points")
    direct_units = _pair("direct_units")
    intermediate_layers = _pair("intermediate_layers")
    single_child_layers = _pair("single_child_layers")
    leadership_posts = _pair("leadership_posts")
    leadership_filled = _pair("leadership_filled")
    heads = _pair("heads")
    deputies = _pair("deputies")
    deputies_over_cap_before = graphene.List(graphene.NonNull(FindingType), required=True)
    deputies_over_cap_after = graphene.List(graphene.NonNull(FindingType), required=True)
    officials_affected = graphene.Int(required=True)
    official_codes = graphene.List(graphene.NonNull(graphene.String), required=True)
    positions_moved = graphene.List(graphene.NonNull(graphene.String), required=True)
    positions_without_holders = graphene.List(graphene.NonNull(graphene.String), required=True)
    quotas_moved = graphene.List(graphene.NonNull(QuotaMoveType), required=True)
    heads_reassigned = graphene.List(graphene.NonNull(HeadReassignedType), required=True)
    findings_appeared = graphene.List(graphene.NonNull(FindingType), required=True)
    findings_disappeared = graphene.List(graphene.NonNull(FindingType), required=True)
    findings_changed = graphene.List(graphene.NonNull(FindingType), required=True,
                                     description="still there, with a different message (e.g. a new count)")
    agencies_removed = graphene.List(graphene.NonNull(graphene.String), required=True)
    agencies_added = graphene.List(graphene.NonNull(graphene.String), required=True)
    raw = GenericScalar(required=True)

    def resolve_day(i, info):
        return dt.date.fromisoformat(i["day"])

    def resolve_deputies_over_cap_before(i, info):
        return i["deputies_over_cap"]["before"]

    def resolve_deputies_over_cap_after(i, info):
        return i["deputies_over_cap"]["after"]

    def resolve_officials_affected(i, info):
        return len(i["officials_affected"])

    def resolve_official_codes(i, info):
        return i["officials_affected"]

    def resolve_positions_moved(i, info):
        return i["positions_moved"]

    def resolve_positions_without_holders(i, info):
        return i["positions_without_holders"]

    def resolve_quotas_moved(i, info):
        return [{"from_code": q["from"], "to_code": q["to"], **{k: q[k] for k in ("year", "kind", "amount", "target_before", "target_after")}}
                for q in i["quotas_moved"]]

    def resolve_heads_reassigned(i, info):
        return [{"official_code": h["official"], "from_position": h["from"], "to_position": h["to"]}
                for h in i.get("heads_reassigned", [])]

    def resolve_findings_appeared(i, info):
        return i["findings_appeared"]

    def resolve_findings_disappeared(i, info):
        return i["findings_disappeared"]

    def resolve_findings_changed(i, info):
        return i["findings_changed"]

    def resolve_agencies_removed(i, info):
        return i["agencies_removed"]

    def resolve_agencies_added(i, info):
        return i["agencies_added"]

    def resolve_raw(i, info):
        return i


class KindCountType(graphene.ObjectType):
    class Meta:
        name = "KindCount"

    kind = graphene.String(required=True, description="agency kind (GLOSSARY)")
    count = graphene.Int(required=True)


class StructureCountsType(graphene.ObjectType):
    class Meta:
        name = "StructureCounts"
        description = ("RULES.md §4.1 over the active agencies strictly below `under` on onDate (the same "
                       "definitions as the before/after figures of a restructuring impact).")

    focal_points = graphene.Int(required=True, description="đầu mối: active agencies strictly below `under`")
    direct_units = graphene.Int(required=True, description="active children of `under`")
    intermediate_layers = graphene.Int(
        required=True, description="cấp trung gian: agencies two or more levels below `under` with an active child")
    by_kind = graphene.List(graphene.NonNull(KindCountType), required=True, description="focal points per kind")


class ChangeEventType(graphene.ObjectType):
    class Meta:
        name = "ChangeEvent"
        description = "A structural change (W3C ORG ChangeEvent): originals → results from effectiveOn."

    id = graphene.ID(required=True)
    code = graphene.String(required=True, description="natural key (CONTRACT §2 change_events)")
    kind = graphene.String(required=True, description="establish | merge | split | move | dissolve | rename")
    imported = graphene.Boolean(required=True, description="recorded history from the change_events import (lineage "
                                "only) rather than a restructuring operation")
    effective_on = graphene.Date(required=True, description="first day of the new state")
    decision_no = graphene.String()
    legal_basis = graphene.String()
    note = graphene.String()
    applied = graphene.Boolean(required=True, description="already reflected in today's tree")
    scheduled = graphene.Boolean(required=True, description="effective after today")
    originals = graphene.List(graphene.NonNull(AGENCY), required=True)
    results = graphene.List(graphene.NonNull(AGENCY), required=True)
    details = GenericScalar(description="before/after and what was carried (positions, mandates, quotas, leaders)")
    created_at = graphene.DateTime()

    def resolve_scheduled(ev, info):
        return ev.effective_on > today()

    def resolve_originals(ev, info):
        return [at_date(a, ev.effective_on - dt.timedelta(days=1)) for a in ev.originals.all()]

    def resolve_results(ev, info):
        return [at_date(a, ev.effective_on) for a in ev.results.all()]


class LineageStepType(graphene.ObjectType):
    class Meta:
        name = "LineageStep"

    agency = graphene.Field(AGENCY, required=True)
    change_event = graphene.Field(ChangeEventType, required=True)
    depth = graphene.Int(required=True, description="1 = directly, 2 = through one more event…")
    mandates = GenericScalar(description="mandates carried between the two agencies in that event")


class LineageType(graphene.ObjectType):
    class Meta:
        name = "Lineage"

    agency = graphene.Field(AGENCY, required=True)
    predecessors = graphene.List(graphene.NonNull(LineageStepType), required=True,
                                 description="which units became this one (merge/split/dissolve, transitively)")
    successors = graphene.List(graphene.NonNull(LineageStepType), required=True,
                               description="where this unit (its duties, positions, children) went")


def lineage_steps(items):
    return [{"agency": at_date(s["agency"], s["event"].effective_on), "change_event": s["event"], "depth": s["depth"],
             "mandates": s["mandates"]} for s in items]
