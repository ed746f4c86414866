"""manage.py export_data KIND FILE [--format csv|xlsx|json]: the import columns back out."""
import sys

from django.core.management.base import BaseCommand

from orgchart.transfer.readers import FORMATS
from orgchart.transfer.services import KINDS, ImportFailed, check_kind, export_file


class Command(BaseCommand):
    # System checks load the URLconf and the GraphQL schema: seconds of start-up that a data
    # command does not need (`manage.py check` runs them).
    requires_system_checks = []
    help = "Xuất dữ liệu ra tệp CSV/XLSX/JSON (export one kind; re-importing it changes nothing)."

    def add_arguments(self, parser):
        parser.add_argument("kind", help=f"one of: {', '.join(KINDS)}")
        parser.add_argument("file")
        parser.add_argument("--format", choices=FORMATS, help="default: from the file extension")

    def handle(self, *args, **opts):
        try:
            count = export_file(check_kind(opts["kind"]), opts["file"], fmt=opts["format"])
        except ImportFailed as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            sys.exit(1)
        except Exception as exc:  # noqa: BLE001 — never a traceback at the command boundary
            message = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            self.stderr.write(f"export failed: {type(exc).__name__}: {message} (xuất thất bại)")
            sys.exit(1)
        self.stdout.write(f"{opts['kind']}: exported {count} rows to {opts['file']} (đã xuất {count} dòng)")
