"""The appointment checker page (`/kiem-tra-bo-nhiem/`): the same engine as checkEligibility and
eligibleCandidates, for personnel officers who prefer a form. Personal data: a role is needed,
and a scoped user sees only officials and positions inside the scope."""
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from orgchart.accounts.permissions import Actor
from orgchart.core.choices import AssignmentKind
from orgchart.personnel.models import Official
from orgchart.positions.models import JobPosition

from .dates import page_date
from .views import LOGIN_URL, request_memo

CANDIDATE_LIMIT = 50


def action_choices():
    from orgchart.eligibility.facts import ACTIONS

    return [(a, AssignmentKind(a).label) for a in ACTIONS]


@login_required(login_url=LOGIN_URL)
@request_memo
def eligibility_check(request):
    try:
        from orgchart.eligibility import engine
        from orgchart.eligibility.graphql import candidate_pool
    except ImportError:  # eligibility not installed
        raise PermissionDenied("Chức năng kiểm tra điều kiện bổ nhiệm chưa được cài đặt.")
    actor = Actor.from_request(request)
    if not actor.can_read_personal:
        raise PermissionDenied("Kiểm tra điều kiện bổ nhiệm cần tài khoản có vai trò.")
    date = page_date(request)
    choices = action_choices()
    official_code = (request.GET.get("can_bo") or "").strip()
    position_code = (request.GET.get("vi_tri") or "").strip()
    action = request.GET.get("hinh_thuc") or choices[1][0]
    context = {"date": date, "choices": choices, "official_code": official_code, "position_code": position_code,
               "action": action, "errors": [], "result": None, "candidates": None, "limit": CANDIDATE_LIMIT}
    if action not in dict(choices):
        context["errors"].append("Hình thức không hợp lệ.")
    position = official = None
    if position_code:
        position = JobPosition.objects.select_related("agency").filter(code=position_code).first()
        if position is None:
            context["errors"].append(f"Không tìm thấy vị trí việc làm mã «{position_code}».")
        elif not actor.agency_in_scope(position.agency):
            context["errors"].append("Vị trí này nằm ngoài phạm vi được giao của bạn.")
            position = None
    if official_code:
        official = Official.objects.filter(code=official_code).first()
        if official is None:
            context["errors"].append(f"Không tìm thấy cán bộ mã «{official_code}».")
        elif not actor.can_read_official(official):
            context["errors"].append("Cán bộ này nằm ngoài phạm vi được giao của bạn.")
            official = None
    context.update(position=position, official=official)
    if context["errors"] or position is None:
        return render(request, "web/eligibility.html", context)
    if official is not None:
        context["result"] = engine.check(official.pk, position.pk, action, date.day)
    else:
        pool = candidate_pool(date.day, None, actor.scope)
        results = engine.candidates(position.pk, action, date.day, pool)[:CANDIDATE_LIMIT]
        context["candidates"] = results
    return render(request, "web/eligibility.html", context)
