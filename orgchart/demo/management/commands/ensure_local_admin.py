"""manage.py ensure_local_admin: for `make run`, make sure a local administrator exists.

No superuser yet → creates user `admin` with a random password, gives it the admin role and
prints the credentials once. Otherwise prints a one-line reminder and changes nothing.
"""
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from orgchart.accounts.models import Membership
from orgchart.core.choices import Role


class Command(BaseCommand):
    help = "Tạo tài khoản quản trị cục bộ (admin) nếu chưa có superuser; in mật khẩu một lần."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username="admin", **options):
        User = get_user_model()
        existing = User.objects.filter(is_superuser=True).order_by("pk").first()
        if existing is not None:
            self.stdout.write(f"Đã có tài khoản quản trị ({existing.get_username()}).")
            return
        password = secrets.token_urlsafe(12)
        with transaction.atomic():
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User.objects.create_superuser(username=username, email="", password=password)
            else:  # an ordinary user of that name: promote it and reset its password
                user.is_staff = user.is_superuser = True
                user.set_password(password)
                user.save()
            Membership.objects.update_or_create(user=user, defaults={"role": Role.ADMIN, "scope": None})
        self.stdout.write(f"Tài khoản quản trị: {username} / {password}")
