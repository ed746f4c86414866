"""Evaluate the detector against labelled agency pairs (agency_a, agency_b, label[, reason]).

Labels: `overlap` (must be reported), `none` and `lineage` (must not; `lineage` = an agency and
its own ancestor/descendant, never an overlap), `ignore` (unclear: not scored). Pairs are scored
in memory on the mandates in the database (nothing is written), at `threshold`."""
import csv
from dataclasses import dataclass, field

from . import index, services

LABELS = ("overlap", "none", "lineage", "ignore")


@dataclass
class Report:
    threshold: float
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    false_positives: list = field(default_factory=list)  # (a, b, score, label)
    false_negatives: list = field(default_factory=list)
    lineage_reported: list = field(default_factory=list)
    cross_jurisdiction_reported: list = field(default_factory=list)
    ignored: int = 0

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


def scores(params: index.Params | None = None) -> tuple[dict, dict]:
    """({(code a, code b): score} for every compared pair with evidence, {code: node})."""
    computed = services.compute(params=params, min_score=0.0)
    code = {n.id: n.code for n in computed.nodes.values()}
    by_code = {n.code: n for n in computed.nodes.values()}
    return {(code[f.a], code[f.b]): f.score for f in computed.findings}, by_code


def evaluate(labels: dict, threshold: float, params: index.Params | None = None) -> Report:
    found, nodes = scores(params)
    unknown = sorted({c for pair in labels for c in pair if c not in nodes})
    if unknown:
        raise ValueError(f"Mã cơ quan không có trong cơ sở dữ liệu: {', '.join(unknown[:20])}")
    report = Report(threshold)
    for (a, b), score in found.items():
        if score >= threshold and nodes[a].jurisdiction != nodes[b].jurisdiction:
            report.cross_jurisdiction_reported.append((a, b, score))
    for (a, b), label in sorted(labels.items()):
        score = found.get((a, b), 0.0)
        reported = score >= threshold
        if label == "ignore":
            report.ignored += 1
        elif label == "overlap":
            if reported:
                report.tp += 1
            else:
                report.fn += 1
                report.false_negatives.append((a, b, score, label))
        else:
            if reported:
                report.fp += 1
                report.false_positives.append((a, b, score, label))
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
        f"  (TP={r.tp} FP={r.fp} FN={r.fn} TN={r.tn}, ignore={r.ignored})",
        f"Cặp cấp trên–cấp dưới bị báo: {len(r.lineage_reported)}; cặp khác phạm vi tài phán bị báo: "
        f"{len(r.cross_jurisdiction_reported)}",
    ]
    if r.false_positives:
        lines.append("Dương tính giả (false positives):")
        lines += [f"  {a} ~ {b}  score={s:.3f}  label={lab}" for a, b, s, lab in r.false_positives]
    if r.false_negatives:
        lines.append("Âm tính giả (false negatives):")
        lines += [f"  {a} ~ {b}  score={s:.3f}" for a, b, s, _ in r.false_negatives]
    return "\n".join(lines)
