"""backup DIR: exports every CONTRACT §2 kind to DIR/<kind>.csv (restore with `restore DIR`)."""
from pathlib import Path

from django.core.management.base import BaseCommand

from orgchart.transfer.services import KINDS, export_file


class Command(BaseCommand):
    help = "Sao lưu toàn bộ dữ liệu (11 loại của CONTRACT §2) ra một thư mục CSV."

    def add_arguments(self, parser):
        parser.add_argument("directory")

    def handle(self, directory, **options):
        target = Path(directory)
        target.mkdir(parents=True, exist_ok=True)
        for kind in KINDS:
            n = export_file(kind, target / f"{kind}.csv")
            self.stdout.write(f"{kind}: {n} rows")
        self.stdout.write(self.style.SUCCESS(f"Đã sao lưu vào {target}"))
