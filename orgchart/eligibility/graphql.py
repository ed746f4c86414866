"""GraphQL surface of appointment eligibility (CONTRACT §3, RULES.md §2):
checkEligibility, eligibleCandidates, appointmentViolations and the appointOfficial mutation."""
import importlib

import graphene
from django.db.models import Exists, OuterRef

from orgchart.accounts.permissions import Actor
from orgchart.api.cohort import attach
from orgchart.api.errors import ErrorType, Forbidden, Invalid, NotFound, forbidden_errors, mutation_errors
from orgchart.api.findings import FindingType
from orgchart.core.choices import Role
from orgchart.core.dates import today
from orgchart.core.errors import DomainError
from orgchart.personnel.models import Assignment, Official, Separation
from orgchart.personnel.selectors import holding_q
from orgchart.positions.models import JobPosition
from orgchart.structure.models import Agency
from orgchart.structure.tree import subtree_q

from . import engine, services

MAX_FIRST = 5000
READ_ROLES = (Role.PERSONNEL, Role.AUDITOR, Role.RESTRUCTURING)


class AppointmentAction(graphene.Enum):
    """Hình thức: tuyển dụng, bổ nhiệm lần đầu, bổ nhiệm chức vụ cao hơn, bổ nhiệm lại, luân chuyển, điều động."""

    RECRUITMENT = "recruitment"
    FIRST_APPOINTMENT = "first_appointment"
    HIGHER_APPOINTMENT = "higher_appointment"
    REAPPOINTMENT = "reappointment"
    ROTATION = "rotation"
    TRANSFER = "transfer"


def _lazy(path: str, fallback):
    """The lead's shared type when it exists, else a minimal local one (resolved at schema build)."""

    def get():
        module, name = path.rsplit(".", 1)
        try:
            return getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError):
            return fallback

    return get


class EligibilityOfficialRef(graphene.ObjectType):
    code = graphene.String(required=True)
    full_name = graphene.String(required=True)


class EligibilityPositionRef(graphene.ObjectType):
    code = graphene.String(required=True)
    title = graphene.String(required=True)


class EligibilityAssignmentRef(graphene.ObjectType):
    id = graphene.ID(required=True)
    kind = graphene.String()
    start_on = graphene.Date()


OfficialField = _lazy("orgchart.personnel.graphql.OfficialType", EligibilityOfficialRef)
PositionField = _lazy("orgchart.positions.graphql.PositionType", EligibilityPositionRef)
AssignmentField = _lazy("orgchart.personnel.graphql.AssignmentType", EligibilityAssignmentRef)


class EligibilityType(graphene.ObjectType):
    class Meta:
        name = "Eligibility"

    eligible = graphene.Boolean(required=True, description="true when there is no violation")
    violations = graphene.List(graphene.NonNull(FindingType), required=True)
    warnings = graphene.List(graphene.NonNull(FindingType), required=True)


class CandidateType(graphene.ObjectType):
    class Meta:
        name = "EligibleCandidate"

    official = graphene.Field(OfficialField)
    eligible = graphene.Boolean(required=True)
    violations = graphene.List(graphene.NonNull(FindingType), required=True)
    warnings = graphene.List(graphene.NonNull(FindingType), required=True)


class AppointmentViolationType(graphene.ObjectType):
    """A past appointment decision that broke the rules in force on its own start date."""

    class Meta:
        name = "AppointmentViolation"

    assignment = graphene.Field(AssignmentField)
    official = graphene.Field(OfficialField)
    position = graphene.Field(PositionField)
    kind = graphene.String(required=True)
    start_on = graphene.Date(required=True)
    decision_no = graphene.String()
    eligible = graphene.Boolean(required=True)
    violations = graphene.List(graphene.NonNull(FindingType), required=True)
    warnings = graphene.List(graphene.NonNull(FindingType), required=True)
    override_recorded = graphene.Boolean(required=True, description="an override reason was recorded")
    override_reason = graphene.String()


def _action(value) -> str:
    return str(getattr(value, "value", value)).lower()


def _reader(info) -> Actor:
    actor = Actor.from_request(info.context)
    if not actor.has_role(*READ_ROLES):
        raise Forbidden()
    return actor


def _position(code: str) -> JobPosition:
    position = JobPosition.objects.select_related("agency").filter(code=code).first()
    if position is None:
        raise NotFound(f"Không tìm thấy vị trí mã {code!r}")
    return position


def _first(first, default):
    if first is None:
        return default
    if first < 0 or first > MAX_FIRST:
        raise Invalid(f"first phải từ 0 đến {MAX_FIRST}")
    return first


def _agency_in_scope(actor: Actor, code: str | None):
    """The `under` agency (checked against the scope) or the actor's scope agency, or None."""
    if code:
        agency = Agency.objects.filter(code=code).first()
        if agency is None:
            raise NotFound(f"Không tìm thấy cơ quan mã {code!r}")
        if not actor.agency_in_scope(agency):
            raise Forbidden()
        return agency
    return actor.scope


def candidate_pool(on_date, under: Agency | None, scope: Agency | None):
    """Officials not separated on `on_date`, holding a primary assignment under `under` on
    `on_date` and in `scope` today (when given)."""
    qs = Official.objects.filter(~Exists(Separation.objects.filter(official=OuterRef("pk"), separated_on__lte=on_date)))
    if scope is not None:
        qs = qs.filter(Exists(Assignment.objects.filter(
            holding_q(today()), subtree_q(scope, today(), "position__agency__"), official=OuterRef("pk"))))
    if under is not None and under != scope:
        qs = qs.filter(Exists(Assignment.objects.filter(
            holding_q(on_date), subtree_q(under, on_date, "position__agency__"), official=OuterRef("pk"))))
    return qs


class Query(graphene.ObjectType):
    check_eligibility = graphene.Field(
        EligibilityType,
        official_code=graphene.String(required=True),
        position_code=graphene.String(required=True),
        action=AppointmentAction(required=True),
        on_date=graphene.Date(),
        description="Mọi kết quả kiểm tra điều kiện (RULES.md §2) vào ngày onDate (mặc định hôm nay).",
    )
    eligible_candidates = graphene.List(
        graphene.NonNull(CandidateType),
        position_code=graphene.String(required=True),
        action=AppointmentAction(required=True),
        on_date=graphene.Date(),
        first=graphene.Int(description="mặc định 100, tối đa 5000"),
        under=graphene.String(description="chỉ xét cán bộ đang giữ vị trí trong cơ quan này và cấp dưới"),
        description="Officials in the caller's scope who can be candidates on onDate (never retired or separated "
        "then), eligible first, then fewer violations, then fewer warnings, then official code.",
    )
    appointment_violations = graphene.List(
        graphene.NonNull(AppointmentViolationType),
        under=graphene.String(),
        from_=graphene.Date(name="from"),
        to=graphene.Date(),
        first=graphene.Int(description="mặc định 1000, tối đa 5000"),
        description="Các quyết định tuyển dụng, bổ nhiệm, luân chuyển, điều động (start_on trong [from, to]) vi "
        "phạm quy định vào chính ngày bắt đầu.",
    )

    @staticmethod
    def resolve_check_eligibility(root, info, official_code, position_code, action, on_date=None):
        actor = _reader(info)
        position = _position(position_code)
        official = Official.objects.filter(code=official_code).first()
        if official is None:
            raise NotFound(f"Không tìm thấy cán bộ mã {official_code!r}")
        if not actor.agency_in_scope(position.agency) or not actor.can_read_official(official):
            raise Forbidden()
        return engine.check(official.pk, position.pk, _action(action), on_date or today())

    @staticmethod
    def resolve_eligible_candidates(root, info, position_code, action, on_date=None, first=None, under=None):
        actor = _reader(info)
        first = _first(first, 100)
        position = _position(position_code)
        if not actor.agency_in_scope(position.agency):
            raise Forbidden()
        day = on_date or today()
        pool = candidate_pool(day, _agency_in_scope(actor, under), actor.scope)
        results = engine.candidates(position.pk, _action(action), day, pool)[:first]
        officials = Official.objects.in_bulk([r.official.id for r in results])
        attach(officials.values(), day)  # nested personal fields load once for all candidates
        return [
            {"official": officials[r.official.id], "eligible": r.eligible, "violations": r.violations,
             "warnings": r.warnings}
            for r in results
        ]

    @staticmethod
    def resolve_appointment_violations(root, info, under=None, from_=None, to=None, first=None):
        actor = _reader(info)
        first = _first(first, 1000)
        agency = _agency_in_scope(actor, under)
        qs = Assignment.objects.all()
        if agency is not None:
            qs = qs.filter(subtree_q(agency, today(), "position__agency__"))
        if from_ is not None:
            qs = qs.filter(start_on__gte=from_)
        if to is not None:
            qs = qs.filter(start_on__lte=to)
        found = [i for i in engine.inspect(qs) if not i.result.eligible][:first]
        assignments = Assignment.objects.select_related("official", "position").in_bulk(
            [i.assignment["pk"] for i in found])
        day = to or today()
        attach([a.official for a in assignments.values()], day)
        attach([a.position for a in assignments.values()], day)
        attach(assignments.values(), day)
        out = []
        for i in found:
            a = assignments[i.assignment["pk"]]
            out.append({
                "assignment": a, "official": a.official, "position": a.position, "kind": a.kind,
                "start_on": a.start_on, "decision_no": a.decision_no, "eligible": False,
                "violations": i.result.violations, "warnings": i.result.warnings,
                "override_recorded": bool(a.override_reason.strip()), "override_reason": a.override_reason,
            })
        return out


class AppointOfficialInput(graphene.InputObjectType):
    official_code = graphene.String(required=True)
    position_code = graphene.String(required=True)
    action = AppointmentAction(required=True)
    start_on = graphene.Date(description="ngày bắt đầu; các vị trí chính khác kết thúc vào ngày hôm trước")
    decision_no = graphene.String()
    override_reason = graphene.String(
        description="lý do vượt quy định; không vượt được POS-QUOTA-FULL, POS-DEPUTY-CAP, ELIG-RETIRED, ELIG-SEPARATED")


class AppointOfficial(graphene.Mutation):
    """Bổ nhiệm/tuyển dụng/luân chuyển/điều động: từ chối khi vi phạm (errors mang mã vi phạm) trừ khi có
    overrideReason (ghi vào lịch sử kiểm tra cùng người thực hiện và kết quả kiểm tra)."""

    class Arguments:
        input = AppointOfficialInput(required=True)

    assignment = graphene.Field(AssignmentField)
    eligibility = graphene.Field(EligibilityType)
    errors = graphene.List(graphene.NonNull(ErrorType), required=True)

    @staticmethod
    def mutate(root, info, input):
        actor = Actor.from_request(info.context)
        if not actor.has_role(Role.PERSONNEL):
            return AppointOfficial(errors=forbidden_errors("Cần vai trò cán bộ tổ chức (personnel) hoặc quản trị."))
        try:
            outcome = services.appoint(
                actor, official_code=input.get("official_code"), position_code=input.get("position_code"),
                action=input.get("action"), start_on=input.get("start_on"), decision_no=input.get("decision_no") or "",
                override_reason=input.get("override_reason") or "",
            )
        except DomainError as e:
            return AppointOfficial(errors=mutation_errors(e))
        return AppointOfficial(
            assignment=outcome.assignment, eligibility=outcome.result,
            errors=mutation_errors(outcome.errors),
        )


class Mutation(graphene.ObjectType):
    appoint_official = AppointOfficial.Field()
