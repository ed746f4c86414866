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
import graphene

from orgchart.api.errors import Invalid, NotFound
from orgchart.api.fields import check_list_limit, day_or_today
from orgchart.api.findings import FindingType
from orgchart.core.dates import today
from orgchart.structure.models import Agency, ChangeEvent

from . import selectors
from .graphql_types import ChangeEventType, LineageType, StructureCountsType, at_date, lineage_steps
from .mutations import Mutation

__all__ = ["Query", "Mutation"]


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
    structure_counts = graphene.Field(
        StructureCountsType, required=True, under=graphene.String(required=True), on_date=graphene.Date(),
        description="Focal points, direct units and intermediate layers below `under` on onDate (RULES.md §4.1). "
                    "Public: counts of units.",
    )

    def resolve_structure_findings(root, info, under=None, on_date=None):
        day = day_or_today(on_date)
        try:
            items = selectors.structure_findings(under, day)
        except selectors.UnknownAgency:
            raise NotFound(f"không tìm thấy cơ quan có mã '{under}'")
        for f in items:
            at_date(f["agency"], day)
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

    def resolve_structure_counts(root, info, under, on_date=None):
        from orgchart.structure.graphql import get_agency

        from .counts import structure_counts

        return structure_counts(get_agency(under), day_or_today(on_date)).as_dict()

    def resolve_lineage(root, info, code):
        agency = Agency.objects.filter(code=code).first()
        if agency is None:
            raise NotFound(f"không tìm thấy cơ quan có mã '{code}'")
        return {"agency": at_date(agency, today()), "predecessors": lineage_steps(selectors.predecessors(agency)),
                "successors": lineage_steps(selectors.successors(agency))}
