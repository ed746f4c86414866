"""Make today's tree (the tree package's storage) and positions' current agency reflect the link rows that hold
today, and mark change events that have become effective as applied. Run daily (cron) and after
every structural write; idempotent (a second run changes nothing)."""
from django.core.management.base import BaseCommand
from django.db import transaction

from orgchart.structure import tree


class Command(BaseCommand):
    help = "Áp dụng các thay đổi tổ chức đã đến ngày hiệu lực vào cây hiện tại (chạy hằng ngày; chạy lại không đổi gì)."

    def handle(self, *args, **options):
        with transaction.atomic():
            tree.lock_tree()
            created = tree.ensure_links()
            result = tree.apply_current()
        self.stdout.write(
            f"links created: {created}; agencies moved: {result['agencies_moved']}; "
            f"positions moved: {result['positions_moved']}; events applied: {result['events_applied']}"
        )
