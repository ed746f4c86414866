"""Plain facts the eligibility rules read (no database): an official, their history, a position
and its agency on the date checked. `engine.py` builds them; tests build them by hand."""
import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from orgchart.core.choices import NON_HOLDING_KINDS
from orgchart.core.text import fold

from .calendar import retirement_date as _retirement_date
from .legal import Numbers, numbers_on

RECRUITMENT = "recruitment"
FIRST_APPOINTMENT = "first_appointment"
HIGHER_APPOINTMENT = "higher_appointment"
REAPPOINTMENT = "reappointment"
ROTATION = "rotation"
TRANSFER = "transfer"
ACTIONS = (RECRUITMENT, FIRST_APPOINTMENT, HIGHER_APPOINTMENT, REAPPOINTMENT, ROTATION, TRANSFER)
APPT = frozenset({FIRST_APPOINTMENT, HIGHER_APPOINTMENT})
_NON_HOLDING = frozenset(str(k) for k in NON_HOLDING_KINDS)
_fold = lru_cache(maxsize=65536)(fold)


@dataclass(slots=True)
class OfficialFacts:
    id: int
    code: str = ""
    full_name: str = ""
    birth_date: dt.date | None = None
    gender: str = ""
    staff_type: str = ""
    rank_code: str = ""
    education_level: str = ""
    education_field: str = ""
    political_theory: str = ""
    state_mgmt: str = ""
    hired_on: dt.date | None = None
    health_ok: bool | None = None
    retirement_date: dt.date | None = None
    education_field_folded: str = field(default="", init=False)

    def __post_init__(self):
        if self.retirement_date is None and self.birth_date is not None:
            self.retirement_date = _retirement_date(self.birth_date, self.gender)
        self.education_field_folded = _fold(self.education_field)


class AssignmentFact(NamedTuple):
    position_id: int
    kind: str
    start_on: dt.date
    end_on: dt.date | None = None
    leadership_role: str = "none"  # of the position
    id: int | None = None

    @property
    def holding(self) -> bool:
        return self.kind not in _NON_HOLDING

    def covers(self, day: dt.date) -> bool:
        return self.start_on <= day and (self.end_on is None or self.end_on >= day)


class DisciplineFact(NamedTuple):
    form: str
    decided_on: dt.date
    effective_on: dt.date | None = None

    @property
    def start(self) -> dt.date:
        return self.effective_on or self.decided_on


class PlanFact(NamedTuple):
    position_id: int
    period_start: int
    period_end: int


@dataclass(slots=True)
class HistoryFacts:
    assignments: tuple[AssignmentFact, ...] = ()
    ratings: dict[int, str] = field(default_factory=dict)
    disciplines: tuple[DisciplineFact, ...] = ()
    succession_plans: tuple[PlanFact, ...] = ()
    separations: tuple[dt.date, ...] = ()


@dataclass(slots=True)
class PositionFacts:
    """A position and, on the date checked, its agency, holders and the agency's deputies/staff."""

    id: int
    code: str = ""
    category: str = "professional"
    leadership_role: str = "none"
    agency_id: int | None = None
    agency_kind: str = ""
    required_rank: str = ""
    min_education: str = ""
    education_fields: tuple[str, ...] = ()
    min_political_theory: str = ""
    min_state_mgmt: str = ""
    min_years_experience: int | None = None
    requires_succession_plan: bool = False
    quota: int | None = None
    holder_ids: frozenset[int] = frozenset()  # officials holding this position on the date
    head_position_ids: frozenset[int] = frozenset()  # `head` positions of the same agency
    deputy_holder_ids: frozenset[int] = frozenset()  # officials holding the agency's deputy positions
    agency_staff: int = 0  # RULES §4 "staff" of the agency on the date
    education_fields_folded: frozenset[str] = field(default=frozenset(), init=False)

    def __post_init__(self):
        self.education_fields_folded = frozenset(fold(f) for f in self.education_fields if fold(f))


@dataclass(slots=True)
class Case:
    """One check: official × position × action × date. Derived values are computed once."""

    official: OfficialFacts
    history: HistoryFacts
    position: PositionFacts
    action: str
    on_date: dt.date
    numbers: Numbers = field(init=False)
    current: AssignmentFact | None = field(init=False)  # latest holding assignment to the position covering on_date

    def __post_init__(self):
        if self.action not in ACTIONS:
            raise ValueError(f"unknown action {self.action!r}")
        self.numbers = numbers_on(self.on_date)
        pid, day, current = self.position.id, self.on_date, None
        for a in self.history.assignments:
            if a.position_id == pid and a.kind not in _NON_HOLDING and a.covers(day):
                if current is None or a.start_on > current.start_on:
                    current = a
        self.current = current

    @property
    def holds(self) -> bool:
        return self.current is not None
