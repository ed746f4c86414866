"""revoke_api_token (TOKEN | --prefix P | --user USERNAME): revokes tokens; they answer 401 from then on."""
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from orgchart.accounts.models import ApiToken


class Command(BaseCommand):
    help = "Thu hồi mã truy cập API."

    def add_arguments(self, parser):
        parser.add_argument("token", nargs="?", help="the raw token")
        parser.add_argument("--prefix", help="the first 8 characters of a token (as shown in the admin)")
        parser.add_argument("--user", help="revoke every token of this user")

    def handle(self, token=None, prefix=None, user=None, **options):
        qs = ApiToken.objects.filter(revoked_at__isnull=True)
        if token:
            qs = qs.filter(digest=ApiToken.hash(token))
        elif prefix:
            qs = qs.filter(prefix=prefix)
        elif user:
            qs = qs.filter(user__username=user)
        else:
            raise CommandError("give a token, --prefix or --user")
        n = qs.update(revoked_at=timezone.now())
        if n == 0:
            raise CommandError("no active token matched")
        self.stdout.write(f"Đã thu hồi {n} mã truy cập.")
