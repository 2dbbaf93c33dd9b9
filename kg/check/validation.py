"""The checks `stancekg validate` runs, as one function, so the explorer's curation page runs the same.

Structure, references and quotes (kg.curation), then the built graph against the SHACL shapes,
then its logical consistency with HermiT. Each stage runs only when the one before found no
error, as a curator fixes the first before the later ones mean anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kg import curation
from kg.build import builder
from kg.check import reasoner as hermit
from kg.check import shacl
from kg.curation.problems import Problem, errors


@dataclass
class Validation:
    problems: list[Problem]
    sources: int  # source files checked
    statements: int
    notes: list[str] = field(default_factory=list)  # checks that could not run, and why

    @property
    def errors(self) -> list[Problem]:
        return errors(self.problems)

    @property
    def ok(self) -> bool:
        return not self.errors


def validate(data_dir: Path, files: list[Path] | None = None, *, reasoner: bool = True,
             pending: dict[Path, str] | None = None) -> Validation:
    """Check `files` (default: every source file) against the registries and the other sources.

    `pending` maps files not yet written to their contents (see `curation.read_corpus`): an edit
    is validated as it would be on disk, and written only if this finds no error.
    """
    corpus = curation.read_corpus(Path(data_dir), files, pending)
    problems = list(corpus.problems)
    notes: list[str] = []
    if not errors(problems):
        result = builder.build_corpus(corpus)
        problems += shacl.validate(result)
        if reasoner and not errors(problems):
            try:
                verdict = hermit.check(result.union())
                if not verdict.consistent:
                    where = ", ".join(sorted(str(s.loc.path) for s in corpus.sources)) or "(registry)"
                    problems.append(Problem(Path(where), 0, "(reasoner)",
                                            f"the graph is logically inconsistent: {verdict.detail}",
                                            "look for a thing that is both a person and an organisation, "
                                            "or a functional property given two values"))
            except hermit.JavaMissing as exc:
                notes.append(str(exc))
    return Validation(problems, len(corpus.sources), sum(len(s.statements) for s in corpus.sources), notes)
