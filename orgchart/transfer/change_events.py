"""The `change_events` kind (CONTRACT §2): recorded restructurings of the past.

A row creates (or updates, by `code`) a `ChangeEvent` marked `imported` with its sources
(`originals`) and targets (`results`): the lineage ("hình thành từ …") between agencies that
already exist. Nothing else changes — the agencies' own rows carry their dates and parents, and
an imported event never moves positions or officials, never counts for RED-LEADER-RESTRUCT
(RULES §3: only events recorded by the restructuring operations do).

Same contract as the other kinds: headers and cells parsed by the column table, every bad row
reported (`row N, column C: message`), atomic, `--dry-run`, upsert on `code` (a column left out
keeps the stored value; re-importing the same file or an export changes nothing). Export: one
row per event, sources and targets as `;`-lists of codes in code order.
"""
from django.db import transaction

from .errors import ImportFailed
from .importer import Importer, ImportSummary, _DryRun

M2M = {"sources": "originals", "targets": "results"}
SCALARS = ("kind", "effective_on", "decision_no", "note")


class ChangeEventImporter(Importer):
    """map_headers and parse_rows as for every kind; then references, upsert and write here."""

    def resolve_codes(self):
        from orgchart.structure.models import Agency

        wanted = {code for _, values, _ in self.parsed for name in M2M if name in self.header_of
                  for code in values.get(M2M[name]) or ()}
        known = dict(Agency.objects.filter(code__in=wanted).values_list("code", "pk"))
        rows, seen = [], {}
        for number, values, _ in self.parsed:
            ok = True
            for name, attr in M2M.items():
                if name not in self.header_of:
                    continue
                codes = list(dict.fromkeys(values.get(attr) or ()))
                unknown = [c for c in codes if c not in known]
                if unknown:
                    self.err(number, name, f"unknown agency (cơ quan) code {', '.join(map(repr, unknown))} "
                                           "(mã không tồn tại)")
                    ok = False
                values[attr] = sorted(known[c] for c in codes if c in known)
            if "sources" in self.header_of and not values.get("originals") and ok:
                self.err(number, "sources", "required value is empty (thiếu giá trị bắt buộc)")
                ok = False
            code = values.get("code")
            if code in seen:
                self.err(number, "code", f"duplicate key, already on row {seen[code]} (trùng khóa với dòng {seen[code]})")
                ok = False
            seen.setdefault(code, number)
            if ok:
                rows.append((number, values))
        return rows

    def plan(self, rows):
        """(creates, updates, unchanged) with updates = (event, {field: value}, {m2m attr: ids})."""
        from orgchart.structure.models import ChangeEvent

        existing = {ev.code: ev for ev in ChangeEvent.objects.filter(code__in=[v["code"] for _, v in rows])
                    .prefetch_related("originals", "results")}
        creates, updates, unchanged = [], [], 0
        for _, values in rows:
            ev = existing.get(values["code"])
            links = {attr: values[attr] for attr in M2M.values() if attr in values}
            if ev is None:
                creates.append((values, links))
                continue
            fields = {f: values[f] for f in SCALARS if f in values and getattr(ev, f) != values[f]}
            if not ev.imported:
                fields["imported"] = True
            relinks = {attr: ids for attr, ids in links.items()
                       if sorted(x.pk for x in getattr(ev, attr).all()) != ids}
            if fields or relinks:
                updates.append((ev, fields, relinks))
            else:
                unchanged += 1
        return creates, updates, unchanged

    def write_events(self, creates, updates):
        from orgchart.structure.models import ChangeEvent

        for values, links in creates:
            ev = ChangeEvent.objects.create(
                code=values["code"], kind=values["kind"], effective_on=values["effective_on"],
                decision_no=values.get("decision_no") or "", note=values.get("note") or "",
                imported=True, applied=True,
            )
            for attr, ids in links.items():
                getattr(ev, attr).set(ids)
        for ev, fields, relinks in updates:
            for f, value in fields.items():
                setattr(ev, f, value)
            if fields:
                ev.save()
            for attr, ids in relinks.items():
                getattr(ev, attr).set(ids)

    def run(self) -> ImportSummary:
        n_rows = len(self.table.rows)
        self.map_headers()
        self.parse_rows()
        rows = self.resolve_codes()
        if self.errors:
            raise ImportFailed(self.errors)
        creates, updates, unchanged = self.plan(rows)
        summary = ImportSummary(len(creates), len(updates), unchanged, n_rows, self.dry_run)
        try:
            with transaction.atomic():
                self.write_events(creates, updates)
                if self.dry_run:
                    raise _DryRun
        except _DryRun:
            pass
        return summary


def export_rows(spec, queryset=None):
    """(headers, columns, rows) like exporter.export_rows: one row per event, by code."""
    from orgchart.structure.models import ChangeEvent

    qs = queryset if queryset is not None else ChangeEvent.objects.all()
    qs = qs.order_by("code", "pk").prefetch_related("originals", "results")

    def rows():
        for ev in qs:
            yield (ev.code, ev.kind, ev.effective_on, _codes(ev.originals.all()), _codes(ev.results.all()),
                   ev.decision_no, ev.note)

    return [c.name for c in spec.columns], spec.columns, rows()


def _codes(agencies) -> str:
    return ";".join(sorted(a.code for a in agencies))
