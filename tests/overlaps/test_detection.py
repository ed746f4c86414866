"""Detection on the development province and on cases built for the rule (RULES.md §5)."""
import datetime as dt

from orgchart.overlaps import evaluate, index, scoring, services
from orgchart.structure.models import Agency, Mandate

from .conftest import labels, load_province

BOILERPLATE = [
    ("duty", "1. Trình Ủy ban nhân dân tỉnh: a) Dự thảo quyết định, chỉ thị; quy hoạch, kế hoạch dài hạn, 05 năm "
             "và hằng năm; b) Dự thảo văn bản quy định cụ thể chức năng, nhiệm vụ, quyền hạn của Sở."),
    ("duty", "2. Quản lý tài chính, tài sản của Sở theo quy định của pháp luật và phân cấp của UBND tỉnh."),
    ("duty", "3. Thực hiện các nhiệm vụ khác do Ủy ban nhân dân tỉnh giao và theo quy định của pháp luật."),
    ("duty", "4. Thanh tra, kiểm tra, giải quyết khiếu nại, tố cáo, phòng, chống tham nhũng, tiêu cực theo quy định."),
    ("duty", "5. Thực hiện công tác thông tin, báo cáo định kỳ và đột xuất về tình hình thực hiện nhiệm vụ được giao."),
    ("duty", "6. Chỉ đạo và tổ chức thực hiện chương trình cải cách hành chính của Sở theo mục tiêu của UBND tỉnh."),
    ("duty", "7. Hướng dẫn chuyên môn, nghiệp vụ đối với công chức chuyên môn thuộc Ủy ban nhân dân cấp xã."),
    ("duty", "8. Quản lý tổ chức bộ máy, biên chế công chức, vị trí việc làm; thực hiện chế độ tiền lương và "
             "chính sách, chế độ đãi ngộ, đào tạo, bồi dưỡng, khen thưởng, kỷ luật đối với công chức, viên chức."),
]


def pairs_by_code(computed):
    code = {n.id: n.code for n in computed.nodes.values()}
    return {(code[f.a], code[f.b]): f.score for f in computed.findings}


def test_dev_province_f1_at_default_threshold(province):
    report = evaluate.evaluate(labels("TM"), index.DEFAULT_THRESHOLD)
    assert report.f1 >= 0.8, evaluate.format_report(report)
    assert report.lineage_reported == [] and report.cross_jurisdiction_reported == []
    # the clearest disputes are found for the documented reason
    found = pairs_by_code(services.compute())
    assert found[("TM.LDTBXH", "TM.YT")] >= index.DEFAULT_THRESHOLD
    assert found[("TM.TTTT", "TM.VHTTDL")] >= index.DEFAULT_THRESHOLD


def test_parent_child_and_people_committee_never_compared(province):
    found = pairs_by_code(services.compute(min_score=0.0))
    assert ("TM.NN", "TM.NN.QLCL") not in found and ("TM.YT", "TM.YT.ATTP") not in found
    assert not any("TM" in pair for pair in found)


def test_second_province_nothing_across_provinces(db):
    load_province("TM")
    load_province("TN", name="Ủy ban nhân dân Tỉnh Nam")
    computed = services.compute(min_score=0.0)
    for (a, b) in pairs_by_code(computed):
        assert a.split(".")[0] == b.split(".")[0], (a, b)
    # the same departments in each province give the same findings
    found = pairs_by_code(computed)
    tm = {(a[3:], b[3:]) for (a, b), s in found.items() if a.startswith("TM.") and s >= index.DEFAULT_THRESHOLD}
    tn = {(a[3:], b[3:]) for (a, b), s in found.items() if a.startswith("TN.") and s >= index.DEFAULT_THRESHOLD}
    assert tm and tm == tn


def test_boilerplate_only_agencies_do_not_overlap(province, add_agency):
    root = Agency.objects.get(code="TM")
    add_agency("TM.A", root, mandates=[("function", "Sở A tham mưu, giúp UBND tỉnh quản lý nhà nước về: ngoại vụ; "
                                                    "biên giới; lãnh sự.")] + BOILERPLATE)
    add_agency("TM.B", root, mandates=[("function", "Sở B tham mưu, giúp UBND tỉnh quản lý nhà nước về: kiến trúc đô thị; "
                                                    "cảnh quan đô thị.")] + BOILERPLATE)
    found = pairs_by_code(services.compute(min_score=0.0))
    assert found.get(("TM.A", "TM.B"), 0.0) < index.DEFAULT_THRESHOLD
    # nor does boilerplate make them overlap anyone else
    assert not [p for p, s in found.items() if ("TM.A" in p or "TM.B" in p) and s >= index.DEFAULT_THRESHOLD]


def test_scope_exclusion_delimits(province, add_agency):
    """"quảng cáo (trừ quảng cáo trên báo chí …)" delimits; enterprise wages are not civil-service wages."""
    root = Agency.objects.get(code="TM")
    add_agency("TM.QC", root, mandates=[("function", "Sở Quảng cáo tham mưu, giúp UBND tỉnh quản lý nhà nước về: "
               "quảng cáo (trừ quảng cáo trên báo chí, mạng thông tin máy tính và xuất bản phẩm); mỹ thuật, nhiếp ảnh.")])
    add_agency("TM.LDVL", root, mandates=[("function", "Sở Lao động tham mưu, giúp UBND tỉnh quản lý nhà nước về: "
               "tiền lương, tiền công trong khu vực doanh nghiệp; quan hệ lao động.")])
    found = pairs_by_code(services.compute(min_score=0.0))
    assert found.get(("TM.QC", "TM.TTTT"), 0.0) < index.DEFAULT_THRESHOLD
    assert found.get(("TM.LDVL", "TM.NV"), 0.0) < index.DEFAULT_THRESHOLD


def test_exclusion_is_negative_evidence_not_a_match():
    """Terms inside "(trừ …)" never count as shared."""
    covers = index.analyse_statement("quảng cáo trên các phương tiện báo chí, mạng thông tin máy tính và xuất bản phẩm")
    delimits = index.analyse_statement("quảng cáo (trừ quảng cáo trên báo chí, mạng thông tin máy tính và xuất bản phẩm)")
    assert len(delimits) == 1 and len(delimits[0].excluded)
    assert not set(delimits[0].terms.tolist()) & {index.term_id("báo chí"), index.term_id("xuất bản")}
    ci, cj = delimits[0], covers[0]
    idf = index.np.ones(index.N_FEATURES, dtype=index.np.float32)

    def row(c):
        ids, counts = index.np.unique(c.terms, return_counts=True)
        w = counts.astype(index.np.float32)
        return ids, w / index.np.linalg.norm(w)

    score, _ = scoring.clause_pair_score(ci, cj, row(ci), row(cj), idf, index.Params())
    plain = index.analyse_statement("quảng cáo")[0]
    full, _ = scoring.clause_pair_score(plain, cj, row(plain), row(cj), idf, index.Params())
    assert score < full * 0.5


def test_central_jurisdiction_compares_across_ministries_not_within_lineage(add_agency):
    ld = add_agency("BLD", kind="ministry", level="central", mandates=[("function", (
        "Bộ Lao động là cơ quan của Chính phủ, thực hiện chức năng quản lý nhà nước về: giáo dục nghề nghiệp; "
        "bảo trợ xã hội; trẻ em; phòng, chống tệ nạn xã hội; bình đẳng giới."))])
    add_agency("BYT", kind="ministry", level="central", mandates=[("function", (
        "Bộ Y tế là cơ quan của Chính phủ, thực hiện chức năng quản lý nhà nước về: y tế dự phòng; bảo trợ xã hội; "
        "trẻ em; phòng, chống tệ nạn xã hội; dân số."))])
    add_agency("BLD.TE", ld, kind="central_department", level="central", mandates=[("function", (
        "Cục Trẻ em giúp Bộ trưởng quản lý nhà nước về: trẻ em; bảo trợ xã hội; phòng, chống tệ nạn xã hội."))])
    found = pairs_by_code(services.compute(min_score=0.0))
    assert found.get(("BLD", "BYT"), 0.0) >= index.DEFAULT_THRESHOLD
    assert ("BLD", "BLD.TE") not in found
    assert found.get(("BLD.TE", "BYT"), 0.0) >= index.DEFAULT_THRESHOLD


def test_inactive_agencies_and_expired_mandates_skipped(province):
    Agency.objects.filter(code="TM.TTTT").update(dissolved_on=dt.date(2025, 3, 1))
    Mandate.objects.filter(agency__code="TM.LDTBXH").update(valid_to=dt.date(2020, 1, 1))
    found = pairs_by_code(services.compute(min_score=0.0))
    assert not [p for p in found if "TM.TTTT" in p or "TM.LDTBXH" in p]


def test_findings_are_explained(province):
    computed = services.compute()
    f = max(computed.findings, key=lambda f: f.score)
    assert f.pairs and f.terms and f.pairs[0].texts[0] and f.pairs[0].score > 0


def test_second_province_other_text_versions(db):
    """Other versions of the same departments (2008 VH-TT with "quảng cáo (trừ … báo chí …)",
    2015 LĐTBXH with "dạy nghề", Sở Du lịch…), loaded next to the dev province."""
    from .conftest import DATA, load_csv_province

    load_province("TM")
    load_csv_province("dev/province2")
    report = evaluate.evaluate(evaluate.read_labels(DATA / "dev" / "province2" / "labels.csv"), index.DEFAULT_THRESHOLD)
    assert report.f1 >= 0.8, evaluate.format_report(report)
    assert report.lineage_reported == [] and report.cross_jurisdiction_reported == []
    found = pairs_by_code(services.compute())
    assert found.get(("TB.TTTT", "TB.VHTT"), 0.0) < index.DEFAULT_THRESHOLD  # delimited by the exclusion
    assert not [p for p in found if p[0][:2] != p[1][:2]]


def test_quality_does_not_depend_on_how_many_provinces_are_loaded(db):
    """Boilerplate is a SHARE of agencies: three copies of the province score like one."""
    for prefix in ("TM", "TN", "TO"):
        load_province(prefix)
    report = evaluate.evaluate(labels("TM"), index.DEFAULT_THRESHOLD)
    assert report.f1 >= 0.8, evaluate.format_report(report)
    assert report.cross_jurisdiction_reported == []


def test_jurisdiction_with_candidates_but_no_evidence(add_agency):
    """Clauses similar enough to be candidates but below the evidence floor: no finding, no error."""
    root = add_agency("TX", kind="people_committee")
    add_agency("TX.A", root, mandates=[("function", "Sở A quản lý nhà nước về: văn hóa cơ sở.")])
    add_agency("TX.B", root, mandates=[("function", "Sở B quản lý nhà nước về: văn thư.")])
    found = services.compute(min_score=0.0).findings
    assert all(f.a != f.b for f in found)


def test_service_units_and_own_office_work_are_not_compared(province, add_agency):
    yt, ct = Agency.objects.get(code="TM.YT"), Agency.objects.get(code="TM.CT")
    add_agency("TM.YT.BV", yt, kind="public_service_unit", mandates=[("function", (
        "Bệnh viện thực hiện khám bệnh, chữa bệnh; bảo trợ xã hội; phòng, chống tệ nạn xã hội; trẻ em."))])
    add_agency("TM.YT.VP", yt, kind="division", name="Văn phòng Sở, Sở Y tế", mandates=[("function", (
        "Văn phòng Sở, Sở Y tế là đơn vị thuộc Sở Y tế, tham mưu, giúp thực hiện công tác văn phòng sở."))])
    add_agency("TM.CT.VP", ct, kind="division", name="Văn phòng Sở, Sở Công Thương", mandates=[("function", (
        "Văn phòng Sở, Sở Công Thương là đơn vị thuộc Sở Công Thương, tham mưu, giúp thực hiện công tác văn phòng sở."))])
    found = pairs_by_code(services.compute(min_score=0.0))
    assert not [p for p in found if "TM.YT.BV" in p]
    assert found.get(("TM.CT.VP", "TM.YT.VP"), 0.0) < index.DEFAULT_THRESHOLD
