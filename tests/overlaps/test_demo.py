"""The demo after `loaddemo` (what `make run` shows an auditor first): findings computed, the
top 50 free of procedural or name-only evidence, the real and planted overlaps found."""
from io import StringIO

import pytest
from django.core.management import call_command

from orgchart.overlaps import index
from orgchart.overlaps.models import OverlapFinding, OverlapRun
from orgchart.overlaps.text import normalize
from orgchart.structure.models import Agency

# Procedural words (RULES §5) and organisation heads: never evidence on their own.
PROCEDURAL = {
    "tham mưu", "giúp", "lãnh đạo", "thực hiện", "nhiệm vụ", "chức năng", "quyền hạn", "giao", "khác",
    "quản lý", "công chức", "viên chức", "cán bộ", "tài sản", "tài chính", "báo cáo", "chế độ", "phối hợp",
    "tổ chức", "hành chính", "thực thi", "pháp luật", "văn bản", "thẩm quyền", "quy định", "kiểm tra",
    "thanh tra", "văn phòng", "sở", "phòng", "ban", "chi cục", "ủy ban nhân dân", "tỉnh", "đơn vị", "cơ quan",
}
EXPECTED = [  # (agency a, agency b, a word that must be among the shared terms)
    ("KH.TTR.TCD", "KH.VP.TCD", "tiếp công dân"),  # citizen reception: Thanh tra ↔ Ban Tiếp công dân
    ("KH.CT", "KH.YT", "an toàn thực phẩm"),  # food safety: Y tế ↔ Công Thương
    ("KH.CT", "KH.YT.ATTP", "an toàn thực phẩm"),
    ("KH.NNMT.QLCL", "KH.YT.ATTP", "an toàn thực phẩm"),
    ("KH.GDDT", "KH.NV", "giáo dục nghề nghiệp"),
    ("KH.NV", "KH.YT", "trẻ em"),
    ("KH.KHCN", "KH.VHTTDL", "báo chí"),
    ("KH.DL", "KH.VHTTDL", "du lịch"),
    ("KH.DTTG.TG", "KH.NV", "tôn giáo"),
]


def _own_text(agency: Agency) -> str:
    """The agency's mandate texts (normalised) without the names of its ancestors: what is left is
    what the agency itself is given — "lãnh đạo Văn phòng Ủy ban nhân dân tỉnh" leaves nothing,
    "giúp lãnh đạo Sở Dân tộc và Tôn giáo … về tôn giáo" leaves "về tôn giáo"."""
    text = normalize(" ; ".join(agency.mandates.values_list("text", flat=True)))
    for a in Agency.objects.filter(pk__in=_ancestor_ids(agency)):
        text = text.replace(normalize(a.name), " ; ")
    return text


def _ancestor_ids(agency):
    out, p = [], agency.parent
    while p is not None:
        out.append(p.pk)
        p = p.parent
    return out


@pytest.mark.django_db(transaction=False)
def test_demo_top_50_is_substantive_and_finds_the_real_overlaps():
    out = StringIO()
    call_command("loaddemo", stdout=out)
    assert OverlapRun.objects.filter(finished_at__isnull=False).count() == 1
    top = list(OverlapFinding.objects.filter(active=True, score__gte=index.DEFAULT_THRESHOLD)
               .select_related("agency_a", "agency_b").order_by("-score")[:50])
    assert len(top) >= len(EXPECTED)
    for f in top:
        assert f.agency_a.parent_id != f.agency_b.pk and f.agency_b.parent_id != f.agency_a.pk
        assert f.agency_a.code.split(".")[0] == f.agency_b.code.split(".")[0]
        terms = {t.lower() for t in f.shared_terms}
        assert "đạo văn" not in terms, f
        texts = (_own_text(f.agency_a), _own_text(f.agency_b))
        substantive = [t for t in terms if t not in PROCEDURAL and all(t in x for x in texts)]
        assert substantive, (f.agency_a.code, f.agency_b.code, f.shared_terms)
        # the Office's own divisions are not matched on the Office's boilerplate
        assert not (f.agency_a.parent_id == f.agency_b.parent_id and f.agency_a.parent.code == "KH.VP"), f
        # the explanation: clauses with the shared words highlighted, and why the pair ranks there
        assert f.mandate_pairs and f.mandate_pairs[0]["a"]["clause"] and f.mandate_pairs[0]["b"]["clause"]
    found = {(f.agency_a.code, f.agency_b.code): f for f in top}
    for a, b, word in EXPECTED:
        assert (a, b) in found, (a, b)
        assert any(word in t for t in found[(a, b)].shared_terms), (a, b, found[(a, b)].shared_terms)
    # a second load changes nothing and keeps the findings
    again = StringIO()
    call_command("loaddemo", stdout=again)
    assert OverlapFinding.objects.filter(active=True).count() == len(
        OverlapFinding.objects.filter(active=True).values_list("pk", flat=True))
    assert "mới 0" in again.getvalue() and "không còn 0" in again.getvalue()
