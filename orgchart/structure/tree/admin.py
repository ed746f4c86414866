"""The admin of the tree itself: today's tree drawn and reordered by drag and drop (MPTT
backend: django-mptt's DraggableMPTTAdmin). A drop is handed to `reparent(request, item,
new_parent)`, which the agency admin implements as a recorded structural change."""
from django import http
from django.contrib import messages
from django.db import transaction
from mptt.admin import DraggableMPTTAdmin
from mptt.forms import MPTTAdminForm

TREE_COLUMNS = ("tree_actions", "indented_title")


class TreeAdminForm(MPTTAdminForm):
    pass


class TreeAdmin(DraggableMPTTAdmin):
    mptt_level_indent = 18

    def _tree_context(self, request):
        context = super()._tree_context(request)
        context["messages"] = {  # django-mptt ships no Vietnamese translation
            "before": "chuyển lên trước đơn vị này (cùng cấp trên)",
            "child": "chuyển vào làm đơn vị trực thuộc",
            "after": "chuyển xuống sau đơn vị này (cùng cấp trên)",
            "collapseTree": "Thu gọn cây",
            "expandTree": "Mở rộng cây",
        }
        return context

    def reparent(self, request, item, new_parent) -> http.HttpResponse:  # pragma: no cover - overridden
        raise NotImplementedError

    @transaction.atomic
    def _move_node(self, request):
        """Drag and drop: siblings are ordered by code, so only the new parent matters."""
        position = request.POST.get("position")
        if position not in ("last-child", "left", "right"):
            self.message_user(request, "Không hiểu thao tác di chuyển.", level=messages.ERROR)
            return http.HttpResponse("FAIL, unknown instruction.")
        queryset = self.get_queryset(request)
        try:
            cut_item = queryset.select_for_update().get(pk=request.POST.get("cut_item"))
            pasted_on = queryset.get(pk=request.POST.get("pasted_on"))
        except (self.model.DoesNotExist, TypeError, ValueError):
            self.message_user(request, "Cơ quan không còn tồn tại, hãy tải lại trang.", level=messages.ERROR)
            return http.HttpResponse("FAIL, invalid objects.")
        if not self.has_change_permission(request, cut_item):
            self.message_user(request, "Không có quyền.", level=messages.ERROR)
            return http.HttpResponse("FAIL, no permission.")
        new_parent = pasted_on if position == "last-child" else pasted_on.parent
        return self.reparent(request, cut_item, new_parent)
