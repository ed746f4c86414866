"""manage.py detect_overlaps [--under CODE] [--full] [--workers N] [--threshold X]"""
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from orgchart.overlaps import index, services
from orgchart.structure.models import Agency


class Command(BaseCommand):
    help = (
        "Rà soát chồng chéo chức năng, nhiệm vụ: tính lại kết quả (giữ kết quả rà soát của các cặp "
        "có nhiệm vụ không đổi). Recompute overlap findings, keeping reviews of unchanged pairs."
    )

    def add_arguments(self, parser):
        parser.add_argument("--under", metavar="CODE", help="chỉ cơ quan này và cây con của nó")
        parser.add_argument("--full", action="store_true", help="tính lại mọi phạm vi tài phán (không tăng dần)")
        parser.add_argument("--workers", type=int, default=None, help="số tiến trình phân tích văn bản (mặc định 1)")
        parser.add_argument("--threshold", type=float, default=None, help="ngưỡng mặc định (chỉ để ghi nhận)")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, under=None, full=False, workers=None, threshold=None, no_progress=False, **options):
        root = None
        if under:
            root = Agency.objects.filter(code=under).first()
            if root is None:
                raise CommandError(f"Không có cơ quan mã {under!r}")
        params = index.Params() if threshold is None else index.Params(threshold=threshold)
        total = services.count_statements(root)
        if workers is None:
            workers = 1  # measured: one process with the clause cache beats shipping clauses to workers
        bars = {}

        def progress(kind, n):
            if no_progress:
                return
            if kind not in bars:
                desc, tot = ("Phân tích nhiệm vụ", total) if kind == "statement" else ("Chấm điểm cặp", None)
                bars[kind] = tqdm(total=tot, desc=desc, unit=" nv" if kind == "statement" else " mệnh đề",
                                  file=self.stderr._out, mininterval=0.5)
            bars[kind].update(n)

        run = services.detect(root, params, workers=workers, progress=progress, full=full)
        for bar in bars.values():
            bar.close()
        c = run.counts
        self.stdout.write(
            f"Đã rà soát {c['statements']} nhiệm vụ của {c['agencies']} cơ quan"
            f" ({'tăng dần' if run.incremental else 'toàn bộ'}): {c['found']} cặp ≥ {services.STORE_FLOOR}"
            f" (mới {c['new']}, giữ {c['kept']}, mở lại {c['reopened']}, không còn {c['stale']});"
            f" ngưỡng mặc định {params.threshold}."
        )
