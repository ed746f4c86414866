"""manage.py check_eligibility --position CODE --action first_appointment [--official CODE]
[--on-date D] [--under CODE] [--format table|csv] [--first N]

Without --official: every official not separated on the date (or holding a post under --under),
ranked as in eligibleCandidates. Prints one row per official with the codes found."""
import csv
import datetime as dt
import sys

from django.core.management.base import BaseCommand, CommandError

from orgchart.core.dates import today
from orgchart.eligibility import engine
from orgchart.eligibility.facts import ACTIONS
from orgchart.eligibility.graphql import MAX_FIRST, candidate_pool
from orgchart.personnel.models import Official
from orgchart.positions.models import JobPosition
from orgchart.structure.models import Agency

HEADER = ["official_code", "full_name", "eligible", "violations", "warnings", "messages"]


class Command(BaseCommand):
    help = "Kiểm tra điều kiện tuyển dụng/bổ nhiệm/luân chuyển/điều động vào một vị trí (RULES.md §2)."

    def add_arguments(self, parser):
        parser.add_argument("--position", required=True, help="mã vị trí việc làm")
        parser.add_argument("--action", required=True, type=str.lower, choices=ACTIONS)
        parser.add_argument("--official", help="chỉ kiểm tra một cán bộ")
        parser.add_argument("--on-date", help="YYYY-MM-DD (mặc định hôm nay)")
        parser.add_argument("--under", help="chỉ xét cán bộ đang giữ vị trí trong cơ quan này và cấp dưới")
        parser.add_argument("--format", choices=("table", "csv"), default="table")
        parser.add_argument("--first", type=int, default=100, help=f"số dòng tối đa (≤ {MAX_FIRST})")

    def handle(self, *args, **opts):
        try:
            day = dt.date.fromisoformat(opts["on_date"]) if opts["on_date"] else today()
        except ValueError:
            raise CommandError(f"--on-date không hợp lệ: {opts['on_date']!r} (YYYY-MM-DD)")
        if not 0 <= opts["first"] <= MAX_FIRST:
            raise CommandError(f"--first phải từ 0 đến {MAX_FIRST}")
        position = JobPosition.objects.filter(code=opts["position"]).first()
        if position is None:
            raise CommandError(f"Không tìm thấy vị trí mã {opts['position']!r}")
        action = opts["action"]
        if opts["official"]:
            official = Official.objects.filter(code=opts["official"]).first()
            if official is None:
                raise CommandError(f"Không tìm thấy cán bộ mã {opts['official']!r}")
            results = [engine.check(official.pk, position.pk, action, day)]
        else:
            under = None
            if opts["under"]:
                under = Agency.objects.filter(code=opts["under"]).first()
                if under is None:
                    raise CommandError(f"Không tìm thấy cơ quan mã {opts['under']!r}")
            results = engine.candidates(position.pk, action, day, candidate_pool(day, under, None))[: opts["first"]]
        rows = [
            [r.official.code, r.official.full_name, "yes" if r.eligible else "no",
             ";".join(f.code for f in r.violations), ";".join(f.code for f in r.warnings),
             " | ".join(f"{f.code}: {f.message} [{f.citation}]" for f in r.findings)]
            for r in results
        ]
        if opts["format"] == "csv":
            writer = csv.writer(self.stdout)
            writer.writerow(HEADER)
            writer.writerows(rows)
            return
        self._table(rows, position, action, day)

    def _table(self, rows, position, action, day):
        self.stdout.write(f"Vị trí {position.code} — {position.title}; hình thức {action}; ngày {day.isoformat()}")
        shown = [r[:5] for r in rows]
        widths = [max(len(str(x)) for x in col) for col in zip(HEADER[:5], *shown, strict=False)]
        line = "  ".join(h.ljust(w) for h, w in zip(HEADER[:5], widths, strict=True))
        self.stdout.write(line)
        self.stdout.write("  ".join("-" * w for w in widths))
        for r in shown:
            self.stdout.write("  ".join(str(x).ljust(w) for x, w in zip(r, widths, strict=True)).rstrip())
        eligible = sum(1 for r in rows if r[2] == "yes")
        self.stdout.write(f"{len(rows)} cán bộ, {eligible} đủ điều kiện.")
        if len(rows) == 1:
            for part in rows[0][5].split(" | "):
                if part:
                    self.stdout.write(f"  {part}")
        sys.stdout.flush()
