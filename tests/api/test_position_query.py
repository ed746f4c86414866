"""position(code, onDate) (CONTRACT §4): the Position type of Agency.positions, on any date."""
import datetime as dt

import pytest

from orgchart.personnel.models import Assignment, Official
from orgchart.positions.models import JobPosition, PositionLink
from orgchart.structure.models import Agency

Q = """query($c: String!, $d: Date) { position(code: $c, onDate: $d) { code title category leadershipRole
  requiredRank minEducation educationFields minPoliticalTheory minStateMgmt minYearsExperience
  requiresSuccessionPlan quota filled vacant agency { code } holders { code } } }"""


@pytest.fixture
def moved_position(db):
    root = Agency.objects.create(code="R", name="UBND tỉnh", kind="people_committee", level="province")
    a = Agency.objects.create(code="R.A", name="Sở A", kind="department", level="province", parent=root)
    b = Agency.objects.create(code="R.B", name="Sở B", kind="department", level="province", parent=root)
    p = JobPosition.objects.create(code="R.B.PHO", agency=b, title="Phó Giám đốc", category="leadership",
                                   leadership_role="deputy", quota=3, min_education="bachelor",
                                   education_fields="Luật;Kinh tế", min_years_experience=5,
                                   requires_succession_plan=True)
    PositionLink.objects.create(position=p, agency=a, valid_to=dt.date(2025, 6, 30))
    PositionLink.objects.create(position=p, agency=b, valid_from=dt.date(2025, 7, 1))
    for i, start in enumerate((dt.date(2020, 1, 1), dt.date(2025, 7, 1))):
        o = Official.objects.create(code=f"O{i}", full_name=f"Người {i}", birth_date=dt.date(1980, 1, 1),
                                    gender="male", staff_type="civil_servant")
        Assignment.objects.create(official=o, position=p, kind="first_appointment", start_on=start)
    return p


def test_position_by_code_today(moved_position, gql, make_token):
    _, body = gql(Q, {"c": "R.B.PHO"}, make_token("admin"))
    assert "errors" not in body, body
    p = body["data"]["position"]
    assert p["agency"] == {"code": "R.B"} and p["quota"] == 3 and p["filled"] == 2 and p["vacant"] == 1
    assert p["leadershipRole"] == "deputy" and p["educationFields"] == ["Luật", "Kinh tế"]
    assert p["minEducation"] == "bachelor" and p["minYearsExperience"] == 5 and p["requiresSuccessionPlan"] is True
    assert [h["code"] for h in p["holders"]] == ["O0", "O1"]


def test_position_on_an_earlier_date_belongs_to_its_agency_then(moved_position, gql, make_token):
    _, body = gql(Q, {"c": "R.B.PHO", "d": "2025-01-01"}, make_token("admin"))
    p = body["data"]["position"]
    assert p["agency"] == {"code": "R.A"} and p["filled"] == 1 and [h["code"] for h in p["holders"]] == ["O0"]


def test_anonymous_reads_the_structure_but_not_the_holders(moved_position, gql):
    _, body = gql(Q.replace("holders { code }", "") , {"c": "R.B.PHO"})
    assert "errors" not in body and body["data"]["position"]["filled"] == 2
    _, body = gql('{ position(code: "R.B.PHO") { holders { code } } }')
    assert body["errors"][0]["extensions"]["code"] == "forbidden"


def test_unknown_position_is_not_found(db, gql):
    _, body = gql('{ position(code: "NOPE") { code } }')
    assert body["data"]["position"] is None and body["errors"][0]["extensions"]["code"] == "not_found"
