"""Build `reference/words.txt`, the dictionary of multi-syllable Vietnamese words used by
`orgchart.overlaps.words` (a developer tool, run again when the reference corpus changes):

    pip install pyvi==0.1.1   # build time only; never needed to run the product
    python -m orgchart.overlaps.build_words

Every text of `reference/mandates_real.jsonl` (the real mandates) is normalised as the
pipeline does and segmented once by pyvi's CRF word segmenter; its multi-syllable words are
kept (letters only). A word of 3+ syllables that splits into known shorter words is dropped
("nhà nước giải quyết" = "nhà nước" + "giải quyết": a segmenter phrase error, and word
bi-grams recover real phrases anyway). SUPPLEMENT adds the words of the synonym table
(`lexicon.SYNONYMS`) and of organisation names that the corpus lacks."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from . import lexicon
from . import text as vt

HERE = Path(__file__).with_name("reference")
SOURCE = HERE / "mandates_real.jsonl"
TARGET = HERE / "words.txt"


def _splits(syllables: list[str], known: set[str]) -> bool:
    """True if the syllables split into 2+ pieces, each a known word or one syllable, one of
    them multi-syllable."""
    n = len(syllables)
    for k in range(1, n):
        head = "_".join(syllables[:k])
        if head in known or k == 1:
            tail = syllables[k:]
            if len(tail) == 1 or "_".join(tail) in known or _splits(tail, known):
                if k > 1 or len(tail) > 1:
                    return True
    return False


def build(texts) -> list[str]:
    from pyvi import ViTokenizer  # build time only

    count: Counter = Counter()
    for text in texts:
        for token in ViTokenizer.tokenize(vt.normalize(text)).split():
            parts = token.split("_")
            if len(parts) > 1 and all(p.isalpha() for p in parts):
                count[token] += 1
    for phrase in lexicon.supplement_words():
        count[phrase.replace(" ", "_")] += 1
    two = {w for w in count if w.count("_") == 1}
    out = sorted(w for w in count if w.count("_") == 1 or not _splits(w.split("_"), two))
    return out


def main():
    with SOURCE.open(encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh if line.strip()]
    words = build(texts)
    TARGET.write_text("\n".join(w.replace("_", " ") for w in words) + "\n", encoding="utf-8")
    print(f"{len(words)} words → {TARGET}")


if __name__ == "__main__":
    main()
