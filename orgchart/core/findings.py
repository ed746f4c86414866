"""One shape for what a rule finds: `Finding(code, severity, message, citation, subject)`.

Every rule package returns it — appointment eligibility (RULES §2), staffing reduction
criteria (§3), structure rules (§4) — and one GraphQL type shows it (`orgchart.api.findings`).
- `code`: the RULES.md code (`APPT-RATING`, `RED-OVER-QUOTA`, `STRUCT-SINGLE-CHILD`);
- `severity`: `violation` (makes a check fail) or `warning` (does not); a reduction criterion
  flags an official without deciding anything, so it is a `warning`;
- `message`: plain Vietnamese; `citation`: the legal reference in force on the date checked,
  from the package's dated legal table;
- `subject`: what the finding is about when a list mixes subjects (the agency of a structure
  finding); None when the caller knows it (the official and position checked).

A NamedTuple: rules create thousands of these per request (candidate lists), cheaply.
"""
from typing import NamedTuple

from .choices import Severity

VIOLATION = Severity.VIOLATION.value
WARNING = Severity.WARNING.value


class Finding(NamedTuple):
    code: str
    severity: str
    message: str
    citation: str
    subject: object = None

    @property
    def is_violation(self) -> bool:
        return self.severity == VIOLATION

    def about(self, subject) -> "Finding":
        """The same finding attached to `subject`."""
        return self._replace(subject=subject)

    def as_dict(self) -> dict:
        """code, severity, message, citation (the subject is the caller's to name)."""
        return {"code": self.code, "severity": self.severity, "message": self.message, "citation": self.citation}
