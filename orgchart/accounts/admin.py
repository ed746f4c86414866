"""Admin: roles and scopes of users, and API tokens (only SHA-256 digests are stored; a token
is issued with `manage.py create_api_token` and can be revoked here)."""
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils import timezone

from orgchart.web.admin_base import HistoryAdmin, column

from .models import ApiToken, Membership

User = get_user_model()


@admin.register(Membership)
class MembershipAdmin(HistoryAdmin):
    list_display = ("user", "role", "scope_code")
    list_filter = ("role",)
    search_fields = ("user__username", "scope__code", "scope__name")
    list_select_related = ("user", "scope")
    autocomplete_fields = ("user", "scope")
    scope_code = column("scope__code", "phạm vi")


@admin.register(ApiToken)
class ApiTokenAdmin(HistoryAdmin):
    list_display = ("prefix", "user", "created_at", "expires_at", "revoked_at", "status")
    list_filter = ("revoked_at",)
    search_fields = ("prefix", "user__username")
    list_select_related = ("user",)
    readonly_fields = ("user", "prefix", "digest", "created_at", "revoked_at")
    fields = ("user", "prefix", "digest", "created_at", "expires_at", "revoked_at")
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    @admin.display(description="trạng thái")
    def status(self, obj):
        if obj.revoked_at:
            return "Đã thu hồi"
        if obj.expires_at and obj.expires_at <= timezone.now():
            return "Hết hạn"
        return "Hiệu lực"

    @admin.action(description="Thu hồi các mã truy cập đã chọn", permissions=["change"])
    def revoke(self, request, queryset):
        now = timezone.now()
        count = 0
        for token in queryset.filter(revoked_at__isnull=True):
            token.revoked_at = now
            token.save(update_fields=["revoked_at"])  # keeps a history row per token
            count += 1
        self.message_user(request, f"Đã thu hồi {count} mã truy cập.", messages.SUCCESS)


class MembershipInline(admin.StackedInline):
    model = Membership
    can_delete = True
    extra = 0
    max_num = 1
    autocomplete_fields = ("scope",)
    verbose_name_plural = "vai trò trong orgchart"


if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class OrgchartUserAdmin(UserAdmin):
    inlines = [MembershipInline]
    list_display = ("username", "email", "is_staff", "is_superuser", "role")
    list_select_related = ("membership",)

    @admin.display(description="vai trò")
    def role(self, obj):
        membership = getattr(obj, "membership", None) if hasattr(obj, "membership") else None
        return membership.get_role_display() if membership else "—"
