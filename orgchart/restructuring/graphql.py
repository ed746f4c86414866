"""GraphQL surface of restructuring (CONTRACT §3): structure findings, change history and
lineage (public: they describe units, not persons), and the restructuring mutations.

Mutations (dry runs included: an impact report names the officials affected) need the role
`restructuring` or `admin`, and for a scoped token every agency involved inside the scope;
otherwise `errors { code: "forbidden" }`. Bad input is reported in `errors` (codes not_found,
invalid, conflict) and nothing is written. `dryRun: true` computes the result and its impact,
then rolls everything back. Effective dates may be past or future: a future change is recorded
as scheduled (`changeEvent.applied = false`) and reaches today's tree on its date
(`manage.py apply_scheduled_changes`); any date can be read with `onDate`.
"""
import datetime as dt

import graphene
from graphene.types.generic import GenericScalar

from orgchart.api.errors import ErrorType, Invalid, NotFound, forbidden_errors, mutation_errors
from orgchart.api.fields import actor, check_list_limit, day_or_today
from orgchart.api.findings import FindingType
from orgchart.core.dates import today
from orgchart.core.errors import DomainError
from orgchart.structure.models import Agency, ChangeEvent

from . import selectors, services

AGENCY = "orgchart.structure.graphql.AgencyType"


def _on(agency, day):
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


class ImpactType(graphene.ObjectType):
    class Meta:
        name = "RestructuringImpact"
        description = ("Impact on the effective date, over the subtrees of the parents of the agencies involved "
                       "(before vs after). `raw` holds the whole report as JSON.")

    day = graphene.Date(required=True)
    focal_points = _pair("focal_points")
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


class ChangeEventType(graphene.ObjectType):
    class Meta:
        name = "ChangeEvent"
        description = "A structural change (W3C ORG ChangeEvent): originals → results from effectiveOn."

    id = graphene.ID(required=True)
    kind = graphene.String(required=True, description="establish | merge | split | move | dissolve | rename")
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
        return [_on(a, ev.effective_on - dt.timedelta(days=1)) for a in ev.originals.all()]

    def resolve_results(ev, info):
        return [_on(a, ev.effective_on) for a in ev.results.all()]


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


def _steps(items):
    return [{"agency": _on(s["agency"], s["event"].effective_on), "change_event": s["event"], "depth": s["depth"],
             "mandates": s["mandates"]} for s in items]


class Query(graphene.ObjectType):
    structure_findings = graphene.List(
        graphene.NonNull(FindingType), required=True, under=graphene.String(), on_date=graphene.Date(),
        description="RULES.md §4 findings for the active agencies under `under` (itself included; all when "
                    "omitted) on onDate (default today). Public: these describe units, not persons.",
    )
    change_events = graphene.List(
        graphene.NonNull(ChangeEventType), required=True, agency_code=graphene.String(), kind=graphene.String(),
        first=graphene.Int(), description="Change events (oldest first), those touching agencyCode when given.",
    )
    lineage = graphene.Field(LineageType, code=graphene.String(required=True),
                             description="Which units became this one, and where its duties went.")

    def resolve_structure_findings(root, info, under=None, on_date=None):
        day = day_or_today(on_date)
        try:
            items = selectors.structure_findings(under, day)
        except selectors.UnknownAgency:
            raise NotFound(f"không tìm thấy cơ quan có mã '{under}'")
        for f in items:
            _on(f["agency"], day)
        return items

    def resolve_change_events(root, info, agency_code=None, kind=None, first=None):
        first = check_list_limit(first, default=1000)
        agency = None
        if agency_code:
            agency = Agency.objects.filter(code=agency_code).first()
            if agency is None:
                raise NotFound(f"không tìm thấy cơ quan có mã '{agency_code}'")
        if kind and kind not in ChangeEvent.Kind.values:
            raise Invalid(f"kind: unknown value '{kind}'")
        return list(selectors.change_events(agency, kind)[:first])

    def resolve_lineage(root, info, code):
        agency = Agency.objects.filter(code=code).first()
        if agency is None:
            raise NotFound(f"không tìm thấy cơ quan có mã '{code}'")
        return {"agency": _on(agency, today()), "predecessors": _steps(selectors.predecessors(agency)),
                "successors": _steps(selectors.successors(agency))}


# --- mutations -------------------------------------------------------------------------------
class RestructuringPayload(graphene.ObjectType):
    class Meta:
        name = "RestructuringPayload"

    agency = graphene.Field(AGENCY, description="the resulting agency (target, new agency, moved/renamed one)")
    agencies = graphene.List(graphene.NonNull(AGENCY), description="every agency involved")
    impact = graphene.Field(ImpactType)
    change_event = graphene.Field(ChangeEventType, description="null for a dry run")
    dry_run = graphene.Boolean()
    errors = graphene.List(graphene.NonNull(ErrorType), required=True)


def _forbidden(message="Cần vai trò tổ chức bộ máy (restructuring) hoặc quản trị trong phạm vi của cơ quan"):
    return RestructuringPayload(errors=forbidden_errors(message))


def _authorise(info, codes) -> bool:
    a = actor(info)
    if not a.can_write_structure(None):
        return False
    agencies = list(Agency.objects.filter(code__in=[c for c in codes if c]))
    return all(a.can_write_structure(x) for x in agencies)


def _payload(outcome: services.Outcome):
    day = outcome.change_event.effective_on if outcome.change_event else today()
    return RestructuringPayload(
        agency=_on(outcome.agency, day), agencies=[_on(a, day) for a in outcome.agencies], impact=outcome.impact,
        change_event=None if outcome.dry_run else outcome.change_event, dry_run=outcome.dry_run, errors=[],
    )


def _call(info, codes, fn, **kwargs):
    if not _authorise(info, codes):
        return _forbidden()
    user = actor(info).user
    try:
        return _payload(fn(user=user, **kwargs))
    except DomainError as e:
        return RestructuringPayload(errors=mutation_errors(e), dry_run=kwargs.get("dry_run"))


class _Common:
    effective_on = graphene.Date(required=True, description="first day of the new state (past or future)")
    decision_no = graphene.String()
    legal_basis = graphene.String()
    dry_run = graphene.Boolean(default_value=False)


class MoveAgencyInput(_Common, graphene.InputObjectType):
    code = graphene.String(required=True)
    new_parent_code = graphene.String(description="null: the agency becomes a root")


class MergeAgenciesInput(_Common, graphene.InputObjectType):
    source_codes = graphene.List(graphene.NonNull(graphene.String), required=True)
    target_code = graphene.String(description="merge into this existing agency…")
    new_code = graphene.String(description="…or into a new agency with this code")
    new_name = graphene.String()
    new_kind = graphene.String(description="kind of the new agency (default: the first source's)")


class SplitPartInput(graphene.InputObjectType):
    code = graphene.String(required=True, description="the original's code keeps the original going (tách)")
    name = graphene.String()
    short_name = graphene.String()
    kind = graphene.String()
    level = graphene.String()
    position_codes = graphene.List(graphene.NonNull(graphene.String))
    mandate_refs = graphene.List(graphene.NonNull(graphene.String))
    child_codes = graphene.List(graphene.NonNull(graphene.String))


class SplitAgencyInput(_Common, graphene.InputObjectType):
    code = graphene.String(required=True)
    parts = graphene.List(graphene.NonNull(SplitPartInput), required=True)


class DissolveAgencyInput(_Common, graphene.InputObjectType):
    code = graphene.String(required=True)
    destination_code = graphene.String(description="receives positions (with holders), children, mandates, quotas")


class RenameAgencyInput(_Common, graphene.InputObjectType):
    code = graphene.String(required=True)
    new_name = graphene.String(required=True)
    new_short_name = graphene.String()


def _common(i):
    return {"decision_no": i.get("decision_no") or "", "legal_basis": i.get("legal_basis") or "",
            "dry_run": bool(i.get("dry_run"))}


class MoveAgency(graphene.Mutation):
    """Chuyển trực thuộc: re-parent from effectiveOn (cycles refused with code conflict)."""

    class Arguments:
        input = MoveAgencyInput(required=True)

    Output = RestructuringPayload

    def mutate(root, info, input):
        return _call(info, [input.code, input.get("new_parent_code")], services.move_agency, code=input.code,
                     new_parent_code=input.get("new_parent_code"), effective_on=input.effective_on, **_common(input))


class MergeAgencies(graphene.Mutation):
    """Hợp nhất/sáp nhập: from effectiveOn the sources are dissolved and their positions (same codes, with
    holders), children, mandates (duplicates detected) and quotas (years ≥ effectiveOn's) belong to the
    target; the sources' heads' assignments end the day before (the target keeps its leaders)."""

    class Arguments:
        input = MergeAgenciesInput(required=True)

    Output = RestructuringPayload

    def mutate(root, info, input):
        codes = list(input.source_codes or []) + [input.get("target_code")]
        return _call(info, codes, services.merge_agencies, source_codes=input.source_codes,
                     target_code=input.get("target_code"), new_code=input.get("new_code"),
                     new_name=input.get("new_name"), new_kind=input.get("new_kind"),
                     effective_on=input.effective_on, **_common(input))


class SplitAgency(graphene.Mutation):
    """Chia, tách: new agencies from a mapping of positions, mandates and children (see SplitPartInput)."""

    class Arguments:
        input = SplitAgencyInput(required=True)

    Output = RestructuringPayload

    def mutate(root, info, input):
        parts = [dict(p) for p in input.parts or []]
        return _call(info, [input.code], services.split_agency, code=input.code, parts=parts,
                     effective_on=input.effective_on, **_common(input))


class DissolveAgency(graphene.Mutation):
    """Giải thể: refused (conflict) while positions, holders or active children remain, unless destinationCode
    receives them."""

    class Arguments:
        input = DissolveAgencyInput(required=True)

    Output = RestructuringPayload

    def mutate(root, info, input):
        return _call(info, [input.code, input.get("destination_code")], services.dissolve_agency, code=input.code,
                     destination_code=input.get("destination_code"), effective_on=input.effective_on,
                     **_common(input))


class RenameAgency(graphene.Mutation):
    """Đổi tên from effectiveOn (a future rename is applied on its date)."""

    class Arguments:
        input = RenameAgencyInput(required=True)

    Output = RestructuringPayload

    def mutate(root, info, input):
        return _call(info, [input.code], services.rename_agency, code=input.code, new_name=input.new_name,
                     new_short_name=input.get("new_short_name"), effective_on=input.effective_on, **_common(input))


class PlanOperationInput(graphene.InputObjectType):
    op = graphene.String(required=True, description="move | merge | split | dissolve | rename")
    code = graphene.String()
    new_parent_code = graphene.String()
    source_codes = graphene.List(graphene.NonNull(graphene.String))
    target_code = graphene.String()
    new_code = graphene.String()
    new_name = graphene.String()
    destination_code = graphene.String()
    parts = graphene.List(graphene.NonNull(SplitPartInput))
    effective_on = graphene.Date(required=True)
    decision_no = graphene.String()
    legal_basis = graphene.String()


class RestructuringPlanInput(graphene.InputObjectType):
    operations = graphene.List(graphene.NonNull(PlanOperationInput), required=True)
    dry_run = graphene.Boolean(default_value=True)


class RestructuringPlan(graphene.Mutation):
    """Several operations in order, with one impact report for the whole plan (dry run by default)."""

    class Arguments:
        input = RestructuringPlanInput(required=True)

    Output = RestructuringPayload

    def mutate(root, info, input):
        ops, codes = [], []
        for item in input.operations:
            d = {k: v for k, v in dict(item).items() if v is not None}
            if "parts" in d:
                d["parts"] = [dict(p) for p in d["parts"]]
            codes += [d.get(k) for k in ("code", "new_parent_code", "target_code", "destination_code")]
            codes += list(d.get("source_codes") or [])
            if d.get("op") == "merge":
                d.setdefault("target_code", None)
            ops.append(d)
        if not _authorise(info, codes):
            return _forbidden()
        try:
            result = services.run_plan(ops, user=actor(info).user, dry_run=bool(input.dry_run))
        except DomainError as e:
            return RestructuringPayload(errors=mutation_errors(e), dry_run=bool(input.dry_run))
        last = result["outcomes"][-1] if result["outcomes"] else None
        return RestructuringPayload(
            agency=last.agency if last else None, impact=result["impact"], dry_run=result["dry_run"],
            change_event=None if result["dry_run"] or last is None else last.change_event, errors=[],
            agencies=[a for o in result["outcomes"] for a in o.agencies],
        )


class Mutation(graphene.ObjectType):
    move_agency = MoveAgency.Field()
    merge_agencies = MergeAgencies.Field()
    split_agency = SplitAgency.Field()
    dissolve_agency = DissolveAgency.Field()
    rename_agency = RenameAgency.Field()
    restructuring_plan = RestructuringPlan.Field()
