"""create_api_token USERNAME --role ROLE [--scope AGENCY_CODE] [--expires-days N]

Creates the user if missing (or updates its role and scope), issues a new token and prints only
the token on stdout. Earlier tokens stay valid until revoked or expired."""
import datetime as dt

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from orgchart.accounts.models import ApiToken, Membership
from orgchart.core.choices import Role
from orgchart.structure.models import Agency


class Command(BaseCommand):
    help = "Tạo mã truy cập API cho một người dùng (in ra duy nhất mã truy cập)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=list(Role.values))
        parser.add_argument("--scope", help="agency code: limits writes and personal-data reads to its subtree")
        parser.add_argument("--expires-days", type=int, help="the token expires after N days")

    @transaction.atomic
    def handle(self, username, role, scope=None, expires_days=None, **options):
        scope_agency = None
        if scope:
            scope_agency = Agency.objects.filter(code=scope).first()
            if scope_agency is None:
                raise CommandError(f"unknown agency code for --scope: {scope}")
        if expires_days is not None and expires_days <= 0:
            raise CommandError("--expires-days must be a positive number of days")
        user, _ = get_user_model().objects.get_or_create(username=username)
        Membership.objects.update_or_create(user=user, defaults={"role": role, "scope": scope_agency})
        expires_at = timezone.now() + dt.timedelta(days=expires_days) if expires_days else None
        _, raw = ApiToken.issue(user, expires_at=expires_at)
        self.stdout.write(raw)
