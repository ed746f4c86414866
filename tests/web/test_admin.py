"""The admin: every registered model's pages render for a superuser; the tree's drag and drop
goes through the tree module; tokens can be revoked; exports neutralise formulas."""
import datetime as dt

import pytest
import tablib
from django.contrib import admin
from django.urls import reverse

from orgchart.accounts.models import ApiToken, Membership
from orgchart.core.dates import today
from orgchart.structure import tree
from orgchart.structure.models import Agency, AgencyLink, ChangeEvent
from orgchart.web.admin_base import SAFE_FORMATS, SafeCSV, SafeXLSX

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("root-web", "root@example.vn", "x-secret-123")
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def every_model(official_with_records, small_tree, django_user_model):
    """At least one row of every model this package registers."""
    user = django_user_model.objects.create_user("scoped-web")
    Membership.objects.create(user=user, role="personnel", scope=small_tree["agencies"][1])
    ApiToken.issue(user)
    event = ChangeEvent.objects.create(kind="move", effective_on=today(), note="thử")
    event.originals.add(small_tree["agencies"][3])
    return small_tree


def _url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_every_registered_model_renders(superuser_client, every_model):
    checked = 0
    for model, model_admin in admin.site._registry.items():
        resp = superuser_client.get(_url(model, "changelist"))
        assert resp.status_code == 200, (model, resp.status_code)
        request = resp.wsgi_request
        if model_admin.has_add_permission(request):
            assert superuser_client.get(_url(model, "add")).status_code == 200, model
        obj = model._default_manager.order_by("pk").first()
        if obj is not None:
            assert superuser_client.get(_url(model, "change", obj.pk)).status_code == 200, model
            if hasattr(model_admin, "history_view"):
                assert superuser_client.get(_url(model, "history", obj.pk)).status_code == 200, model
            checked += 1
    assert checked >= 17  # every model of this project's apps has a row in the fixture


def test_changelist_search_and_filters(superuser_client, every_model):
    html = superuser_client.get(_url(Agency, "changelist") + "?q=Sở Số 1").content.decode()
    assert "Sở Số 1" in html and "Phòng Nghiệp vụ 0<" not in html
    assert superuser_client.get(_url(Agency, "changelist") + "?kind__exact=division").status_code == 200
    html = superuser_client.get(reverse("admin:positions_jobposition_changelist") + "?leadership_role__exact=head").content.decode()
    assert "Trưởng" in html


def test_admin_labels_are_vietnamese(superuser_client, every_model):
    html = superuser_client.get(reverse("admin:index")).content.decode()
    for label in ("Cơ quan, đơn vị", "Vị trí việc làm", "Cán bộ, công chức, viên chức", "Biên chế được giao", "Mã truy cập API"):
        assert label in html


def test_drag_and_drop_move_records_history(superuser_client, small_tree):
    division = Agency.objects.get(code="T-PH0000")
    target = small_tree["agencies"][2]
    resp = superuser_client.post(_url(Agency, "changelist"), {
        "cmd": "move_node", "cut_item": division.pk, "pasted_on": target.pk, "position": "last-child",
    })
    assert resp.content.startswith(b"OK")
    division.refresh_from_db()
    assert division.parent_id == target.pk
    open_link = AgencyLink.objects.get(agency=division, valid_to__isnull=True)
    assert open_link.parent_id == target.pk and open_link.valid_from == today()
    assert open_link.change_event.kind == "move"
    yesterday = today() - dt.timedelta(days=1)
    assert tree.parents_on([division.pk], yesterday)[division.pk] == small_tree["agencies"][1].pk


def test_drag_and_drop_refuses_a_cycle(superuser_client, small_tree):
    dept = small_tree["agencies"][1]
    child = Agency.objects.filter(parent=dept).first()
    resp = superuser_client.post(_url(Agency, "changelist"), {
        "cmd": "move_node", "cut_item": dept.pk, "pasted_on": child.pk, "position": "last-child",
    })
    assert resp.content.startswith(b"FAIL")
    dept.refresh_from_db()
    assert dept.parent_id == small_tree["root"].pk


def test_add_agency_in_admin_starts_its_parent_history(superuser_client, small_tree):
    resp = superuser_client.post(_url(Agency, "add"), {
        "code": "T-NEW", "name": "Ban Quản lý Mới", "short_name": "", "kind": "board", "level": "province",
        "agency_class": "", "parent": small_tree["root"].pk, "established_on": "", "dissolved_on": "", "legal_basis": "",
        **{f"{p}-TOTAL_FORMS": "0" for p in ("mandates", "quotas", "positions", "links")},
        **{f"{p}-INITIAL_FORMS": "0" for p in ("mandates", "quotas", "positions", "links")},
    })
    assert resp.status_code == 302, resp.content.decode()[:2000]
    new = Agency.objects.get(code="T-NEW")
    assert AgencyLink.objects.filter(agency=new, parent=small_tree["root"]).exists()


def test_revoke_tokens_action(superuser_client, every_model):
    token = ApiToken.objects.get()
    resp = superuser_client.post(_url(ApiToken, "changelist"), {"action": "revoke", "_selected_action": [token.pk]})
    assert resp.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert token.history.count() >= 2


def test_token_digest_is_read_only(superuser_client, every_model):
    token = ApiToken.objects.get()
    html = superuser_client.get(_url(ApiToken, "change", token.pk)).content.decode()
    assert token.digest in html
    assert 'name="digest"' not in html


@pytest.mark.parametrize("fmt", [SafeCSV, SafeXLSX])
def test_exports_neutralise_formulas(fmt):
    data = tablib.Dataset(headers=["code", "name"])
    for cell in ("=1+1", "+84", "-x", "@SUM(A1)", "\tTab", "\rCR", "Bình thường", "'=already"):
        data.append(["C1", cell])
    out = fmt().export_data(data)
    back = tablib.Dataset().load(out, format="csv" if fmt is SafeCSV else "xlsx")
    names = [row[1] for row in back]
    if fmt is SafeXLSX:  # a spreadsheet cell stores a lone CR as a line break
        names = [n.replace("\n", "\r") for n in names]
    assert names[:6] == ["'=1+1", "'+84", "'-x", "'@SUM(A1)", "'\tTab", "'\rCR"]
    assert names[6:] == ["Bình thường", "'=already"]


def test_admin_offers_only_safe_formats():
    for model_admin in admin.site._registry.values():
        if hasattr(model_admin, "get_export_formats"):
            assert all(f in SAFE_FORMATS for f in model_admin.get_export_formats())


def _export_csv(model, user, rf):
    model_admin = admin.site._registry[model]
    request = rf.get("/")
    request.user = user
    from orgchart.web.admin_base import SafeCSV as fmt

    return model_admin.get_export_data(fmt(), request, model._default_manager.all()).lstrip("\ufeff")


def test_admin_export_has_contract_columns_and_guards_formulas(superuser_client, small_tree, rf):
    Agency.objects.filter(code="T-PH0000").update(name="=HYPERLINK(\"x\")")
    text = _export_csv(Agency, superuser_client.user, rf)
    header = text.splitlines()[0]
    assert header.startswith("code,name,short_name,kind,level,parent_code,class")
    assert "'=HYPERLINK" in text
    assert "\n=" not in text and ",=" not in text


def test_admin_import_round_trips_an_export(superuser_client, small_tree, rf):
    from django.core.files.uploadedfile import SimpleUploadedFile

    Agency.objects.filter(code="T-PH0001").update(name="-Phòng âm")
    text = _export_csv(Agency, superuser_client.user, rf)
    url = reverse("admin:structure_agency_import")
    assert superuser_client.get(url).status_code == 200
    upload = SimpleUploadedFile("agencies.csv", text.encode("utf-8"), content_type="text/csv")
    resp = superuser_client.post(url, {"resource": "0", "format": "0", "import_file": upload})
    assert resp.status_code == 200
    confirm = resp.context["confirm_form"]
    assert confirm is not None, resp.content.decode()[:3000]
    result = resp.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    assert {row.import_type for row in result.rows} <= {"skip", "update"}
    resp = superuser_client.post(reverse("admin:structure_agency_process_import"), confirm.initial)
    assert resp.status_code == 302
    assert Agency.objects.get(code="T-PH0001").name == "-Phòng âm"


MY_APPS = {"accounts", "structure", "positions", "personnel", "staffing", "auth"}


def _changelist_counts(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for model in admin.site._registry:
        if model._meta.app_label not in MY_APPS:
            continue
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(_url(model, "changelist")).status_code == 200
        counts[model._meta.label] = len(ctx.captured_queries)
    return counts


def test_changelists_have_no_n_plus_one(superuser_client, official_with_records, django_user_model):
    from tests.web.conftest import build_tree

    def add_people(prefix):
        for i in range(4):
            user = django_user_model.objects.create_user(f"{prefix}-{i}")
            Membership.objects.create(user=user, role="auditor", scope=Agency.objects.order_by("pk")[i])
            ApiToken.issue(user)

    add_people("a")
    few = _changelist_counts(superuser_client)
    build_tree(40, prefix="M")  # three times the rows, still one page of each list
    add_people("b")
    more = _changelist_counts(superuser_client)
    assert few == more


def test_change_form_refuses_moving_into_own_subtree(superuser_client, small_tree):
    dept = small_tree["agencies"][1]
    child = Agency.objects.filter(parent=dept).first()
    data = {
        "code": dept.code, "name": dept.name, "short_name": "", "kind": dept.kind, "level": dept.level,
        "agency_class": "", "parent": child.pk, "established_on": "", "dissolved_on": "", "legal_basis": "",
    }
    for prefix in ("mandates", "quotas", "positions", "links"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    resp = superuser_client.post(_url(Agency, "change", dept.pk), data)
    assert resp.status_code == 200  # the form comes back with an error
    assert "parent" in resp.context["adminform"].form.errors
    dept.refresh_from_db()
    assert dept.parent_id == small_tree["root"].pk


def test_change_form_moves_through_the_tree_module(superuser_client, small_tree):
    division = Agency.objects.get(code="T-PH0000")
    target = small_tree["agencies"][2]
    data = {
        "code": division.code, "name": division.name, "short_name": "", "kind": division.kind,
        "level": division.level, "agency_class": "", "parent": target.pk, "established_on": "", "dissolved_on": "",
        "legal_basis": "",
    }
    for prefix in ("mandates", "quotas", "positions", "links"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    resp = superuser_client.post(_url(Agency, "change", division.pk), data)
    assert resp.status_code == 302, resp.content.decode()[:3000]
    division.refresh_from_db()
    assert division.parent_id == target.pk
    assert AgencyLink.objects.filter(agency=division, valid_to=today() - dt.timedelta(days=1)).exists()
    assert ChangeEvent.objects.filter(kind="move", originals=division).exists()
