"""manage.py generate_dataset --agencies N --officials M --seed S [--resume]"""
from django.core.management.base import BaseCommand, CommandError

from orgchart.datagen.generator import Generator


class Command(BaseCommand):
    help = (
        "Sinh bộ dữ liệu quy mô quốc gia (34 tỉnh, thành phố; 17 bộ, ngành; sở, phòng, chi cục, đơn vị sự nghiệp, "
        "xã, phường; vị trí việc làm, cán bộ và quá trình công tác). Xác định theo seed, ghi bằng COPY (PostgreSQL), "
        "có thể tiếp tục (--resume) nếu bị dừng giữa chừng."
    )

    def add_arguments(self, parser):
        parser.add_argument("--agencies", type=int, default=100_000, help="số cơ quan, đơn vị (xấp xỉ)")
        parser.add_argument("--officials", type=int, default=2_000_000, help="số cán bộ, công chức, viên chức")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--resume", action="store_true", help="tiếp tục lần sinh dở dang cùng tham số")
        parser.add_argument("--provinces", type=int, default=34, help="chỉ sinh N tỉnh đầu (thử nghiệm)")
        parser.add_argument("--ministries", type=int, default=17, help="chỉ sinh N bộ đầu (thử nghiệm)")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, agencies, officials, seed, resume, provinces, ministries, no_progress, **options):
        if agencies < 1 or officials < 0:
            raise CommandError("--agencies phải ≥ 1 và --officials phải ≥ 0")
        if not 1 <= provinces <= 34 or not 0 <= ministries <= 17:
            raise CommandError("--provinces trong khoảng 1–34, --ministries trong khoảng 0–17")
        gen = Generator(seed, agencies, officials, provinces, ministries, log=lambda m: self.stderr.write(m))
        try:
            run = gen.run(resume=resume, progress=not no_progress and options.get("verbosity", 1) > 0)
        except RuntimeError as exc:
            raise CommandError(str(exc))
        totals: dict[str, int] = {}
        for rows in run.chunks.values_list("rows", flat=True):
            for k, v in rows.items():
                totals[k] = totals.get(k, 0) + v
        summary = ", ".join(f"{k}={v}" for k, v in totals.items())
        self.stdout.write(f"Xong {run.params_key}: {summary}")
