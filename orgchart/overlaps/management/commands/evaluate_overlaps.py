"""manage.py evaluate_overlaps LABELS.csv [--threshold X]"""
from django.core.management.base import BaseCommand, CommandError

from orgchart.overlaps import evaluate, index


class Command(BaseCommand):
    help = (
        "Đánh giá bộ phát hiện chồng chéo trên nhãn (agency_a,agency_b,label: overlap|none|lineage|ignore): "
        "precision, recall, F1 ở ngưỡng mặc định và danh sách sai."
    )

    def add_arguments(self, parser):
        parser.add_argument("labels")
        parser.add_argument("--threshold", type=float, default=None)

    def handle(self, *args, labels=None, threshold=None, **options):
        threshold = index.DEFAULT_THRESHOLD if threshold is None else threshold
        try:
            report = evaluate.evaluate_file(labels, threshold)
        except (OSError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(evaluate.format_report(report))
