"""Vietnamese personal names with realistic family-name frequencies (Nguyễn ≈ 38 %)."""
import itertools
import random

# (family name, weight in %) — most frequent first; the remainder spread over rarer names.
FAMILY = [
    ("Nguyễn", 38.0), ("Trần", 11.0), ("Lê", 9.5), ("Phạm", 7.0), ("Hoàng", 3.0), ("Huỳnh", 2.1), ("Phan", 4.5),
    ("Vũ", 2.0), ("Võ", 1.9), ("Đặng", 2.1), ("Bùi", 2.0), ("Đỗ", 1.4), ("Hồ", 1.3), ("Ngô", 1.3), ("Dương", 1.0),
    ("Lý", 0.5), ("Đinh", 0.9), ("Đào", 0.6), ("Trịnh", 0.6), ("Mai", 0.5), ("Lương", 0.4), ("Cao", 0.4),
    ("Tạ", 0.3), ("Lâm", 0.4), ("Hà", 0.5), ("Chu", 0.3), ("Tô", 0.3), ("Quách", 0.2), ("Kiều", 0.2), ("La", 0.2),
    ("Thái", 0.3), ("Lưu", 0.3), ("Triệu", 0.2), ("Vương", 0.2), ("Nông", 0.3), ("Lò", 0.2),
]
MIDDLE = {
    "male": [("Văn", 30), ("Đức", 10), ("Minh", 10), ("Quang", 8), ("Hữu", 8), ("Thanh", 6), ("Công", 6), ("Xuân", 4),
             ("Ngọc", 4), ("Anh", 4), ("Tuấn", 3), ("Trọng", 4), ("Mạnh", 3)],
    "female": [("Thị", 45), ("Ngọc", 8), ("Thu", 7), ("Thanh", 7), ("Minh", 5), ("Thùy", 5), ("Phương", 5), ("Kim", 5),
               ("Hồng", 5), ("Mai", 4), ("Bảo", 4)],
}
GIVEN = {
    "male": "Anh Bình Cường Dũng Đạt Đông Đức Hải Hiếu Hoàng Hùng Huy Khánh Khoa Kiên Lâm Long Lực Minh Nam Nghĩa "
            "Phong Phúc Quân Quang Sơn Tài Thắng Thành Thịnh Toàn Trung Tuấn Tùng Việt Vinh Vũ Hưng Hiển Lộc Phát".split(),
    "female": "An Anh Chi Dung Giang Hà Hằng Hạnh Hiền Hoa Hồng Huệ Hương Lan Linh Loan Mai My Nga Ngân Ngọc Nhung "
              "Oanh Phương Quyên Quỳnh Tâm Thảo Thủy Trang Trinh Tuyết Uyên Vân Vy Yến Hoài Hậu Nhàn".split(),
}


class NamePicker:
    """Draws full names from one `random.Random`; a fixed number of draws per name (determinism)."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self._family = [f for f, _ in FAMILY]
        self._family_cum = list(itertools.accumulate(w for _, w in FAMILY))
        self._middle = {g: ([m for m, _ in ms], list(itertools.accumulate(w for _, w in ms))) for g, ms in MIDDLE.items()}

    def full_name(self, gender: str) -> str:
        rng = self.rng
        family = rng.choices(self._family, cum_weights=self._family_cum)[0]
        names, cum = self._middle[gender]
        middle = rng.choices(names, cum_weights=cum)[0]
        given = rng.choice(GIVEN[gender])
        return f"{family} {middle} {given}"
