"""The bulk import path: validate every row in memory, then write in one transaction.

1. header → columns (unknown / duplicate / missing required columns are row-1 errors);
2. cells → values (`columns.KindSpec.parsers`), every bad cell collected;
3. codes → ids for references, in chunked queries; a code defined elsewhere in the same
   file (agencies' parent_code) is resolved after the new rows are inserted;
4. natural keys: duplicates in the file are errors; existing rows fetched in chunks;
5. merge: new object, changed object (only the columns present in the file) or unchanged;
   row rules (end before start, cycles…) checked on the merged values;
6. any error → `ImportFailed` with all of them, nothing written; else bulk_create /
   bulk_update with audit history, interval links and one tree rebuild, then commit
   (or roll back for a dry run).
"""
import sys
from dataclasses import dataclass

from django.apps import apps
from django.db import DatabaseError, IntegrityError, connection, transaction

from orgchart.core.history import BATCH, record_bulk_history
from orgchart.core.search import key_field, refresh_key
from orgchart.structure import tree

from . import pgcopy
from .columns import REF_MODELS, KindSpec
from .errors import ImportFailed, RowError
from .parsing import CellError, unguard_formula
from .readers import Table
from .sqlwrite import update_rows

CHUNK = 2000  # SQLite: values per IN (…)
PG_CHUNK = 20000
PROGRESS_MIN_ROWS = 5000
ORDERED_PAIRS = {
    "agencies": ("established_on", "dissolved_on", True),
    "mandates": ("valid_from", "valid_to", False),
    "assignments": ("start_on", "end_on", False),
    "reduction_targets": ("period_start", "period_end", False),
}
REASON = "import_data"  # the change reason of every historical row an import writes
REF_LABELS = {"agency": "agency (cơ quan)", "official": "official (cán bộ)", "position": "position (vị trí)"}


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rows: int = 0
    dry_run: bool = False

    def __str__(self) -> str:
        text = (f"{self.rows} rows: created {self.created}, updated {self.updated}, unchanged {self.unchanged} "
                f"(tạo mới {self.created}, cập nhật {self.updated}, không đổi {self.unchanged})")
        return text + (" — dry run, nothing written (chạy thử, không ghi)" if self.dry_run else "")


class _DryRun(Exception):
    pass


def _progress(iterable, show: bool, desc: str, total=None):
    if not show:
        return iterable
    from tqdm import tqdm

    return tqdm(iterable, desc=desc, total=total, file=sys.stderr, unit="row", mininterval=0.5)


class Importer:
    def __init__(self, spec: KindSpec, table: Table, *, dry_run=False, progress=False):
        self.spec, self.table, self.dry_run = spec, table, dry_run
        self.model = spec.model
        self.show = progress and len(table.rows) > PROGRESS_MIN_ROWS
        self.errors: list[RowError] = []
        self.header_of: dict[str, str] = {}  # column name → header as written
        self.bad_rows: set[int] = set()
        # (start, end, strict): the end may not come before (strict: on or before) the start
        self.pair = ORDERED_PAIRS.get(spec.name)
        key = key_field(self.model)
        self.search_attname = key.attname if key is not None else None

    def err(self, row, column_name, message):
        self.errors.append(RowError(row, self.header_of.get(column_name, column_name), message))
        if row is not None:
            self.bad_rows.add(row)

    # 1. header ------------------------------------------------------------------------
    def map_headers(self):
        self.colmap = {}
        for h in self.table.headers:
            c = self.spec.column_for_header(h)
            if c is None:
                allowed = ", ".join(x.name for x in self.spec.columns)
                self.errors.append(RowError(1, h, f"unknown column (cột không hợp lệ); allowed: {allowed}"))
            elif c.name in self.header_of:
                self.errors.append(RowError(1, h, f"duplicate column, same as {self.header_of[c.name]} (cột bị lặp)"))
            else:
                self.colmap[h] = c
                self.header_of[c.name] = h
        for c in self.spec.columns:
            if c.required and c.name not in self.header_of:
                self.errors.append(RowError(1, c.name, "missing required column (thiếu cột bắt buộc)"))
        if self.errors:
            raise ImportFailed(self.errors)

    # 2. cells -------------------------------------------------------------------------
    def parse_rows(self):
        spec, guarded = self.spec, self.table.guarded
        required = [c for c in spec.columns if c.required]
        plan = {h: (c, c.name, c.attname, spec.parsers[c.name], spec.empty[c.name], c.required, c.type == "ref")
                for h, c in self.colmap.items()}
        aligned = [plan[h] for h in self.table.headers]
        self.parsed = []  # (row, values {attname: value}, refs {column name: code or None})
        for number, cells in _progress(self.table.rows, self.show, "kiểm tra / validating"):
            values, refs, ok = {}, {}, True
            items = zip(aligned, cells, strict=True) if cells.__class__ is list else ((plan[h], v) for h, v in cells.items())
            for (_c, name, attname, parse, empty, is_required, is_ref), raw in items:
                if raw.__class__ is str:  # = parsing.clean_cell, inlined: 1.4M calls for 100k rows
                    raw = raw.strip()
                    if guarded and raw[:1] == "'":
                        raw = unguard_formula(raw)
                if raw is None or raw == "":
                    if is_required:
                        self.err(number, name, "required value is empty (thiếu giá trị bắt buộc)")
                        ok = False
                    elif is_ref:
                        refs[name] = None
                    else:
                        values[attname] = empty
                    continue
                try:
                    value = parse(raw)
                except CellError as exc:
                    self.err(number, name, str(exc))
                    ok = False
                    continue
                if is_ref:
                    refs[name] = value
                else:
                    values[attname] = value
            if len(cells) < len(plan):  # JSON objects may leave keys out
                for c in required:
                    if c.name in self.header_of and self.header_of[c.name] not in cells:
                        self.err(number, c.name, "required value missing (thiếu giá trị bắt buộc)")
                        ok = False
            if ok:
                self.parsed.append((number, values, refs))

    # 3. references --------------------------------------------------------------------
    def resolve_refs(self):
        self.pending = {}  # row → (column name, code): a code defined by a new row of this file
        ref_cols = [c for c in self.spec.columns if c.type == "ref" and c.name in self.header_of]
        if not ref_cols:
            return
        own_codes = set()
        self_ref = [c for c in ref_cols if apps.get_model(*REF_MODELS[c.ref]) is self.model]
        if self_ref:
            own_codes = {v["code"] for _, v, _ in self.parsed if "code" in v}
        ids: dict[str, dict[str, int]] = {}
        for ref in {c.ref for c in ref_cols}:
            codes = {r[c.name] for _, _, r in self.parsed for c in ref_cols if c.ref == ref and r.get(c.name)}
            ids[ref] = _ids_by_code(apps.get_model(*REF_MODELS[ref]), codes)
        kept = []
        for number, values, refs in self.parsed:
            ok = True
            for c in ref_cols:
                if c.name not in refs:
                    continue
                code = refs[c.name]
                if code is None:
                    values[c.attname] = None
                elif code in ids[c.ref]:
                    values[c.attname] = ids[c.ref][code]
                elif c in self_ref and code in own_codes:
                    self.pending[number] = (c, code)
                else:
                    self.err(number, c.name, f"unknown {REF_LABELS[c.ref]} code {code!r} (mã không tồn tại)")
                    ok = False
            if ok:
                kept.append((number, values, refs))
        self.parsed = kept

    # 4–5. keys and merge --------------------------------------------------------------
    def key_of(self, get):
        if self.spec.name == "mandates":
            agency, ref = get("agency_id"), get("ref")
            if ref:
                return (agency, "ref", ref)
            return (agency, "text", self.model.make_text_key(get("kind"), get("text")))
        return tuple(get(a) for a in self.key_attnames)

    def merge(self):
        spec = self.spec
        self.key_attnames = [spec.by_name[k].attname for k in spec.key]
        defaults = {spec.by_name[k].attname: spec.empty[k] for k in spec.key}
        if spec.name == "mandates":
            defaults.update(ref="", kind="", text="")
        rows = [(n, v, self.key_of(lambda a, v=v: v.get(a, defaults.get(a)))) for n, v, _ in self.parsed]
        existing = self.fetch_existing({k for _, _, k in rows})
        keyed, seen = [], {}
        for number, values, key in rows:
            matches = existing.get(key, ())
            if key in seen:
                # Identical ref-less mandates may exist in the database (e.g. after a merge):
                # the n-th repetition in the file is the n-th such mandate; beyond that, an error.
                if spec.name == "mandates" and key[1] == "text" and len(seen[key]) < len(matches):
                    keyed.append((number, values, matches[len(seen[key])]))
                    seen[key].append(number)
                    continue
                first_col = spec.key[0] if spec.name != "mandates" or key[1] == "ref" else "text"
                first = seen[key][0]
                self.err(number, first_col if first_col in self.header_of else spec.key[0],
                         f"duplicate key, already on row {first} (trùng khóa với dòng {first})")
                continue
            seen[key] = [number]
            keyed.append((number, values, matches[0] if matches else None))
        fields = [f for f in self.model._meta.concrete_fields if not f.primary_key]
        new_defaults = {f.attname: f.get_default() for f in fields}
        # creates / updates hold plain dicts {attname: value}: cheaper than model instances
        self.creates, self.updates, self.changed_fields, self.unchanged = [], [], set(), 0
        self.relinked = []  # existing rows whose parent (agencies) or agency (positions) changed
        for number, values, row in keyed:
            if row is None:
                record = dict(new_defaults)
                record.update(values)
                self.creates.append((number, record))
            else:
                changed = [a for a, v in values.items() if row[a] != v]
                if number in self.pending:
                    changed.append(self.pending[number][0].attname)
                if not changed:
                    self.unchanged += 1
                    continue
                record = row
                record.update(values)
                if "parent_id" in changed or "agency_id" in changed:
                    self.relinked.append(record)
                self.changed_fields.update(changed)
                self.updates.append((number, record))
            if self.prepare(record) and row is not None:
                self.changed_fields.add(self.search_attname)
            if self.pair:
                for column, message in self.check(record):
                    self.err(number, column, message)
        if spec.name == "agencies":
            self.check_cycles()

    def fetch_existing(self, keys) -> dict:
        first = "agency_id" if self.spec.name == "mandates" else self.key_attnames[0]
        wanted = sorted({k[0] for k in keys if k[0] is not None}, key=str)
        found = {}
        names = [f.attname for f in self.model._meta.concrete_fields]
        for chunk in _chunks(wanted):
            for row in _in(self.model.objects.all(), first, chunk).order_by("pk").values(*names):
                found.setdefault(self.key_of(row.get), []).append(row)
        return found

    def prepare(self, record: dict) -> bool:
        """Derived columns of a merged row; True when its search column (core.search) changed."""
        name = self.spec.name
        key_changed = self.search_attname is not None and refresh_key(self.model, record)
        if name == "mandates":
            record["text_key"] = self.model.make_text_key(record["kind"], record["text"])
        elif name == "succession_plans":
            from orgchart.personnel.models import parse_period

            record["period_start"], record["period_end"] = parse_period(record["period"])
        elif name == "agencies" and record.get("id") is None:
            record.update(tree.blank_node_values())  # set by the rebuild after the write
        return key_changed

    def check(self, record: dict):
        """Rules across columns, on the merged values: (column name, message)."""
        if self.pair:
            start_attr, end_attr, strict = self.pair
            start, end = record.get(start_attr), record.get(end_attr)
            if start is not None and end is not None and (end <= start if strict else end < start):
                word = "after" if strict else "on or after"
                yield end_attr, f"{end_attr} {end} must be {word} {start_attr} {start} (ngày kết thúc trước ngày bắt đầu)"

    def check_cycles(self):
        from orgchart.structure.models import Agency

        parent_of = dict(Agency.objects.values_list("code", "parent__code"))
        records = self.creates + self.updates
        wanted = {r["parent_id"] for n, r in records if n not in self.pending and r.get("parent_id")}
        id_code = _codes_by_id(Agency, wanted)
        rows = {}
        for number, record in records:
            code = record["code"]
            rows[code] = number
            if number in self.pending:
                parent_of[code] = self.pending[number][1]
            else:
                parent_of[code] = id_code[record["parent_id"]] if record.get("parent_id") else None
        for code, number in rows.items():
            cur, steps = parent_of.get(code), 0
            while cur is not None and steps <= len(parent_of):
                if cur == code:
                    self.err(number, "parent_code", f"parent_code makes a cycle through {code!r} (vòng lặp trực thuộc)")
                    break
                cur, steps = parent_of.get(cur), steps + 1

    # 6. write -------------------------------------------------------------------------
    def instance(self, record: dict):
        obj = self.model(**record)
        obj._state.adding, obj._state.db = record.get("id") is None, self.model.objects.db
        return obj

    def write(self):
        name, model = self.spec.name, self.model
        if name in ("agencies", "positions"):
            tree.lock_tree()  # serialise with other tree writes (PostgreSQL advisory lock)
        new = [r for _, r in self.creates]
        copied = pgcopy.available() and name != "agencies"
        new_objs = []
        step = BATCH * 5
        for i in _progress(range(0, len(new), step), self.show, "ghi / writing", total=(len(new) + step - 1) // step):
            chunk = new[i: i + step]
            if copied:
                pgcopy.insert(model, chunk)  # sets record["id"]
            else:
                objs = [self.instance(r) for r in chunk]
                model.objects.bulk_create(objs, batch_size=BATCH)
                for record, obj in zip(chunk, objs, strict=True):
                    record["id"] = obj.pk
                new_objs += objs
        late = []  # new objects whose reference is another new row of the file
        if self.pending:
            new_ids = {r["code"]: r["id"] for r in new}
            index = {number: i for i, (number, _) in enumerate(self.creates)}
            for number, record in self.creates + self.updates:
                if number in self.pending:
                    column, code = self.pending[number]
                    record[column.attname] = new_ids[code]
                    if number in index and new_objs:
                        obj = new_objs[index[number]]
                        setattr(obj, column.attname, new_ids[code])
                        late.append(obj)
        if late:
            model.objects.bulk_update(late, sorted({c.attr for c, _ in self.pending.values()}), batch_size=BATCH)
        changed = [r for _, r in self.updates]
        update_rows(model, changed, sorted(self.changed_fields))
        if copied:
            pgcopy.history(model, changed, "~")
        else:
            record_bulk_history(model, new_objs, update=False, reason=REASON)
            record_bulk_history(model, [self.instance(r) for r in changed], update=True, reason=REASON)
        self.after_write(new)

    def after_write(self, new: list[dict]):
        """The interval rows follow the written parents / agencies, and today's tree is rebuilt
        once after a bulk change of parents (through the tree's interface)."""
        name = self.spec.name
        if name == "agencies":
            tree.correct_parents([(r["id"], r["parent_id"]) for r in new + self.relinked], REASON)
            if new or self.relinked:
                tree.rebuild()
        elif name == "positions":
            tree.correct_positions([(r["id"], r["agency_id"]) for r in new + self.relinked], REASON)

    def run(self) -> ImportSummary:
        n_rows = len(self.table.rows)
        self.map_headers()
        self.parse_rows()
        self.table = None  # the raw cells are no longer needed (memory on 100k-row files)
        self.resolve_refs()
        self.merge()
        self.parsed = None
        if self.errors:
            raise ImportFailed(self.errors)
        summary = ImportSummary(len(self.creates), len(self.updates), self.unchanged, n_rows, self.dry_run)
        try:
            with transaction.atomic():
                self.write()
                if self.dry_run:
                    raise _DryRun
        except _DryRun:
            pass
        except (IntegrityError, DatabaseError) as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise ImportFailed([RowError(None, None, f"database rejected the import, nothing written: {first} "
                                                     "(cơ sở dữ liệu từ chối, không ghi gì)")])
        return summary


def _chunks(values):
    size = PG_CHUNK if connection.vendor == "postgresql" else CHUNK
    values = list(values)
    for i in range(0, len(values), size):
        yield values[i: i + size]


def _in(qs, attname: str, values: list):
    """qs filtered on `attname IN values`; on PostgreSQL `= ANY(array)`, one parameter
    instead of thousands (much cheaper to send for 100k codes)."""
    if connection.vendor != "postgresql":
        return qs.filter(**{f"{attname}__in": values})
    field = qs.model._meta.get_field(attname)
    qn = connection.ops.quote_name
    return qs.extra(where=[f"{qn(qs.model._meta.db_table)}.{qn(field.column)} = ANY(%s)"], params=[values])


def _ids_by_code(model, codes) -> dict[str, int]:
    result = {}
    for chunk in _chunks(sorted(codes)):
        result.update(_in(model.objects.all(), "code", chunk).values_list("code", "pk"))
    return result


def _codes_by_id(model, ids) -> dict[int, str]:
    result = {}
    for chunk in _chunks(sorted(ids)):
        result.update(_in(model.objects.all(), "id", chunk).values_list("pk", "code"))
    return result


def import_table(spec: KindSpec, table: Table, *, dry_run=False, progress=False) -> ImportSummary:
    return Importer(spec, table, dry_run=dry_run, progress=progress).run()
