"""Import errors: every bad row, reported as `row N, column C: message`."""
from dataclasses import dataclass


@dataclass(frozen=True)
class RowError:
    row: int | None  # row number in the file (header = 1); None for a file-level problem
    column: str | None  # header name as written in the file
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        if self.column is None:
            return f"row {self.row}: {self.message}"
        return f"row {self.row}, column {self.column}: {self.message}"


class ImportFailed(Exception):
    """Nothing was written; `errors` lists every problem found."""

    def __init__(self, errors: list[RowError]):
        self.errors = sorted(errors, key=lambda e: e.row or 0)
        super().__init__("\n".join(str(e) for e in self.errors))
