"""GraphQL type of a job position (vị trí việc làm). Standards and counts are public structure;
holders' names need a role."""
import graphene

from orgchart.api.cohort import attach, load_grouped
from orgchart.api.fields import actor, day_or_today
from orgchart.core.text import split_list

from . import selectors


def _holders(members, day):
    groups = selectors.holders([p.pk for p in members], day)
    attach([a.official for items in groups.values() for a in items], day)
    return groups


def _agencies(members, day):
    from orgchart.structure.models import Agency

    agency_of = {x.pk: getattr(x, "agency_id_on_date", x.agency_id) for x in members}
    pool = Agency.objects.in_bulk(set(agency_of.values()))
    attach(pool.values(), day)
    return {pk: pool.get(aid) for pk, aid in agency_of.items()}


class PositionType(graphene.ObjectType):
    class Meta:
        name = "Position"
        description = "A job position (vị trí việc làm) with its standards and number of seats."

    code = graphene.String(required=True)
    title = graphene.String(required=True)
    category = graphene.String(required=True, description="leadership | professional | shared_professional | support")
    leadership_role = graphene.String(required=True, description="head | deputy | none")
    required_rank = graphene.String()
    min_education = graphene.String()
    education_fields = graphene.List(graphene.NonNull(graphene.String), required=True)
    min_political_theory = graphene.String()
    min_state_mgmt = graphene.String()
    min_years_experience = graphene.Int()
    requires_succession_plan = graphene.Boolean(required=True)
    quota = graphene.Int(description="number of seats (null: not limited)")
    filled = graphene.Int(required=True, description="holders on onDate (concurrent, acting, secondment excluded)")
    vacant = graphene.Int(description="quota − filled when positive, else 0 (null without quota)")
    agency = graphene.Field("orgchart.structure.graphql.AgencyType")
    holders = graphene.List(
        graphene.NonNull("orgchart.personnel.graphql.OfficialType"),
        description="officials holding the position on onDate (needs a role)",
    )

    def resolve_education_fields(p, info):
        return split_list(p.education_fields)

    def resolve_filled(p, info):
        if hasattr(p, "filled_on_day"):
            return p.filled_on_day
        return load_grouped(p, "filled", lambda m, d: selectors.filled_counts([x.pk for x in m], d), 0)

    def resolve_vacant(p, info):
        if p.quota is None:
            return None
        return max(p.quota - PositionType.resolve_filled(p, info), 0)

    def resolve_agency(p, info):
        return load_grouped(p, "agency", _agencies, None)

    def resolve_holders(p, info):
        from orgchart.api.errors import Forbidden

        if not actor(info).can_read_personal:
            raise Forbidden()
        return [a.official for a in load_grouped(p, "holders", _holders, [])]


class Query(graphene.ObjectType):
    position = graphene.Field(
        PositionType, code=graphene.String(required=True), on_date=graphene.Date(),
        description="One job position by code as on onDate (default today): standards, quota, filled, the agency it "
        "belonged to then, holders (holders need a role).",
    )

    def resolve_position(root, info, code, on_date=None):
        from orgchart.api.errors import NotFound

        day = day_or_today(on_date)
        p = selectors.position_on(code, day)
        if p is None:
            raise NotFound(f"không tìm thấy vị trí việc làm có mã '{code}'")
        return attach([p], day)[0]


class Mutation(graphene.ObjectType):
    pass
