"""`stancekg import-signatories`: a published signatory list (CSV) into the curated files.

The import writes files, never the graph: the companion `ID.signatories.yaml` (see
`kg.curation.signatories`) and a copy of the CSV, both atomically and only once the whole letter,
as it would read with them, has no error. The graph is then built from files as always.

Each line is matched to a known actor by its Wikidata item, else by its name (letters and digits,
any case or accent, against every English and Spanish label); a line that matches no one declares
a new person. Nothing is merged silently: two lines for one person, a name shared by several
actors, or a Wikidata item that contradicts the name's match are errors naming the CSV line.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from kg.curation import dates, read_corpus
from kg.curation.fields import slug
from kg.curation.problems import Problem, errors
from kg.curation.records import Entity
from kg.curation.registry import REGISTRY_FILES
from kg.curation.signatories import companion, render
from kg.curation.suggestions import squash
from kg.store.files import atomic_write

COLUMNS = ("name", "wikidata", "affiliation", "date")
_WIKIDATA = re.compile(r"^Q[1-9]\d*$")


@dataclass
class Row:
    line: int
    name: str
    wikidata: str = ""
    affiliation: str = ""
    date: str = ""


@dataclass
class Imported:
    problems: list[Problem] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    matched: int = 0
    new: int = 0


def read_rows(path: Path, text: str, problems: list[Problem]) -> list[Row]:
    """The CSV's lines as rows; each problem names its line and column."""

    def bad(line, column, message, hint):
        problems.append(Problem(path, line, f"column {column}", message, hint))

    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if not header:
        bad(1, "name", "the file is empty", f"start with the header line: {','.join(COLUMNS)}")
        return []
    header = [h.strip().lower() for h in header]
    for h in header:
        if h not in COLUMNS:
            bad(1, h or "(empty)", f"unknown column '{h}'", f"the columns are {', '.join(COLUMNS)}")
    if "name" not in header:
        bad(1, "name", "no 'name' column", f"start with the header line: {','.join(COLUMNS)}")
        return []
    rows, start = [], reader.line_num + 1
    for cells in reader:
        line, start = start, reader.line_num + 1
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            bad(
                line,
                "(line)",
                f"{len(cells)} values where the header has {len(header)}",
                "put a value containing a comma in double quotes; leave an empty value empty",
            )
            continue
        row = Row(line, **{h: c.strip() for h, c in zip(header, cells, strict=True) if h in COLUMNS})
        if not row.name:
            bad(line, "name", "no name", "every signatory needs the name the list prints")
        elif row.wikidata and not _WIKIDATA.match(row.wikidata):
            bad(
                line,
                "wikidata",
                f"'{row.wikidata}' is not a Wikidata item ID such as Q317521",
                "copy the Q-number from the item's page, or leave the value empty",
            )
        elif row.date and not _date_ok(row.date):
            bad(line, "date", f"'{row.date}' is not a date", dates_hint())
        else:
            rows.append(row)
    return rows


def _date_ok(text: str) -> bool:
    try:
        dates.parse_date(text)
    except ValueError:
        return False
    return True


def dates_hint() -> str:
    return "write the date signed as 2031, 2031-06 or 2031-06-02, or leave it empty"


class _Matcher:
    """Known actors indexed by Wikidata item and by squashed label."""

    def __init__(self, actors: dict[str, Entity], path: Path, problems: list[Problem], taken: set[str]):
        self.path, self.problems = path, problems
        self.by_item = {e.wikidata: e for e in actors.values() if e.wikidata}
        self.by_name: dict[str, list[Entity]] = {}
        for e in actors.values():
            for key in {squash(t) for t in e.label.values()}:
                self.by_name.setdefault(key, []).append(e)
        self.taken = set(taken)

    def bad(self, row: Row, column: str, message: str, hint: str) -> None:
        self.problems.append(Problem(self.path, row.line, f"column {column}", message, hint))

    def match(self, row: Row) -> Entity | str | None:
        """The known actor, a new id, or None after reporting why the line cannot be matched."""
        named = self.by_name.get(squash(row.name), [])
        if row.wikidata and row.wikidata in self.by_item:
            actor = self.by_item[row.wikidata]
            others = [e.id for e in named if e.id != actor.id]
            if others:
                self.bad(
                    row,
                    "wikidata",
                    f"{row.wikidata} is '{actor.id}', but the name '{row.name}' is '{others[0]}'",
                    "correct the name or the Q-number",
                )
                return None
            return actor
        if len(named) > 1:
            self.bad(
                row,
                "name",
                f"'{row.name}' names {len(named)} actors: {', '.join(e.id for e in named)}",
                "add the signatory's Wikidata ID to tell them apart",
            )
            return None
        if named:
            if row.wikidata and named[0].wikidata:
                self.bad(
                    row,
                    "wikidata",
                    f"'{row.name}' is '{named[0].id}', whose item is {named[0].wikidata}, not {row.wikidata}",
                    "correct the Q-number or the name",
                )
                return None
            return named[0]
        ident, n = slug(row.name), 2
        while ident in self.taken:
            ident, n = f"{slug(row.name)}-{n}", n + 1
        self.taken.add(ident)
        return ident


def match_rows(
    rows: list[Row], actors: dict[str, Entity], path: Path, problems: list[Problem], shared: set[Path], taken: set[str]
) -> tuple[list[dict], int]:
    """Companion entries for the rows, and how many matched a known actor."""
    m = _Matcher(actors, path, problems, taken)
    entries, matched, first = [], 0, {}
    for row in rows:
        hit = m.match(row)
        if hit is None:
            continue
        keys = [
            ("the same person", hit.id if isinstance(hit, Entity) else None),
            ("the same Wikidata item", row.wikidata or None),
            ("the same name", squash(row.name)),
        ]
        again = next(((why, first[why, k]) for why, k in keys if k and (why, k) in first), None)
        if again:
            m.bad(
                row,
                "name",
                f"'{row.name}' duplicates line {again[1]} ({again[0]})",
                "keep one line per signatory; if they are two people, add their Wikidata IDs",
            )
            continue
        first.update({(why, k): row.line for why, k in keys if k})
        entry = {
            "name": row.name,
            "wikidata": row.wikidata,
            "affiliation": row.affiliation,
            "date": row.date,
            "row": row.line,
        }
        if isinstance(hit, Entity):
            if hit.loc.path.resolve() not in shared:
                m.bad(
                    row,
                    "name",
                    f"'{row.name}' is '{hit.id}', declared only in {hit.loc.path.name}:{hit.loc.line}",
                    "move that entry to actors.yaml, then import again",
                )
                continue
            entry.update(actor=hit.id, wikidata="")
            matched += 1
        else:
            entry.update(actor=hit, new=True)
        entries.append(entry)
    return entries, matched


def import_signatories(data_dir: Path, source_id: str, csv_path: Path) -> Imported:
    """Check the CSV against the curated data and, if nothing is wrong, write the files."""
    data_dir, csv_path = Path(data_dir), Path(csv_path)
    out = Imported()
    letter = data_dir / "sources" / f"{source_id}.yaml"
    try:
        text = csv_path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        why = getattr(exc, "strerror", None) or "not UTF-8"
        out.problems.append(Problem(csv_path, 0, "(file)", f"cannot read: {why}", "give a UTF-8 CSV file"))
        return out
    corpus = read_corpus(data_dir)
    src = next((s for s in corpus.sources if s.id == source_id), None)
    if src is None or src.kind != "joint-statement" or not letter.exists():
        known = [s.id for s in corpus.sources if s.kind == "joint-statement"]
        out.problems.append(
            Problem(
                letter,
                0,
                "source",
                f"no joint statement '{source_id}' in {letter.parent}",
                f"joint statements: {', '.join(known) or 'none'}; write its file first (source kind: joint-statement)",
            )
        )
        return out
    rows = read_rows(csv_path, text, out.problems)
    mine = companion(letter).resolve()
    actors = {i: e for i, e in corpus.all_entities().items() if e.kind == "actor" and e.loc.path.resolve() != mine}
    shared = {(data_dir / REGISTRY_FILES["actor"]).resolve()}
    taken = {i for i, e in corpus.all_entities().items() if e.loc.path.resolve() != mine}
    taken |= {s.id for x in corpus.sources for s in [x, *x.reported]}
    entries, out.matched = match_rows(rows, actors, csv_path, out.problems, shared, taken)
    if errors(out.problems):
        return out
    out.new = len(entries) - out.matched
    name = next(iter(src.title.values()), source_id)
    title = {"en": f"Signatories of «{src.title.get('en', name)}»", "es": f"Firmantes de «{src.title.get('es', name)}»"}
    kept = letter.with_name(f"{source_id}.signatories.csv")
    body = render(
        f"stancekg import-signatories {source_id} {csv_path.name}",
        f"{source_id}-signatories",
        title,
        kept.name,
        entries,
    )
    check = read_corpus(data_dir, only=[letter], pending={companion(letter): body})
    out.problems += [p for p in check.problems if p.path.resolve() == mine]
    if errors(check.problems):
        out.problems += [p for p in errors(check.problems) if p.path.resolve() != mine]
        return out
    atomic_write(kept, text)
    atomic_write(companion(letter), body)
    out.written = [companion(letter), kept]
    return out
