"""Facts behind RED-LEADER-RESTRUCT (RULES.md §3): leaders of agencies that a restructuring
dissolved or absorbed, and the leadership role each official holds on the reference date.

- Events: `merge`, `split`, `dissolve` change events recorded by the restructuring operations
  (`imported` false — imported history never counts) whose effective date lies within the N
  years (5, staffing/legal.py) up to the reference date: effective_on ≤ ref and
  effective_on + N years > ref.
- Dissolved or absorbed agencies of an event: its originals that are not among its results
  (a merge into an existing agency lists the target on both sides; a split that keeps the
  original lists it as a result).
- Former leaders: holders (primary assignments) on the day before the effective date of a
  `head` or `deputy` position that belonged to such an agency that day.

A fixed number of queries per distinct effective date (events are few), whatever the number
of officials.
"""
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q

from orgchart.core.choices import ChangeKind, LeadershipRole
from orgchart.core.dates import add_months
from orgchart.personnel.models import Assignment
from orgchart.personnel.selectors import holding_q
from orgchart.structure import tree
from orgchart.structure.models import ChangeEvent

from . import legal

RESTRUCTURING_KINDS = (ChangeKind.MERGE, ChangeKind.SPLIT, ChangeKind.DISSOLVE)
ROLE_RANK = {LeadershipRole.HEAD.value: 2, LeadershipRole.DEPUTY.value: 1}
ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class FormerPost:
    role: str  # head | deputy
    position_code: str
    agency_name: str
    effective_on: dt.date  # of the event that dissolved or absorbed the agency


def rank(role: str | None) -> int:
    """head > deputy > anything else."""
    return ROLE_RANK.get(role or "", 0)


def _absorbed(day: dt.date) -> dict[dt.date, dict[int, str]]:
    """{eve of the event: {agency id: name}} of the agencies dissolved or absorbed by recorded
    restructurings in force within the window up to `day`."""
    years = legal.value("leader_restruct_years", day)
    events = (ChangeEvent.objects.filter(kind__in=list(RESTRUCTURING_KINDS), imported=False, effective_on__lte=day)
              .prefetch_related("originals", "results"))
    out: dict[dt.date, dict[int, str]] = defaultdict(dict)
    for ev in events:
        if add_months(ev.effective_on, 12 * years) <= day:
            continue
        kept = {a.pk for a in ev.results.all()}
        for a in ev.originals.all():
            if a.pk not in kept:
                out[ev.effective_on - ONE_DAY][a.pk] = a.name
    return out


def former_leaders(official_ids, day: dt.date) -> dict[int, list[FormerPost]]:
    """{official id: the head/deputy posts they held the day before a recorded restructuring
    dissolved or absorbed the agency}, for `official_ids` (ids or a subquery)."""
    absorbed = _absorbed(day)
    if not absorbed:
        return {}
    posts: dict[dt.date, dict[int, tuple[str, str]]] = {}  # eve → {position id: (role, agency name)}
    q = Q(pk__in=[])
    for eve, agencies in absorbed.items():
        lead = {pid: (role, agencies[aid]) for pid, aid, role in tree.positions_of(list(agencies), eve)
                if rank(role)}
        if lead:
            posts[eve] = lead
            q |= Q(position_id__in=list(lead)) & holding_q(eve)
    if not posts:
        return {}
    out: dict[int, list[FormerPost]] = defaultdict(list)
    rows = Assignment.objects.filter(q, official_id__in=official_ids).values_list(
        "official_id", "position_id", "position__code", "start_on", "end_on")
    for oid, pid, code, start, end in rows:
        for eve, lead in posts.items():
            if pid in lead and start <= eve and (end is None or end >= eve):
                role, agency_name = lead[pid]
                post = FormerPost(role, code, agency_name, eve + ONE_DAY)
                if post not in out[oid]:
                    out[oid].append(post)
    return out


def roles_held(official_ids, day: dt.date) -> dict[int, str]:
    """{official id: the highest leadership role (head/deputy) of a position they hold on `day`}."""
    out: dict[int, str] = {}
    rows = Assignment.objects.filter(
        holding_q(day), official_id__in=official_ids, position__leadership_role__in=list(ROLE_RANK),
    ).values_list("official_id", "position__leadership_role")
    for oid, role in rows:
        if rank(role) > rank(out.get(oid)):
            out[oid] = role
    return out
