"""Keep the interval rows in step with bulk writes: an agency's parent (AgencyLink) and a
position's agency (PositionLink). Same semantics as `structure.tree.set_parent` without a
`valid_from`: a correction of the open interval (or a new open interval when there is none).
"""
from django.db.models import F

from orgchart.structure.models import Agency, AgencyLink

from .history import bulk_create_logged, bulk_update_logged

CHUNK = 2000


def _open_links(model, owner_field: str, owner_ids: list[int]) -> dict:
    """{owner id: its open link (latest valid_from)} in one query per chunk."""
    result = {}
    for i in range(0, len(owner_ids), CHUNK):
        chunk = owner_ids[i: i + CHUNK]
        qs = model.objects.filter(**{f"{owner_field}_id__in": chunk, "valid_to__isnull": True})
        for link in qs.order_by(F("valid_from").asc(nulls_first=True), "pk"):
            result[getattr(link, f"{owner_field}_id")] = link
    return result


def _sync(model, owner_field: str, target_field: str, owners: list[tuple[int, int | None]]):
    """owners: [(owner id, target id)]; make each owner's open link point at the target."""
    if not owners:
        return
    existing = _open_links(model, owner_field, [o for o, _ in owners])
    new, changed = [], []
    for owner_id, target_id in owners:
        link = existing.get(owner_id)
        if link is None:
            new.append(model(**{f"{owner_field}_id": owner_id, f"{target_field}_id": target_id, "valid_from": None}))
        elif getattr(link, f"{target_field}_id") != target_id:
            setattr(link, f"{target_field}_id", target_id)
            changed.append(link)
    bulk_create_logged(model, new)
    bulk_update_logged(model, changed, [target_field])


def sync_agency_parents(pairs: list[tuple[int, int | None]]):
    """pairs: [(agency id, parent id)]."""
    _sync(AgencyLink, "agency", "parent", pairs)


def sync_position_agencies(pairs: list[tuple[int, int]]):
    """pairs: [(position id, agency id)]."""
    from orgchart.positions.models import PositionLink

    _sync(PositionLink, "position", "agency", pairs)


def rebuild_tree():
    """Recompute the MPTT columns of the current tree once, after bulk parent changes."""
    Agency.objects.rebuild()
