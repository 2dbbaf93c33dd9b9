"""Problems found in curated files, each tied to a file, a line and a field."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    path: Path
    line: int
    field: str
    message: str
    suggestion: str = ""
    severity: str = "error"  # error | warning

    def __str__(self) -> str:
        hint = f" ({self.suggestion})" if self.suggestion else ""
        return f"{self.path}:{self.line}: {self.severity}: {self.field}: {self.message}{hint}"


class CurationError(Exception):
    """Raised when curated input has errors; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]
