"""The one GraphQL type of a rule's finding (`orgchart.core.findings.Finding`): eligibility
violations and warnings, reduction criteria, structure findings and the findings of a
restructuring impact report all have this shape."""
import graphene

AGENCY_TYPE = "orgchart.structure.graphql.AgencyType"


def _subject(finding):
    """The agency a finding is about: a Finding's subject, or the `agency` (object or code) /
    `agency_code` of a finding row."""
    if isinstance(finding, dict):
        return finding.get("agency") or finding.get("agency_code")
    return finding.subject


def _field(name):
    def resolve(finding, info):
        return finding[name] if isinstance(finding, dict) else getattr(finding, name)

    return resolve


class FindingType(graphene.ObjectType):
    class Meta:
        name = "Finding"
        description = (
            "What a rule found (RULES.md §2–§4): code, severity (violation | warning), a plain Vietnamese "
            "message and the legal citation in force on the date checked. A structure finding also names its "
            "agency; other findings are about the official or position asked for (agency null)."
        )

    code = graphene.String(required=True, resolver=_field("code"))
    severity = graphene.String(required=True, description="violation | warning", resolver=_field("severity"))
    message = graphene.String(required=True, resolver=_field("message"))
    citation = graphene.String(required=True, resolver=_field("citation"))
    agency = graphene.Field(AGENCY_TYPE, description="the agency a structure finding is attached to")
    agency_code = graphene.String(description="its code")

    @staticmethod
    def resolve_agency(finding, info):
        subject = _subject(finding)
        return None if subject is None or isinstance(subject, str) else subject

    @staticmethod
    def resolve_agency_code(finding, info):
        subject = _subject(finding)
        return subject if subject is None or isinstance(subject, str) else subject.code
