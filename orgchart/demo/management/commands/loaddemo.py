"""manage.py loaddemo [--if-empty] [--dir DIR]: load the demo province through the transfer service."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from orgchart.demo.generate import OUT


class Command(BaseCommand):
    help = "Nạp dữ liệu minh họa (tỉnh Khánh Hòa) từ fixtures/demo/*.csv; chạy lại không thay đổi gì."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true",
                            help="bỏ qua nếu cơ sở dữ liệu đã có cơ quan (dùng cho make run)")
        parser.add_argument("--dir", type=Path, default=OUT, help="thư mục chứa các tệp CSV (mặc định fixtures/demo)")
        parser.add_argument("--progress", action="store_true", help="hiện thanh tiến trình cho tệp lớn")

    def handle(self, *args, if_empty=False, dir=OUT, progress=False, **options):
        from orgchart.structure.models import Agency
        from orgchart.transfer.services import KINDS, ImportFailed, import_file

        if if_empty and Agency.objects.exists():
            self.stdout.write("Đã có dữ liệu, bỏ qua nạp dữ liệu minh họa (demo data skipped: database not empty).")
            self._overlaps(progress, only_if_missing=True)
            return
        missing = [k for k in KINDS if not (dir / f"{k}.csv").is_file()]
        if missing:
            raise CommandError(f"thiếu tệp dữ liệu minh họa trong {dir}: {', '.join(m + '.csv' for m in missing)}")
        totals = {}
        try:
            with transaction.atomic():
                for kind in KINDS:
                    summary = import_file(kind, dir / f"{kind}.csv", progress=progress)
                    totals[kind] = summary
                    self.stdout.write(f"{kind:<17} {summary.rows:>6} dòng: tạo mới {summary.created}, "
                                      f"cập nhật {summary.updated}, không đổi {summary.unchanged}")
        except ImportFailed as exc:
            for err in exc.errors[:20]:
                self.stderr.write(f"{kind}.csv row {err.row}, column {err.column}: {err.message}")
            raise CommandError(f"nạp {kind}.csv thất bại ({len(exc.errors)} lỗi); không ghi gì") from None
        created = sum(s.created for s in totals.values())
        updated = sum(s.updated for s in totals.values())
        self.stdout.write(self.style.SUCCESS(
            f"Đã nạp dữ liệu minh họa: tạo mới {created}, cập nhật {updated}, "
            f"không đổi {sum(s.unchanged for s in totals.values())}."))
        self._overlaps(progress)

    def _overlaps(self, progress, only_if_missing=False):
        """Overlap findings for the demo (RULES §5): computed once, then re-run incrementally —
        nothing changed, nothing written; reviews are kept (detect_overlaps). With
        `only_if_missing` (a database that was not empty: `make run`), only when no run exists."""
        from django.core.management import call_command

        try:
            from orgchart.overlaps.models import OverlapRun
        except ImportError:
            return
        if only_if_missing and OverlapRun.objects.filter(finished_at__isnull=False).exists():
            return
        call_command("detect_overlaps", no_progress=not progress, stdout=self.stdout, stderr=self.stderr)
