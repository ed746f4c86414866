"""GraphQL mutations of restructuring (CONTRACT §3): move, merge, split, dissolve, rename and a
plan of several. Thin: authorise, call the service, map its domain errors (`api.errors`)."""
import graphene

from orgchart.api.errors import ErrorType, forbidden_errors, mutation_errors
from orgchart.api.fields import actor
from orgchart.core.dates import today
from orgchart.core.errors import DomainError
from orgchart.structure.models import Agency

from . import services
from .graphql_types import AGENCY, ChangeEventType, ImpactType, at_date


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
        agency=at_date(outcome.agency, day), agencies=[at_date(a, day) for a in outcome.agencies], impact=outcome.impact,
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
    target; the target keeps its leaders and each source's head holds a deputy post of the target from
    effectiveOn (its first deputy position by code gains a seat; created when it has none): RULES §3,
    nobody is left without a post."""

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
    """Giải thể: destinationCode receives the staff (positions with their holders, children, mandates, quotas;
    the head becomes a deputy of the destination). Without it the dissolution is refused (conflict) while
    the agency has holders on or after effectiveOn or active children; its vacant positions stay with it."""

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
