"""XLSX downloads of the pages: Vietnamese headers, every cell through `export_safety`
(formula neutralisation, CONTRACT §2)."""
import io

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

from .export_safety import escape_row

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook(sheets) -> bytes:
    """`sheets`: [(title, headers, rows)] → the XLSX file's bytes."""
    wb = Workbook()
    wb.remove(wb.active)
    for title, headers, rows in sheets:
        ws = wb.create_sheet(title[:31])
        ws.append(escape_row(headers))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
        for row in rows:
            ws.append(escape_row(list(row)))
        for i, h in enumerate(headers):
            ws.column_dimensions[ws.cell(1, i + 1).column_letter].width = min(max(12, len(str(h)) + 2), 60)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def response(filename: str, sheets) -> HttpResponse:
    resp = HttpResponse(workbook(sheets), content_type=CONTENT_TYPE)
    resp["Content-Disposition"] = f'attachment; filename="{filename}"'
    return resp
