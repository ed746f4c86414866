"""`history(kind, code)`: who changed what, when, before/after (audit trail; issue 8).

Reads django-simple-history rows of the record (and, for an official, of their assignments,
ratings, disciplines, succession plans and separations; for an agency, of its mandates and
positions), newest first. `overlap` (code "A~B") is the history of one overlap finding: each
detection and review with who, when, status, note (the evidence fields are left out). Personal records need a role and, for a scoped token, the official in scope."""
import graphene

from orgchart.accounts.permissions import Actor

from .errors import Forbidden, Invalid, NotFound
from .fields import check_list_limit, require_role


class FieldChangeType(graphene.ObjectType):
    class Meta:
        name = "FieldChange"

    field = graphene.String(required=True)
    old = graphene.String()
    new = graphene.String()


class HistoryEntryType(graphene.ObjectType):
    class Meta:
        name = "HistoryEntry"

    model = graphene.String(required=True, description="e.g. official, assignment, rating")
    object_id = graphene.ID(required=True)
    at = graphene.DateTime(required=True)
    user = graphene.String(description="username of the author (null: a command or import without a user)")
    action = graphene.String(required=True, description="created | changed | deleted")
    reason = graphene.String(description="change reason (e.g. an eligibility override and its findings)")
    source = graphene.String(description="the request (method, path, client address) or command that made the change")
    changes = graphene.List(graphene.NonNull(FieldChangeType), required=True, description="before/after of each changed field")


ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}


def _kinds():
    from orgchart.personnel.models import Official
    from orgchart.positions.models import JobPosition
    from orgchart.structure.models import Agency

    return {
        "agency": (Agency, ("mandates", "positions", "links"), False),
        "position": (JobPosition, ("assignments", "links"), False),
        "official": (Official, ("assignments", "ratings", "disciplines", "succession_plans", "separations"), True),
        "overlap": (None, (), False),
    }


# An overlap finding's history shows its review and detection state, not the (long) evidence.
OVERLAP_FIELDS = ("status", "note", "reviewer", "reviewed_at", "active", "score")


def _find(kind: str, model, code: str):
    """The record named by `code`; an overlap pair is "A~B" (the two agency codes, any order)."""
    if kind != "overlap":
        return model.objects.filter(code=code).first()
    from orgchart.overlaps.services import find

    parts = [p for p in code.split("~") if p.strip()]
    if len(parts) != 2:
        raise Invalid("code of an overlap: the two agency codes joined by '~', e.g. 'KH.CT~KH.YT'")
    return find(parts[0].strip(), parts[1].strip())


def _entries(model_name, records, fields=None):
    """Records ordered by (object id, date): each record's predecessor is the one before it."""
    out = []
    last_of: dict = {}
    for rec in records:
        prev = last_of.get(rec.id) if rec.history_type == "~" else None
        last_of[rec.id] = rec
        changes = []
        if prev is not None:
            delta = rec.diff_against(prev, included_fields=list(fields) if fields else None)
            changes = [FieldChangeType(field=c.field, old=_s(c.old), new=_s(c.new)) for c in delta.changes]
        elif rec.history_type == "+":
            changes = [
                FieldChangeType(field=f.attname, old=None, new=_s(getattr(rec, f.attname)))
                for f in rec.instance_type._meta.concrete_fields
                if f.attname not in ("id",) and getattr(rec, f.attname, None) not in (None, "")
                and (not fields or f.name in fields)
            ]
        out.append(
            HistoryEntryType(
                model=model_name, object_id=str(rec.id), at=rec.history_date,
                user=rec.history_user.get_username() if rec.history_user_id else None,
                action=ACTIONS.get(rec.history_type, rec.history_type), reason=rec.history_change_reason,
                source=getattr(rec, "history_request", "") or None, changes=changes,
            )
        )
    return out


def _s(value):
    return None if value is None else str(value)


class Query(graphene.ObjectType):
    history = graphene.List(
        graphene.NonNull(HistoryEntryType),
        kind=graphene.String(required=True, description="agency | position | official | overlap"),
        code=graphene.String(required=True, description="the record's code; for an overlap finding the two agency "
                             "codes joined by '~' (any order), e.g. 'KH.CT~KH.YT.ATTP'"), first=graphene.Int(description="newest first; default 200, ≤ 5000"),
        description="Audit trail of a record and its dependent records: who changed what, when, before/after.",
    )

    def resolve_history(root, info, kind, code, first=None):
        actor: Actor = require_role(info)
        kinds = _kinds()
        if kind not in kinds:
            raise Invalid(f"kind must be one of {', '.join(kinds)}")
        limit = check_list_limit(first, default=200)
        model, related, personal = kinds[kind]
        obj = _find(kind, model, code)
        if obj is None:
            raise NotFound(f"không tìm thấy {kind} '{code}'")
        if personal and not actor.can_read_official(obj):
            raise Forbidden()
        entries = _entries(kind, obj.history.select_related("history_user").order_by("history_date"),
                           OVERLAP_FIELDS if kind == "overlap" else None)
        for name in related:
            manager = getattr(obj, name)
            rel_model, fk = manager.model, manager.field.attname
            hist = rel_model.history.filter(**{fk: obj.pk}).select_related("history_user").order_by("id", "history_date")
            entries += _entries(rel_model._meta.model_name, hist)
        entries.sort(key=lambda e: e.at, reverse=True)
        return entries[:limit]
