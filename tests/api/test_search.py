"""Search (CONTRACT §4): case- and diacritics-insensitive word prefixes of the name or the code,
the same in agencies(search:), officials(search:) and the web search, on SQLite and PostgreSQL."""
import datetime as dt
import unicodedata

import pytest
from django.db import connection

from orgchart.core.search import matches, search_key, search_key_mismatches, words
from orgchart.personnel.models import Assignment, Official
from orgchart.positions.models import JobPosition
from orgchart.structure.models import Agency

from .conftest import build_tree

NFD = unicodedata.normalize("NFD", "Nguyễn Văn Q")
OFFICIALS = '{ officials(search: %s, first: 50) { totalCount edges { node { code fullName } } } }'
AGENCIES = '{ agencies(search: %s, first: 50) { totalCount edges { node { code } } } }'


def test_words_fold_case_marks_and_d():
    assert words("Nguyễn Văn Quang") == ["nguyen", "van", "quang"]
    assert words(NFD) == words("NGUYỄN VĂN Q") == words("nguyen van q")
    assert words("Đặng Thị Đào") == ["dang", "thi", "dao"]
    assert words("KH.YT.BVNT") == ["kh", "yt", "bvnt"]
    assert search_key("Sở Tài chính", "KH.TC") == "so tai chinh kh tc"


@pytest.mark.parametrize("query, found", [
    ("nguyen van q", True), ("NGUYỄN VĂN Q", True), (NFD, True), ("quang nguyen", True), ("ng v qu", True),
    ("nguyen van qx", False), ("guyen", False), ("nguyen van quang hai", False), ("CB0", True), ("b0", False),
])
def test_matching_rule(query, found):
    assert matches(search_key("Nguyễn Văn Quang", "CB001"), query) is found


@pytest.fixture
def people(db):
    root = build_tree(2, 1, with_people=False)
    dept = Agency.objects.get(code="T.D000")
    other = Agency.objects.get(code="T.D001")
    p1 = JobPosition.objects.create(code="T.D000.CV", agency=dept, title="Chuyên viên", category="professional")
    p2 = JobPosition.objects.create(code="T.D001.CV", agency=other, title="Chuyên viên", category="professional")
    names = {"CB001": "Nguyễn Văn Quang", "CB002": "Nguyễn Thị Quỳnh", "CB003": "Trần Văn Quang",
             "CB004": "Đặng Quang Nguyên", "CB005": "Nguyễn Văn Quảng"}
    made = {}
    for code, name in names.items():
        made[code] = Official.objects.create(code=code, full_name=name, birth_date=dt.date(1980, 1, 1), gender="male",
                                             staff_type="civil_servant")
    for code in ("CB001", "CB002", "CB003"):
        Assignment.objects.create(official=made[code], position=p1, kind="recruitment", start_on=dt.date(2010, 1, 1))
    Assignment.objects.create(official=made["CB004"], position=p2, kind="recruitment", start_on=dt.date(2010, 1, 1))
    return root


def _codes(body, field="officials"):
    assert "errors" not in body, body
    return [e["node"]["code"] for e in body["data"][field]["edges"]]


@pytest.mark.parametrize("query", ["nguyen van q", "NGUYỄN VĂN Q", NFD])
def test_contract_examples_find_nguyen_van_quang(people, gql, make_token, query):
    _, body = gql(OFFICIALS % '"%s"' % query, token=make_token("admin"))
    assert _codes(body) == ["CB001", "CB005"]
    assert body["data"]["officials"]["totalCount"] == 2


def test_every_word_must_prefix_a_word_of_name_or_code(people, gql, make_token):
    token = make_token("admin")
    for query, expected in [("quang", ["CB001", "CB003", "CB004", "CB005"]), ("van quang", ["CB001", "CB003", "CB005"]),
                            ("nguyen quang", ["CB001", "CB004", "CB005"]), ("cb00", ["CB001", "CB002", "CB003", "CB004", "CB005"]),
                            ("cb002 quynh", ["CB002"]), ("uyen", []), ("quynh tran", [])]:
        _, body = gql(OFFICIALS % f'"{query}"', token=token)
        assert _codes(body) == expected, query


def test_officials_under_a_subtree_and_on_a_date(people, gql, make_token):
    token = make_token("admin")
    _, body = gql('{ officials(under: "T.D000", search: "quang") { totalCount edges { node { code } } } }', token=token)
    assert _codes(body) == ["CB001", "CB003"]
    _, body = gql('{ officials(under: "T.D000", onDate: "2009-12-31") { totalCount } }', token=token)
    assert body["data"]["officials"]["totalCount"] == 0


def test_a_scoped_token_finds_only_officials_in_its_scope(people, gql, make_token):
    token = make_token("personnel", scope=Agency.objects.get(code="T.D001"))
    _, body = gql(OFFICIALS % '"quang"', token=token)
    assert _codes(body) == ["CB004"]


def test_officials_need_a_role(people, gql):
    _, body = gql(OFFICIALS % '"quang"')
    assert body["errors"][0]["extensions"]["code"] == "forbidden"


def test_agencies_search(people, gql):
    Agency.objects.create(code="T.STC", name="Sở Tài chính", kind="department", level="province",
                          parent=Agency.objects.get(code="T"))
    for query in ("so tai chinh", "SỞ TÀI CHÍNH", unicodedata.normalize("NFD", "Sở Tài"), "tai", "t.stc", "stc"):
        _, body = gql(AGENCIES % f'"{query}"')
        assert _codes(body, "agencies") == ["T.STC"], query
    _, body = gql(AGENCIES % '"ai chinh"')
    assert _codes(body, "agencies") == []
    _, body = gql(AGENCIES % '"so"')
    assert _codes(body, "agencies") == ["T.D000", "T.D001", "T.STC"]  # "Sở 0", "Sở 1", "Sở Tài chính"


def test_last_and_before_page_backwards(people, gql, make_token):
    token = make_token("admin")
    q = '{ officials(search: "cb", %s) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { code } } } }'
    _, body = gql(q % "last: 2", token=token)
    assert _codes(body) == ["CB004", "CB005"]
    info = body["data"]["officials"]["pageInfo"]
    assert info["hasPreviousPage"] and not info["hasNextPage"]
    _, body = gql(q % f'last: 2, before: "{info["startCursor"]}"', token=token)
    assert _codes(body) == ["CB002", "CB003"]
    _, body = gql(q % "first: 2", token=token)
    end = body["data"]["officials"]["pageInfo"]["endCursor"]
    _, body = gql(q % f'first: 10, after: "{end}"', token=token)
    assert _codes(body) == ["CB003", "CB004", "CB005"]
    _, body = gql(q % 'before: "bad-cursor", last: 1', token=token)
    assert body["errors"][0]["extensions"]["code"] == "invalid"
    _, body = gql(q % "first: 1, last: 1", token=token)
    assert body["errors"][0]["extensions"]["code"] == "invalid"


def test_every_write_path_keeps_the_search_column(people, tmp_path):
    """ORM save, bulk_create and the import (new rows and a rename) leave no stale search column."""
    from orgchart.transfer.services import import_file

    o = Official.objects.get(code="CB003")
    o.full_name = "Trần Văn Bình"
    o.save()
    Official.objects.bulk_create([Official(code="CB100", full_name="Lê Thị Lan", birth_date=dt.date(1990, 1, 1),
                                           gender="female", staff_type="civil_servant")])
    f = tmp_path / "officials.csv"
    f.write_text("code,full_name,birth_date,gender,staff_type\nCB001,Nguyễn Văn Quý,1980-01-01,male,civil_servant\n"
                 "CB200,Phạm Đức Huy,1985-05-05,male,civil_servant\n", encoding="utf-8")
    import_file("officials", f)
    a = tmp_path / "agencies.csv"
    a.write_text("code,name,kind,level,parent_code\nT.D000,Sở Nội vụ,department,province,T\n"
                 "T.NEW,Văn phòng Đoàn đại biểu Quốc hội,department_equivalent,province,T\n", encoding="utf-8")
    import_file("agencies", a)
    assert search_key_mismatches(Official) == [] and search_key_mismatches(Agency) == []
    assert Official.objects.get(code="CB001").search_key == "nguyen van quy cb001"
    assert list(Official.objects.filter(search_key__words="duc huy").values_list("code", flat=True)) == ["CB200"]
    assert list(Official.objects.filter(search_key__words="tran binh").values_list("code", flat=True)) == ["CB003"]
    assert list(Agency.objects.filter(search_key__words="noi vu").values_list("code", flat=True)) == ["T.D000"]
    assert list(Agency.objects.filter(search_key__words="doan dai bieu").values_list("code", flat=True)) == ["T.NEW"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL GIN index")
def test_postgresql_serves_the_search_from_the_gin_index(people):
    qs = Official.objects.filter(search_key__words="nguyen van q")
    with connection.cursor() as cur:
        cur.execute("SET LOCAL enable_seqscan = off")
        plan = qs.explain()
    assert "personnel_official_search_vector_gin" in plan
    plan = Agency.objects.filter(search_key__words="so").explain()
    assert "structure_agency_search_vector_gin" in plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL vocabulary")
def test_postgresql_vocabulary_follows_every_write_and_expands_prefixes(people):
    from orgchart.core import search_pg

    with connection.cursor() as cur:  # a write that bypasses Django entirely (like COPY)
        cur.execute("INSERT INTO personnel_official (code, full_name, birth_date, gender, staff_type, rank_code, "
                    "education_level, education_field, political_theory, state_mgmt, search_key) VALUES "
                    "('RAW1', 'Vũ Quangvinh', '1980-01-01', 'male', 'civil_servant', '', '', '', '', '', "
                    "'vu quangvinh raw1')")
    assert list(Official.objects.filter(search_key__words="quangv").values_list("code", flat=True)) == ["RAW1"]
    assert search_pg.tsquery(connection, ["quang", "nguy"]) == "('quang' | 'quangvinh') & ('nguyen')"
    assert search_pg.tsquery(connection, ["zzz"]) is None
    assert not Official.objects.filter(search_key__words="zzz").exists()
    with connection.cursor() as cur:
        cur.execute("INSERT INTO search_vocabulary (word) SELECT 'qq' || g FROM generate_series(1, 70) g")
    assert search_pg.tsquery(connection, ["qq"]) == "'qq':*"
