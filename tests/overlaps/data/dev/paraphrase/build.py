"""Development province PX ("Tỉnh Phú Xuân", fictional) written for issue 16: the real 2025
duties of the departments in OTHER WORDS than the real texts (paraphrases, old and new names of a
duty), with the traps an auditor must not see (boilerplate duties in varied wording, the Office's
own divisions, the inspectorate's divisions, parent–child, a second province PY with the same
departments). Run `python build.py` to rewrite agencies.csv, mandates.csv and labels.csv."""
import csv
import itertools
from pathlib import Path

HERE = Path(__file__).parent

BOILER = [
    "Trình Ủy ban nhân dân tỉnh dự thảo quyết định, chỉ thị và kế hoạch hằng năm về lĩnh vực được giao.",
    "Quản lý tài chính, tài sản được giao theo quy định của pháp luật.",
    "Thực hiện công tác thông tin, báo cáo định kỳ và đột xuất với Ủy ban nhân dân tỉnh.",
    "Thanh tra, kiểm tra, giải quyết khiếu nại, tố cáo và phòng, chống tham nhũng trong ngành theo quy định.",
    "Quản lý tổ chức bộ máy, biên chế công chức, vị trí việc làm; thực hiện chế độ tiền lương, đào tạo, bồi dưỡng, "
    "khen thưởng, kỷ luật đối với công chức, viên chức thuộc quyền quản lý.",
    "Chủ trì, phối hợp với các sở, ngành liên quan thực hiện cải cách hành chính, chuyển đổi số trong ngành.",
    "Thực hiện nhiệm vụ khác do Ủy ban nhân dân tỉnh, Chủ tịch Ủy ban nhân dân tỉnh giao.",
]

# code: (name, kind, parent, function, [duties])
AGENCIES = {
    "VP": ("Văn phòng Ủy ban nhân dân tỉnh", "department_equivalent", "", (
        "Văn phòng Ủy ban nhân dân tỉnh tham mưu tổng hợp, giúp Ủy ban nhân dân tỉnh tổ chức các hoạt động chung; "
        "quản lý Cổng thông tin điện tử tỉnh; kiểm soát thủ tục hành chính; phục vụ sự chỉ đạo, điều hành của "
        "Chủ tịch Ủy ban nhân dân tỉnh."), []),
    "VP.TH": ("Phòng Tổng hợp", "division", "VP", (
        "Phòng Tổng hợp là đơn vị thuộc Văn phòng Ủy ban nhân dân tỉnh, giúp lãnh đạo Văn phòng theo dõi, tham mưu "
        "về chương trình công tác, tổng hợp tình hình phát triển kinh tế - xã hội."), []),
    "VP.KT": ("Phòng Kinh tế", "division", "VP", (
        "Phòng Kinh tế là đơn vị thuộc Văn phòng Ủy ban nhân dân tỉnh, giúp lãnh đạo Văn phòng theo dõi, tham mưu "
        "về các lĩnh vực: tài chính, đầu tư, công thương, nông nghiệp, xây dựng."), []),
    "VP.NC": ("Phòng Nội chính", "division", "VP", (
        "Phòng Nội chính là đơn vị thuộc Văn phòng Ủy ban nhân dân tỉnh, giúp lãnh đạo Văn phòng theo dõi, tham mưu "
        "về các lĩnh vực: nội vụ, tư pháp, tôn giáo, dân tộc, quốc phòng, an ninh."), []),
    "VP.HC": ("Phòng Hành chính - Quản trị", "division", "VP", (
        "Phòng Hành chính - Quản trị là đơn vị thuộc Văn phòng Ủy ban nhân dân tỉnh, giúp lãnh đạo Văn phòng về công "
        "tác văn thư, quản trị, tài vụ của Văn phòng."), []),
    "VP.TCD": ("Ban Tiếp công dân tỉnh", "board", "VP", (
        "Ban Tiếp công dân tỉnh thuộc Văn phòng Ủy ban nhân dân tỉnh, tổ chức tiếp dân thường xuyên tại Trụ sở tiếp "
        "công dân của tỉnh; tiếp nhận, phân loại, xử lý đơn thư của công dân gửi đến lãnh đạo tỉnh."), []),
    "TTR": ("Thanh tra tỉnh", "department_equivalent", "", (
        "Thanh tra tỉnh giúp Ủy ban nhân dân tỉnh quản lý nhà nước về công tác thanh tra, tiếp công dân, giải quyết "
        "khiếu nại, tố cáo và phòng, chống tham nhũng trên phạm vi toàn tỉnh."), BOILER[:3]),
    "TTR.TCD": ("Phòng Tiếp công dân, xử lý đơn", "division", "TTR", (
        "Phòng Tiếp công dân, xử lý đơn là đơn vị thuộc Thanh tra tỉnh, thực hiện việc tiếp công dân; tiếp nhận, "
        "xử lý đơn khiếu nại, tố cáo, kiến nghị, phản ánh của công dân; theo dõi việc giải quyết đơn."), []),
    "TTR.NV1": ("Phòng Thanh tra kinh tế", "division", "TTR", (
        "Phòng Thanh tra kinh tế là đơn vị thuộc Thanh tra tỉnh, thực hiện thanh tra: quản lý tài chính, ngân sách, "
        "đầu tư công, đất đai và doanh nghiệp nhà nước."), []),
    "YT": ("Sở Y tế", "department", "", (
        "Sở Y tế tham mưu, giúp Ủy ban nhân dân tỉnh quản lý nhà nước về: y tế dự phòng; khám bệnh, chữa bệnh; dược, "
        "mỹ phẩm; bảo đảm an toàn vệ sinh thực phẩm; dân số; bà mẹ, trẻ em; bảo trợ xã hội; phòng, chống tệ nạn xã hội."),
        BOILER + ["Tổ chức phòng, chống dịch bệnh truyền nhiễm; quản lý các cơ sở khám bệnh, chữa bệnh trên địa bàn."]),
    "YT.ATTP": ("Chi cục An toàn vệ sinh thực phẩm", "sub_department", "YT", (
        "Chi cục An toàn vệ sinh thực phẩm giúp Giám đốc Sở Y tế quản lý nhà nước về an toàn thực phẩm: cấp giấy "
        "chứng nhận cơ sở đủ điều kiện an toàn thực phẩm; điều tra ngộ độc thực phẩm; giám sát an toàn thực phẩm "
        "tại bếp ăn tập thể và dịch vụ ăn uống."), BOILER[:2]),
    "CT": ("Sở Công Thương", "department", "", (
        "Sở Công Thương tham mưu, giúp Ủy ban nhân dân tỉnh quản lý nhà nước về: điện; năng lượng; hóa chất; công "
        "nghiệp chế biến; thương mại trong nước; xuất khẩu, nhập khẩu; quản lý thị trường; an toàn thực phẩm đối với "
        "rượu, bia, nước giải khát, sữa chế biến, dầu thực vật, bánh kẹo."), BOILER + [
        "Tổ chức xúc tiến thương mại, thương mại điện tử; phát triển cụm công nghiệp."]),
    "NN": ("Sở Nông nghiệp và Môi trường", "department", "", (
        "Sở Nông nghiệp và Môi trường tham mưu, giúp Ủy ban nhân dân tỉnh quản lý nhà nước về: trồng trọt; chăn "
        "nuôi; thú y; lâm nghiệp; thủy sản; thủy lợi; đất đai; tài nguyên nước; khoáng sản; môi trường; biến đổi "
        "khí hậu."), BOILER),
    "NN.QLCL": ("Chi cục Quản lý chất lượng nông lâm sản và thủy sản", "sub_department", "NN", (
        "Chi cục Quản lý chất lượng nông lâm sản và thủy sản giúp Giám đốc Sở quản lý chất lượng, an toàn vệ sinh "
        "thực phẩm nông, lâm, thủy sản từ khâu sản xuất, sơ chế đến khi đưa ra thị trường."), BOILER[:2]),
    "NV": ("Sở Nội vụ", "department", "", (
        "Sở Nội vụ tham mưu, giúp Ủy ban nhân dân tỉnh quản lý nhà nước về: tổ chức bộ máy; biên chế; cán bộ, công "
        "chức, viên chức; chính quyền địa phương; văn thư, lưu trữ; thi đua, khen thưởng; lao động, tiền lương; việc "
        "làm; bảo hiểm xã hội; người có công."), BOILER + [
        # text of the former Sở Lao động - Thương binh và Xã hội, not yet amended after the merger
        "Quản lý nhà nước về dạy nghề; bảo vệ, chăm sóc trẻ em; phòng, chống tệ nạn mại dâm, ma túy.",
        "Hướng dẫn công tác tôn giáo, tín ngưỡng theo quy định."]),
    "GD": ("Sở Giáo dục và Đào tạo", "department", "", (
        "Sở Giáo dục và Đào tạo tham mưu, giúp Ủy ban nhân dân tỉnh quản lý nhà nước về: giáo dục mầm non; giáo dục "
        "phổ thông; giáo dục thường xuyên; giáo dục nghề nghiệp; nhà giáo; tuyển sinh, thi, văn bằng, chứng chỉ."),
        BOILER),
    "VH": ("Sở Văn hóa, Thể thao và Du lịch", "department", "", (
        "Sở Văn hóa, Thể thao và Du lịch tham mưu, giúp Ủy ban nhân dân tỉnh quản lý nhà nước về: văn hóa; gia đình; "
        "thể dục, thể thao; du lịch; báo chí; xuất bản, in, phát hành; phát thanh, truyền hình; quảng cáo."), BOILER),
    "DL": ("Sở Du lịch", "department", "", (
        "Sở Du lịch tham mưu, giúp Ủy ban nhân dân tỉnh quản lý nhà nước về du lịch: khu, điểm du lịch; kinh doanh "
        "lữ hành; cơ sở lưu trú du lịch; hướng dẫn viên du lịch; xúc tiến du lịch."), BOILER),
    "KHCN": ("Sở Khoa học và Công nghệ", "department", "", (
        "Sở Khoa học và Công nghệ tham mưu, giúp Ủy ban nhân dân tỉnh quản lý nhà nước về: hoạt động khoa học, công "
        "nghệ; đổi mới sáng tạo; tiêu chuẩn, đo lường, chất lượng; sở hữu trí tuệ; bưu chính; viễn thông; công "
        "nghệ thông tin."), BOILER + [
        # text of the former Sở Thông tin và Truyền thông
        "Quản lý báo in, báo nói, báo hình, báo điện tử; hoạt động xuất bản, in, phát hành xuất bản phẩm."]),
    "TC": ("Sở Tài chính", "department", "", (
        "Sở Tài chính tham mưu, giúp Ủy ban nhân dân tỉnh quản lý nhà nước về: ngân sách nhà nước; thuế, phí, lệ "
        "phí; giá; tài sản công; đầu tư công; đầu tư theo phương thức đối tác công tư; doanh nghiệp; đăng ký kinh "
        "doanh."), BOILER),
    "TP": ("Sở Tư pháp", "department", "", (
        "Sở Tư pháp tham mưu, giúp Ủy ban nhân dân tỉnh quản lý nhà nước về: xây dựng và kiểm tra văn bản quy phạm "
        "pháp luật; phổ biến, giáo dục pháp luật; hộ tịch; chứng thực; công chứng; luật sư; trợ giúp pháp lý; "
        "trọng tài thương mại; đấu giá tài sản."), BOILER),
    "XD": ("Sở Xây dựng", "department", "", (
        "Sở Xây dựng tham mưu, giúp Ủy ban nhân dân tỉnh quản lý nhà nước về: quy hoạch xây dựng, kiến trúc; hoạt "
        "động đầu tư xây dựng; phát triển đô thị; nhà ở; thị trường bất động sản; vật liệu xây dựng; giao thông "
        "vận tải."), BOILER),
    "DTTG": ("Sở Dân tộc và Tôn giáo", "department", "", (
        "Sở Dân tộc và Tôn giáo tham mưu, giúp Ủy ban nhân dân tỉnh quản lý nhà nước về: công tác dân tộc; tín "
        "ngưỡng, tôn giáo."), BOILER),
    "NGV": ("Sở Ngoại vụ", "department", "", (
        "Sở Ngoại vụ tham mưu, giúp Ủy ban nhân dân tỉnh quản lý nhà nước về: công tác đối ngoại; biên giới; lãnh "
        "sự; người Việt Nam ở nước ngoài."), BOILER),
}

OVERLAPS = {
    ("VP.TCD", "TTR.TCD"): "tiếp công dân, xử lý đơn thư (Luật Tiếp công dân 2013), lời khác nhau",
    ("YT", "CT"): "an toàn thực phẩm (Luật ATTP 2010)",
    ("YT.ATTP", "CT"): "an toàn thực phẩm",
    ("YT.ATTP", "NN.QLCL"): "an toàn thực phẩm nông lâm thủy sản",
    ("YT", "NN.QLCL"): "an toàn thực phẩm nông lâm thủy sản",
    ("CT", "NN.QLCL"): "an toàn thực phẩm",
    ("NV", "GD"): "dạy nghề = giáo dục nghề nghiệp",
    ("NV", "YT"): "trẻ em, tệ nạn xã hội (văn bản LĐTBXH cũ)",
    ("KHCN", "VH"): "báo chí, xuất bản, in, phát hành (văn bản TT&TT cũ)",
    ("NV", "DTTG"): "tôn giáo, tín ngưỡng",
    ("VH", "DL"): "du lịch",
    ("NV", "VP.NC"): None, ("TC", "VP.KT"): None, ("CT", "VP.KT"): None, ("TC", "TTR.NV1"): None,
}
LINEAGE = {("YT", "YT.ATTP"), ("NN", "NN.QLCL"), ("VP", "VP.TCD"), ("TTR", "TTR.TCD"), ("VP", "VP.TH"),
           ("TTR", "TTR.NV1"), ("VP", "VP.NC"), ("VP", "VP.KT"), ("VP", "VP.HC")}
IGNORE = {("VP.TCD", "TTR"): "tiếp công dân toàn tỉnh, nhưng trong câu chung với thanh tra, phòng chống tham nhũng",
          ("NN", "YT"): "an toàn thực phẩm nông sản qua Chi cục: không rõ ở cấp sở",
          ("NN", "CT"): "không rõ", ("NN", "YT.ATTP"): "không rõ", ("TTR", "TTR.TCD"): None}


def label(a, b):
    for key in ((a, b), (b, a)):
        if key in LINEAGE:
            return "lineage", "cấp trên - cấp dưới: phân cấp"
        if key in OVERLAPS and OVERLAPS[key]:
            return "overlap", OVERLAPS[key]
        if key in IGNORE and IGNORE[key]:
            return "ignore", IGNORE[key]
    return "none", ""


def main():
    agencies, mandates, labels = [], [], []
    for prov, pname in (("PX", "Ủy ban nhân dân tỉnh Phú Xuân"), ("PY", "Ủy ban nhân dân tỉnh Phú Yên Mẫu")):
        agencies.append({"code": prov, "name": pname, "kind": "people_committee", "level": "province", "parent_code": ""})
        for code, (name, kind, parent, function, duties) in AGENCIES.items():
            full = f"{prov}.{code}"
            agencies.append({"code": full, "name": name, "kind": kind, "level": "province",
                             "parent_code": f"{prov}.{parent}" if parent else prov})
            mandates.append({"agency_code": full, "ref": "CN", "kind": "function", "text": function})
            for i, d in enumerate(duties, start=1):
                mandates.append({"agency_code": full, "ref": f"NV{i}", "kind": "duty", "text": d})
    for prov in ("PX", "PY"):  # PY repeats PX: the same pairs inside it, nothing across
        for a, b in itertools.combinations(sorted(AGENCIES), 2):
            lab, why = label(a, b)
            labels.append({"agency_a": f"{prov}.{a}", "agency_b": f"{prov}.{b}", "label": lab, "reason": why})
    for a, b in (("YT", "CT"), ("VP.TCD", "TTR.TCD"), ("KHCN", "VH"), ("YT", "YT"), ("NV", "GD")):
        labels.append({"agency_a": f"PX.{a}", "agency_b": f"PY.{b}", "label": "none", "reason": "khác tỉnh"})
    for name, rows in (("agencies", agencies), ("mandates", mandates), ("labels", labels)):
        with (HERE / f"{name}.csv").open("w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)


if __name__ == "__main__":
    main()
