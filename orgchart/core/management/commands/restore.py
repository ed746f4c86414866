"""restore DIR: imports DIR/<kind>.csv for every kind, dependencies first, in ONE transaction:
any bad row in any file and nothing is written."""
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from orgchart.transfer.services import KINDS, ImportFailed, import_file


class Command(BaseCommand):
    help = "Khôi phục dữ liệu từ thư mục sao lưu (CSV)."

    def add_arguments(self, parser):
        parser.add_argument("directory")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, directory, dry_run=False, **options):
        source = Path(directory)
        files = [(kind, source / f"{kind}.csv") for kind in KINDS if (source / f"{kind}.csv").exists()]
        if not files:
            raise CommandError(f"no <kind>.csv files in {source}")
        try:
            with transaction.atomic():
                for kind, path in files:
                    import_file(kind, path, stdout=self.stdout)
                if dry_run:
                    transaction.set_rollback(True)
        except ImportFailed as failed:
            for err in failed.errors:
                sys.stderr.write(f"{kind}: {err}\n")
            raise SystemExit(1)
        self.stdout.write(self.style.SUCCESS("Đã khôi phục." if not dry_run else "Kiểm tra xong, không ghi gì."))
