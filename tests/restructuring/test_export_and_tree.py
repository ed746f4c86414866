"""Open-data export (W3C ORG JSON-LD, Popolo) and the tree module on past/future dates."""
import datetime as dt
import json

from django.core.management import call_command
from django.utils import timezone

from orgchart.restructuring import services
from orgchart.structure import tree
from orgchart.structure.models import Agency, AgencyLink

PAST = dt.date(2025, 7, 1)


def test_export_jsonld_and_popolo(province, tmp_path):
    services.merge_agencies(["SXD"], PAST, target_code="STC", decision_no="QĐ 7")
    f = tmp_path / "org.jsonld"
    call_command("export_org", str(f), "--date", "2025-07-01", "--format", "jsonld")
    data = json.loads(f.read_text(encoding="utf-8"))
    assert data["@context"]["org"] == "http://www.w3.org/ns/org#"
    nodes = {n["@id"]: n for n in data["@graph"]}
    stc = nodes["urn:orgchart:agency:STC"]
    assert stc["@type"] == "org:Organization" and stc["org:subOrganizationOf"] == "urn:orgchart:agency:T"
    assert "urn:orgchart:agency:SXD" not in nodes  # dissolved on that date
    assert nodes["urn:orgchart:agency:SXD-PH1"]["org:subOrganizationOf"] == "urn:orgchart:agency:STC"
    events = [n for n in data["@graph"] if n["@type"] == "org:ChangeEvent"]
    assert len(events) == 1 and events[0]["prov:atTime"] == "2025-07-01"
    assert "urn:orgchart:agency:SXD" in events[0]["org:originalOrganization"]
    assert events[0]["org:resultingOrganization"] == ["urn:orgchart:agency:STC"]
    g = tmp_path / "org.json"
    call_command("export_org", str(g), "--date", "2025-06-30", "--format", "popolo")
    pop = json.loads(g.read_text(encoding="utf-8"))
    orgs = {o["id"]: o for o in pop["organizations"]}
    assert orgs["SXD-PH1"]["parent_id"] == "SXD" and pop["events"] == []
    assert any(p["id"] == "SXD-P000" and p["organization_id"] == "SXD" for p in pop["posts"])


def test_is_current_and_stale_mptt(province):
    today = timezone.localdate()
    assert tree.is_current(today)
    assert tree.is_current(dt.date(2020, 1, 1))  # no link boundary since
    services.move_agency("SXD-PH1", "STC", PAST)
    assert not tree.is_current(dt.date(2020, 1, 1))
    assert tree.is_current(today)


def test_agencies_without_links_fall_back_to_mptt(build):
    root = Agency.objects.create(code="R", name="R", kind="people_committee", level="province")
    kid = Agency.objects.create(code="K", name="K", kind="department", level="province", parent=root)
    build.agency("X", "board", root)
    services.move_agency("X", "K", PAST)  # creates a boundary → CTE path for older dates
    old = dt.date(2024, 1, 1)
    assert not tree.is_current(old)
    assert tree.parents_on([kid.pk], old)[kid.pk] == root.pk
    assert [a.code for a in tree.children_on([root.pk], old)[root.pk]] == ["K", "X"]
    assert sorted(tree.subtree_ids(root.pk, old)) == sorted([root.pk, kid.pk, Agency.objects.get(code="X").pk])
    assert tree.descendant_counts([root.pk], old) == {root.pk: 2}
    assert [a.code for a in tree.ancestors_on([kid.pk], old)[kid.pk]] == ["R"]


def test_apply_scheduled_changes_creates_missing_links_and_is_idempotent(build):
    root = Agency.objects.create(code="R", name="R", kind="people_committee", level="province")
    Agency.objects.create(code="K", name="K", kind="department", level="province", parent=root)
    call_command("apply_scheduled_changes")
    assert AgencyLink.objects.filter(agency__code="K", parent=root, valid_from=None, valid_to=None).exists()
    n = AgencyLink.objects.count()
    call_command("apply_scheduled_changes")
    assert AgencyLink.objects.count() == n


def test_parent_edited_outside_the_tree_module_keeps_links_in_step(province):
    div = Agency.objects.get(code="SXD-PH1")
    div.parent = Agency.objects.get(code="STC")
    div.save()  # e.g. the admin or an import
    link = AgencyLink.objects.get(agency=div, valid_to=None)
    assert link.parent.code == "STC"
    call_command("apply_scheduled_changes")
    div.refresh_from_db()
    assert div.parent.code == "STC"
