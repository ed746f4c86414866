"""What each part of the method is worth on a labelled data set (`evaluate_overlaps --dataset DIR
--ablation`): the detector is run with one part switched off (or swapped) at a time, and scored
at the default threshold and at its own best threshold. A measuring tool: the switches patch the
pipeline for the duration of one run and restore it."""
from __future__ import annotations

import contextlib
import dataclasses

from . import index, lexicon, text, words


@contextlib.contextmanager
def _patched(obj, name, value):
    old = getattr(obj, name)
    setattr(obj, name, value)
    try:
        yield
    finally:
        setattr(obj, name, old)


def _pyvi_segment(syllables, words_=None):
    from pyvi import ViTokenizer  # optional: pip install pyvi==0.1.1 (not a dependency)

    return ViTokenizer.tokenize(" ".join(syllables)).split() if syllables else []


def _no_paraphrase():
    keep = [s for s in lexicon.SYNONYMS if s[0] in ("qui", "[truncated")]
    return _patched(lexicon, "SYNONYMS", keep)


VARIANTS = {  # name: (params changes, context manager factory)
    "default": ({}, contextlib.nullcontext),
    "syllables, no word segmentation": ({}, lambda: _patched(text, "segment", lambda s, w=None: list(s))),
    "pyvi segmenter instead of the dictionary": ({}, lambda: _patched(text, "segment", _pyvi_segment)),
    "no boilerplate learned from the corpus": ({"max_df": 1.01, "background": False}, contextlib.nullcontext),
    "no paraphrase table": ({}, _no_paraphrase),
    "no self-names cut": ({}, lambda: _patched(text, "strip_names", lambda norm, names=(): norm)),
    "no activity modes": ({}, lambda: _patched(text, "MODE_BITS", {})),
    "cosine only (no containment)": ({"containment": 0.0}, contextlib.nullcontext),
}


def run(score, evaluate_at, variants=None):
    """[(variant, report at the default threshold, (best threshold, report))]. `score(params)`
    scores the data set, `evaluate_at(scored, threshold)` makes a report."""
    out = []
    for name in variants or VARIANTS:
        changes, ctx = VARIANTS[name]
        index.analyse_clause.cache_clear()
        index._BACKGROUND = None
        words.dictionary.cache_clear()
        try:
            with ctx():
                scored = score(dataclasses.replace(index.Params(), **changes))
        except ImportError as exc:
            out.append((name, None, (None, str(exc))))
            continue
        default = evaluate_at(scored, index.DEFAULT_THRESHOLD)
        best = max(((t / 100, evaluate_at(scored, t / 100)) for t in range(10, 71)), key=lambda tr: tr[1].f1)
        out.append((name, default, best))
    index.analyse_clause.cache_clear()
    index._BACKGROUND = None
    return out
