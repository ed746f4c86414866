"""Vietnamese word segmentation for the overlap pipeline (RULES §5: terms are whole words).

A Vietnamese word is one or more syllables written apart ("an toàn thực phẩm" = "an_toàn"
"thực_phẩm"). `segment()` groups syllables into words by longest match against a dictionary of
multi-syllable words (`reference/words.txt`, built from the real mandate texts by
`build_words.py`; see README.md for why a dictionary and not a run-time CRF model). An unknown
sequence stays as single-syllable words: a multi-syllable term is only ever a dictionary word,
never two syllables that happen to touch ("lãnh đạo | văn phòng" gives "lãnh_đạo", "văn_phòng";
never "đạo_văn")."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

WORDS_FILE = Path(__file__).with_name("reference") / "words.txt"
MAX_SYLLABLES = 4
JOIN = "_"


@lru_cache(maxsize=1)
def dictionary() -> frozenset:
    """Multi-syllable words, syllables joined by "_"."""
    with WORDS_FILE.open(encoding="utf-8") as fh:
        return frozenset(JOIN.join(line.split()) for line in fh if len(line.split()) > 1)


def segment(syllables: list[str], words: frozenset | None = None) -> list[str]:
    """Syllables → words by longest match, left to right."""
    words = dictionary() if words is None else words
    out, i, n = [], 0, len(syllables)
    while i < n:
        for k in range(min(MAX_SYLLABLES, n - i), 1, -1):
            cand = JOIN.join(syllables[i:i + k])
            if cand in words:
                out.append(cand)
                i += k
                break
        else:
            out.append(syllables[i])
            i += 1
    return out
