"""Plausible Vietnamese personal names (family-name frequencies from data/reference/README.md)."""

# (family name, weight in %): Nguyễn alone is about 38 %; Huỳnh and Võ are frequent in the south-centre.
FAMILY = [
    ("Nguyễn", 38.0), ("Trần", 11.0), ("Lê", 9.5), ("Phạm", 7.0), ("Huỳnh", 3.5), ("Hoàng", 2.0),
    ("Phan", 4.5), ("Võ", 4.0), ("Vũ", 1.5), ("Đặng", 2.0), ("Bùi", 2.0), ("Đỗ", 1.5), ("Hồ", 1.5),
    ("Ngô", 1.3), ("Dương", 1.0), ("Lý", 0.5), ("Trương", 1.2), ("Đinh", 0.8), ("Lâm", 0.6),
    ("Mai", 0.5), ("Châu", 0.4), ("Đoàn", 0.6), ("Tạ", 0.2), ("Lưu", 0.3),
]
MIDDLE = {
    "male": [("Văn", 40), ("Hữu", 8), ("Đức", 7), ("Minh", 8), ("Quốc", 6), ("Thanh", 5), ("Công", 5),
             ("Ngọc", 4), ("Xuân", 4), ("Quang", 4), ("Trọng", 3), ("Duy", 3), ("Tấn", 3)],
    "female": [("Thị", 50), ("Ngọc", 8), ("Thu", 6), ("Thanh", 5), ("Kim", 5), ("Minh", 4), ("Hồng", 4),
               ("Mỹ", 4), ("Bảo", 3), ("Phương", 3), ("Hoài", 3), ("Diệu", 2), ("Thùy", 3)],
}
GIVEN = {
    "male": ["Anh", "Bình", "Cường", "Dũng", "Đức", "Hải", "Hiếu", "Hoàng", "Hùng", "Huy", "Khang", "Khoa",
             "Kiên", "Long", "Lộc", "Minh", "Nam", "Nghĩa", "Phong", "Phúc", "Quân", "Quang", "Sơn", "Tài",
             "Thắng", "Thành", "Thịnh", "Tiến", "Toàn", "Trung", "Tuấn", "Tùng", "Việt", "Vinh", "Vũ", "Hậu",
             "Tâm", "Thái", "Định", "Khải", "Luân", "Nhân", "Phát", "Tín", "Trí", "Bảo", "Đạt", "Hưng"],
    "female": ["Anh", "Chi", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hồng", "Huệ",
               "Hương", "Lan", "Liên", "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Ngọc", "Nhung", "Oanh",
               "Phương", "Quyên", "Tâm", "Thảo", "Thanh", "Thủy", "Trang", "Trinh", "Uyên", "Vân", "Yến",
               "Hậu", "Lệ", "Nhi", "Thư", "Tuyết", "Xuân", "Vy", "Diễm", "Hiếu"],
}


def _pick(rng, weighted):
    total = sum(w for _, w in weighted)
    x = rng.random() * total
    for value, w in weighted:
        x -= w
        if x < 0:
            return value
    return weighted[-1][0]


def full_name(rng, gender: str) -> str:
    family = _pick(rng, FAMILY)
    middle = _pick(rng, MIDDLE[gender])
    given = rng.choice(GIVEN[gender])
    while given == middle:
        given = rng.choice(GIVEN[gender])
    return f"{family} {middle} {given}"
