"""Admin pages for findings: list, change (a review), runs read only."""
from orgchart.overlaps import services
from orgchart.overlaps.models import OverlapFinding


def test_admin_review(province, client, django_user_model):
    services.detect()
    admin = django_user_model.objects.create_superuser("quantri", "q@example.vn", "x")
    client.force_login(admin)
    assert client.get("/admin/overlaps/overlapfinding/").status_code == 200
    assert client.get("/admin/overlaps/overlaprun/").status_code == 200
    f = OverlapFinding.objects.get(agency_a__code="TM.LDTBXH", agency_b__code="TM.YT")
    url = f"/admin/overlaps/overlapfinding/{f.pk}/change/"
    assert client.get(url).status_code == 200
    resp = client.post(url, {"status": "confirmed", "note": "Trùng bảo trợ xã hội"})
    assert resp.status_code == 302, resp.content[:500]
    f.refresh_from_db()
    assert f.status == "confirmed" and f.reviewer == admin and f.review_fingerprint
