"""Restructuring simulator (`/sap-xep/`): choose an operation, the agencies (typed by name) and
the effective date → the dry-run impact in plain Vietnamese and the org chart before/after;
then "Lên lịch" (restructuring role, agencies inside the scope) records the change for real."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from orgchart.accounts.permissions import Actor
from orgchart.core.choices import AgencyKind, QuotaKind, Role
from orgchart.core.errors import DomainError
from orgchart.personnel.models import Official
from orgchart.positions.models import JobPosition
from orgchart.structure import tree
from orgchart.structure.models import Agency

from . import simulate
from .views import LOGIN_URL, request_memo

FIGURES = [  # (impact key, label)
    ("focal_points", "Số đầu mối (đơn vị trong phạm vi)"),
    ("direct_units", "Đơn vị trực thuộc trực tiếp"),
    ("intermediate_layers", "Cấp trung gian"),
    ("single_child_layers", "Cấp trung gian chỉ có một đơn vị"),
    ("leadership_posts", "Vị trí lãnh đạo, quản lý"),
    ("heads", "Người đứng đầu"),
    ("deputies", "Cấp phó"),
]
KIND = dict(AgencyKind.choices)
QUOTA_KIND = dict(QuotaKind.choices)


def can_schedule(actor: Actor, plan) -> bool:
    return actor.has_role(Role.RESTRUCTURING) and all(actor.agency_in_scope(a) for a in plan.involved())


def _names(impact: dict) -> tuple[dict, dict, dict]:
    """Names for the codes the impact mentions (agencies, positions, officials): 3 queries."""
    codes = set(impact.get("agencies_removed", [])) | set(impact.get("agencies_added", []))
    for key in ("children_moved", "quotas_moved", "mandates_carried", "duplicate_mandates", "mandates_ended"):
        for row in impact.get(key, []):
            codes |= {row.get("from"), row.get("to"), row.get("code")}
    codes |= {f["agency"] for k in ("findings_appeared", "findings_disappeared") for f in impact.get(k, [])}
    agencies = dict(Agency.objects.filter(code__in=[c for c in codes if c]).values_list("code", "name"))
    pcodes = set(impact.get("positions_moved", [])) | {a["position"] for a in impact.get("assignments_ended", [])}
    positions = {p.code: p for p in JobPosition.objects.filter(code__in=pcodes).select_related("agency")}
    ocodes = set(impact.get("officials_affected", [])) | {a["official"] for a in impact.get("assignments_ended", [])}
    officials = dict(Official.objects.filter(code__in=ocodes).values_list("code", "full_name"))
    return agencies, positions, officials


def present(impact: dict, show_names: bool, created: dict | None = None) -> dict:
    """The impact as rows of plain Vietnamese for the template (`created`: names of the
    agencies the dry run created, which no longer exist)."""
    agencies, positions, officials = _names(impact)
    agencies.update(created or {})

    def ag(code):
        return agencies.get(code, code or "—")

    figures = []
    for key, label in FIGURES:
        pair = impact.get(key)
        if isinstance(pair, dict) and "before" in pair:
            figures.append({"label": label, "before": pair["before"], "after": pair["after"],
                            "delta": pair["after"] - pair["before"]})
    kinds = impact.get("focal_points_by_kind") or {}
    by_kind = [{"label": KIND.get(k, k), "before": (kinds.get("before") or {}).get(k, 0),
                "after": (kinds.get("after") or {}).get(k, 0)}
               for k in sorted(set(kinds.get("before") or {}) | set(kinds.get("after") or {}))]
    return {
        "figures": figures, "by_kind": by_kind,
        "positions": [{"title": positions[c].title if c in positions else c, "code": c,
                       "agency": positions[c].agency.name if c in positions else ""} for c in impact.get("positions_moved", [])],
        "officials": [officials.get(c, c) for c in impact.get("officials_affected", [])] if show_names else [],
        "officials_count": len(impact.get("officials_affected", [])),
        "leaders": [{"official": officials.get(a["official"], a["official"]) if show_names else "(ẩn tên)",
                     "position": positions[a["position"]].title if a["position"] in positions else a["position"],
                     "agency": positions[a["position"]].agency.name if a["position"] in positions else ""}
                    for a in impact.get("assignments_ended", [])],
        "quotas": [{"from": ag(q["from"]), "to": ag(q["to"]), "year": q["year"], "kind": QUOTA_KIND.get(q["kind"], q["kind"]),
                    "amount": q["amount"], "after": q.get("target_after")} for q in impact.get("quotas_moved", [])],
        "mandates": [{"from": ag(m["from"]), "to": ag(m["to"]), "text": m["text"]} for m in impact.get("mandates_carried", [])],
        "duplicates": [{"from": ag(m["from"]), "to": ag(m["to"]), "text": m["text"]} for m in impact.get("duplicate_mandates", [])],
        "ended": [{"from": ag(m["from"]), "text": m["text"]} for m in impact.get("mandates_ended", [])],
        "children": [{"unit": ag(c["code"]), "from": ag(c["from"]), "to": ag(c["to"])} for c in impact.get("children_moved", [])],
        "removed": [ag(c) for c in impact.get("agencies_removed", [])],
        "added": [ag(c) for c in impact.get("agencies_added", [])],
        "appeared": [dict(f, agency_name=ag(f["agency"])) for f in impact.get("findings_appeared", [])],
        "cleared": [dict(f, agency_name=ag(f["agency"])) for f in impact.get("findings_disappeared", [])],
        "vacant": len(impact.get("positions_without_holders", [])),
    }


def _children(plan) -> list[Agency]:
    if plan.op != "split" or plan.main is None:
        return []
    return tree.children_on([plan.main.pk], plan.day).get(plan.main.pk, [])


@login_required(login_url=LOGIN_URL)
@request_memo
def simulator(request):
    actor = Actor.from_request(request)
    if not actor.can_read_personal:
        raise PermissionDenied("Mô phỏng sắp xếp tổ chức cần tài khoản có vai trò.")
    plan = simulate.read(request.GET)
    result = None
    if plan.submitted and not plan.errors:
        try:
            run = simulate.dry_run(plan)
        except DomainError as e:
            plan.errors.append(e.message)
        else:
            show = actor.scope_id is None or actor.role == Role.AUDITOR
            result = {"run": run, "view": present(run.impact, show, run.names), "names_hidden": not show}
    return render(request, "web/simulator.html", {
        "plan": plan, "operations": simulate.OPERATIONS, "result": result, "children": _children(plan),
        "can_schedule": can_schedule(actor, plan), "is_officer": actor.has_role(Role.RESTRUCTURING),
        "source_fields": [f"nguon{i}" for i in range(1, simulate.SOURCES + 1)], "date_query": "",
    })


def _back(request) -> str:
    """The simulator with the same plan (after a refused schedule)."""
    data = request.POST.copy()
    data.pop("csrfmiddlewaretoken", None)
    return f"{reverse('web:simulator')}?{data.urlencode()}"


@login_required(login_url=LOGIN_URL)
@require_POST
def schedule(request):
    actor = Actor.from_request(request)
    plan = simulate.read(request.POST)
    if not can_schedule(actor, plan):
        raise PermissionDenied("Chỉ cán bộ tổ chức bộ máy (trong phạm vi được giao) được lên lịch thay đổi.")
    if plan.errors:
        for e in plan.errors:
            messages.error(request, e)
        return redirect(_back(request))
    try:
        outcome = simulate.call(plan, user=request.user, dry_run=False)
    except DomainError as e:
        messages.error(request, e.message)
        return redirect(_back(request))
    ev = outcome.change_event
    messages.success(request, f"Đã lên lịch: {ev.get_kind_display().lower()} có hiệu lực từ ngày {ev.effective_on:%d/%m/%Y}.")
    return redirect("web:schedule")
