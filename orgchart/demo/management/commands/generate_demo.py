"""manage.py generate_demo [--seed N] [--out DIR]: regenerate fixtures/demo/*.csv (no database needed)."""
from pathlib import Path

from django.core.management.base import BaseCommand

from orgchart.demo.generate import OUT, SEED, generate, write


class Command(BaseCommand):
    help = "Sinh lại các tệp dữ liệu minh họa fixtures/demo/*.csv (cùng seed → cùng nội dung)."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=SEED)
        parser.add_argument("--out", type=Path, default=OUT)

    def handle(self, *args, seed=SEED, out=OUT, **options):
        tables, notes = generate(seed)
        for kind, n in write(tables, notes, out).items():
            self.stdout.write(f"{kind}: {n}")
