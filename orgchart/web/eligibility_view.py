"""Eligibility by name (`/kiem-tra-bo-nhiem/`): choose the official and the position by typing a
name; the action defaults from the official's history and the position's role; the verdict
lists every violation and warning with its message and citation (printable); with a position
only, the ranked candidates and why each falls short. A personnel officer appoints from here
through `orgchart.eligibility.services.appoint` (an override reason when ineligible)."""
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from orgchart.accounts.permissions import Actor
from orgchart.core.choices import NON_HOLDING_KINDS, AssignmentKind, LeadershipRole, Role
from orgchart.core.errors import DomainError, errors_of
from orgchart.eligibility import engine, services
from orgchart.eligibility.facts import ACTIONS
from orgchart.eligibility.graphql import candidate_pool
from orgchart.eligibility.rules import NEVER_OVERRIDABLE
from orgchart.personnel.models import Assignment

from . import lookup
from .dates import page_date
from .views import LOGIN_URL, request_memo

CANDIDATE_LIMIT = 50
NEVER_CANDIDATES = {"ELIG-RETIRED", "ELIG-SEPARATED"}


def action_choices():
    return [(a, AssignmentKind(a).label) for a in ACTIONS]


def default_action(official, position, day) -> str:
    """A sensible action: the same post again → reappointment; a leadership post → first
    appointment, or a higher one for a deputy becoming head; otherwise recruitment for someone
    without any post yet, else transfer."""
    leading = position.leadership_role in (LeadershipRole.HEAD, LeadershipRole.DEPUTY)
    if official is None:
        return "first_appointment" if leading else "transfer"
    held = list(Assignment.objects.filter(official=official, start_on__lte=day).exclude(kind__in=list(NON_HOLDING_KINDS))
                .values_list("position_id", "position__leadership_role", "end_on"))
    current = [(pid, role) for pid, role, end in held if end is None or end >= day]
    if any(pid == position.pk for pid, _ in current):
        return "reappointment"
    if not held:
        return "recruitment"
    if not leading:
        return "transfer"
    roles = {role for _, role in current}
    if position.leadership_role == LeadershipRole.HEAD and LeadershipRole.DEPUTY in roles:
        return "higher_appointment"
    if roles & {LeadershipRole.HEAD, LeadershipRole.DEPUTY}:
        return "rotation"
    return "first_appointment"


def rank(results) -> list:
    """CONTRACT §4 order: eligible first, fewer violations, fewer warnings, official code;
    officials retired or separated on the date are never candidates."""
    kept = [r for r in results if not NEVER_CANDIDATES & {f.code for f in r.violations}]
    return sorted(kept, key=lambda r: (not r.eligible, len(r.violations), len(r.warnings), r.official.code))


def _choices(request, actor, day):
    official = lookup.resolve("official", request.GET.get("can_bo", ""), request.GET.get("can_bo_ten", ""))
    position = lookup.resolve("position", request.GET.get("vi_tri", ""), request.GET.get("vi_tri_ten", ""))
    errors = [c.error for c in (official, position) if c.error]
    if official.value is not None and not actor.can_read_official(official.value):
        errors.append("Cán bộ này nằm ngoài phạm vi được giao của bạn.")
        official.value = None
    if position.value is not None and not actor.agency_in_scope(position.value.agency):
        errors.append("Vị trí này nằm ngoài phạm vi được giao của bạn.")
        position.value = None
    if official.options and actor.scope_id is not None:
        visible = actor.official_ids_in_scope([o.pk for o in official.options])
        official.options = [o for o in official.options if o.pk in visible]
    return official, position, errors


def _pool_scopes(request, position, day):
    """Where candidates come from: the position's own unit and each unit above it (default: the
    unit above, e.g. the department of a division), or everyone ("tat_ca")."""
    from orgchart.structure import tree

    chain = [*tree.ancestors_on([position.agency.pk], day).get(position.agency.pk, []), position.agency][::-1]
    asked = request.GET.get("trong", "")
    if asked == "tat_ca":
        return chain, None
    picked = next((a for a in chain if a.code == asked), None)
    return chain, picked or (chain[1] if len(chain) > 1 else chain[0])


@login_required(login_url=LOGIN_URL)
@request_memo
def eligibility_check(request):
    actor = Actor.from_request(request)
    if not actor.can_read_personal:
        raise PermissionDenied("Kiểm tra điều kiện bổ nhiệm cần tài khoản có vai trò.")
    date = page_date(request)
    official, position, errors = _choices(request, actor, date.day)
    choices = action_choices()
    action = request.GET.get("hinh_thuc") or ""
    if action and action not in dict(choices):
        errors.append("Hình thức không hợp lệ.")
        action = ""
    o, p = official.value, position.value
    if p is not None and not action:
        action = default_action(o, p, date.day)
    context = {"date": date, "choices": choices, "official": official, "position": position, "action": action,
               "pickers": [official, position],
               "action_label": dict(choices).get(action, ""), "errors": errors, "result": None, "candidates": None,
               "limit": CANDIDATE_LIMIT, "can_appoint": False, "never": sorted(NEVER_OVERRIDABLE)}
    if p is None:
        return render(request, "web/eligibility.html", context)
    if o is not None:
        result = engine.check(o.pk, p.pk, action, date.day)
        blocking = [v for v in result.violations if v.code in NEVER_OVERRIDABLE]
        context.update(result=result, blocking=blocking,
                       can_appoint=actor.can_write_personnel(p.agency) and actor.has_role(Role.PERSONNEL))
    else:
        scopes, under = _pool_scopes(request, p, date.day)
        pool = candidate_pool(date.day, under, actor.scope)
        ranked = rank(engine.candidates(p.pk, action, date.day, pool))
        context.update(candidates=ranked[:CANDIDATE_LIMIT], candidate_total=len(ranked), pool_scopes=scopes,
                       pool_under=under.code if under else "")
    return render(request, "web/eligibility.html", context)


@login_required(login_url=LOGIN_URL)
@require_POST
def appoint(request):
    actor = Actor.from_request(request)
    if not actor.has_role(Role.PERSONNEL):
        raise PermissionDenied("Chỉ cán bộ tổ chức (quản lý cán bộ) được ra quyết định bổ nhiệm.")
    data = request.POST
    back = f"{reverse('web:eligibility')}?" + urlencode({
        "can_bo": data.get("can_bo", ""), "vi_tri": data.get("vi_tri", ""), "hinh_thuc": data.get("hinh_thuc", ""),
        "ngay": data.get("ngay_bat_dau", "")})
    try:
        outcome = services.appoint(
            actor, official_code=data.get("can_bo", ""), position_code=data.get("vi_tri", ""),
            action=data.get("hinh_thuc", ""), start_on=data.get("ngay_bat_dau", ""),
            decision_no=(data.get("so_qd") or "")[:100], override_reason=(data.get("ly_do") or "")[:2000],
        )
        errors = outcome.errors
    except DomainError as e:
        errors = errors_of(e)
    if errors:
        for e in errors:
            messages.error(request, e.message)
        return redirect(back)
    a = outcome.assignment
    note = " (vượt quy định, đã ghi lý do)" if a.override_reason else ""
    messages.success(request, f"Đã ghi nhận {a.get_kind_display().lower()} {a.official.full_name} vào vị trí "
                              f"{a.position.title} từ ngày {a.start_on:%d/%m/%Y}{note}.")
    return redirect("web:official_detail", code=a.official.code)
