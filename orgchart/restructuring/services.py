"""Restructuring operations (CONTRACT §3): move, merge, split, dissolve, rename.

Every operation:
- runs in one transaction holding the tree lock (`tree.lock_tree()`: a PostgreSQL advisory
  lock; SQLite's IMMEDIATE transactions already serialise writers) and `select_for_update` on
  the agencies it touches;
- validates first and raises `DomainError(message, code, field)` (codes not_found, invalid,
  conflict) with nothing written;
- records a `ChangeEvent` (originals, results, effective_on, decision_no, legal_basis,
  details {before, after, …}, created_by) and never deletes anything: intervals are closed
  the day before `effective_on` and new ones start on it;
- with `dry_run=True` computes the same result and its impact report, then rolls back;
- finishes with `tree.apply_current()` so MPTT and `JobPosition.agency` show the links that
  hold today; a change dated in the future stays scheduled (`ChangeEvent.applied` False) until
  `manage.py apply_scheduled_changes` runs on or after its date.

Leadership after a merge (or a dissolution into a destination): the destination keeps its own
leaders; the open assignments of the absorbed agencies' **head** positions end on
effective_on − 1 with `Assignment.change_event` set (staffing reads it for RED-LEADER-RESTRUCT).
Merging into a new agency keeps the head of the first source (its position becomes the new
agency's head) and ends the other sources' heads. Deputies keep their posts: the merged-bodies
allowance of RULES §4 covers the extra deputies for 5 years.
"""
import contextlib
import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q

from orgchart.core.choices import AgencyKind, AgencyLevel, LeadershipRole
from orgchart.core.dates import today
from orgchart.core.errors import DomainError
from orgchart.core.text import fold
from orgchart.structure import tree
from orgchart.structure.models import Agency, AgencyLink, ChangeEvent, Mandate

from . import impact as impact_mod

ONE_DAY = dt.timedelta(days=1)


@dataclass
class Outcome:
    """What an operation did (or would do, for a dry run)."""

    agency: Agency | None
    change_event: ChangeEvent | None
    impact: dict | None
    dry_run: bool
    agencies: list[Agency] = field(default_factory=list)


# --- helpers ---------------------------------------------------------------------------------
def _date(value, field_name="effective_on") -> dt.date:
    if value in (None, ""):
        raise DomainError("Cần nhập ngày hiệu lực", "invalid", field_name)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise DomainError(f"Ngày không hợp lệ: {value}", "invalid", field_name)


def _agency(code, field_name: str, lock=True) -> Agency:
    if not code or not str(code).strip():
        raise DomainError("Cần nhập mã cơ quan", "invalid", field_name)
    qs = Agency.objects.select_for_update() if lock else Agency.objects
    a = qs.filter(code=str(code).strip()).first()
    if a is None:
        raise DomainError(f"Không tìm thấy cơ quan có mã '{code}'", "not_found", field_name)
    return a


def _require_active(a: Agency, day: dt.date, field_name: str, what="hoạt động"):
    if not a.is_active(day):
        raise DomainError(f"Cơ quan '{a.code}' không {what} vào ngày {day.isoformat()}", "invalid", field_name)


def _event(kind, effective_on, decision_no, legal_basis, user, note="") -> ChangeEvent:
    return ChangeEvent.objects.create(
        kind=kind, effective_on=effective_on, decision_no=decision_no or "", legal_basis=legal_basis or "",
        note=note or "", created_by=user if getattr(user, "pk", None) else None, applied=False,
    )


def _brief(a: Agency) -> dict:
    return {"code": a.code, "name": a.name, "kind": a.kind, "dissolved_on": a.dissolved_on and a.dissolved_on.isoformat()}


def _finish():
    tree.apply_current()


@contextlib.contextmanager
def _fresh_reads():
    """Writes below change the tree between reads: no per-request memo while they run (then
    forget what the request memoised before)."""
    from orgchart.core import memo

    with memo.suspended():
        yield


def _run(operation, *, dry_run: bool, day: dt.date, involved, plan=None) -> Outcome:
    """Run `operation()` (→ Outcome) atomically under the tree lock, with before/after impact.
    `involved()` → agencies whose neighbourhood the impact report covers."""
    with _fresh_reads(), transaction.atomic():
        tree.lock_tree()
        tree.ensure_links()
        scope = impact_mod.scope_roots(involved(), day)
        before = impact_mod.snapshot(scope, day)
        outcome = operation()
        _finish()
        if outcome.change_event is not None:
            outcome.change_event.refresh_from_db()
        outcome.impact = impact_mod.report(before, impact_mod.snapshot(scope, day), outcome)
        outcome.dry_run = dry_run
        if dry_run:
            transaction.set_rollback(True)
    return outcome


# --- carrying an agency into another ----------------------------------------------------------
def _positions_on(agency: Agency, day: dt.date) -> list[int]:
    return [pid for pid, _aid, _role in tree.positions_of([agency.pk], day)]


def _carry(source: Agency, target: Agency, day: dt.date, ev: ChangeEvent, *, end_heads: bool, log: dict):
    """From `day` on, `source`'s positions (with their holders), children, mandates and quotas
    belong to `target`; `source` is dissolved on `day`."""
    from orgchart.personnel.models import Assignment
    from orgchart.positions.models import JobPosition, PositionLink
    from orgchart.staffing.models import Quota

    # Positions: the link covering `day` is split; later links to the source are re-pointed.
    pids = _positions_on(source, day)
    tree.set_positions_agency(pids, target, valid_from=day, change_event=ev)
    later = PositionLink.objects.filter(agency=source, valid_from__gt=day)
    later_ids = list(later.values_list("position_id", flat=True))
    later.update(agency=target, change_event=ev)
    codes = list(JobPosition.objects.filter(pk__in=pids + later_ids).order_by("code").values_list("code", flat=True))
    log["positions"] += [{"code": c, "from": source.code, "to": target.code} for c in codes]

    # Leadership: open assignments of the source's head positions end the day before.
    if end_heads:
        ending = Assignment.objects.select_for_update().filter(
            Q(end_on__isnull=True) | Q(end_on__gte=day), position_id__in=pids, start_on__lt=day,
            position__leadership_role=LeadershipRole.HEAD,
        ).select_related("official", "position")
        for a in ending:
            log["assignments_ended"].append({
                "official": a.official.code, "position": a.position.code, "start_on": a.start_on.isoformat(),
                "end_on_before": a.end_on and a.end_on.isoformat(),
            })
            a.end_on = day - ONE_DAY
            a.change_event = ev
            a.save()

    # Children: re-parented from `day`.
    kids = [k for ks in tree.children_on([source.pk], day).values() for k in ks]
    for k in kids:
        tree.set_intervals(AgencyLink, "agency_id", [k.pk], "parent_id", target.pk, day, ev)
        log["children"].append({"code": k.code, "from": source.code, "to": target.code})
    AgencyLink.objects.filter(parent=source, valid_from__gt=day).update(parent=target, change_event=ev)

    # Mandates: closed the day before and copied to the target (duplicates detected, not copied).
    _carry_mandates(source, target, day, log)

    # Quotas of years ≥ day.year are summed into the target; the source keeps a 0 row.
    for q in Quota.objects.select_for_update().filter(agency=source, year__gte=day.year).order_by("year", "kind"):
        if q.amount == 0:
            continue
        tq, _ = Quota.objects.select_for_update().get_or_create(
            agency=target, year=q.year, kind=q.kind, defaults={"amount": 0, "decision_no": ev.decision_no}
        )
        log["quotas"].append({"from": source.code, "to": target.code, "year": q.year, "kind": q.kind,
                              "amount": q.amount, "target_before": tq.amount, "target_after": tq.amount + q.amount})
        tq.amount += q.amount
        tq.save()
        q.amount = 0
        q.decision_no = ev.decision_no or q.decision_no
        q.save()

    _dissolve_row(source, day)


def _dissolve_row(a: Agency, day: dt.date):
    if a.dissolved_on is None or a.dissolved_on > day:
        fresh = Agency.objects.get(pk=a.pk)
        fresh.dissolved_on = day
        fresh.save()  # through the model: simple_history records the change
        a.dissolved_on = day


def _normaliser():
    """The overlap pipeline's normalisation when available, else case/diacritics folding."""
    try:
        from orgchart.overlaps import text as otext
    except ImportError:
        return fold
    for name in ("normalise", "normalize", "normalise_text", "normalize_text"):
        fn = getattr(otext, name, None)
        if callable(fn):
            def norm(s, fn=fn):
                out = fn(s)
                return " ".join(out) if isinstance(out, list | tuple) else str(out)
            return norm
    return fold


def _mandate_key(norm, m) -> tuple[str, str]:
    return (m.kind, norm(m.text))


def _free_ref(ref: str, prefix: str, taken: set[str]) -> str:
    if not ref or ref not in taken:
        return ref
    base = f"{prefix}-{ref}"[:60]
    cand, i = base, 2
    while cand in taken:
        cand, i = f"{base}~{i}", i + 1
    return cand


def _carry_mandates(source: Agency, target: Agency, day: dt.date, log: dict, refs=None, close=True):
    """Copy `source`'s mandates valid on `day` (those with `refs` when given) to `target` from
    `day`; close the originals on day − 1 when `close`."""
    norm = _normaliser()
    existing = {_mandate_key(norm, m): m for m in Mandate.objects.filter(Mandate.covering_q(day), agency=target)}
    taken = set(Mandate.objects.filter(agency=target).exclude(ref="").values_list("ref", flat=True))
    qs = Mandate.objects.select_for_update().filter(agency=source).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
    if refs is not None:
        qs = qs.filter(Q(ref__in=[r for r in refs if r]) | Q(pk__in=[r for r in refs if isinstance(r, int)]))
    for m in qs.order_by("id"):
        key = _mandate_key(norm, m)
        entry = {"from": source.code, "from_ref": m.ref, "to": target.code, "kind": m.kind, "text": m.text[:200]}
        starts_later = m.valid_from is not None and m.valid_from >= day
        if key in existing:
            entry["duplicate_of"] = existing[key].ref or existing[key].pk
            entry["to_ref"] = None
            if close and not starts_later:
                m.valid_to = day - ONE_DAY
                m.save()
        else:
            new_ref = _free_ref(m.ref, source.code, taken)
            taken.add(new_ref)
            entry["to_ref"] = new_ref
            if starts_later and close:
                # Not yet in force: it simply belongs to the target (nothing to close).
                m.agency, m.ref = target, new_ref
                m.save()
                existing[key] = m
            else:
                existing[key] = Mandate.objects.create(
                    agency=target, ref=new_ref, kind=m.kind, text=m.text, sectors=m.sectors,
                    legal_basis=m.legal_basis, valid_from=day, valid_to=m.valid_to,
                )
                if close:
                    m.valid_to = day - ONE_DAY
                    m.save()
        log["mandates"].append(entry)


def _new_log() -> dict:
    return {"positions": [], "children": [], "mandates": [], "quotas": [], "assignments_ended": [], "created": []}


# --- operations ------------------------------------------------------------------------------
def move_agency(code, new_parent_code, effective_on, *, decision_no="", legal_basis="", user=None,
                dry_run=False) -> Outcome:
    day = _date(effective_on)
    holder = {}

    def involved():
        a = _agency(code, "code")
        p = _agency(new_parent_code, "new_parent_code") if new_parent_code else None
        holder.update(a=a, p=p)
        return [a] + ([p] if p else [])

    def op():
        a, p = holder["a"], holder["p"]
        _require_active(a, day, "code")
        if p is not None:
            _require_active(p, day, "new_parent_code")
        old_parent_id = tree.parents_on([a.pk], day)[a.pk]
        if (p.pk if p else None) == old_parent_id:
            raise DomainError("Cơ quan đã trực thuộc cơ quan này vào ngày hiệu lực", "invalid", "new_parent_code")
        if tree.would_cycle(a, p, day):
            raise DomainError(
                f"Không thể chuyển '{a.code}' vào '{p.code}': '{p.code}' thuộc cây con của '{a.code}' (tạo vòng)",
                "conflict", "new_parent_code",
            )
        old_parent = Agency.objects.filter(pk=old_parent_id).first()
        ev = _event(ChangeEvent.Kind.MOVE, day, decision_no, legal_basis, user)
        ev.originals.add(a)
        ev.results.add(a)
        tree.set_intervals(AgencyLink, "agency_id", [a.pk], "parent_id", p.pk if p else None, day, ev)
        ev.details = {"before": {"parent": old_parent.code if old_parent else None},
                      "after": {"parent": p.code if p else None}}
        ev.save()
        return Outcome(a, ev, None, dry_run, [a])

    return _run(op, dry_run=dry_run, day=day, involved=involved)


def merge_agencies(source_codes, effective_on, *, target_code=None, new_code=None, new_name=None, new_kind=None,
                   decision_no="", legal_basis="", user=None, dry_run=False) -> Outcome:
    day = _date(effective_on)
    codes = [str(c).strip() for c in (source_codes or []) if str(c).strip()]
    if not codes:
        raise DomainError("Cần ít nhất một cơ quan bị hợp nhất", "invalid", "source_codes")
    if len(set(codes)) != len(codes):
        raise DomainError("Danh sách cơ quan bị hợp nhất có mã trùng", "invalid", "source_codes")
    if bool(target_code) == bool(new_code):
        raise DomainError("Cần đúng một trong hai: targetCode hoặc newCode (kèm newName)", "invalid", "target_code")
    if new_code and not (new_name or "").strip():
        raise DomainError("Cần tên của cơ quan mới (newName)", "invalid", "new_name")
    if new_kind and new_kind not in AgencyKind.values:
        raise DomainError(f"Loại cơ quan không hợp lệ: {new_kind}", "invalid", "new_kind")
    holder = {}

    def involved():
        sources = [_agency(c, "source_codes") for c in codes]
        target = _agency(target_code, "target_code") if target_code else None
        holder.update(sources=sources, target=target)
        return sources + ([target] if target else [])

    def op():
        sources, target = holder["sources"], holder["target"]
        for s in sources:
            _require_active(s, day - ONE_DAY, "source_codes", "còn hoạt động")
            _require_active(s, day, "source_codes", "còn hoạt động")
        if target is not None:
            if target.code in codes:
                raise DomainError("Cơ quan hợp nhất vào không được nằm trong danh sách bị hợp nhất", "invalid", "target_code")
            _require_active(target, day, "target_code")
            anc = {x.pk for x in tree.ancestors_on([target.pk], day)[target.pk]}
            bad = [s.code for s in sources if s.pk in anc]
            if bad:
                raise DomainError(f"Cơ quan nhận '{target.code}' thuộc cây con của {', '.join(bad)}", "conflict", "target_code")
        else:
            if Agency.objects.filter(code=new_code.strip()).exists():
                raise DomainError(f"Mã cơ quan '{new_code}' đã tồn tại", "conflict", "new_code")
        ev = _event(ChangeEvent.Kind.MERGE, day, decision_no, legal_basis, user)
        log = _new_log()
        if target is None:
            first = sources[0]
            parent_id = tree.parents_on([first.pk], day)[first.pk]
            target = Agency.objects.create(
                code=new_code.strip(), name=new_name.strip(), kind=new_kind or first.kind, level=first.level,
                agency_class=first.agency_class, parent_id=parent_id if day <= today() else first.parent_id,
                established_on=day, legal_basis=legal_basis or decision_no or "",
            )
            AgencyLink.objects.create(agency=target, parent_id=parent_id, valid_from=day, change_event=ev)
            log["created"].append(target.code)
            ev.originals.add(*sources)
        else:
            ev.originals.add(*sources, target)
        ev.results.add(target)
        before = {"sources": [_brief(s) for s in sources], "target": _brief(target) if not log["created"] else None}
        for i, s in enumerate(sources):
            keep_head = bool(log["created"]) and i == 0
            _carry(s, target, day, ev, end_heads=not keep_head, log=log)
        ev.details = {"before": before, "after": {"target": _brief(target), "dissolved": codes}, **log}
        ev.save()
        return Outcome(target, ev, None, dry_run, [target, *sources])

    return _run(op, dry_run=dry_run, day=day, involved=involved)


def dissolve_agency(code, effective_on, *, destination_code=None, decision_no="", legal_basis="", user=None,
                    dry_run=False) -> Outcome:
    from orgchart.personnel.models import Assignment

    day = _date(effective_on)
    holder = {}

    def involved():
        a = _agency(code, "code")
        d = _agency(destination_code, "destination_code") if destination_code else None
        holder.update(a=a, d=d)
        return [a] + ([d] if d else [])

    def op():
        a, d = holder["a"], holder["d"]
        _require_active(a, day - ONE_DAY, "code", "còn hoạt động")
        _require_active(a, day, "code", "còn hoạt động")
        ev_kind = ChangeEvent.Kind.DISSOLVE
        log = _new_log()
        if d is None:
            pids = _positions_on(a, day)
            holders = Assignment.objects.filter(
                Q(end_on__isnull=True) | Q(end_on__gte=day), position_id__in=pids,
            ).values_list("official__code", flat=True).distinct()
            kids = [k.code for ks in tree.children_on([a.pk], day).values() for k in ks]
            problems = []
            if pids:
                problems.append(f"{len(pids)} vị trí việc làm")
            held = list(holders[:20])
            if held:
                problems.append(f"người đang giữ vị trí ({', '.join(held)})")
            if kids:
                problems.append(f"đơn vị trực thuộc đang hoạt động ({', '.join(kids[:20])})")
            if problems:
                raise DomainError(
                    f"Không thể giải thể '{a.code}' khi còn " + "; ".join(problems)
                    + ": hãy chuyển đi trước hoặc chỉ định cơ quan nhận (destinationCode)", "conflict", "code",
                )
            ev = _event(ev_kind, day, decision_no, legal_basis, user)
            ev.originals.add(a)
            for m in Mandate.objects.select_for_update().filter(agency=a).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day)):
                if m.valid_from is None or m.valid_from < day:
                    m.valid_to = day - ONE_DAY
                    m.save()
                    log["mandates"].append({"from": a.code, "from_ref": m.ref, "to": None, "kind": m.kind, "text": m.text[:200]})
            _dissolve_row(a, day)
        else:
            if d.pk == a.pk:
                raise DomainError("Cơ quan nhận phải khác cơ quan bị giải thể", "invalid", "destination_code")
            _require_active(d, day, "destination_code")
            if a.pk in {x.pk for x in tree.ancestors_on([d.pk], day)[d.pk]}:
                raise DomainError(f"Cơ quan nhận '{d.code}' thuộc cây con của '{a.code}'", "conflict", "destination_code")
            ev = _event(ev_kind, day, decision_no, legal_basis, user)
            ev.originals.add(a)
            ev.results.add(d)
            _carry(a, d, day, ev, end_heads=True, log=log)
        ev.details = {"before": _brief(Agency.objects.get(pk=a.pk)) | {"dissolved_on": None},
                      "after": {"dissolved_on": day.isoformat(), "destination": d.code if d else None}, **log}
        ev.save()
        return Outcome(d or a, ev, None, dry_run, [a] + ([d] if d else []))

    return _run(op, dry_run=dry_run, day=day, involved=involved)


def rename_agency(code, new_name, effective_on, *, new_short_name=None, decision_no="", legal_basis="", user=None,
                  dry_run=False) -> Outcome:
    day = _date(effective_on)
    if not (new_name or "").strip():
        raise DomainError("Cần nhập tên mới", "invalid", "new_name")
    holder = {}

    def involved():
        holder["a"] = _agency(code, "code")
        return [holder["a"]]

    def op():
        a = holder["a"]
        _require_active(a, day, "code")
        ev = _event(ChangeEvent.Kind.RENAME, day, decision_no, legal_basis, user)
        ev.originals.add(a)
        ev.results.add(a)
        after = {"name": new_name.strip()}
        if new_short_name is not None:
            after["short_name"] = new_short_name.strip()
        ev.details = {"before": {"name": a.name, "short_name": a.short_name}, "after": after}
        ev.save()
        return Outcome(a, ev, None, dry_run, [a])

    out = _run(op, dry_run=dry_run, day=day, involved=involved)
    if out.agency is not None and not dry_run:
        out.agency.refresh_from_db()
    return out


def split_agency(code, parts, effective_on, *, decision_no="", legal_basis="", user=None, dry_run=False) -> Outcome:
    """Split `code` on `effective_on` into `parts` = [{code, name, kind?, level?, short_name?,
    position_codes: [...], mandate_refs: [...], child_codes: [...]}]. A part whose code is the
    original's keeps the original going (tách: the other parts are separated from it; unmapped
    positions, mandates and children stay). Otherwise (chia) the original is dissolved: every
    position with a holder on or after the date must be mapped (else `conflict`), unmapped
    active children go to the first part, unmapped mandates end, vacant unmapped positions stay
    with the dissolved original. Quotas are not divided (record them per part afterwards)."""
    from orgchart.personnel.models import Assignment
    from orgchart.positions.models import JobPosition

    day = _date(effective_on)
    if not parts or not isinstance(parts, list | tuple):
        raise DomainError("Cần ít nhất một phần sau khi chia, tách", "invalid", "parts")
    holder = {}

    def involved():
        holder["a"] = _agency(code, "code")
        return [holder["a"]]

    def op():
        a = holder["a"]
        _require_active(a, day - ONE_DAY, "code", "còn hoạt động")
        _require_active(a, day, "code", "còn hoạt động")
        norm_parts = []
        for i, p in enumerate(parts):
            def get(k, p=p):
                return p.get(k) if isinstance(p, dict) else getattr(p, k, None)

            pcode = (get("code") or "").strip()
            if not pcode:
                raise DomainError(f"Phần {i + 1}: cần mã", "invalid", f"parts[{i}].code")
            kind = get("kind") or a.kind
            level = get("level") or a.level
            if kind not in AgencyKind.values or level not in AgencyLevel.values:
                raise DomainError(f"Phần {i + 1}: loại hoặc cấp không hợp lệ", "invalid", f"parts[{i}].kind")
            norm_parts.append({
                "code": pcode, "name": (get("name") or "").strip(), "kind": kind, "level": level,
                "short_name": (get("short_name") or "").strip(),
                "positions": list(get("position_codes") or []),
                "mandates": list(get("mandate_refs") or []),
                "children": list(get("child_codes") or []),
            })
        pcodes = [p["code"] for p in norm_parts]
        if len(set(pcodes)) != len(pcodes):
            raise DomainError("Mã các phần bị trùng", "invalid", "parts")
        keeps = a.code in pcodes
        new_parts = [p for p in norm_parts if p["code"] != a.code]
        if not new_parts:
            raise DomainError("Cần ít nhất một phần mới", "invalid", "parts")
        clash = list(Agency.objects.filter(code__in=[p["code"] for p in new_parts]).values_list("code", flat=True))
        if clash:
            raise DomainError(f"Mã đã tồn tại: {', '.join(clash)}", "conflict", "parts")
        for i, p in enumerate(new_parts):
            if not p["name"]:
                raise DomainError(f"Phần '{p['code']}': cần tên", "invalid", f"parts[{i}].name")
        own_pids = set(_positions_on(a, day))
        pos_by_code = dict(JobPosition.objects.filter(pk__in=own_pids).values_list("code", "pk"))
        kids = {k.code: k for ks in tree.children_on([a.pk], day).values() for k in ks}
        refs = set(Mandate.objects.filter(Mandate.covering_q(day), agency=a).exclude(ref="").values_list("ref", flat=True))
        seen_pos, seen_kids = set(), set()
        for p in norm_parts:
            for c in p["positions"]:
                if c not in pos_by_code:
                    raise DomainError(f"Vị trí '{c}' không thuộc '{a.code}' vào ngày hiệu lực", "invalid", "parts")
                if c in seen_pos:
                    raise DomainError(f"Vị trí '{c}' được giao cho hai phần", "invalid", "parts")
                seen_pos.add(c)
            for c in p["children"]:
                if c not in kids or c in seen_kids:
                    raise DomainError(f"Đơn vị trực thuộc '{c}' không hợp lệ hoặc bị lặp", "invalid", "parts")
                seen_kids.add(c)
            bad = [r for r in p["mandates"] if r not in refs]
            if bad:
                raise DomainError(f"Không tìm thấy nhiệm vụ số hiệu {', '.join(bad)} của '{a.code}'", "invalid", "parts")
        if not keeps:
            unmapped = [pos_by_code[c] for c in pos_by_code if c not in seen_pos]
            held = sorted(set(Assignment.objects.filter(
                Q(end_on__isnull=True) | Q(end_on__gte=day), position_id__in=unmapped,
            ).values_list("position__code", flat=True)))
            if held:
                raise DomainError(
                    f"Các vị trí còn người giữ chưa được phân về phần nào: {', '.join(held[:30])}", "conflict", "parts"
                )
        ev = _event(ChangeEvent.Kind.SPLIT, day, decision_no, legal_basis, user)
        ev.originals.add(a)
        log = _new_log()
        parent_id = tree.parents_on([a.pk], day)[a.pk]
        created = {}
        for p in new_parts:
            b = Agency.objects.create(
                code=p["code"], name=p["name"], short_name=p["short_name"], kind=p["kind"], level=p["level"],
                parent_id=parent_id if day <= today() else a.parent_id, established_on=day,
                legal_basis=legal_basis or decision_no or "",
            )
            AgencyLink.objects.create(agency=b, parent_id=parent_id, valid_from=day, change_event=ev)
            created[b.code] = b
            log["created"].append(b.code)
        if keeps:
            ev.results.add(a)
        ev.results.add(*created.values())
        first_new = created[new_parts[0]["code"]]
        for p in new_parts:
            b = created[p["code"]]
            pids = [pos_by_code[c] for c in p["positions"]]
            tree.set_positions_agency(pids, b, valid_from=day, change_event=ev)
            log["positions"] += [{"code": c, "from": a.code, "to": b.code} for c in p["positions"]]
            for c in p["children"]:
                tree.set_intervals(AgencyLink, "agency_id", [kids[c].pk], "parent_id", b.pk, day, ev)
                log["children"].append({"code": c, "from": a.code, "to": b.code})
            if p["mandates"]:
                _carry_mandates(a, b, day, log, refs=p["mandates"], close=True)
        if not keeps:
            for c, k in kids.items():
                if c not in seen_kids:
                    tree.set_intervals(AgencyLink, "agency_id", [k.pk], "parent_id", first_new.pk, day, ev)
                    log["children"].append({"code": c, "from": a.code, "to": first_new.code})
            for m in Mandate.objects.select_for_update().filter(agency=a).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day)):
                if m.valid_from is None or m.valid_from < day:
                    m.valid_to = day - ONE_DAY
                    m.save()
                    log["mandates"].append({"from": a.code, "from_ref": m.ref, "to": None, "kind": m.kind, "text": m.text[:200]})
            log["positions_left"] = sorted(c for c in pos_by_code if c not in seen_pos)
            _dissolve_row(a, day)
        ev.details = {"before": _brief(a) | {"dissolved_on": None},
                      "after": {"parts": [p["code"] for p in norm_parts], "original_continues": keeps}, **log}
        ev.save()
        return Outcome(first_new, ev, None, dry_run, [a, *created.values()])

    return _run(op, dry_run=dry_run, day=day, involved=involved)


# --- plans -----------------------------------------------------------------------------------
OPERATIONS = {"move": move_agency, "merge": merge_agencies, "split": split_agency, "dissolve": dissolve_agency,
              "rename": rename_agency}


def run_plan(operations: list[dict], *, user=None, dry_run=True) -> dict:
    """Run several operations in order in one transaction; one impact report for the whole
    plan (before the first, after the last). Each item: {"op": "merge", ...keyword arguments}."""
    if not operations:
        raise DomainError("Kế hoạch trống", "invalid", "operations")
    with _fresh_reads(), transaction.atomic():
        tree.lock_tree()
        tree.ensure_links()
        days, involved = [], []
        for i, item in enumerate(operations):
            op = item.get("op")
            if op not in OPERATIONS:
                raise DomainError(f"Thao tác {i + 1}: không rõ '{op}'", "invalid", f"operations[{i}].op")
            days.append(_date(item.get("effective_on"), f"operations[{i}].effective_on"))
            for key in ("code", "target_code", "new_parent_code", "destination_code"):
                if item.get(key):
                    involved.append(_agency(item[key], f"operations[{i}].{key}", lock=False))
            for c in item.get("source_codes") or []:
                involved.append(_agency(c, f"operations[{i}].source_codes", lock=False))
        day = max(days)
        scope = impact_mod.scope_roots(involved, day)
        before = impact_mod.snapshot(scope, day)
        outcomes = []
        for i, item in enumerate(operations):
            args = {k: v for k, v in item.items() if k != "op"}
            try:
                outcomes.append(OPERATIONS[item["op"]](user=user, dry_run=False, **args))
            except DomainError as e:
                raise e.within(f"operations[{i}]")
            except TypeError as e:
                raise DomainError(f"Thao tác {i + 1}: tham số không hợp lệ ({e})", "invalid", f"operations[{i}]")
        after = impact_mod.snapshot(scope, day)
        report = impact_mod.report(before, after, *outcomes)
        if dry_run:
            transaction.set_rollback(True)
    return {"impact": report, "outcomes": outcomes, "dry_run": dry_run}
