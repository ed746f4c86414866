"""Explanations shown to an auditor (pure): where the shared words are in each matched clause,
and why a pair ranks where it does (plain Vietnamese)."""
from __future__ import annotations

import re


def marks(text: str, terms) -> list[dict]:
    """Spans {start, end} of the shared terms inside `text` (case-insensitive, whole words,
    longest first, never overlapping) — for highlighting the clause."""
    low = (text or "").lower()
    taken: list[tuple[int, int]] = []
    for term in sorted({t.lower() for t in terms if t}, key=len, reverse=True):
        for m in re.finditer(rf"(?<!\w){re.escape(term)}(?!\w)", low):
            if all(m.end() <= s or m.start() >= e for s, e in taken):
                taken.append((m.start(), m.end()))
    return [{"start": s, "end": e} for s, e in sorted(taken)]


def highlighted(text: str, spans: list[dict]) -> str:
    """The text with each span wrapped in « » (plain-text rendering of the marks)."""
    out, last = [], 0
    for s in spans:
        out += [text[last:s["start"]], "«", text[s["start"]:s["end"]], "»"]
        last = s["end"]
    return "".join(out + [text[last:]])


def _num(x: float, digits: int = 2) -> str:
    return f"{x:.{digits}f}".rstrip("0").rstrip(",.").replace(".", ",") if digits > 2 else f"{x:.2f}".replace(".", ",")


def why(score: float, pairs: list[dict], threshold: float, top_k: int = 3) -> str:
    """Why the pair has this score: the aggregation of its clause pairs (scoring.aggregate)."""
    if not pairs:
        return f"Điểm {_num(score)}: không có cặp nhiệm vụ chung."
    best = pairs[0]
    words = ", ".join(f"«{t}»" for t in best.get("terms", [])[:4]) or "—"
    core = [p for p in pairs if p.get("core")]
    if core and abs(core[0]["score"] - score) < 0.005:
        how = (f"bằng điểm của cặp tốt nhất giữa hai câu chức năng (đối tượng mà mỗi cơ quan được lập ra để "
               f"quản lý): {words}")
    else:
        how = f"trung bình của {min(top_k, len(pairs))} cặp nhiệm vụ chung tốt nhất (không phải câu chức năng); cặp đầu: {words}"
    verdict = "từ ngưỡng trở lên: báo là chồng chéo" if score >= threshold else "dưới ngưỡng: chỉ để tham khảo"
    return (f"Điểm {_num(score)} {how}. {len(pairs)} cặp nhiệm vụ có từ chung; ngưỡng mặc định {_num(threshold, 3)} "
            f"({verdict}). Từ thủ tục, tên cơ quan và việc chung của mọi cơ quan không được tính.")
