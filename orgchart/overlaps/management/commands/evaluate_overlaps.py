"""manage.py evaluate_overlaps LABELS.csv [--threshold X] | --dataset DIR [--ablation]"""
import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from orgchart.core.dates import today
from orgchart.overlaps import ablation, evaluate, index


class Command(BaseCommand):
    help = (
        "Đánh giá bộ phát hiện chồng chéo trên nhãn (agency_a,agency_b,label: overlap|none|lineage|ignore): "
        "precision, recall, F1 ở ngưỡng mặc định, các cặp sai và từ chung của chúng. Với --dataset: một bộ dữ "
        "liệu trên đĩa (các thư mục con có agencies.csv, mandates.csv, labels.csv), chấm trong bộ nhớ; cặp được "
        "báo mà không có nhãn tính là dương tính giả."
    )

    def add_arguments(self, parser):
        parser.add_argument("labels", nargs="?", help="tệp nhãn, chấm trên cơ sở dữ liệu")
        parser.add_argument("--dataset", metavar="DIR", help="bộ dữ liệu có nhãn trên đĩa (không ghi gì)")
        parser.add_argument("--threshold", type=float, default=None)
        parser.add_argument("--unlisted-none", action="store_true",
                            help="cặp được báo mà tệp nhãn không nêu tính là dương tính giả")
        parser.add_argument("--ablation", action="store_true", help="với --dataset: giá trị của từng phần")
        parser.add_argument("--on", type=dt.date.fromisoformat, default=None, help="ngày xét (mặc định hôm nay)")

    def handle(self, *args, labels=None, dataset=None, threshold=None, unlisted_none=False, on=None,
               ablation=False, **options):
        threshold = index.DEFAULT_THRESHOLD if threshold is None else threshold
        try:
            if dataset:
                self._dataset(dataset, threshold, on or today(), ablation)
            elif labels:
                report = evaluate.evaluate(evaluate.read_labels(labels), threshold, unlisted_none=unlisted_none)
                self.stdout.write(evaluate.format_report(report))
            else:
                raise CommandError("Cần tệp nhãn hoặc --dataset DIR")
        except (OSError, ValueError) as exc:
            raise CommandError(str(exc)) from exc

    def _dataset(self, root, threshold, day, with_ablation):
        folders = evaluate.dataset_folders(root)
        labels = evaluate.dataset_labels(folders)
        if not labels:
            raise CommandError(f"Không có labels.csv trong {root}")

        def at(scored, t):
            return evaluate.evaluate(labels, t, scored=scored, unlisted_none=True)

        scored = evaluate.score_dataset(folders, day)
        self.stdout.write(f"Bộ dữ liệu: {', '.join(f.name for f in folders)}")
        self.stdout.write(evaluate.format_report(at(scored, threshold)))
        if with_ablation:
            self.stdout.write("\nTừng phần (tắt một phần mỗi lần): F1 ở ngưỡng mặc định | F1 tốt nhất (ngưỡng)")
            for name, default, (best_t, best) in ablation.run(lambda p: evaluate.score_dataset(folders, day, p), at):
                if default is None:
                    self.stdout.write(f"  {name}: không chạy được ({best})")
                    continue
                self.stdout.write(f"  {name}: P={default.precision:.3f} R={default.recall:.3f} F1={default.f1:.3f}"
                                  f" | F1={best.f1:.3f} (ngưỡng {best_t:.2f}; P={best.precision:.3f} R={best.recall:.3f})")
