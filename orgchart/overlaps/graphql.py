"""GraphQL: overlapping mandates (CONTRACT §3, RULES.md §5).

- `overlaps(under, minScore, status, first)`: the latest findings (computed first if no run has
  finished yet), highest score first, each unordered pair once with agencyA.code < agencyB.code,
  both agencies in `under` (the agency and its subtree). Default minScore = the documented default
  threshold (`orgchart.overlaps.index.DEFAULT_THRESHOLD`), default first 100, first ≤ 5000.
  Pairs no longer found by the latest run are not listed; `dismissed` pairs are (with status).
  Reading needs a role (any: findings are audit work, unlike the public structure): anonymous →
  `forbidden`.
- `reviewOverlap(input: {agencyA, agencyB, status, note})` → `{finding, errors}`: auditor,
  restructuring and admin only (`forbidden`); unknown pair → `not_found`; status not one of
  new/confirmed/dismissed/resolved → `invalid`; resolved only from confirmed → `conflict`.
"""
import graphene

from orgchart.api.cohort import attach
from orgchart.api.errors import ErrorType, Forbidden, NotFound, forbidden_errors, mutation_errors
from orgchart.api.fields import actor, check_choice, check_list_limit, require_role
from orgchart.core.choices import OverlapStatus
from orgchart.core.dates import today
from orgchart.core.errors import DomainError
from orgchart.structure.models import Agency

from . import explain, index, services
from .models import OverlapFinding


class TextSpanType(graphene.ObjectType):
    class Meta:
        name = "TextSpan"
        description = "A highlighted span of a text: characters [start, end)."

    start = graphene.Int(required=True)
    end = graphene.Int(required=True)


class OverlapMandateType(graphene.ObjectType):
    class Meta:
        name = "OverlapMandate"
        description = "One side of a mandate pair: the statement (chức năng/nhiệm vụ) and the clause matched."

    id = graphene.ID()
    ref = graphene.String()
    kind = graphene.String()
    text = graphene.String(required=True)
    clause = graphene.String(description="the clause of the statement that matched (normalised)")
    marks = graphene.List(graphene.NonNull(TextSpanType), required=True,
                          description="where the shared words are in `clause` (to highlight them)")
    text_marks = graphene.List(graphene.NonNull(TextSpanType), required=True,
                               description="where the shared words are in `text` (case-insensitive)")

    def resolve_marks(side, info):
        return side.get("marks", [])

    def resolve_text_marks(side, info):
        return side.get("textMarks", [])


class MandatePairType(graphene.ObjectType):
    class Meta:
        name = "OverlapMandatePair"

    a = graphene.Field(OverlapMandateType, required=True)
    b = graphene.Field(OverlapMandateType, required=True)
    score = graphene.Float(required=True)
    terms = graphene.List(graphene.NonNull(graphene.String), required=True, description="shared terms of this pair")
    core = graphene.Boolean(required=True, description="one of the two statements is a function statement")


class OverlapType(graphene.ObjectType):
    class Meta:
        name = "Overlap"
        description = (
            "Two agencies of one jurisdiction whose mandates give both the same object and activity "
            "(chồng chéo chức năng, nhiệm vụ), with the evidence and the auditors' review."
        )

    agency_a = graphene.Field("orgchart.structure.graphql.AgencyType", required=True)
    agency_b = graphene.Field("orgchart.structure.graphql.AgencyType", required=True)
    score = graphene.Float(required=True, description="0…1; ≥ the default threshold = reported as overlap")
    shared_terms = graphene.List(graphene.NonNull(graphene.String), required=True)
    mandate_pairs = graphene.List(graphene.NonNull(MandatePairType), required=True)
    status = graphene.String(required=True, description="new | confirmed | dismissed | resolved")
    open = graphene.Boolean(required=True, description="counted as open work (new or confirmed)")
    note = graphene.String()
    reviewer = graphene.String(description="username of the last reviewer")
    reviewed_at = graphene.DateTime()
    why = graphene.String(required=True, description="why the pair has this score and rank (Vietnamese)")

    def resolve_why(f, info):
        return explain.why(f.score, f.mandate_pairs, index.DEFAULT_THRESHOLD)

    def resolve_mandate_pairs(f, info):
        return [
            {"a": p["a"], "b": p["b"], "score": p["score"], "terms": p.get("terms", []), "core": p.get("core", False)}
            for p in f.mandate_pairs
        ]

    def resolve_open(f, info):
        return f.is_open

    def resolve_reviewer(f, info):
        return f.reviewer.get_username() if f.reviewer_id else None


def _listed(findings):
    findings = list(findings)
    agencies = [x for f in findings for x in (f.agency_a, f.agency_b)]
    attach(agencies, today())
    return findings


class Query(graphene.ObjectType):
    overlaps = graphene.List(
        graphene.NonNull(OverlapType), required=True,
        under=graphene.String(description="agency code: that agency and its whole subtree"),
        min_score=graphene.Float(description=f"default {index.DEFAULT_THRESHOLD} (the documented default threshold)"),
        status=graphene.String(description="new | confirmed | dismissed | resolved"),
        first=graphene.Int(description="default 100, at most 5000"),
        description="Overlapping mandates found by the latest detect_overlaps run (needs a role).",
    )

    def resolve_overlaps(root, info, under=None, min_score=None, status=None, first=None):
        require_role(info)
        first = check_list_limit(first, default=100)
        status = check_choice("status", status, OverlapStatus)
        min_score = index.DEFAULT_THRESHOLD if min_score is None else min_score
        services.ensure_findings()
        qs = OverlapFinding.objects.filter(active=True, score__gte=min_score)
        if status:
            qs = qs.filter(status=status)
        if under:
            from orgchart.structure.tree import subtree_q

            root_agency = Agency.objects.filter(code=under).first()
            if root_agency is None:
                raise NotFound(f"Không có cơ quan mã {under!r}")
            day = today()
            qs = qs.filter(subtree_q(root_agency, day, "agency_a__"), subtree_q(root_agency, day, "agency_b__"))
        qs = qs.select_related("agency_a", "agency_b", "reviewer").order_by(
            "-score", "agency_a__code", "agency_b__code"
        )
        return _listed(qs[:first])


class ReviewOverlapInput(graphene.InputObjectType):
    agency_a = graphene.String(required=True)
    agency_b = graphene.String(required=True)
    status = graphene.String(required=True, description="new | confirmed | dismissed | resolved")
    note = graphene.String()


class ReviewOverlapPayload(graphene.ObjectType):
    finding = graphene.Field(OverlapType)
    errors = graphene.List(graphene.NonNull(ErrorType), required=True)


class ReviewOverlap(graphene.Mutation):
    class Meta:
        description = (
            "Record a review of an overlap (auditor, restructuring, admin). Statuses: new → confirmed | "
            "dismissed; confirmed → resolved; any → new. The decision holds until a mandate of either "
            "agency changes; then detect_overlaps returns the pair to new (history keeps the review)."
        )

    class Arguments:
        input = ReviewOverlapInput(required=True)

    Output = ReviewOverlapPayload

    def mutate(root, info, input):
        a = actor(info)
        if not a.can_review_overlaps():
            return ReviewOverlapPayload(finding=None, errors=forbidden_errors(Forbidden().message))
        try:
            finding = services.review(a.user, input.agency_a, input.agency_b, input.status, input.note or "")
        except DomainError as e:
            return ReviewOverlapPayload(finding=None, errors=mutation_errors(e))
        return ReviewOverlapPayload(finding=_listed([finding])[0], errors=[])


class Mutation(graphene.ObjectType):
    review_overlap = ReviewOverlap.Field()
