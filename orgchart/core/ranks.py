"""Names of civil-servant ranks (ngạch) and public-employee titles (chức danh nghề nghiệp) by
code, so that pages and messages show "Chuyên viên chính" rather than "01.002" (GLOSSARY
"Civil-servant ranks"; the other codes are those the demo province and the common sectors use).
An unknown code is shown as it is."""

RANK_NAMES = {
    "01.001": "Chuyên viên cao cấp", "01.002": "Chuyên viên chính", "01.003": "Chuyên viên",
    "01.004": "Cán sự", "01.005": "Nhân viên",
    "02.008": "Văn thư viên", "04.023": "Thanh tra viên cao cấp", "04.024": "Thanh tra viên chính",
    "04.025": "Thanh tra viên", "06.029": "Kế toán viên cao cấp", "06.030": "Kế toán viên chính",
    "06.031": "Kế toán viên",
    "V.01.02.02": "Lưu trữ viên hạng III", "V.02.01.03": "Trợ giúp viên pháp lý hạng III",
    "V.03.09.26": "Khuyến nông viên", "V.06.04.13": "Viên chức đăng ký đất đai",
    "V.07.05.14": "Giáo viên trung học phổ thông hạng II", "V.07.05.15": "Giáo viên trung học phổ thông hạng III",
    "V.08.01.02": "Bác sĩ chính", "V.08.01.03": "Bác sĩ", "V.08.02.06": "Bác sĩ y học dự phòng",
    "V.08.04.10": "Y tế công cộng", "V.08.05.13": "Điều dưỡng hạng IV", "V.08.07.19": "Kỹ thuật viên y",
    "V.08.08.22": "Dược sĩ", "V.09.02.03": "Giảng viên giáo dục nghề nghiệp lý thuyết hạng III",
    "V.09.02.04": "Giảng viên giáo dục nghề nghiệp thực hành", "V.09.04.02": "Công tác xã hội viên",
    "V.10.01.03": "Huấn luyện viên hạng III", "V.10.02.06": "Thư viện viên hạng III",
    "V.10.02.07": "Nhân viên thư viện - thiết bị", "V.10.05.17": "Di sản viên hạng III",
    "V.11.06.14": "Kỹ sư công nghệ thông tin hạng III", "V.11.09.26": "Viên chức xúc tiến thương mại",
    "V.12.01.03": "Đăng kiểm viên",
}


def rank_name(code: str | None) -> str:
    """The rank's name ("Chuyên viên chính"), or the code itself when unknown; '' for none."""
    code = (code or "").strip()
    return RANK_NAMES.get(code, code)
