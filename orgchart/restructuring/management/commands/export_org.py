"""Export the agency tree on a date and the change events up to it as W3C ORG JSON-LD or
Popolo JSON (open data: public structure, no personal data)."""
import json

from django.core.management.base import BaseCommand, CommandError

from orgchart.core.dates import parse_date, today
from orgchart.restructuring import opendata


class Command(BaseCommand):
    help = "Xuất cơ cấu tổ chức tại một ngày và các sự kiện thay đổi (W3C ORG JSON-LD hoặc Popolo JSON)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="output file ('-' for stdout)")
        parser.add_argument("--date", default=None, help="YYYY-MM-DD (default: today)")
        parser.add_argument("--format", choices=["jsonld", "popolo"], default="jsonld")
        parser.add_argument("--base", default="urn:orgchart:", help="IRI prefix of agencies and events (JSON-LD)")

    def handle(self, *args, **opts):
        try:
            day = parse_date(opts["date"]) or today()
        except ValueError:
            raise CommandError(f"invalid --date {opts['date']!r} (YYYY-MM-DD)")
        data = opendata.jsonld(day, opts["base"]) if opts["format"] == "jsonld" else opendata.popolo(day)
        text = json.dumps(data, ensure_ascii=False, indent=1)
        if opts["file"] == "-":
            self.stdout.write(text)
        else:
            with open(opts["file"], "w", encoding="utf-8") as fh:
                fh.write(text + "\n")
            n = len(data.get("@graph", data.get("organizations", [])))
            self.stderr.write(f"{opts['format']}: {n} records on {day.isoformat()} → {opts['file']}")
