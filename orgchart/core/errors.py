"""Domain errors: what a service raises when it refuses an input.

A service validates first and raises `DomainError(message, code, field)` with nothing written:
`message` is plain Vietnamese for the user, `code` is `not_found`, `invalid`, `conflict`,
`forbidden` or a RULES.md rule code, and `field` names the input in the service's own terms —
snake_case keyword names, with list positions and nested keys as a path
(`"parts[1].short_name"`, `"operations[0].effective_on"`). Several errors at once (every
eligibility violation of an appointment) travel as `DomainErrors`.

Services never raise API errors and never know how a surface spells a field: the GraphQL
layer maps these to its typed errors (`orgchart.api.errors.mutation_errors`, camelCase
fields); the web pages and the admin show `message`.
"""
from dataclasses import dataclass

NOT_FOUND = "not_found"
INVALID = "invalid"
CONFLICT = "conflict"
FORBIDDEN = "forbidden"


@dataclass
class DomainError(Exception):
    message: str
    code: str = INVALID
    field: str | None = None

    def __post_init__(self):
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message

    def within(self, prefix: str) -> "DomainError":
        """The same error with its field placed under `prefix` (e.g. `operations[2]`)."""
        self.field = f"{prefix}.{self.field}" if self.field else prefix
        return self

    def as_dict(self) -> dict:
        return {"field": self.field, "message": self.message, "code": self.code}


class DomainErrors(DomainError):
    """Several domain errors at once, in the order they were found (a DomainError itself:
    message, code and field of the whole are those of the errors joined / of the first)."""

    def __init__(self, errors: list[DomainError]):
        errors = list(errors)
        if not errors:
            raise ValueError("DomainErrors needs at least one error")
        super().__init__("; ".join(e.message for e in errors), errors[0].code, errors[0].field)
        self.errors = errors


def errors_of(exc: Exception) -> list[DomainError]:
    """The domain errors carried by `exc` (one or several)."""
    if isinstance(exc, DomainErrors):
        return list(exc.errors)
    if isinstance(exc, DomainError):
        return [exc]
    raise TypeError(f"not a domain error: {exc!r}")
