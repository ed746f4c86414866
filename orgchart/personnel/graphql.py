"""GraphQL: officials. `code` and `fullName` are public; everything else is personal data and
needs a role — and, for a scoped token, an official holding a post inside the scope. A field the
caller may not see resolves to null with a `forbidden` error (CONTRACT §3)."""
from collections import defaultdict

import graphene

from orgchart.api.cohort import attach, cohort_of, load_grouped
from orgchart.api.errors import Forbidden, NotFound
from orgchart.api.fields import actor, day_or_today, require_role
from orgchart.core.choices import Role
from orgchart.eligibility.calendar import remaining_months, retirement_date

from .models import Assignment, Official
from .pagination import LazyConnection, paginate_both
from .selectors import covering_q, officials_on


def _visible_ids(members, day, info):
    a = actor(info)
    if not a.can_read_personal:
        return set()
    if a.scope_id is None or a.role == Role.AUDITOR:
        return {m.pk for m in members}
    return a.official_ids_in_scope([m.pk for m in members])


def personal(resolver):
    """Wrap a resolver of personal data: checks the caller once per cohort of officials."""

    def wrapped(o, info, **kwargs):
        visible = cohort_of(o).load(("visible", id(info.context)), lambda m, d: _visible_ids(m, d, info))
        if o.pk not in visible:
            raise Forbidden()
        return resolver(o, info, **kwargs)

    wrapped.__name__ = resolver.__name__
    return wrapped


def _grouped(model, related_order, select=()):
    def loader(members, day):
        groups = defaultdict(list)
        qs = model.objects.filter(official_id__in=[m.pk for m in members]).order_by(*related_order)
        if select:
            qs = qs.select_related(*select)
        for row in qs:
            groups[row.official_id].append(row)
        return groups

    return loader


def _assignments(members, day):
    groups = _grouped(Assignment, ("start_on", "id"), ("position",))(members, day)
    attach([a.position for items in groups.values() for a in items], day)
    return groups


class AssignmentType(graphene.ObjectType):
    class Meta:
        name = "Assignment"
        description = "One interval of an official on a position (quá trình công tác)."

    id = graphene.ID(required=True)
    kind = graphene.String(required=True)
    start_on = graphene.Date(required=True)
    end_on = graphene.Date(description="last day held (inclusive); null = open")
    decision_no = graphene.String()
    override_reason = graphene.String()
    position = graphene.Field("orgchart.positions.graphql.PositionType", required=True)
    official = graphene.Field(lambda: OfficialType, required=True)

    def resolve_position(a, info):
        return a.position

    def resolve_official(a, info):
        return a.official


class RatingType(graphene.ObjectType):
    class Meta:
        name = "Rating"

    year = graphene.Int(required=True)
    rating = graphene.String(required=True, description="excellent | good | completed | not_completed")


class DisciplineType(graphene.ObjectType):
    class Meta:
        name = "Discipline"

    form = graphene.String(required=True)
    decided_on = graphene.Date(required=True)
    effective_on = graphene.Date()


class SuccessionPlanType(graphene.ObjectType):
    class Meta:
        name = "SuccessionPlan"

    period = graphene.String(required=True)
    approved_on = graphene.Date()
    position = graphene.Field("orgchart.positions.graphql.PositionType", required=True)

    def resolve_position(s, info):
        return s.position


class SeparationType(graphene.ObjectType):
    class Meta:
        name = "Separation"

    separated_on = graphene.Date(required=True)
    reason = graphene.String(required=True)
    reduction_criterion = graphene.String()


class OfficialType(graphene.ObjectType):
    class Meta:
        name = "Official"
        description = "A cadre, civil servant, public employee or contract worker. Only code and fullName are public."

    code = graphene.String(required=True)
    full_name = graphene.String(required=True)
    birth_date = graphene.Date()
    gender = graphene.String()
    staff_type = graphene.String(description="cadre | civil_servant | public_employee | contract")
    rank_code = graphene.String()
    rank_since = graphene.Date()
    education_level = graphene.String()
    education_field = graphene.String()
    political_theory = graphene.String()
    state_mgmt = graphene.String()
    hired_on = graphene.Date()
    health_ok = graphene.Boolean()
    youngest_child_born_on = graphene.Date()
    retirement_date = graphene.Date(description="RULES §1: last day of the month of the statutory retirement age")
    remaining_months = graphene.Int(on_date=graphene.Date(), description="whole months from onDate to the retirement date")
    current_assignments = graphene.List(
        graphene.NonNull(AssignmentType), on_date=graphene.Date(),
        description="assignments covering onDate (default today), concurrent/acting/secondment included",
    )
    assignments = graphene.List(graphene.NonNull(AssignmentType), description="the whole history")
    ratings = graphene.List(graphene.NonNull(RatingType))
    disciplines = graphene.List(graphene.NonNull(DisciplineType))
    succession_plans = graphene.List(graphene.NonNull(SuccessionPlanType))
    separations = graphene.List(graphene.NonNull(SeparationType))

    @personal
    def resolve_birth_date(o, info):
        return o.birth_date

    @personal
    def resolve_gender(o, info):
        return o.gender

    @personal
    def resolve_staff_type(o, info):
        return o.staff_type

    @personal
    def resolve_rank_code(o, info):
        return o.rank_code

    @personal
    def resolve_rank_since(o, info):
        return o.rank_since

    @personal
    def resolve_education_level(o, info):
        return o.education_level

    @personal
    def resolve_education_field(o, info):
        return o.education_field

    @personal
    def resolve_political_theory(o, info):
        return o.political_theory

    @personal
    def resolve_state_mgmt(o, info):
        return o.state_mgmt

    @personal
    def resolve_hired_on(o, info):
        return o.hired_on

    @personal
    def resolve_health_ok(o, info):
        return o.health_ok

    @personal
    def resolve_youngest_child_born_on(o, info):
        return o.youngest_child_born_on

    @personal
    def resolve_retirement_date(o, info):
        return retirement_date(o.birth_date, o.gender)

    @personal
    def resolve_remaining_months(o, info, on_date=None):
        return remaining_months(o.birth_date, o.gender, day_or_today(on_date))

    @personal
    def resolve_current_assignments(o, info, on_date=None):
        day = day_or_today(on_date)
        return [a for a in load_grouped(o, "assignments", _assignments, []) if covering_q_match(a, day)]

    @personal
    def resolve_assignments(o, info):
        return load_grouped(o, "assignments", _assignments, [])

    @personal
    def resolve_ratings(o, info):
        return load_grouped(o, "ratings", _grouped(Official.ratings.rel.related_model, ("year",)), [])

    @personal
    def resolve_disciplines(o, info):
        return load_grouped(o, "disciplines", _grouped(Official.disciplines.rel.related_model, ("decided_on",)), [])

    @personal
    def resolve_succession_plans(o, info):
        return load_grouped(
            o, "succession_plans", _grouped(Official.succession_plans.rel.related_model, ("period_start",), ("position",)), []
        )

    @personal
    def resolve_separations(o, info):
        return load_grouped(o, "separations", _grouped(Official.separations.rel.related_model, ("separated_on",)), [])


def covering_q_match(a: Assignment, day) -> bool:
    return a.start_on <= day and (a.end_on is None or a.end_on >= day)


class OfficialConnection(LazyConnection):
    class Meta:
        node = OfficialType


class Query(graphene.ObjectType):
    official = graphene.Field(OfficialType, code=graphene.String(required=True), description="One official by code")
    officials = graphene.ConnectionField(
        OfficialConnection, under=graphene.String(description="holders of a primary post in this agency's subtree on onDate"),
        search=graphene.String(description="every word is the prefix of a word of the name or the code; case and "
                               "diacritics ignored ('nguyen van q' finds 'Nguyễn Văn Quang')"),
        on_date=graphene.Date(description="the date of `under` and of a scoped token's subtree (default today)"),
        description="Officials by code; needs a role. Without `under`: every recorded official (for a scoped token, "
        "those holding a primary post inside the scope on onDate); with `under`: those holding a primary post in that "
        "subtree on onDate. Relay connection: first/after or last/before.",
    )

    def resolve_official(root, info, code):
        official = Official.objects.filter(code=code).first()
        if official is None:
            raise NotFound(f"không tìm thấy cán bộ có mã '{code}'")
        return official

    def resolve_officials(root, info, first=None, after=None, last=None, before=None, under=None, search=None,
                          on_date=None, **kwargs):
        from orgchart.structure import tree
        from orgchart.structure.graphql import get_agency

        a = require_role(info)
        day = day_or_today(on_date)
        qs = officials_on(day, agency_ids=tree.subtree_expr(get_agency(under), day, False) if under else None,
                          search=search)
        scope_ids = a.scoped_agency_ids() if a.role != Role.AUDITOR else None
        if scope_ids is not None:
            qs = qs.filter(pk__in=officials_on(day, agency_ids=scope_ids).values("pk"))
        return paginate_both(OfficialConnection, qs, first, after, last, before,
                             decorate=lambda items: attach(items, day))


class Mutation(graphene.ObjectType):
    pass


__all__ = ["OfficialType", "AssignmentType", "covering_q"]
