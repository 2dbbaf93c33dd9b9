"""A new source's curation file, written for the curator: the facts they gave, and examples.

`stancekg new-source` calls `create`. The file it writes is valid as it stands (no statements
yet: a warning); lines starting with `# ` are examples to uncomment and fill in, lines starting
with `## ` explain, so toggling the comment on a whole example leaves its explanation a comment.
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass
from pathlib import Path

from kg import curation
from kg.curation import dates
from kg.curation.fields import web_address
from kg.rdf import vocab
from kg.store.files import atomic_write

PLACEHOLDERS = ("PERSON-ID", "ORG-ID", "TOPIC-ID", "THING-ID")
QUOTE_PLACEHOLDER = "THE WORDS EXACTLY AS PRINTED IN THE TEXT"


@dataclass
class NewSource:
    id: str
    title: str
    language: str
    kind: str
    text: str
    url: str | None = None
    publisher: str | None = None
    date: str | None = None


class ScaffoldError(ValueError):
    """The source cannot be created; `problems` says why, each with what to do instead."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def paths(data_dir: Path, ident: str) -> tuple[Path, Path]:
    """Where a source's curation file and its text go."""
    folder = Path(data_dir) / "sources"
    return folder / f"{ident}.yaml", folder / f"{ident}.txt"


def taken_ids(data_dir: Path) -> dict[str, str]:
    """Every id already in use (sources, reported sources, actors, topics, things) -> where."""
    corpus = curation.read_corpus(Path(data_dir))
    out = {}
    for e in corpus.all_entities().values():
        out[e.id] = f"{e.loc.path.name}:{e.loc.line}"
    for src in corpus.sources:
        for s in [src, *src.reported]:
            out[s.id] = f"{s.loc.path.name}:{s.loc.line}"
    out.update({ident: f"{ev.loc.path.name}:{ev.loc.line}" for ident, ev in corpus.events.items()})
    return out


def suggest_id(title: str, taken) -> str:
    """An id from the title's first words, numbered if the plain one is taken."""
    base = "-".join(curation.slug(title).split("-")[:6])[:60].strip("-") or "source"
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    return ident


def check(new: NewSource, data_dir: Path) -> list[str]:
    """What is wrong with the facts given, in the curator's terms, each with what to do."""
    problems = []
    if not curation.ID_RE.match(new.id or ""):
        problems.append(f"--id '{new.id}' is not an identifier: use lower-case letters, digits and hyphens, "
                        f"for example '{curation.slug(new.id or new.title)}'")
    else:
        for path in paths(data_dir, new.id):
            if path.exists():
                problems.append(f"{path} already exists: choose another --id (nothing is ever overwritten)")
        where = taken_ids(data_dir).get(new.id)
        if where:
            problems.append(f"--id '{new.id}' is already used at {where}: choose another --id")
    if not (new.title or "").strip():
        problems.append("--title is empty: give the source's title as printed")
    if not curation.LANG_RE.match(new.language or ""):
        problems.append(f"--language '{new.language}' is not a language tag: use the text's ISO 639 code, "
                        "such as en, es, fr or de")
    if new.kind not in vocab.SOURCE_KINDS:
        problems.append(f"--kind '{new.kind}' is not one of: {', '.join(vocab.SOURCE_KINDS)}")
    if new.date:
        try:
            dates.parse_date(new.date)
        except ValueError as exc:
            problems.append(f"--date: {exc}")
    if new.url and not web_address(new.url):
        problems.append(f"--url '{new.url}' is not a web address: give it with http:// or https://")
    if not (new.text or "").strip():
        problems.append("--text is empty: give the file holding the source's full text (UTF-8)")
    return problems


def decode(raw: bytes, name: str) -> str:
    """A source's text from its bytes: UTF-8 only (a byte-order mark is dropped), else why not."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ScaffoldError([f"{name} is not UTF-8 text ({exc.reason} at byte {exc.start}): "
                             "save it as UTF-8 and try again"]) from None


def prepare(new: NewSource, data_dir: Path) -> dict[Path, str]:
    """The two files `create` would write, path -> content, after checking the facts given."""
    problems = check(new, data_dir)
    if problems:
        raise ScaffoldError(problems)
    registry = curation.read_registry(Path(data_dir), [])
    yaml_path, text_path = paths(data_dir, new.id)
    text = new.text.replace("\r\n", "\n").replace("\r", "\n")
    return {text_path: text if text.endswith("\n") else text + "\n", yaml_path: render(new, registry)}


def write(files: dict[Path, str]) -> None:
    """Write a new source's text, then its curation file; each atomically, neither left alone."""
    (text_path, text), (yaml_path, yaml_text) = files.items()
    atomic_write(text_path, text)
    try:
        atomic_write(yaml_path, yaml_text)
    except BaseException:
        text_path.unlink(missing_ok=True)
        raise


def create(new: NewSource, data_dir: Path) -> tuple[Path, Path]:
    """Write the source's text and curation file into `data_dir/sources/`; never overwrite."""
    files = prepare(new, data_dir)
    write(files)
    text_path, yaml_path = files
    return yaml_path, text_path


# ----------------------------------------------------------------------------- the template

def _scalar(text: str) -> str:
    """A YAML string that reads back as `text`, whatever its quotes and colons (JSON is YAML)."""
    return json.dumps(" ".join(str(text).split()), ensure_ascii=False)


def _prose(text: str, prefix: str = "## ") -> str:
    lines = textwrap.wrap(text, 98, initial_indent=prefix, subsequent_indent=prefix,
                          break_on_hyphens=False, break_long_words=False)
    return "\n".join(lines) + "\n"


def _commented(block: str) -> str:
    """Each line of a YAML block behind '# ', keeping its indentation."""
    lines = block.strip("\n").split("\n")
    return "".join(f"# {line}\n" if line.strip() else "#\n" for line in lines)


def _known(registry: dict, kind: str, limit: int = 40) -> str:
    items = [f"{e.id} ({e.label.get('en', e.id)})" for e in registry.values() if e.kind == kind]
    if not items:
        return f"none yet; add them to {curation.REGISTRY_FILES[kind]} or under '{kind}s:' in this file."
    more = f", and {len(items) - limit} more in {curation.REGISTRY_FILES[kind]}" if len(items) > limit else ""
    return ", ".join(items[:limit]) + more + "."


_QUOTE = f"""\
    quotes:
      - exact: {QUOTE_PLACEHOLDER}
        gloss: the same words in English"""


def _examples(ident: str) -> list[tuple[str, str]]:
    """(explanation, YAML) for each kind of statement; the YAML is a `statements:` list item."""
    return [
        ("A stance its holder states. polarity: " + " | ".join(vocab.POLARITIES) + "; strength (optional): "
         + " | ".join(vocab.STRENGTHS) + "; date (optional): when the holder held it.", f"""
  - id: S01
    kind: [stance]
    asserted_by: PERSON-ID
    claim:
      en: One sentence in English saying what is claimed.
{_QUOTE}
    stances:
      - {{holder: PERSON-ID, topic: TOPIC-ID, polarity: supports, strength: strong, date: 2026}}
"""),
        ("A stance that changed: another dated stance of the same holder on the same topic. "
         "'asserted_by: source' is the text's own voice; when the asserter is not the holder, the "
         "stance is recorded as attributed to the holder by the asserter.", f"""
  - id: S02
    kind: [stance]
    asserted_by: source
    claim:
      en: Later the same person came to oppose it.
{_QUOTE}
    stances:
      - {{holder: PERSON-ID, topic: TOPIC-ID, polarity: opposes, date: 2031}}
"""),
        ("A stance someone else attributes to the holder: 'attributed_by' is who says the holder "
         "thinks so, when that is not the asserter.", f"""
  - id: S03
    kind: [stance]
    asserted_by: source
    claim:
      en: According to the person, the organisation is worried about the topic.
{_QUOTE}
    stances:
      - {{holder: ORG-ID, topic: TOPIC-ID, polarity: concerned-about, attributed_by: PERSON-ID}}
"""),
        ("Relations with a date, or a period from 'start' to 'end', and a disagreement the source "
         "states. relation: " + " | ".join(vocab.RELATIONS) + ".", f"""
  - id: S04
    kind: [relation]
    asserted_by: source
    claim:
      en: The person co-founded the organisation, funded it for three years and now disagrees with it.
{_QUOTE}
    relations:
      - {{from: PERSON-ID, relation: cofounded, to: ORG-ID, date: 2019}}
      - {{from: PERSON-ID, relation: funded, to: ORG-ID, start: 2022, end: 2025}}
    disagreements:
      - {{from: PERSON-ID, to: ORG-ID, topics: [TOPIC-ID], date: 2031, reason: {{en: "why, as the source puts it"}}}}
"""),
        (f"Reported speech: said in a source that this one reports. List that source under 'reported:' "
         f"above (here the speech '{ident}-speech', reported in the book '{ident}-book').", f"""
  - id: S05
    kind: [stance]
    asserted_by: PERSON-ID
    stated_in: {ident}-speech
    claim:
      en: What the person said in the speech, as the book tells it.
{_QUOTE}
    stances:
      - {{holder: PERSON-ID, topic: TOPIC-ID, polarity: supports}}
"""),
        ("Facts, events and comparisons. Fact fields: " + ", ".join(vocab.FACT_PROPERTIES) + ". "
         "An event gets a new id of its own.", f"""
  - id: S06
    kind: [fact, event, comparison]
    asserted_by: source
    claim:
      en: The model was built by the organisation, launched in May 2030 and is twice as large as before.
{_QUOTE}
    facts:
      - {{subject: THING-ID, developed_by: ORG-ID}}
    events:
      - id: {ident}-launch
        label: {{en: Launch of the model, es: Lanzamiento del modelo}}
        date: 2030-05
        involves: [THING-ID, ORG-ID]
    comparisons:
      - {{compares: THING-ID, dimension: {{en: size}}, factor: 2, approximate: true}}
"""),
        ("Curator notes and inferences: 'note' speaks to readers; 'inferred' marks what the curator "
         "read into the text rather than found in it, for a whole entry or for one field (date, "
         "start, end, factor...).", f"""
  - id: S07
    kind: [stance]
    asserted_by: source
    claim:
      en: The person criticised a rival for dropping the topic.
{_QUOTE}
    note: The text does not name the rival's other projects.
    stances:
      - holder: PERSON-ID
        topic: TOPIC-ID
        polarity: supports
        date: 2030
        inferred:
          date: The text says "last year"; the year is read from the source's date.
"""),
    ]


def render(new: NewSource, registry: dict) -> str:
    """The curation file for `new`: its source block filled in, everything else as examples."""
    out = [
        _prose(f"Curation of «{' '.join(new.title.split())}».", "## "),
        _prose(f"The text is in {new.id}.txt beside this file: every quote must be copied from it exactly. "
               "Lines starting with '# ' are examples: remove the '# ' (or toggle the comment on a whole "
               "example) and replace the CAPITALISED ids. Lines starting with '## ' explain. "
               f"Check the file with `stancekg validate sources/{new.id}.yaml`; the guide is "
               "docs/curation.md."),
        "\nsource:\n", "\n".join(_source_block(new)), "\n\n",
        _prose("Known actors: " + _known(registry, "actor")),
        _prose("Known topics: " + _known(registry, "topic")),
        _prose("Known things: " + _known(registry, "thing")),
        "\n",
        _prose("Actors, topics or things only this source needs, with the fields of actors.yaml, "
               "topics.yaml and things.yaml. They belong to this file: move an entry to the shared file "
               "when a second source needs it."),
        _commented("""
actors:
  - id: new-person-id
    type: person          # """ + " | ".join(vocab.ACTOR_TYPES) + """
    label: {en: New Person, es: New Person}
    # wikidata: Q12345    # only an item ID you have checked
"""),
        "\n",
        _prose("Sources this one reports (a post, an interview, a book, a speech) so that what was said "
               "there can be 'stated_in' them. 'reported_in' makes a chain: the speech is reported in the "
               "book, the book in this source (the default). kind: " + " | ".join(vocab.SOURCE_KINDS) + "."),
        _commented(f"""
reported:
  - id: {new.id}-book
    kind: book
    title: {{en: The book's title in English}}
    author: PERSON-ID
    date: 2029
  - id: {new.id}-speech
    kind: speech
    title: {{en: The person's keynote at a forum}}
    participants: [PERSON-ID]
    date: 2027
    reported_in: {new.id}-book
"""),
        "\n",
        _prose("What the source says, one statement per claim, each with at least one exact quote. "
               "kind: " + ", ".join(vocab.STATEMENT_KINDS) + " (a list: several may apply)."),
        "statements:\n",
    ]
    for explanation, block in _examples(new.id):
        out += ["#\n", _prose(explanation), _commented(block)]
    return "".join(out)


def _source_block(new: NewSource) -> list[str]:
    """The `source:` lines: what the curator gave, and the optional fields they did not, commented."""
    optional = {"url": new.url, "publisher": new.publisher, "date": new.date}
    source = [f"  id: {new.id}", f"  kind: {new.kind}", f"  title: {{{new.language}: {_scalar(new.title)}}}",
              f"  language: {new.language}", f"  text: {new.id}.txt"]
    for key, value in optional.items():
        if value:
            source.append(f"  {key}: {value if key == 'date' else _scalar(value)}")
    blanks = {"url": "https://...", "publisher": "Name of the publisher",
              "date": "2030-05-01      # YYYY, YYYY-MM or YYYY-MM-DD"}
    source += [f"#   {key}: {blanks[key]}" for key, value in optional.items() if not value]
    source += ["#   author: PERSON-ID          # when the author is a known actor",
               "#   note: What a reader should know about this source (no byline, a guessed date...)."]
    return source
