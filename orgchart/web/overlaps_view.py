"""Overlap review (`/chong-cheo/`): ranked findings with filters, each pair's duties side by side
with the shared terms marked, the review (confirm / dismiss / resolve / reopen, with a note)
through `orgchart.overlaps.services.review`, the pair's review history, XLSX export.
Reading needs a role (the API's rule); reviewing needs `Actor.can_review_overlaps()`."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from orgchart.accounts.permissions import Actor
from orgchart.core.choices import OverlapStatus
from orgchart.core.dates import today
from orgchart.core.errors import DomainError
from orgchart.overlaps import services
from orgchart.overlaps.index import DEFAULT_THRESHOLD
from orgchart.overlaps.models import OverlapFinding
from orgchart.structure.tree import subtree_q

from . import lookup, xlsx
from .highlight import excerpt, highlight
from .views import LOGIN_URL, request_memo

PAGE_SIZE = 25
ACTIONS = [  # (status, button label) offered from each status
    (OverlapStatus.CONFIRMED, "Xác nhận chồng chéo"), (OverlapStatus.DISMISSED, "Không chồng chéo"),
    (OverlapStatus.RESOLVED, "Đã xử lý"), (OverlapStatus.NEW, "Mở lại (chưa rà soát)"),
]


def _reader(request) -> Actor:
    actor = Actor.from_request(request)
    if not actor.can_read_personal:
        raise PermissionDenied("Rà soát chồng chéo cần tài khoản có vai trò.")
    return actor


def _filters(request):
    day = today()
    under = lookup.resolve("agency", request.GET.get("goc", ""), request.GET.get("goc_ten", ""), day)
    status = request.GET.get("trang_thai") or ""
    if status not in OverlapStatus.values:
        status = ""
    raw = (request.GET.get("diem") or "").replace(",", ".").strip()
    try:
        min_score = float(raw) if raw else DEFAULT_THRESHOLD
    except ValueError:
        min_score = DEFAULT_THRESHOLD
    min_score = min(max(min_score, 0.0), 1.0)
    qs = OverlapFinding.objects.filter(active=True, score__gte=min_score)
    if status:
        qs = qs.filter(status=status)
    if under.value is not None:
        qs = qs.filter(subtree_q(under.value, day, "agency_a__"), subtree_q(under.value, day, "agency_b__"))
    qs = qs.select_related("agency_a", "agency_b", "reviewer").order_by("-score", "agency_a__code", "agency_b__code")
    return qs, {"under": under, "status": status, "min_score": min_score}


@login_required(login_url=LOGIN_URL)
@request_memo
def overlap_list(request):
    actor = _reader(request)
    qs, filters = _filters(request)
    if request.GET.get("dinh_dang") == "xlsx":
        return _xlsx(qs)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("trang"))
    start = (page.number - 1) * PAGE_SIZE
    rows = [{"rank": start + i + 1, "f": f, "terms": ", ".join(f.shared_terms[:8])} for i, f in enumerate(page)]
    return render(request, "web/overlaps.html", {
        "page": page, "rows": rows, **filters, "statuses": OverlapStatus.choices, "threshold": DEFAULT_THRESHOLD,
        "can_review": actor.can_review_overlaps(),
    })


def _pairs(f: OverlapFinding, limit: int = 5) -> list[dict]:
    out = []
    for p in (f.mandate_pairs or [])[:limit]:
        terms = list(p.get("terms") or []) or list(f.shared_terms or [])
        a, b = p.get("a") or {}, p.get("b") or {}
        out.append({"score": p.get("score"), "terms": ", ".join(p.get("terms") or []),
                    "a": excerpt(a.get("text", ""), terms), "b": excerpt(b.get("text", ""), terms),
                    "a_full": highlight(a.get("text", ""), terms), "b_full": highlight(b.get("text", ""), terms),
                    "a_ref": a.get("ref", ""), "b_ref": b.get("ref", "")})
    return out


def review_history(f: OverlapFinding) -> list[dict]:
    """Each change of status or note of the pair: who, when, what (oldest first)."""
    rows = list(f.history.select_related("history_user").order_by("history_date", "history_id"))
    out, prev = [], None
    for h in rows:
        if prev is None or (h.status, h.note) != (prev.status, prev.note):
            by = h.history_user.get_username() if h.history_user_id else ""
            out.append({"at": h.history_date, "by": by or "hệ thống (lần rà soát tự động)", "status": h.get_status_display(),
                        "note": h.note, "first": prev is None})
        prev = h
    return out


@login_required(login_url=LOGIN_URL)
@request_memo
def overlap_detail(request, pk):
    actor = _reader(request)
    f = get_object_or_404(OverlapFinding.objects.select_related("agency_a", "agency_b", "reviewer"), pk=pk)
    allowed = services.REVIEW_TRANSITIONS[f.status]
    return render(request, "web/overlap_detail.html", {
        "f": f, "pairs": _pairs(f), "history": review_history(f), "can_review": actor.can_review_overlaps(),
        "actions": [(s, label) for s, label in ACTIONS if s in allowed and s != f.status],
        "terms": ", ".join(f.shared_terms or []),
    })


@login_required(login_url=LOGIN_URL)
@require_POST
def overlap_review(request, pk):
    actor = Actor.from_request(request)
    if not actor.can_review_overlaps():
        raise PermissionDenied("Chỉ thanh tra, kiểm toán hoặc cơ quan tổ chức bộ máy được ghi nhận rà soát.")
    f = get_object_or_404(OverlapFinding.objects.select_related("agency_a", "agency_b"), pk=pk)
    note = (request.POST.get("ghi_chu") or "").strip()[:2000]
    try:
        services.review(request.user, f.agency_a.code, f.agency_b.code, request.POST.get("trang_thai", ""), note)
    except DomainError as e:
        messages.error(request, e.message)
    else:
        f.refresh_from_db()
        messages.success(request, f"Đã ghi nhận: {f.get_status_display()} ({timezone.localtime(f.reviewed_at):%d/%m/%Y %H:%M}).")
    return redirect("web:overlap_detail", pk=pk)


XLSX_HEADERS = ["Hạng", "Mã cơ quan A", "Tên cơ quan A", "Mã cơ quan B", "Tên cơ quan B", "Điểm", "Thuật ngữ chung",
                "Trạng thái", "Người rà soát", "Ngày rà soát", "Ghi chú", "Nhiệm vụ A", "Nhiệm vụ B"]


def _xlsx(qs):
    def rows():
        for i, f in enumerate(qs[:5000], start=1):
            best = (f.mandate_pairs or [{}])[0]
            yield [i, f.agency_a.code, f.agency_a.name, f.agency_b.code, f.agency_b.name, round(f.score, 4),
                   ", ".join(f.shared_terms or []), f.get_status_display(),
                   f.reviewer.get_username() if f.reviewer_id else "",
                   timezone.localtime(f.reviewed_at).strftime("%d/%m/%Y %H:%M") if f.reviewed_at else "", f.note,
                   (best.get("a") or {}).get("text", ""), (best.get("b") or {}).get("text", "")]

    return xlsx.response(f"chong-cheo-{today().isoformat()}.xlsx", [("Chồng chéo", XLSX_HEADERS, rows())])
