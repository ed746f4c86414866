"""The admin's django-import-export resources: same columns, keys, parsing and formula guard
as the CLI."""
import tablib

from orgchart.positions.models import JobPosition, PositionLink
from orgchart.structure.models import Agency, AgencyLink, Mandate
from orgchart.transfer.columns import SPECS
from orgchart.transfer.resources import RESOURCES, resource_for_model
from orgchart.transfer.services import KINDS


def dataset(text):
    return tablib.Dataset().load(text, format="csv")


def test_one_resource_per_kind_with_the_spec_columns(db):
    assert list(RESOURCES) == list(KINDS)
    for kind, cls in RESOURCES.items():
        headers = cls().get_export_headers()
        assert [str(h) for h in headers] == [c.name for c in SPECS[kind].columns]
        assert tuple(cls._meta.import_id_fields) == SPECS[kind].key
        assert resource_for_model(cls._meta.model) is cls
    assert resource_for_model(AgencyLink) is None


def test_import_creates_links_and_is_idempotent(base):
    ds = dataset("code,name,kind,level,parent_code\nP.NV.TC,Phòng Tổ chức,division,province,P.NV\n")
    result = RESOURCES["agencies"]().import_data(ds, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    agency = Agency.objects.get(code="P.NV.TC")
    assert agency.parent.code == "P.NV" and agency.mptt_level == 2
    assert AgencyLink.objects.get(agency=agency).parent.code == "P.NV"
    again = RESOURCES["agencies"]().import_data(dataset(ds.csv), dry_run=False)
    assert again.totals["skip"] == 1


def test_position_resource_moves_link(base):
    ds = dataset("code,agency_code,title,category\nP.TC.CV,P.NV,Chuyên viên,professional\n")
    result = RESOURCES["positions"]().import_data(ds, dry_run=False)
    assert not result.has_validation_errors()
    assert PositionLink.objects.get(position__code="P.TC.CV").agency.code == "P.NV"
    assert JobPosition.objects.get(code="P.TC.CV").agency.code == "P.NV"


def test_validation_errors_use_the_spec_messages(base):
    ds = dataset("code,name,kind,level,parent_code\nX,X,nope,province,ZZ\n")
    result = RESOURCES["agencies"]().import_data(ds, dry_run=True)
    assert result.has_validation_errors()
    errors = result.invalid_rows[0].error_dict
    assert "allowed:" in errors["kind"][0] and "unknown agency code 'ZZ'" in errors["parent"][0]
    assert not Agency.objects.filter(code="X").exists()


def test_mandate_text_key_and_formula_guard(base):
    ds = dataset("agency_code,ref,kind,text\nP.NV,,duty,'- Quản lý biên chế\n")
    RESOURCES["mandates"]().import_data(ds, dry_run=False)
    mandate = Mandate.objects.get()
    assert mandate.text == "- Quản lý biên chế"
    assert mandate.text_key == Mandate.make_text_key("duty", mandate.text)
    exported = RESOURCES["mandates"]().export()
    assert exported.dict[0]["text"] == "'- Quản lý biên chế"
    again = RESOURCES["mandates"]().import_data(dataset(exported.csv), dry_run=False)
    assert again.totals["skip"] == 1 and Mandate.objects.count() == 1
