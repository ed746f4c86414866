"""Carrying what an agency holds into another from a date: positions (with their holders),
children, mandates and quotas — the common part of merge, dissolve-into and split. Every
interval is split on the effective date; nothing is deleted."""
import datetime as dt

from django.db.models import Q

from orgchart.core.choices import NON_HOLDING_KINDS, AssignmentKind, LeadershipRole, PositionCategory
from orgchart.overlaps.text import normalize
from orgchart.personnel.models import Assignment
from orgchart.positions.models import JobPosition
from orgchart.staffing.models import Quota
from orgchart.structure import tree
from orgchart.structure.models import Agency, ChangeEvent, Mandate

from .operation import ONE_DAY


def positions_on(agency: Agency, day: dt.date) -> list[int]:
    return [pid for pid, _aid, _role in tree.positions_of([agency.pk], day)]


def carry(source: Agency, target: Agency, day: dt.date, ev: ChangeEvent, *, end_heads: bool, log: dict):
    """From `day` on, `source`'s positions (with their holders), children, mandates and quotas
    belong to `target`; `source` is dissolved on `day`. With `end_heads`, the source's head
    becomes a deputy of the target (RULES §3: nobody is left without a post)."""
    own_deputies = [pid for pid, _a, role in tree.positions_of([target.pk], day) if role == LeadershipRole.DEPUTY]
    pids = _carry_positions(source, target, day, ev, log)
    if end_heads:
        heads_become_deputies(pids, target, own_deputies, day, ev, log)
    kids = [k for ks in tree.children_on([source.pk], day).values() for k in ks]
    tree.set_parents([k.pk for k in kids], target.pk, valid_from=day, change_event=ev)
    log["children"] += [{"code": k.code, "from": source.code, "to": target.code} for k in kids]
    tree.repoint_later_children(source, target, day, ev)
    # Mandates: closed the day before and copied to the target (duplicates detected, not copied).
    carry_mandates(source, target, day, log)
    _carry_quotas(source, target, day, ev, log)
    dissolve_row(source, day)


def _carry_positions(source: Agency, target: Agency, day: dt.date, ev: ChangeEvent, log: dict) -> list[int]:
    """The link covering `day` is split; later links to the source are re-pointed. Returns the
    ids of the positions the source had on `day`."""
    pids = positions_on(source, day)
    tree.set_positions_agency(pids, target, valid_from=day, change_event=ev)
    later_ids = tree.repoint_later_positions(source, target, day, ev)
    codes = list(JobPosition.objects.filter(pk__in=pids + later_ids).order_by("code").values_list("code", flat=True))
    log["positions"] += [{"code": c, "from": source.code, "to": target.code} for c in codes]
    return pids


def heads_become_deputies(pids: list[int], target: Agency, deputies: list[int], day: dt.date, ev: ChangeEvent,
                          log: dict):
    """RULES §3: the open assignments of the head positions among `pids` end on day − 1 (with
    `change_event`); from `day` each official who held one on day − 1 holds a deputy post of
    `target` — its first deputy position among `deputies` (by code), created when it has none —
    whose quota gains a seat per official (kind `transfer`, same end as the head term)."""
    ending = Assignment.objects.select_for_update().filter(
        Q(end_on__isnull=True) | Q(end_on__gte=day), position_id__in=pids, start_on__lt=day,
        position__leadership_role=LeadershipRole.HEAD,
    ).select_related("official", "position").order_by("official__code", "pk")
    movers = {}
    for a in ending:
        log["assignments_ended"].append({
            "official": a.official.code, "position": a.position.code, "start_on": a.start_on.isoformat(),
            "end_on_before": a.end_on and a.end_on.isoformat(),
        })
        if a.kind not in NON_HOLDING_KINDS:
            movers.setdefault(a.official_id, (a.official, a.position, a.end_on))
        a.end_on = day - ONE_DAY
        a.change_event = ev
        a.save()
    if not movers:
        return
    deputy = _deputy_post(target, deputies, day, ev, seats=len(movers), log=log, carried=set(pids))
    for official, head, end_on in movers.values():
        Assignment.objects.create(official=official, position=deputy, kind=AssignmentKind.TRANSFER, start_on=day,
                                  end_on=end_on, decision_no=ev.decision_no or "")
        log["heads_reassigned"].append({"official": official.code, "from": head.code, "to": deputy.code})


def _deputy_post(target: Agency, deputies: list[int], day: dt.date, ev: ChangeEvent, *, seats: int,
                 log: dict, carried: set[int]) -> JobPosition:
    """The target's deputy position that receives `seats` former heads (its quota grows); a new
    one named after the target's own head position when it has none."""
    post = JobPosition.objects.select_for_update().filter(pk__in=deputies).order_by("code").first()
    if post is None:
        heads = [pid for pid, _a, role in tree.positions_of([target.pk], day) if role == LeadershipRole.HEAD]
        own = [pid for pid in heads if pid not in carried] or heads
        head = JobPosition.objects.filter(pk__in=own).order_by("code").first()
        code, n = f"{target.code}.PHO", 1
        while JobPosition.objects.filter(code=code).exists():
            n += 1
            code = f"{target.code}.PHO{n}"
        post = JobPosition.objects.create(
            code=code, agency=target, title=f"Phó {head.title}" if head else "Cấp phó của người đứng đầu",
            category=PositionCategory.LEADERSHIP, leadership_role=LeadershipRole.DEPUTY, quota=0,
        )
        tree.set_positions_agency([post.pk], target, valid_from=day, change_event=ev)
        log["positions_created"].append(post.code)
    if post.quota is not None:
        post.quota += seats
        post.save()
    return post


def _carry_quotas(source: Agency, target: Agency, day: dt.date, ev: ChangeEvent, log: dict):
    """Quotas of years ≥ day.year are summed into the target; the source keeps a 0 row."""
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


def dissolve_row(a: Agency, day: dt.date):
    if a.dissolved_on is None or a.dissolved_on > day:
        fresh = Agency.objects.get(pk=a.pk)
        fresh.dissolved_on = day
        fresh.save()  # through the model: simple_history records the change
        a.dissolved_on = day


def end_mandates(a: Agency, day: dt.date, log: dict):
    """Mandates of `a` in force on `day` end the day before (not carried anywhere)."""
    for m in Mandate.objects.select_for_update().filter(agency=a).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day)):
        if m.valid_from is None or m.valid_from < day:
            m.valid_to = day - ONE_DAY
            m.save()
            log["mandates"].append({"from": a.code, "from_ref": m.ref, "to": None, "kind": m.kind, "text": m.text[:200]})


def _mandate_key(m) -> tuple[str, str]:
    """Two mandates are the same when their kind and their text after the overlap pipeline's
    normalisation are."""
    return (m.kind, normalize(m.text))


def _free_ref(ref: str, prefix: str, taken: set[str]) -> str:
    if not ref or ref not in taken:
        return ref
    base = f"{prefix}-{ref}"[:60]
    cand, i = base, 2
    while cand in taken:
        cand, i = f"{base}~{i}", i + 1
    return cand


def carry_mandates(source: Agency, target: Agency, day: dt.date, log: dict, refs=None, close=True):
    """Copy `source`'s mandates valid on `day` (those with `refs` when given) to `target` from
    `day`; close the originals on day − 1 when `close`."""
    existing = {_mandate_key(m): m for m in Mandate.objects.filter(Mandate.covering_q(day), agency=target)}
    taken = set(Mandate.objects.filter(agency=target).exclude(ref="").values_list("ref", flat=True))
    qs = Mandate.objects.select_for_update().filter(agency=source).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
    if refs is not None:
        qs = qs.filter(Q(ref__in=[r for r in refs if r]) | Q(pk__in=[r for r in refs if isinstance(r, int)]))
    for m in qs.order_by("id"):
        log["mandates"].append(_carry_mandate(m, source, target, day, existing, taken, close))


def _carry_mandate(m: Mandate, source: Agency, target: Agency, day: dt.date, existing: dict, taken: set,
                   close: bool) -> dict:
    key = _mandate_key(m)
    entry = {"from": source.code, "from_ref": m.ref, "to": target.code, "kind": m.kind, "text": m.text[:200]}
    starts_later = m.valid_from is not None and m.valid_from >= day
    if key in existing:
        entry["duplicate_of"] = existing[key].ref or existing[key].pk
        entry["to_ref"] = None
        if close and not starts_later:
            m.valid_to = day - ONE_DAY
            m.save()
        return entry
    new_ref = _free_ref(m.ref, source.code, taken)
    taken.add(new_ref)
    entry["to_ref"] = new_ref
    if starts_later and close:
        # Not yet in force: it simply belongs to the target (nothing to close).
        m.agency, m.ref = target, new_ref
        m.save()
        existing[key] = m
        return entry
    existing[key] = Mandate.objects.create(
        agency=target, ref=new_ref, kind=m.kind, text=m.text, sectors=m.sectors,
        legal_basis=m.legal_basis, valid_from=day, valid_to=m.valid_to,
    )
    if close:
        m.valid_to = day - ONE_DAY
        m.save()
    return entry
