"""GraphQL surface of staffing (CONTRACT §3, RULES.md §3): staffingSummary, staffingBreakdown,
reductionCandidates, attritionForecast.

Access: staffing figures are counts, readable anonymously like the public structure
(CONTRACT §3 "counts"). reductionCandidates is personal data: it needs a role; a scoped token
(other than auditor) may query an agency inside its scope, or an ancestor of its scope and
then sees only the candidates holding a post inside the scope; any other agency is forbidden.
"""
import graphene

from orgchart.api.cohort import attach
from orgchart.api.errors import Forbidden, Invalid, NotFound
from orgchart.api.fields import require_role
from orgchart.api.findings import FindingType
from orgchart.core.dates import reference_date
from orgchart.structure.models import Agency

from . import selectors
from .candidates import visible_candidates
from .forecast import attrition_forecast
from .summary import breakdown, summary

AGENCY_TYPE = "orgchart.structure.graphql.AgencyType"
OFFICIAL_TYPE = "orgchart.personnel.graphql.OfficialType"


def _num(value):
    return None if value is None else float(value)


class KindFiguresType(graphene.ObjectType):
    class Meta:
        name = "StaffingKindFigures"
        description = "Figures of one quota kind (civil_servant counts staff types civil_servant + cadre)."

    kind = graphene.String(required=True, description="civil_servant | public_employee | contract")
    quota = graphene.Int(required=True)
    headcount = graphene.Int(required=True)
    vacancies = graphene.Int(required=True)
    over_quota = graphene.Int(required=True)
    separations = graphene.Int(required=True)
    reductions = graphene.Int(required=True)
    retired_still_holding = graphene.Int(required=True)
    separated_still_holding = graphene.Int(required=True)


class TargetType(graphene.ObjectType):
    class Meta:
        name = "ReductionTarget"
        description = "The reduction target row that applies (nearest ancestor, see staffing.targets)."

    agency = graphene.Field(AGENCY_TYPE, required=True)
    period_start = graphene.Int(required=True)
    period_end = graphene.Int(required=True)
    baseline_year = graphene.Int(required=True)
    percent = graphene.Float(required=True)
    kind = graphene.String(description="null = all kinds")


class StaffingSummaryType(graphene.ObjectType):
    class Meta:
        name = "StaffingSummary"
        description = (
            "Staffing of an agency's whole subtree for a year, on the year's reference date (Y-12-31, or today "
            "for the current year), RULES.md §3. Without `kind` all kinds are summed (vacancies per agency and kind)."
        )

    agency = graphene.Field(AGENCY_TYPE, required=True)
    year = graphene.Int(required=True)
    kind = graphene.String()
    reference_date = graphene.Date(required=True)
    quota = graphene.Int(required=True)
    headcount = graphene.Int(required=True, description="holders of a primary assignment, each official once")
    vacancies = graphene.Int(required=True, description="Σ per agency and kind of max(quota − headcount, 0)")
    over_quota = graphene.Int(required=True, description="Σ per agency and kind of max(headcount − quota, 0)")
    separations = graphene.Int(required=True, description="separations dated in the year, all reasons")
    reductions = graphene.Int(required=True, description="separations dated in the year with reason reduction")
    baseline_quota = graphene.Int(description="the queried subtree's quota in the target's baseline year")
    target_percent = graphene.Float()
    achieved_percent = graphene.Float(description="(baseline − quota) / baseline × 100, half-up to 2 decimals")
    required_percent = graphene.Float(description="pro-rata of the target due by this year")
    on_track = graphene.Boolean()
    retired_still_holding = graphene.Int(
        required=True, description="holders counted in headcount although past their retirement date (a data problem)"
    )
    separated_still_holding = graphene.Int(
        required=True, description="holders counted in headcount although separated on or before the reference date"
    )
    target = graphene.Field(TargetType)
    by_kind = graphene.List(graphene.NonNull(KindFiguresType), required=True)


class ReductionCandidateType(graphene.ObjectType):
    class Meta:
        name = "ReductionCandidate"

    official = graphene.Field(OFFICIAL_TYPE, required=True)
    criteria = graphene.List(graphene.NonNull(FindingType), required=True)
    exempt = graphene.Boolean(required=True, description="meets a criterion but may not be reduced (see exemptions)")
    exemptions = graphene.List(
        graphene.NonNull(FindingType), required=True,
        description="why the official is not reduced: RED-EXEMPT-CHILD (NĐ 154/2025 Đ2 k2); empty when not exempt",
    )
    regime = graphene.String(required=True, description="early_retirement (24–60 months to retirement) | leave_service")
    retirement_date = graphene.Date()
    position_codes = graphene.List(graphene.NonNull(graphene.String), required=True)
    agency_codes = graphene.List(graphene.NonNull(graphene.String), required=True)


class ForecastYearType(graphene.ObjectType):
    class Meta:
        name = "AttritionYear"

    year = graphene.Int(required=True)
    retiring = graphene.Int(required=True, description="holders whose retirement date falls in this year")
    cumulative = graphene.Int(required=True, description="already retired + retiring up to this year")
    projected_headcount = graphene.Int(required=True)
    allowed_quota = graphene.Int(description="⌊baseline × (1 − pro-rata target %)⌋")
    meets_target = graphene.Boolean()


class KindForecastType(graphene.ObjectType):
    class Meta:
        name = "AttritionKindForecast"

    kind = graphene.String(required=True)
    headcount = graphene.Int(required=True)
    already_retired = graphene.Int(required=True)
    target = graphene.Field(TargetType)
    baseline_quota = graphene.Int()
    target_quota = graphene.Int()
    retiring_by_period_end = graphene.Int()
    reduction_needed = graphene.Int(description="officials still to reduce at period end beyond attrition")
    can_meet_by_attrition = graphene.Boolean()
    years = graphene.List(graphene.NonNull(ForecastYearType), required=True)


class AttritionForecastType(graphene.ObjectType):
    class Meta:
        name = "AttritionForecast"

    agency = graphene.Field(AGENCY_TYPE, required=True)
    from_year = graphene.Int(required=True)
    reference_date = graphene.Date(required=True)
    kinds = graphene.List(graphene.NonNull(KindForecastType), required=True)


# --- conversion -------------------------------------------------------------------------------------
def _target(t):
    if t is None:
        return None
    return {
        "agency": t.agency, "period_start": t.period_start, "period_end": t.period_end,
        "baseline_year": t.baseline_year, "percent": float(t.percent), "kind": t.kind or None,
    }


def _summary_dict(s):
    f, st = s.figures, s.status
    return {
        "agency": s.agency, "year": s.year, "kind": s.kind, "reference_date": s.reference_date,
        **f.as_dict(),
        "baseline_quota": st.baseline_quota,
        "target_percent": _num(st.target.percent) if st.target else None,
        "achieved_percent": _num(st.achieved_percent), "required_percent": _num(st.required_percent),
        "on_track": st.on_track, "target": _target(st.target),
        "by_kind": [{"kind": k, **v.as_dict()} for k, v in s.by_kind.items()],
    }


def _agency(code: str) -> Agency:
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise NotFound(f"Không tìm thấy cơ quan có mã '{code}'")
    return agency


def _year(year: int, name: str = "year") -> int:
    if not 1900 <= year <= 2200:
        raise Invalid(f"{name} phải trong khoảng 1900–2200")
    return year


def _kind(kind):
    try:
        return selectors.validate_kind(kind)
    except ValueError as e:
        raise Invalid(str(e))


class Query(graphene.ObjectType):
    staffing_summary = graphene.Field(
        StaffingSummaryType, agency_code=graphene.String(required=True),
        year=graphene.Int(required=True), kind=graphene.String(),
        description=(
            "RULES.md §3 figures and target status of the agency's whole subtree (public counts). Target: the "
            "row on the agency or its nearest ancestor covering the year; with `kind`, rows of that kind or '' (all "
            "kinds), an exact-kind row winning on the same agency; without `kind`, only '' rows."
        ),
    )
    staffing_breakdown = graphene.List(
        graphene.NonNull(StaffingSummaryType), agency_code=graphene.String(required=True),
        year=graphene.Int(required=True), kind=graphene.String(),
        description="The same figures for each active child on the reference date (each child's whole subtree), by code.",
    )
    reduction_candidates = graphene.List(
        graphene.NonNull(ReductionCandidateType), agency_code=graphene.String(required=True),
        year=graphene.Int(required=True),
        include_exempt=graphene.Boolean(
            default_value=False,
            description="also list the officials who meet a criterion but are exempt (exempt: true, with exemptions)",
        ),
        description=(
            "Officials meeting a reduction criterion (RULES.md §3), by official code. Needs a role; a scoped token "
            "sees the candidates inside its scope (an agency outside and not above the scope is forbidden). Regime "
            "early_retirement when refDate + 24 months ≤ retirementDate ≤ refDate + 60 months (bounds inclusive)."
        ),
    )
    attrition_forecast = graphene.Field(
        AttritionForecastType, agency_code=graphene.String(required=True),
        from_year=graphene.Int(required=True), years=graphene.Int(default_value=5),
        description="Natural retirements per year and kind, and whether the target is met by attrition alone.",
    )

    def resolve_staffing_summary(root, info, agency_code, year, kind=None):
        kind, year = _kind(kind), _year(year)
        s = summary(_agency(agency_code), year, kind)
        attach([s.agency], s.reference_date)
        return _summary_dict(s)

    def resolve_staffing_breakdown(root, info, agency_code, year, kind=None):
        kind, year = _kind(kind), _year(year)
        items = breakdown(_agency(agency_code), year, kind)
        if items:
            attach([s.agency for s in items], items[0].reference_date)
        return [_summary_dict(s) for s in items]

    def resolve_reduction_candidates(root, info, agency_code, year, include_exempt=False):
        year = _year(year)
        agency = _agency(agency_code)
        cands = visible_candidates(require_role(info), agency, year, bool(include_exempt))
        if cands is None:
            raise Forbidden()
        if cands:
            attach([c.official for c in cands], reference_date(year))
        return [
            {
                "official": c.official, "regime": c.regime, "retirement_date": c.retirement_date,
                "criteria": c.criteria, "exempt": c.exempt, "exemptions": c.exemptions,
                "position_codes": [p.code for p in c.positions], "agency_codes": [a.code for a in c.agencies],
            }
            for c in cands
        ]

    def resolve_attrition_forecast(root, info, agency_code, from_year, years=5):
        from_year = _year(from_year, "fromYear")
        if not 1 <= years <= 50:
            raise Invalid("years phải từ 1 đến 50")
        f = attrition_forecast(_agency(agency_code), from_year, years)
        attach([f.agency], f.reference_date)
        return {
            "agency": f.agency, "from_year": f.from_year, "reference_date": f.reference_date,
            "kinds": [
                {
                    "kind": k.kind, "headcount": k.headcount, "already_retired": k.already_retired,
                    "target": _target(k.target), "baseline_quota": k.baseline_quota, "target_quota": k.target_quota,
                    "retiring_by_period_end": k.retiring_by_period_end, "reduction_needed": k.reduction_needed,
                    "can_meet_by_attrition": k.can_meet_by_attrition,
                    "years": [vars(y) for y in k.years],
                }
                for k in f.kinds
            ],
        }


class Mutation(graphene.ObjectType):
    pass
