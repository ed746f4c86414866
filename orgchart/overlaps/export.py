"""CSV/XLSX export of overlap findings (cells neutralised against formula injection)."""
import csv
from pathlib import Path

from .models import OverlapFinding

COLUMNS = [
    "agency_a", "agency_a_name", "agency_b", "agency_b_name", "score", "status", "active", "shared_terms",
    "mandate_pairs", "note", "reviewer", "reviewed_at",
]
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A cell starting with = + - @ tab or CR gets a leading ' (CONTRACT §2)."""
    if isinstance(value, str) and value.startswith(_DANGEROUS):
        return "'" + value
    return value


def rows(include_stale: bool = False, min_score: float | None = None):
    qs = OverlapFinding.objects.select_related("agency_a", "agency_b", "reviewer").order_by(
        "-score", "agency_a__code", "agency_b__code"
    )
    if not include_stale:
        qs = qs.filter(active=True)
    if min_score is not None:
        qs = qs.filter(score__gte=min_score)
    for f in qs.iterator(chunk_size=1000):
        pairs = "; ".join(
            f"{p['a'].get('ref') or p['a'].get('id')}~{p['b'].get('ref') or p['b'].get('id')} ({p['score']:.2f})"
            for p in f.mandate_pairs
        )
        yield [
            f.agency_a.code, f.agency_a.name, f.agency_b.code, f.agency_b.name, round(f.score, 4), f.status,
            "true" if f.active else "false", ";".join(f.shared_terms), pairs, f.note,
            f.reviewer.get_username() if f.reviewer else "", f.reviewed_at.isoformat() if f.reviewed_at else "",
        ]


def export_findings(path: str, include_stale: bool = False, min_score: float | None = None) -> int:
    suffix = Path(path).suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ValueError("Tệp xuất phải có đuôi .csv hoặc .xlsx")
    n = 0
    if suffix == ".csv":
        with open(path, "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(COLUMNS)
            for row in rows(include_stale, min_score):
                w.writerow([neutralise(v) for v in row])
                n += 1
        return n
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("chong_cheo")
    ws.append(COLUMNS)
    for row in rows(include_stale, min_score):
        ws.append([neutralise(v) for v in row])
        n += 1
    wb.save(path)
    return n
