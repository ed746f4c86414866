"""Every page runs a fixed number of queries whatever the size of the tree (20 vs 200 agencies),
on today's tree (MPTT) and on a past date (interval rows)."""
import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from orgchart.core.dates import today
from orgchart.structure import tree
from orgchart.structure.models import Agency

from .conftest import build_tree

pytestmark = pytest.mark.django_db

# Ceilings with headroom: the agency and staffing pages include the staffing roll-up and the
# structure findings of the whole subtree (other packages' fixed query budgets). What these
# tests pin down is that the counts do not grow with the tree (20 vs 200 agencies).
MAX_QUERIES = {"tree": 10, "agency": 40, "department": 40, "official": 12, "search": 6, "staffing": 60,
               "staffing_with_candidates": 75, "candidates": 16}


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        resp = client.get(url)
    assert resp.status_code == 200, url
    return len(ctx.captured_queries)


def _with_history(built):
    """Move one division from today so the past differs from the present (CTE path)."""
    division = Agency.objects.filter(kind="division").order_by("code").first()
    departments = [a for a in built["agencies"] if a.kind == "department"]
    other = next(d for d in departments if d.pk != division.parent_id)
    tree.set_parent(division, other, valid_from=today())
    return built


@pytest.mark.parametrize("past", [False, True], ids=["today", "past-date"])
def test_structure_pages_constant_in_tree_size(client, past, django_assert_max_num_queries):
    counts = {}
    for size, prefix in ((20, "S"), (200, "L")):
        built = _with_history(build_tree(size, prefix=prefix))
        day = (today() - dt.timedelta(days=1)).isoformat() if past else ""
        q = f"ngay={day}" if past else ""
        root, dept = built["root"], built["agencies"][1]
        urls = {
            "tree": f"/co-quan/?sau=3&{q}",
            "agency": f"/co-quan/{root.code}/?{q}",
            "search": f"/tim-kiem/?q=Ph%C3%B2ng&{q}",
            "department": f"/co-quan/{dept.code}/?{q}",
            "staffing": f"/co-quan/{root.code}/bien-che/",
        }
        counts[size] = {name: _count(client, url) for name, url in urls.items()}
        for name, url in urls.items():
            with django_assert_max_num_queries(MAX_QUERIES[name]):
                client.get(url)
    print("query counts", "past" if past else "today", counts)
    assert counts[20] == counts[200], counts


def test_official_page_constant_in_history_size(client, django_user_model, django_assert_max_num_queries):
    from orgchart.personnel.models import Assignment, Rating

    built = build_tree(20)
    user = django_user_model.objects.create_superuser("root-q", "r@example.vn", "x-secret-123")
    client.force_login(user)
    official = built["officials"][0]
    small = _count(client, f"/can-bo/{official.code}/")
    positions = built["positions"]
    Assignment.objects.bulk_create([
        Assignment(official=official, position=p, kind="concurrent", start_on=today() - dt.timedelta(days=3000 + i),
                   end_on=today() - dt.timedelta(days=2000))
        for i, p in enumerate(positions[1:30])
    ])
    Rating.objects.bulk_create([Rating(official=official, year=2000 + i, rating="good") for i in range(20)])
    with django_assert_max_num_queries(MAX_QUERIES["official"]):
        large = _count(client, f"/can-bo/{official.code}/")
    assert small == large


def test_personal_pages_constant_in_tree_size(client, django_user_model, django_assert_max_num_queries):
    user = django_user_model.objects.create_superuser("root-p", "p@example.vn", "x-secret-123")
    client.force_login(user)
    counts = {}
    for size, prefix in ((20, "S"), (200, "L")):
        built = build_tree(size, prefix=prefix)
        root, position = built["root"], built["positions"][0]
        urls = {
            "staffing_with_candidates": f"/co-quan/{root.code}/bien-che/",
            "candidates": f"/kiem-tra-bo-nhiem/?vi_tri={position.code}&hinh_thuc=rotation",
        }
        counts[size] = {name: _count(client, url) for name, url in urls.items()}
        for name, url in urls.items():
            with django_assert_max_num_queries(MAX_QUERIES[name]):
                client.get(url)
    print("query counts personal", counts)
    assert counts[20] == counts[200], counts
