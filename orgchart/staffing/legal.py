"""The legal numbers of staff reduction (RULES.md §3) in ONE dated table.

Each entry holds a value, the period it is in force (`valid_from`/`valid_to`, inclusive,
None = unbounded) and the citation. `rule(key, on)` returns the entry in force on a date.
The product's specification (RULES.md §3) names NĐ 154/2025/NĐ-CP as the basis of the
criteria, the exemption and the regimes; earlier decrees (NĐ 108/2014, NĐ 29/2023) used the
same numbers, so the spec's values apply to every date until a new row is added here.
"""
import datetime as dt
from decimal import Decimal

from orgchart.core.legal import LegalNumber, LegalTable

ND154_FROM = dt.date(2025, 6, 16)  # NĐ 154/2025/NĐ-CP in force



def LegalRule(key, value, citation, valid_from=None, valid_to=None, note="") -> LegalNumber:  # noqa: N802
    """Rows of this table read citation-first; they are ordinary dated legal numbers."""
    return LegalNumber(key, value, valid_from, valid_to, citation, note)


_ROWS = (
    # Exemption: a woman raising a child younger than 36 months is never reduced.
    LegalRule("exempt_child_months", 36, "NĐ 154/2025/NĐ-CP Đ2 k2"),
    LegalRule(
        "RED-EXEMPT-CHILD",
        "Nữ đang nuôi con dưới {months} tháng tuổi (con nhỏ nhất sinh ngày {born}): không thực hiện tinh giản; "
        "hết miễn trừ từ ngày {until}",
        "NĐ 154/2025/NĐ-CP Đ2 k2",
    ),
    # Regime: early retirement when the time left to retirement is at least 24 and at most 60
    # months ("thấp hơn tối thiểu đủ 2 năm, tối đa đủ 5 năm"), both bounds inclusive.
    LegalRule("early_retirement_min_months", 24, "NĐ 154/2025/NĐ-CP; NĐ 178/2024/NĐ-CP sđ NĐ 67/2025/NĐ-CP"),
    LegalRule("early_retirement_max_months", 60, "NĐ 154/2025/NĐ-CP; NĐ 178/2024/NĐ-CP sđ NĐ 67/2025/NĐ-CP"),
    # Criteria (codes of RULES.md §3).
    LegalRule("RED-RATING", "Không hoàn thành nhiệm vụ trong năm {year} hoặc năm {prev}", "NĐ 154/2025 Đ2 k1 điểm e"),
    LegalRule(
        "RED-QUALIFICATION",
        "Chưa đạt trình độ đào tạo hoặc chuyên ngành theo yêu cầu của vị trí việc làm {position}",
        "NĐ 154/2025 Đ2 k1 điểm đ",
    ),
    LegalRule(
        "RED-OVER-QUOTA",
        "Vị trí việc làm {position} có {holders} người giữ, vượt số người được giao ({quota}); cơ quan lựa chọn người tinh giản",
        "NĐ 154/2025 Đ2 k1 điểm d",
    ),
    LegalRule(
        "RED-LEADER-RESTRUCT",
        "Giữ chức vụ {posts}, khi cơ quan bị giải thể hoặc hợp nhất do sắp xếp tổ chức bộ máy; "
        "nay không giữ chức vụ tương đương hoặc cao hơn (hiện: {now})",
        "NĐ 154/2025 Đ2 k1 điểm b, c",
    ),
    # RED-LEADER-RESTRUCT looks back this many years from the reference date.
    LegalRule("leader_restruct_years", 5, "NĐ 178/2024/NĐ-CP sđ NĐ 67/2025/NĐ-CP"),
    # Anchor reduction targets (percent of the baseline year's quota).
    LegalRule(
        "target_nq39", {"percent": Decimal("10"), "baseline_year": 2015, "period": (2015, 2021), "kind": ""},
        "NQ 39-NQ/TW 2015", dt.date(2015, 4, 17), dt.date(2021, 12, 31),
        "tinh giản tối thiểu 10% biên chế giai đoạn 2015-2021",
    ),
    LegalRule(
        "target_kl40_civil_servant",
        {"percent": Decimal("5"), "baseline_year": 2021, "period": (2022, 2026), "kind": "civil_servant"},
        "Kết luận 40-KL/TW 2022", dt.date(2022, 7, 18), dt.date(2026, 12, 31),
        "tinh giản tối thiểu 5% biên chế công chức so với năm 2021",
    ),
    LegalRule(
        "target_kl40_public_employee",
        {"percent": Decimal("10"), "baseline_year": 2021, "period": (2022, 2026), "kind": "public_employee"},
        "Kết luận 40-KL/TW 2022", dt.date(2022, 7, 18), dt.date(2026, 12, 31),
        "tinh giản tối thiểu 10% viên chức hưởng lương từ ngân sách so với năm 2021",
    ),
)

CRITERIA = ("RED-RATING", "RED-QUALIFICATION", "RED-OVER-QUOTA", "RED-LEADER-RESTRUCT")


TABLE = LegalTable(_ROWS)


def rule(key: str, on: dt.date) -> LegalNumber:
    """The entry for `key` in force on `on` (the latest starting one when several are)."""
    return TABLE.lookup(key, on)


def value(key: str, on: dt.date):
    return TABLE.value(key, on)


def anchor_targets(on: dt.date) -> list[LegalNumber]:
    """The national anchor targets in force on `on` (for reports and seeding)."""
    return [r for r in TABLE if r.key.startswith("target_") and r.holds_on(on)]
