"""GraphQL: agencies on any date (CONTRACT §3). Public structure: no role needed."""
import graphene

from orgchart.api.cohort import attach, cohort_of, load_grouped, regroup
from orgchart.api.errors import NotFound
from orgchart.api.fields import CountedConnection, check_choice, day_or_today, paginate
from orgchart.core.choices import AgencyKind, AgencyLevel
from orgchart.core.text import split_list

from . import selectors, tree
from .models import Agency


class MandateType(graphene.ObjectType):
    class Meta:
        name = "Mandate"
        description = "A function, duty or power (chức năng, nhiệm vụ, quyền hạn) of an agency."

    ref = graphene.String()
    kind = graphene.String(required=True, description="function | duty | power")
    text = graphene.String(required=True)
    sectors = graphene.List(graphene.NonNull(graphene.String), required=True)
    legal_basis = graphene.String()
    valid_from = graphene.Date()
    valid_to = graphene.Date()
    agency = graphene.Field(lambda: AgencyType)

    def resolve_sectors(m, info):
        return split_list(m.sectors)

    def resolve_agency(m, info):
        return m.agency


def _load_parents(members, day):
    parent_of = tree.parents_on([a.pk for a in members], day)
    parents = Agency.objects.in_bulk({p for p in parent_of.values() if p})
    attach(parents.values(), day)
    return {aid: parents.get(pid) for aid, pid in parent_of.items()}


def _load_children(members, day):
    return regroup(tree.children_on([a.pk for a in members], day), day)


def _load_ancestors(members, day):
    return regroup(tree.ancestors_on([a.pk for a in members], day), day)


def _load_mandates(members, day):
    return selectors.mandates_on([a.pk for a in members], day)


def _load_positions(members, day):
    from orgchart.positions.selectors import positions_on

    return regroup(positions_on([a.pk for a in members], day), day)


def _load_headcounts(members, day):
    from orgchart.positions.selectors import headcounts

    return headcounts([a.pk for a in members], day)


class AgencyType(graphene.ObjectType):
    class Meta:
        name = "Agency"
        description = "An agency or unit (cơ quan, đơn vị) as it stands on the request's onDate."

    code = graphene.String(required=True)
    name = graphene.String(required=True)
    short_name = graphene.String()
    kind = graphene.String(required=True, description="GLOSSARY agency kind, e.g. people_committee, department")
    level = graphene.String(required=True, description="central | province | district | commune")
    agency_class = graphene.String(description="loại đơn vị hành chính: special | I | II | III (CONTRACT column `class`)")
    legal_basis = graphene.String()
    established_on = graphene.Date()
    dissolved_on = graphene.Date(description="first day on which the agency no longer exists")
    on_date = graphene.Date(required=True, description="the date this view of the agency answers for")
    active = graphene.Boolean(required=True, description="established and not dissolved on onDate")
    parent = graphene.Field(lambda: AgencyType, description="parent on onDate")
    children = graphene.List(graphene.NonNull(lambda: AgencyType), required=True, description="active children on onDate, by code")
    ancestors = graphene.List(graphene.NonNull(lambda: AgencyType), required=True, description="from the root down to the parent, on onDate")
    descendant_count = graphene.Int(required=True, description="active descendants on onDate")
    mandates = graphene.List(graphene.NonNull(MandateType), required=True, kind=graphene.String(), description="mandates valid on onDate")
    positions = graphene.List(graphene.NonNull("orgchart.positions.graphql.PositionType"), required=True, description="job positions of this agency on onDate")
    headcount = graphene.Int(required=True, description="officials holding a position in this agency itself on onDate (each once)")

    def resolve_on_date(a, info):
        return cohort_of(a).day

    def resolve_active(a, info):
        return a.is_active(cohort_of(a).day)

    def resolve_parent(a, info):
        return load_grouped(a, "parent", _load_parents, None)

    def resolve_children(a, info):
        return load_grouped(a, "children", _load_children, [])

    def resolve_ancestors(a, info):
        return load_grouped(a, "ancestors", _load_ancestors, [])

    def resolve_descendant_count(a, info):
        return load_grouped(a, "descendants", lambda m, d: tree.descendant_counts([x.pk for x in m], d), 0)

    def resolve_mandates(a, info, kind=None):
        items = load_grouped(a, "mandates", _load_mandates, [])
        return [m for m in items if kind is None or m.kind == kind]

    def resolve_positions(a, info):
        return load_grouped(a, "positions", _load_positions, [])

    def resolve_headcount(a, info):
        return load_grouped(a, "headcount", _load_headcounts, 0)


class AgencyConnection(CountedConnection):
    class Meta:
        node = AgencyType


def get_agency(code: str, day=None) -> Agency:
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise NotFound(f"không tìm thấy cơ quan có mã '{code}'")
    if day is not None:
        attach([agency], day)
    return agency


class Query(graphene.ObjectType):
    agency = graphene.Field(
        AgencyType, code=graphene.String(required=True), on_date=graphene.Date(),
        description="One agency by code, as on onDate (default today); returned even when not active then.",
    )
    agencies = graphene.ConnectionField(
        AgencyConnection, under=graphene.String(), level=graphene.String(), kind=graphene.String(),
        search=graphene.String(description="every word is the prefix of a word of the name or the code; case and "
                               "diacritics ignored ('so tai chinh' finds 'Sở Tài chính')"),
        on_date=graphene.Date(),
        description="Agencies active on onDate, by code; `under` = that agency and its whole subtree.",
    )

    def resolve_agency(root, info, code, on_date=None):
        return get_agency(code, day_or_today(on_date))

    def resolve_agencies(root, info, first=None, after=None, under=None, level=None, kind=None, search=None,
                         on_date=None, **kwargs):
        day = day_or_today(on_date)
        qs = selectors.agencies_on(
            day, under=get_agency(under) if under else None, level=check_choice("level", level, AgencyLevel),
            kind=check_choice("kind", kind, AgencyKind), search=search,
        )
        return paginate(AgencyConnection, qs, first, after, decorate=lambda items: attach(items, day))


class Mutation(graphene.ObjectType):
    pass
