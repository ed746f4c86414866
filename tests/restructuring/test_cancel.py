"""Cancelling a scheduled change restores every row the operation wrote, exactly."""
import datetime as dt

import pytest

from orgchart.accounts.permissions import Actor
from orgchart.core.choices import Role
from orgchart.core.dates import today
from orgchart.core.errors import DomainError
from orgchart.personnel.models import Assignment
from orgchart.positions.models import JobPosition, PositionLink
from orgchart.restructuring import services
from orgchart.restructuring.cancel import cancel_scheduled, scheduled_events
from orgchart.staffing.models import Quota
from orgchart.structure.models import Agency, AgencyLink, ChangeEvent, Mandate

FUTURE = today() + dt.timedelta(days=40)
MODELS = (Agency, AgencyLink, PositionLink, JobPosition, Mandate, Quota, Assignment)
SKIP = {"lft", "rght", "tree_id", "mptt_level"}


def state():
    out = {}
    for m in MODELS:
        fields = [f.attname for f in m._meta.concrete_fields if f.attname not in SKIP]
        out[m.__name__] = sorted(m.objects.values_list(*fields))
    out["events"] = ChangeEvent.objects.count()
    return out


def officer(user=None, scope=None):
    return Actor(user, Role.RESTRUCTURING, scope.pk if scope else None)


def _quotas(province):
    for code in ("SXD", "STC"):
        Quota.objects.create(agency=province[code], year=FUTURE.year, kind="civil_servant", amount=20)
        Quota.objects.create(agency=province[code], year=FUTURE.year + 1, kind="civil_servant", amount=19)


@pytest.mark.parametrize("operation", ["merge_new", "merge_into", "move", "rename", "split", "dissolve_into"])
def test_cancel_restores_everything(province, operation):
    _quotas(province)
    before = state()
    calls = {
        "merge_new": lambda: services.merge_agencies(["SXD", "STC"], FUTURE, new_code="SXDTC", new_name="Sở Xây dựng và Tài chính"),
        "merge_into": lambda: services.merge_agencies(["STC"], FUTURE, target_code="SXD"),
        "move": lambda: services.move_agency("SXD-PH1", "STC", FUTURE),
        "rename": lambda: services.rename_agency("SXD", "Sở Xây dựng mới", FUTURE),
        "split": lambda: services.split_agency("SXD", [
            {"code": "SXD", "name": ""}, {"code": "SXD-B", "name": "Sở mới", "child_codes": ["SXD-PH2"],
                                          "mandate_refs": ["CN1"]}], FUTURE),
        "dissolve_into": lambda: services.dissolve_agency("SXD-PH2", FUTURE, destination_code="SXD-PH1"),
    }
    out = calls[operation]()
    assert state() != before
    assert list(scheduled_events()) == [out.change_event]
    done = cancel_scheduled(out.change_event.pk, actor=officer())
    assert done.deleted + done.restored > 0 or operation == "rename"
    assert state() == before
    assert list(scheduled_events()) == []


def test_cancel_refused_when_due_or_applied(province):
    ev = services.move_agency("SXD-PH1", "STC", today() - dt.timedelta(days=1)).change_event
    with pytest.raises(DomainError) as e:
        cancel_scheduled(ev.pk, actor=officer())
    assert e.value.code == "conflict"


def test_cancel_later_first(province):
    first = services.move_agency("SXD-PH1", "STC", FUTURE).change_event
    services.rename_agency("SXD-PH1", "Phòng mới", FUTURE + dt.timedelta(days=10))
    snapshot = state()
    with pytest.raises(DomainError) as e:
        cancel_scheduled(first.pk, actor=officer())
    assert e.value.code == "conflict"
    assert state() == snapshot


def test_cancel_refused_when_built_upon(province):
    _quotas(province)
    ev = services.merge_agencies(["STC"], FUTURE, target_code="SXD").change_event
    q = Quota.objects.get(agency=province["SXD"], year=FUTURE.year + 1)
    q.amount = 5
    q.save()
    with pytest.raises(DomainError) as e:
        cancel_scheduled(ev.pk, actor=officer())
    assert e.value.code == "conflict"
    assert ChangeEvent.objects.filter(pk=ev.pk).exists()


def test_cancel_needs_role_and_scope(province):
    ev = services.move_agency("SXD-PH1", "STC", FUTURE).change_event
    for actor in (Actor(None, Role.AUDITOR, None), Actor(None, Role.PERSONNEL, None),
                  officer(scope=province["SXD"])):
        with pytest.raises(DomainError) as e:
            cancel_scheduled(ev.pk, actor=actor)
        assert e.value.code == "forbidden"
    with pytest.raises(DomainError) as e:
        cancel_scheduled(999999, actor=officer())
    assert e.value.code == "not_found"


@pytest.mark.parametrize("operation", ["merge_into", "split_new"])
def test_cancel_rows_written_without_history(province, operation):
    """Legacy rows (bulk-loaded without audit rows, like `tree.ensure_links`): the previous
    values are inferred from what the event wrote next to them."""
    from orgchart.personnel.models import Assignment as A

    _quotas(province)
    for model in (Agency, AgencyLink, PositionLink, Mandate, Quota, A):
        model.history.all().delete()
    before = state()
    if operation == "merge_into":
        out = services.merge_agencies(["STC"], FUTURE, target_code="SXD")
    else:
        out = services.split_agency("SXD", [{"code": "SXD-B", "name": "Sở mới", "child_codes": ["SXD-PH2"],
                                             "position_codes": [], "mandate_refs": ["CN1"]},
                                            {"code": "SXD", "name": ""}], FUTURE)
    cancel_scheduled(out.change_event.pk, actor=officer())
    assert state() == before
