"""The workflow pages run a fixed number of queries whatever the size of the data: 20 vs 200
agencies (and their positions, officials, overlap findings, scheduled changes)."""
import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from orgchart.core.dates import today
from orgchart.restructuring import services
from orgchart.structure.models import Agency

from .conftest import add_findings, build_tree

pytestmark = pytest.mark.django_db
FUTURE = (today() + dt.timedelta(days=60)).isoformat()
# Ceilings with headroom; what matters is that they do not grow with the data.
MAX_QUERIES = {"chart": 24, "chart_svg": 24, "counts": 14, "overlaps": 12, "overlap": 12, "simulate": 160,
               "calendar": 10, "check": 24, "candidates": 24, "suggest": 8, "staffing": 80, "staffing_xlsx": 60}


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        resp = client.get(url)
    assert resp.status_code == 200, (url, resp.status_code)
    return len(ctx.captured_queries)


def _urls(built, prefix):
    root = built["root"]
    findings = add_findings(built["agencies"], len(built["agencies"]) // 4)
    div = Agency.objects.filter(code__startswith=f"{prefix}-PH").order_by("code").first()
    dept = next(a for a in built["agencies"] if a.kind == "department" and a.pk != div.parent_id)
    for a in built["agencies"][1:6]:  # a few scheduled changes on the calendar
        services.rename_agency(a.code, f"{a.name} mới", FUTURE)
    official, position = built["officials"][0], built["positions"][2]
    return {
        "chart": f"/so-do/?goc={root.code}&sau=2",
        "chart_svg": f"/so-do/?goc={root.code}&sau=2&dinh_dang=svg",
        "counts": f"/dau-moi/?goc={root.code}",
        "overlaps": "/chong-cheo/?diem=0",
        "overlap": f"/chong-cheo/{findings[0].pk}/",
        "simulate": f"/sap-xep/?thao_tac=move&xem=1&co_quan={div.code}&dich={dept.code}&ngay_hieu_luc={FUTURE}",
        "calendar": "/sap-xep/lich/",
        "check": f"/kiem-tra-bo-nhiem/?can_bo={official.code}&vi_tri={position.code}",
        "candidates": f"/kiem-tra-bo-nhiem/?vi_tri={position.code}",
        "suggest": "/goi-y/?loai=co_quan&q=phong nghiep",
        "staffing": f"/co-quan/{root.code}/bien-che/",
        "staffing_xlsx": f"/co-quan/{root.code}/bien-che/?dinh_dang=doi_tuong",
    }


def test_workflow_pages_constant_in_data_size(client, django_user_model, django_assert_max_num_queries):
    user = django_user_model.objects.create_superuser("root-w", "w@example.vn", "x-secret-123")
    client.force_login(user)
    counts = {}
    for size, prefix in ((20, "S"), (200, "L")):
        urls = _urls(build_tree(size, prefix=prefix), prefix)
        counts[size] = {name: _count(client, url) for name, url in urls.items()}
        for name, url in urls.items():
            with django_assert_max_num_queries(MAX_QUERIES[name]):
                client.get(url)
    print("workflow query counts", counts)
    assert counts[20] == counts[200], counts
