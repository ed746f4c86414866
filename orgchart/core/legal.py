"""Dated tables of legal numbers — the one mechanism every rule package uses.

A row holds a value on [valid_from, valid_to] (both inclusive, None = unbounded) with the
instrument it comes from. The rule in force **on the date checked** applies, so a new decree
is one new dated row (and the old row ended the day before). Each domain keeps its own table
(`eligibility.legal`, `restructuring.legal`, `staffing.legal`); a number shared by two domains
lives in one of them only (e.g. deputy caps in `restructuring.legal`)."""
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class LegalNumber:
    key: str
    value: object
    valid_from: dt.date | None
    valid_to: dt.date | None
    citation: str
    note: str = ""

    def holds_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or self.valid_to >= day)


class Numbers:
    """The numbers of one table in force on one date: one attribute per key, `cite(key)` its citation."""

    def __init__(self, day: dt.date, rows: dict[str, LegalNumber]):
        self.day = day
        self._rows = rows
        for key, row in rows.items():
            setattr(self, key, row.value)

    def cite(self, key: str) -> str:
        return self._rows[key].citation

    def has(self, key: str) -> bool:
        return key in self._rows


class LegalTable:
    def __init__(self, rows, numbers_class: type[Numbers] = Numbers):
        self.rows: tuple[LegalNumber, ...] = tuple(rows)
        self._numbers_class = numbers_class
        self.numbers_on = lru_cache(maxsize=4096)(self._numbers_on)

    def __iter__(self):
        return iter(self.rows)

    def lookup(self, key: str, day: dt.date) -> LegalNumber:
        """The row of `key` in force on `day` (the latest starting one); KeyError when none."""
        rows = [r for r in self.rows if r.key == key and r.holds_on(day)]
        if not rows:
            raise KeyError(f"no legal number {key!r} in force on {day}")
        return max(rows, key=lambda r: r.valid_from or dt.date.min)

    def value(self, key: str, day: dt.date):
        return self.lookup(key, day).value

    def _numbers_on(self, day: dt.date) -> Numbers:
        keys = dict.fromkeys(r.key for r in self.rows)
        found = {}
        for key in keys:
            try:
                found[key] = self.lookup(key, day)
            except KeyError:
                continue
        return self._numbers_class(day, found)
