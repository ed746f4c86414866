"""Public API of the transfer package (used by loaddemo, backup/restore and the benchmarks).

    import_file(kind, path, fmt=None, dry_run=False, progress=False, stdout=None) -> ImportSummary
    import_rows(kind, rows, dry_run=False) -> ImportSummary
    export_file(kind, path, queryset=None) -> number of rows
    KINDS  — the twelve kinds of CONTRACT §2, dependencies first (change_events last)
    ImportFailed(errors: list[RowError(row, column, message)])
"""
import sys

from .columns import KINDS, SPECS, get_spec
from .errors import ImportFailed, RowError
from .exporter import export_file
from .importer import ImportSummary
from .importer import import_table as _import_table
from .readers import Table, read_table

__all__ = ["KINDS", "ImportFailed", "ImportSummary", "RowError", "export_file", "import_file", "import_rows",
           "check_kind"]


def check_kind(kind: str) -> str:
    if kind not in SPECS:
        raise ImportFailed([RowError(None, None, f"unknown kind {kind!r}; kinds: {', '.join(KINDS)} "
                                                 "(loại dữ liệu không hợp lệ)")])
    return kind


def import_file(kind: str, path, fmt: str | None = None, dry_run: bool = False, progress: bool = False,
                stdout=None) -> ImportSummary:
    """Import one file atomically; raises ImportFailed (nothing written) on any bad row.
    `progress`: a tqdm bar on stderr for files longer than 5,000 rows. `stdout`: where to
    print the summary line (None: print nothing)."""
    spec = get_spec(check_kind(kind))
    summary = import_table(spec, read_table(path, fmt), dry_run=dry_run, progress=progress or _stderr_is_tty())
    if stdout is not None:
        stdout.write(f"{kind}: {summary}\n")
    return summary


def import_rows(kind: str, rows: list[dict], dry_run: bool = False) -> ImportSummary:
    """Import already-read rows ({column: value}); row numbers in errors count as in a CSV
    (first row = 2). Values may be strings or Python values (dates, numbers, booleans)."""
    spec = get_spec(check_kind(kind))
    headers: dict[str, None] = {}
    for row in rows:
        headers.update(dict.fromkeys(row))
    if not rows:
        return ImportSummary(dry_run=dry_run)
    table = Table(list(headers), [(i + 2, dict(row)) for i, row in enumerate(rows)])
    return import_table(spec, table, dry_run=dry_run)


def import_table(spec, table: Table, *, dry_run=False, progress=False) -> ImportSummary:
    """The bulk importer of the kind (change_events has its own: lists of agency codes)."""
    if spec.name == "change_events":
        from .change_events import ChangeEventImporter

        return ChangeEventImporter(spec, table, dry_run=dry_run, progress=progress).run()
    return _import_table(spec, table, dry_run=dry_run, progress=progress)


def _stderr_is_tty() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False
