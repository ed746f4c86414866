"""manage.py staffing_report AGENCY YEAR --out report.xlsx"""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from orgchart.staffing.report import build_workbook
from orgchart.structure.models import Agency


class Command(BaseCommand):
    help = "Báo cáo biên chế (xlsx): một sheet mỗi cấp, danh sách đối tượng tinh giản, dự báo nghỉ hưu."

    def add_arguments(self, parser):
        parser.add_argument("agency", help="mã cơ quan")
        parser.add_argument("year", type=int)
        parser.add_argument("--out", required=True, help="tệp .xlsx")
        parser.add_argument("--max-depth", type=int, default=10, help="số cấp dưới tối đa (mặc định 10)")

    def handle(self, agency, year, out, max_depth, **options):
        if not out.lower().endswith(".xlsx"):
            raise CommandError("--out phải là tệp .xlsx")
        if not 1900 <= year <= 2200:
            raise CommandError("năm phải trong khoảng 1900–2200")
        root = Agency.objects.filter(code=agency).first()
        if root is None:
            raise CommandError(f"không tìm thấy cơ quan có mã '{agency}'")
        wb = build_workbook(root, year, max_depth=max_depth, progress=options.get("verbosity", 1) > 0)
        path = Path(out)
        tmp = path.with_name(path.name + ".tmp")
        wb.save(tmp)
        tmp.replace(path)
        self.stdout.write(f"Đã ghi {path} ({len(wb.sheetnames)} sheet)")
