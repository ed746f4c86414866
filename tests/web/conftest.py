"""Fixtures for the web pages and the admin: a province-shaped tree of any size, with
mandates, positions, officials, records and quotas."""
import datetime as dt

import pytest

from orgchart.core.dates import today
from orgchart.personnel.models import Assignment, Discipline, Official, Rating, Separation, SuccessionPlan
from orgchart.positions.models import JobPosition
from orgchart.staffing.models import Quota, ReductionTarget
from orgchart.structure import tree
from orgchart.structure.models import Agency, Mandate


def build_tree(size: int, prefix: str = "T") -> dict:
    """A people's committee with departments and divisions, `size` agencies in all, each with a
    mandate, two positions and one holder. Returns {"root", "agencies", "officials"}."""
    root = Agency.objects.create(code=f"{prefix}-UBND", name="Ủy ban nhân dân tỉnh Thử Nghiệm", kind="people_committee",
                                 level="province")
    agencies = [root]
    departments = []
    n_depts = max(1, (size - 1) // 5)
    for i in range(n_depts):
        if len(agencies) >= size:
            break
        d = Agency.objects.create(code=f"{prefix}-SO{i:03d}", name=f"Sở Số {i}", kind="department", level="province",
                                  parent=root)
        agencies.append(d)
        departments.append(d)
    i = 0
    while len(agencies) < size:
        parent = departments[i % len(departments)] if departments else root
        agencies.append(Agency.objects.create(
            code=f"{prefix}-PH{i:04d}", name=f"Phòng Nghiệp vụ {i}", kind="division", level="province", parent=parent,
        ))
        i += 1
    tree.ensure_links()
    Mandate.objects.bulk_create([
        Mandate(agency=a, ref=f"{a.code}-1", kind="function", text=f"Tham mưu quản lý nhà nước về lĩnh vực {a.name}",
                text_key=Mandate.make_text_key("function", f"Tham mưu quản lý nhà nước về lĩnh vực {a.name}"))
        for a in agencies
    ])
    positions = JobPosition.objects.bulk_create([
        JobPosition(code=f"{a.code}-{k}", agency=a, title=title, category=cat, leadership_role=role, quota=q)
        for a in agencies
        for k, title, cat, role, q in (("TP", "Trưởng", "leadership", "head", 1), ("CV", "Chuyên viên", "professional", "none", 3))
    ])
    tree.ensure_links()
    officials = Official.objects.bulk_create([
        Official(code=f"{p.code}-CB", full_name=f"Nguyễn Văn {p.code}", birth_date=dt.date(1975, 5, 20), gender="male",
                 staff_type="civil_servant")
        for p in positions
    ])
    start = today() - dt.timedelta(days=400)
    Assignment.objects.bulk_create([
        Assignment(official=o, position=p, kind="recruitment", start_on=start) for o, p in zip(officials, positions, strict=True)
    ])
    Quota.objects.bulk_create([Quota(agency=a, year=today().year, kind="civil_servant", amount=5) for a in agencies])
    return {"root": root, "agencies": agencies, "officials": officials, "positions": positions}


@pytest.fixture
def small_tree(db):
    return build_tree(20)


@pytest.fixture
def make_tree(db):
    return build_tree


@pytest.fixture
def official_with_records(small_tree):
    o = small_tree["officials"][0]
    Rating.objects.create(official=o, year=today().year - 1, rating="good")
    Discipline.objects.create(official=o, form="reprimand", decided_on=today() - dt.timedelta(days=700))
    SuccessionPlan.objects.create(official=o, position=small_tree["positions"][2], period="2026-2031")
    Separation.objects.create(official=small_tree["officials"][1], separated_on=today() - dt.timedelta(days=1),
                              reason="resignation")
    ReductionTarget.objects.create(agency=small_tree["root"], period_start=2022, period_end=2026, baseline_year=2022,
                                   percent=5)
    return o


@pytest.fixture
def role_client(client, django_user_model):
    """role_client(role, scope=None) → a test client logged in as a user with that role."""
    from orgchart.accounts.models import Membership

    def make(role=None, scope=None, username=None):
        user = django_user_model.objects.create_user(username=username or f"web-{role}", password="x-secret-123")
        if role:
            Membership.objects.create(user=user, role=role, scope=scope)
        client.force_login(user)
        return client

    return make


@pytest.fixture(autouse=True)
def _fresh_search_cache():
    """Each test rolls its data back, so the per-process folded position names must not outlive it."""
    from orgchart.web import lookup

    lookup.clear()
    yield
    lookup.clear()


def add_findings(agencies, n: int):
    """n overlap findings between consecutive agencies of the list (with a mandate pair each)."""
    from orgchart.overlaps.models import OverlapFinding

    rows = []
    for a, b in list(zip(agencies[1:], agencies[2:], strict=False))[:n]:
        a, b = sorted((a, b), key=lambda x: x.code)
        pair = {"a": {"id": 1, "ref": "1", "text": f"Quản lý nhà nước về an toàn thực phẩm tại {a.name}"},
                "b": {"id": 2, "ref": "2", "text": f"Thanh tra an toàn thực phẩm của {b.name}"},
                "score": 0.8, "terms": ["an toàn thực phẩm"]}
        rows.append(OverlapFinding(agency_a=a, agency_b=b, score=0.8, shared_terms=["an toàn thực phẩm"],
                                   mandate_pairs=[pair]))
    return OverlapFinding.objects.bulk_create(rows)
