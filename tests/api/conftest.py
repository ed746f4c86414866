import datetime as dt

import pytest

from orgchart.personnel.models import Assignment, Official
from orgchart.positions.models import JobPosition, PositionLink
from orgchart.structure import tree
from orgchart.structure.models import Agency, AgencyLink


def build_tree(departments: int, divisions: int, with_people: bool = True, prefix: str = "T"):
    """A province: root → `departments` departments → `divisions` divisions each; one position and
    one holder per division. Built in bulk; returns the root."""
    root = Agency.objects.create(code=prefix, name="Ủy ban nhân dân tỉnh Thử", kind="people_committee", level="province")
    deps = Agency.objects.bulk_create(
        [Agency(code=f"{prefix}.D{i:03}", name=f"Sở {i}", kind="department", level="province", parent=root,
                **tree.blank_node_values()) for i in range(departments)]
    )
    divs = Agency.objects.bulk_create(
        [Agency(code=f"{d.code}.P{j:02}", name=f"Phòng {j}", kind="division", level="province", parent=d,
                **tree.blank_node_values()) for d in deps for j in range(divisions)]
    )
    tree.rebuild()
    AgencyLink.objects.bulk_create(
        [AgencyLink(agency=root, parent=None)] + [AgencyLink(agency=a, parent_id=a.parent_id) for a in deps + divs]
    )
    if with_people:
        positions = JobPosition.objects.bulk_create(
            [JobPosition(code=f"{a.code}-CV", agency=a, title="Chuyên viên", category="professional", quota=2)
             for a in deps + divs]
        )
        PositionLink.objects.bulk_create([PositionLink(position=p, agency_id=p.agency_id) for p in positions])
        officials = Official.objects.bulk_create(
            [Official(code=f"{p.code}-O", full_name="Trần Thị Hoa", birth_date=dt.date(1985, 3, 1), gender="female",
                      staff_type="civil_servant") for p in positions]
        )
        Assignment.objects.bulk_create(
            [Assignment(official=o, position=p, kind="recruitment", start_on=dt.date(2015, 1, 1))
             for o, p in zip(officials, positions, strict=True)]
        )
    return Agency.objects.get(pk=root.pk)


@pytest.fixture
def small_tree(db):
    return build_tree(4, 4)  # 1 + 4 + 16 = 21 agencies


@pytest.fixture
def large_tree(db):
    return build_tree(20, 24)  # 1 + 20 + 480 = 501 agencies
