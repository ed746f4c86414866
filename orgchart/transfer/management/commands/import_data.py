"""manage.py import_data KIND FILE [--dry-run] [--format csv|xlsx|json] (CONTRACT §1–2).

Atomic: any bad row → nothing written, every problem on stderr as `row N, column C: message`,
exit code 1. A summary line (created / updated / unchanged) on stdout otherwise."""
import sys

from django.core.management.base import BaseCommand

from orgchart.transfer.readers import FORMATS
from orgchart.transfer.services import KINDS, ImportFailed, import_file


class Command(BaseCommand):
    # System checks load the URLconf and the GraphQL schema: seconds of start-up that a data
    # command does not need (`manage.py check` runs them).
    requires_system_checks = []
    help = "Nhập dữ liệu từ tệp CSV/XLSX/JSON (import one data file; all rows or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("kind", help=f"one of: {', '.join(KINDS)}")
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="validate everything, write nothing")
        parser.add_argument("--format", choices=FORMATS, help="default: from the file extension")
        parser.add_argument("--progress", action="store_true", help="show a progress bar even when not on a TTY")

    def handle(self, *args, **opts):
        try:
            summary = import_file(
                opts["kind"], opts["file"], fmt=opts["format"], dry_run=opts["dry_run"], progress=opts["progress"]
            )
        except ImportFailed as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            self.stderr.write(f"import failed: {len(exc.errors)} problem(s), nothing written "
                              f"(nhập thất bại, không ghi dữ liệu nào)")
            sys.exit(1)
        except Exception as exc:  # noqa: BLE001 — never a traceback at the command boundary
            message = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            self.stderr.write(f"import failed: {type(exc).__name__}: {message} (nhập thất bại, không ghi dữ liệu nào)")
            sys.exit(1)
        self.stdout.write(f"{opts['kind']}: {summary}")
