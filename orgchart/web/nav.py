"""Role-aware navigation (a context processor): each role sees its own jobs first; the admin
link only for staff accounts (the admin refuses everyone else)."""
from django.urls import reverse

from orgchart.accounts.permissions import Actor
from orgchart.core.choices import Role

# (key, label, url name) — every page of the product a user can reach from the top bar.
ITEMS = {
    "tree": ("Cơ cấu tổ chức", "web:agency_tree"),
    "chart": ("Sơ đồ tổ chức", "web:org_chart"),
    "counts": ("Đầu mối", "web:structure_counts"),
    "simulate": ("Mô phỏng sắp xếp", "web:simulator"),
    "calendar": ("Lịch sắp xếp", "web:schedule"),
    "overlaps": ("Chồng chéo", "web:overlaps"),
    "eligibility": ("Bổ nhiệm", "web:eligibility"),
    "staffing": ("Biên chế", "web:staffing_home"),
    "search": ("Tra cứu", "web:search"),
}
ORDER = {
    None: ["tree", "chart", "counts", "search"],
    Role.RESTRUCTURING: ["simulate", "calendar", "counts", "chart", "tree", "overlaps", "staffing", "search"],
    Role.AUDITOR: ["overlaps", "tree", "chart", "counts", "staffing", "calendar", "eligibility", "search"],
    Role.PERSONNEL: ["eligibility", "staffing", "search", "tree", "chart", "counts", "simulate", "overlaps"],
    Role.ADMIN: ["tree", "chart", "simulate", "calendar", "counts", "overlaps", "eligibility", "staffing", "search"],
}


def items_for(actor: Actor) -> list[dict]:
    keys = ORDER.get(actor.role, ORDER[None])
    return [{"key": k, "label": ITEMS[k][0], "url": reverse(ITEMS[k][1])} for k in keys]


def navigation(request):
    actor = Actor.from_request(request)
    user = getattr(request, "user", None)
    return {
        "nav_items": items_for(actor),
        "nav_admin": bool(user is not None and user.is_authenticated and user.is_staff and user.is_active),
        "nav_role": Role(actor.role).label if actor.role else "",
    }
