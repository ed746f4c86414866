"""Evaluate the detector against labelled agency pairs (agency_a, agency_b, label[, reason]).

Labels: `overlap` (must be reported), `none` and `lineage` (must not; `lineage` = an agency and
its own ancestor/descendant, never an overlap), `ignore` (unclear: not scored). Pairs are scored
in memory (nothing is written) on the mandates in the database, or on a data set on disk
(`dataset.py`: every sub-folder of a development set loaded together, so that pairs across
provinces can be reported and counted). With `unlisted_none`, a reported pair that no label
names counts as a false positive (label `none*`): a development set must label every pair the
detector reports."""
import csv
from dataclasses import dataclass, field
from pathlib import Path

from . import dataset, index, scoring, services

LABELS = ("overlap", "none", "lineage", "ignore")


@dataclass
class Report:
    threshold: float
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    false_positives: list = field(default_factory=list)  # (a, b, score, label, shared terms)
    false_negatives: list = field(default_factory=list)
    lineage_reported: list = field(default_factory=list)
    cross_jurisdiction_reported: list = field(default_factory=list)
    ignored: int = 0
    labelled: int = 0

    @property
    def precision(self):
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self):
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self):
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def read_labels(path) -> dict:
    out, errors = {}, []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = {"agency_a", "agency_b", "label"} - set(reader.fieldnames or [])
        if missing:
            raise ValueError(f"Thiếu cột: {', '.join(sorted(missing))}")
        for n, row in enumerate(reader, start=2):
            label = (row["label"] or "").strip()
            if label not in LABELS:
                errors.append(f"row {n}, column label: nhãn không hợp lệ {label!r}")
                continue
            a, b = sorted([(row["agency_a"] or "").strip(), (row["agency_b"] or "").strip()])
            out[(a, b)] = label
    if errors:
        raise ValueError("\n".join(errors))
    return out


@dataclass
class Scored:
    pairs: dict  # {(code a, code b): (score, [shared terms])}
    nodes: dict  # {code: AgencyNode}


def _scored(nodes: dict, found: list) -> Scored:
    code = {n.id: n.code for n in nodes.values()}
    terms = index.term_texts(t for f in found for p in f.pairs for t in p.texts)
    pairs = {(code[f.a], code[f.b]): (f.score, services.display_terms(f.terms, terms, 8)) for f in found}
    return Scored(pairs, {n.code: n for n in nodes.values()})


def score_db(params: index.Params | None = None) -> Scored:
    computed = services.compute(params=params, min_score=0.0)
    return _scored(computed.nodes, computed.findings)


def score_dataset(folders, day, params: index.Params | None = None) -> Scored:
    nodes, rows = dataset.load_many(folders, day)
    corpus = services.build_corpus(nodes, rows, params or index.Params())
    return _scored(nodes, list(scoring.findings(corpus, min_score=0.0)))


def dataset_folders(root) -> list[Path]:
    """A development set: its sub-folders holding agencies.csv (or the folder itself)."""
    root = Path(root)
    subs = sorted(p for p in root.iterdir() if (p / "agencies.csv").is_file()) if root.is_dir() else []
    return subs or [root]


def dataset_labels(folders) -> dict:
    out = {}
    for folder in folders:
        if (Path(folder) / "labels.csv").is_file():
            out.update(read_labels(Path(folder) / "labels.csv"))
    return out


def evaluate(labels: dict, threshold: float, params: index.Params | None = None, *, scored: Scored | None = None,
             unlisted_none: bool = False) -> Report:
    scored = scored or score_db(params)
    nodes = scored.nodes
    unknown = sorted({c for pair in labels for c in pair if c not in nodes})
    if unknown:
        raise ValueError(f"Mã cơ quan không có trong dữ liệu: {', '.join(unknown[:20])}")
    report = Report(threshold, labelled=len(labels))
    for (a, b), (score, _terms) in scored.pairs.items():
        if score >= threshold and nodes[a].jurisdiction != nodes[b].jurisdiction:
            report.cross_jurisdiction_reported.append((a, b, score))
    items = dict(labels)
    if unlisted_none:
        for pair, (score, _terms) in scored.pairs.items():
            if score >= threshold and pair not in items:
                items[pair] = "none*"
    for (a, b), label in sorted(items.items()):
        score, terms = scored.pairs.get((a, b), (0.0, []))
        reported = score >= threshold
        if label == "ignore":
            report.ignored += 1
        elif label == "overlap":
            report.tp += reported
            report.fn += not reported
            if not reported:
                report.false_negatives.append((a, b, score, label, terms))
        elif reported:
            report.fp += 1
            report.false_positives.append((a, b, score, label, terms))
            if label == "lineage":
                report.lineage_reported.append((a, b, score))
        else:
            report.tn += 1
    return report


def evaluate_file(path, threshold: float) -> Report:
    return evaluate(read_labels(path), threshold)


def format_report(r: Report) -> str:
    lines = [
        f"Ngưỡng (threshold): {r.threshold}",
        f"precision={r.precision:.3f} recall={r.recall:.3f} F1={r.f1:.3f}"
        f"  (TP={r.tp} FP={r.fp} FN={r.fn} TN={r.tn}, ignore={r.ignored}, nhãn={r.labelled})",
        f"Cặp cấp trên–cấp dưới bị báo: {len(r.lineage_reported)}; cặp khác phạm vi tài phán bị báo: "
        f"{len(r.cross_jurisdiction_reported)}",
    ]
    if r.false_positives:
        lines.append("Dương tính giả (false positives) — từ chung:")
        lines += [f"  {a} ~ {b}  score={s:.3f}  label={lab}  [{', '.join(t)}]" for a, b, s, lab, t in r.false_positives]
    if r.false_negatives:
        lines.append("Âm tính giả (false negatives) — từ chung:")
        lines += [f"  {a} ~ {b}  score={s:.3f}  [{', '.join(t)}]" for a, b, s, _, t in r.false_negatives]
    return "\n".join(lines)
