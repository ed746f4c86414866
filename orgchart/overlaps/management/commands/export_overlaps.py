"""manage.py export_overlaps FILE.csv|xlsx [--all] [--min-score X]"""
from django.core.management.base import BaseCommand, CommandError

from orgchart.overlaps import export


class Command(BaseCommand):
    help = "Xuất kết quả chồng chéo ra CSV/XLSX (ô bắt đầu bằng = + - @ được vô hiệu hóa công thức)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--all", action="store_true", help="cả các cặp không còn phát hiện")
        parser.add_argument("--min-score", type=float, default=None)

    def handle(self, *args, file=None, all=False, min_score=None, **options):
        try:
            n = export.export_findings(file, include_stale=all, min_score=min_score)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Đã xuất {n} cặp vào {file}")
