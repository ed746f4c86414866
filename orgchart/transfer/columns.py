"""The column specification of CONTRACT §2 — the ONE place that lists the columns of each
kind. The CLI bulk importer, the exporter and the django-import-export resources of the
admin are all built from `SPECS`."""
from dataclasses import dataclass, field

from django.db import models

from orgchart.core import choices as C
from orgchart.core.text import fold, split_list

from . import parsing as P

# Column types: str (short text), text (long text), enum, date, bool, int, year, decimal,
# list (`;`-separated), ref (a code of another row: agency/official/position), refs (a `;`
# list of such codes: a many-to-many relation), period.
REF_MODELS = {
    "agency": ("structure", "Agency"),
    "official": ("personnel", "Official"),
    "position": ("positions", "JobPosition"),
}

# Vietnamese header aliases, accepted in addition to the English names (CONTRACT §2).
ALIASES = {
    "code": ("mã", "mã cơ quan", "mã vị trí", "mã cán bộ"),
    "name": ("tên", "tên cơ quan"),
    "short_name": ("tên viết tắt",),
    "kind": ("loại", "hình thức"),
    "level": ("cấp",),
    "parent_code": ("mã cơ quan cấp trên", "trực thuộc"),
    "class": ("loại đơn vị hành chính",),
    "established_on": ("ngày thành lập",),
    "dissolved_on": ("ngày giải thể",),
    "legal_basis": ("căn cứ pháp lý",),
    "agency_code": ("mã cơ quan",),
    "ref": ("số hiệu",),
    "text": ("nội dung",),
    "sectors": ("lĩnh vực",),
    "valid_from": ("hiệu lực từ",),
    "valid_to": ("hiệu lực đến",),
    "title": ("tên vị trí",),
    "category": ("nhóm vị trí",),
    "full_name": ("họ và tên", "họ tên"),
    "birth_date": ("ngày sinh",),
    "gender": ("giới tính",),
    "staff_type": ("loại cán bộ",),
    "official_code": ("mã cán bộ",),
    "position_code": ("mã vị trí",),
    "start_on": ("từ ngày",),
    "end_on": ("đến ngày",),
    "decision_no": ("số quyết định",),
    "year": ("năm",),
    "rating": ("xếp loại",),
    "form": ("hình thức kỷ luật",),
    "decided_on": ("ngày quyết định",),
    "period": ("giai đoạn",),
    "separated_on": ("ngày nghỉ",),
    "reason": ("lý do",),
    "amount": ("số biên chế", "biên chế"),
    "percent": ("tỷ lệ", "tỷ lệ tinh giản"),
    "effective_on": ("ngày hiệu lực",),
    "sources": ("cơ quan trước", "hình thành từ"),
    "targets": ("cơ quan sau",),
    "note": ("ghi chú",),
}


@dataclass(frozen=True)
class Column:
    name: str  # header (CONTRACT §2)
    attr: str  # model attribute (FKs: the relation name, e.g. "agency")
    type: str = "str"
    required: bool = False
    choices: tuple[str, ...] = ()
    ref: str | None = None  # REF_MODELS key for type "ref"

    @property
    def attname(self) -> str:
        return f"{self.attr}_id" if self.type == "ref" else self.attr

    @property
    def export_path(self) -> str:
        return f"{self.attr}__code" if self.type == "ref" else self.attr


def col(name, attr=None, type="str", required=False, choices=None, ref=None) -> Column:
    return Column(
        name, attr or name, type, required, tuple(choices.values) if choices else (), ref
    )


@dataclass
class KindSpec:
    name: str
    model_path: tuple[str, str]
    columns: list[Column]
    key: tuple[str, ...]  # column names of the natural key
    verbose: str = ""
    # filled by `bind()`
    model: type[models.Model] | None = None
    by_name: dict[str, Column] = field(default_factory=dict)
    header_map: dict[str, str] = field(default_factory=dict)  # folded header → column name
    parsers: dict[str, object] = field(default_factory=dict)  # column name → callable(raw) → value
    empty: dict[str, object] = field(default_factory=dict)  # column name → value of an empty cell

    def bind(self):
        from django.apps import apps

        self.model = apps.get_model(*self.model_path)
        self.by_name = {c.name: c for c in self.columns}
        self.header_map = {}
        for c in self.columns:
            self.header_map[fold(c.name)] = c.name
        # "code" last: "Mã cơ quan" is the agency's own code in agencies, agency_code elsewhere
        for c in sorted(self.columns, key=lambda c: c.name == "code"):
            for alias in ALIASES.get(c.name, ()):
                self.header_map.setdefault(fold(alias), c.name)
        for c in self.columns:
            self.parsers[c.name] = _parser_for(self.model, c)
            self.empty[c.name] = _empty_value(self.model, c)
        return self

    def column_for_header(self, header: str) -> Column | None:
        name = self.header_map.get(fold(header))
        return self.by_name.get(name) if name else None


def _model_field(model, column: Column):
    return model._meta.get_field(column.attr)


def _empty_value(model, column: Column):
    f = _model_field(model, column)
    if f.null:
        return None
    if f.has_default():
        return f.get_default()
    if isinstance(f, (models.CharField, models.TextField)):
        return ""
    return None  # required column: an empty cell is an error


def _int_bounds(f) -> tuple[int, int]:
    if isinstance(f, models.PositiveSmallIntegerField):
        return 0, 32767
    return 0, 2_147_483_647


def _parser_for(model, column: Column):
    f = _model_field(model, column)
    t = column.type
    if t in ("str", "text"):
        max_length = getattr(f, "max_length", None) if t == "str" else None

        def parse_text(raw, _max=max_length):
            text = raw if raw.__class__ is str else P.as_text(raw)
            if _max and len(text) > _max:
                raise P.CellError(f"text longer than {_max} characters (quá {_max} ký tự)")
            return text

        return parse_text
    if t == "enum":
        return lambda raw, _allowed=column.choices: P.parse_enum(raw, _allowed)
    if t == "date":
        return P.parse_date
    if t == "bool":
        return P.parse_bool
    if t == "int":
        lo, hi = _int_bounds(f)
        return lambda raw: P.parse_int(raw, lo, hi)
    if t == "year":
        return lambda raw: P.parse_int(raw, 1900, 2200)
    if t == "decimal":
        return lambda raw: P.parse_decimal(raw, f.decimal_places, 0, 100)
    if t == "list":
        max_length = getattr(f, "max_length", None)

        def parse_list(raw, _max=max_length):
            text = P.parse_list(raw)
            if _max and len(text) > _max:
                raise P.CellError(f"list longer than {_max} characters (quá {_max} ký tự)")
            return text

        return parse_list
    if t == "ref":
        return P.as_text  # resolved to an id by the importer
    if t == "refs":
        return lambda raw: split_list(P.parse_list(raw))  # codes, resolved by the importer
    if t == "period":
        from orgchart.personnel.models import parse_period

        def parse_period_cell(raw):
            text = P.as_text(raw).replace(" ", "")
            try:
                parse_period(text)
            except ValueError as exc:
                raise P.CellError(f"invalid period {text!r}: {exc} (giai đoạn cần dạng YYYY-YYYY)")
            return text

        return parse_period_cell
    raise ValueError(f"unknown column type {t}")


def _ref(name, ref, attr, required=True):
    return col(name, attr, "ref", required, ref=ref)


SPECS: dict[str, KindSpec] = {
    s.name: s
    for s in [
        KindSpec("agencies", ("structure", "Agency"), [
            col("code", required=True), col("name", required=True), col("short_name"),
            col("kind", type="enum", required=True, choices=C.AgencyKind),
            col("level", type="enum", required=True, choices=C.AgencyLevel),
            _ref("parent_code", "agency", "parent", required=False),
            col("class", "agency_class", "enum", choices=C.AgencyClass),
            col("established_on", type="date"), col("dissolved_on", type="date"),
            col("legal_basis", type="text"),
        ], ("code",), "cơ quan, đơn vị"),
        KindSpec("mandates", ("structure", "Mandate"), [
            _ref("agency_code", "agency", "agency"), col("ref"),
            col("kind", type="enum", required=True, choices=C.MandateKind),
            col("text", type="text", required=True), col("sectors", type="list"),
            col("legal_basis", type="text"), col("valid_from", type="date"), col("valid_to", type="date"),
        ], ("agency_code", "ref"), "chức năng, nhiệm vụ"),
        KindSpec("positions", ("positions", "JobPosition"), [
            col("code", required=True), _ref("agency_code", "agency", "agency"), col("title", required=True),
            col("category", type="enum", required=True, choices=C.PositionCategory),
            col("leadership_role", type="enum", choices=C.LeadershipRole), col("required_rank"),
            col("min_education", type="enum", choices=C.Education), col("education_fields", type="list"),
            col("min_political_theory", type="enum", choices=C.PoliticalTheory),
            col("min_state_mgmt", type="enum", choices=C.StateMgmt),
            col("min_years_experience", type="int"), col("requires_succession_plan", type="bool"),
            col("quota", type="int"),
        ], ("code",), "vị trí việc làm"),
        KindSpec("officials", ("personnel", "Official"), [
            col("code", required=True), col("full_name", required=True),
            col("birth_date", type="date", required=True),
            col("gender", type="enum", required=True, choices=C.Gender),
            col("staff_type", type="enum", required=True, choices=C.StaffType),
            col("rank_code"), col("rank_since", type="date"),
            col("education_level", type="enum", choices=C.Education), col("education_field"),
            col("political_theory", type="enum", choices=C.PoliticalTheory),
            col("state_mgmt", type="enum", choices=C.StateMgmt),
            col("hired_on", type="date"), col("health_ok", type="bool"), col("youngest_child_born_on", type="date"),
        ], ("code",), "cán bộ, công chức, viên chức"),
        KindSpec("assignments", ("personnel", "Assignment"), [
            _ref("official_code", "official", "official"), _ref("position_code", "position", "position"),
            col("kind", type="enum", required=True, choices=C.AssignmentKind),
            col("start_on", type="date", required=True), col("end_on", type="date"),
            col("decision_no"), col("override_reason", type="text"),
        ], ("official_code", "position_code", "start_on"), "quá trình công tác"),
        KindSpec("ratings", ("personnel", "Rating"), [
            _ref("official_code", "official", "official"), col("year", type="year", required=True),
            col("rating", type="enum", required=True, choices=C.RatingValue),
        ], ("official_code", "year"), "xếp loại chất lượng"),
        KindSpec("disciplines", ("personnel", "Discipline"), [
            _ref("official_code", "official", "official"),
            col("form", type="enum", required=True, choices=C.DisciplineForm),
            col("decided_on", type="date", required=True), col("effective_on", type="date"),
        ], ("official_code", "form", "decided_on"), "kỷ luật"),
        KindSpec("succession_plans", ("personnel", "SuccessionPlan"), [
            _ref("official_code", "official", "official"), _ref("position_code", "position", "position"),
            col("period", type="period", required=True), col("approved_on", type="date"),
        ], ("official_code", "position_code", "period"), "quy hoạch"),
        KindSpec("separations", ("personnel", "Separation"), [
            _ref("official_code", "official", "official"), col("separated_on", type="date", required=True),
            col("reason", type="enum", required=True, choices=C.SeparationReason), col("reduction_criterion"),
        ], ("official_code", "separated_on"), "nghỉ việc, thôi việc"),
        KindSpec("quotas", ("staffing", "Quota"), [
            _ref("agency_code", "agency", "agency"), col("year", type="year", required=True),
            col("kind", type="enum", required=True, choices=C.QuotaKind),
            col("amount", type="int", required=True), col("decision_no"),
        ], ("agency_code", "year", "kind"), "biên chế"),
        KindSpec("reduction_targets", ("staffing", "ReductionTarget"), [
            _ref("agency_code", "agency", "agency"), col("period_start", type="year", required=True),
            col("period_end", type="year", required=True), col("baseline_year", type="year", required=True),
            col("percent", type="decimal", required=True), col("kind", type="enum", choices=C.QuotaKind),
        ], ("agency_code", "period_start", "kind"), "chỉ tiêu tinh giản"),
        # A recorded restructuring of the past: lineage between existing agencies, nothing else
        # (importer: change_events.ChangeEventImporter).
        KindSpec("change_events", ("structure", "ChangeEvent"), [
            col("code", required=True), col("kind", type="enum", required=True, choices=C.ChangeKind),
            col("effective_on", type="date", required=True),
            col("sources", "originals", "refs", required=True, ref="agency"),
            col("targets", "results", "refs", ref="agency"),
            col("decision_no"), col("note", type="text"),
        ], ("code",), "sự kiện thay đổi tổ chức"),
    ]
}

# Dependencies first: import in this order when loading several kinds.
KINDS: tuple[str, ...] = tuple(SPECS)

_bound = False


def get_spec(kind: str) -> KindSpec:
    global _bound
    if not _bound:
        for spec in SPECS.values():
            spec.bind()
        _bound = True
    return SPECS[kind]
