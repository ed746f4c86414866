"""Who may do what: a role (and optional subtree scope) per user, and API tokens.

Tokens are random 32-byte values; only their SHA-256 digest is stored (they are checked
on every request, so a password hash would be too slow and adds nothing for random keys).
"""
import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from orgchart.core.choices import Role, values_q
from orgchart.core.history import audited


class Membership(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership")
    role = models.CharField("vai trò", max_length=16, choices=Role.choices)
    scope = models.ForeignKey(
        "structure.Agency", verbose_name="phạm vi (cây con)", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    history = audited()

    class Meta:
        verbose_name = "vai trò người dùng"
        verbose_name_plural = "vai trò người dùng"
        constraints = [models.CheckConstraint(condition=values_q("role", Role), name="membership_role_valid")]

    def __str__(self):
        return f"{self.user} — {self.role}" + (f" @ {self.scope.code}" if self.scope_id else "")


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    digest = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField("tiền tố", max_length=8, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField("hết hạn", null=True, blank=True)
    revoked_at = models.DateTimeField("thu hồi lúc", null=True, blank=True)
    history = audited()

    class Meta:
        verbose_name = "mã truy cập API"
        verbose_name_plural = "mã truy cập API"

    def __str__(self):
        return f"{self.prefix}… ({self.user})"

    @staticmethod
    def hash(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()

    @classmethod
    def issue(cls, user, expires_at=None) -> tuple["ApiToken", str]:
        raw = secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, digest=cls.hash(raw), prefix=raw[:8], expires_at=expires_at)
        return token, raw

    @classmethod
    def authenticate(cls, raw: str):
        """The user of a valid (not revoked, not expired) token, else None."""
        if not raw:
            return None
        token = cls.objects.select_related("user", "user__membership").filter(digest=cls.hash(raw)).first()
        if token is None or token.revoked_at is not None or not token.user.is_active:
            return None
        if token.expires_at is not None and token.expires_at <= timezone.now():
            return None
        return token.user
