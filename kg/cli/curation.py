"""`stancekg new-source`: scaffold a source's curation file and copy in its text.

A thin wrapper over `kg.curation.scaffold`: it gathers the facts from options, or asks for the missing
ones when a person is at the terminal, and reports what was written and what to do next.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg import curation
from kg.build import builder
from kg.curation import dates, scaffold
from kg.rdf import vocab

REQUIRED = ("title", "kind", "language", "text")


def _check_date(value: str) -> str:
    if value:
        try:
            dates.parse_date(value)
        except ValueError as exc:
            raise click.BadParameter(str(exc)) from None
    return value


def _check_language(value: str) -> str:
    if not curation.LANG_RE.match(value):
        raise click.BadParameter("use the text's ISO 639 code, such as en, es, fr or de")
    return value


def _read_text(path: str) -> str:
    """The text of a file ('-': standard input), decoded as UTF-8 (a byte-order mark is dropped)."""
    raw = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    try:
        return scaffold.decode(raw, path)
    except scaffold.ScaffoldError as exc:
        raise click.UsageError(str(exc)) from None


def _ask(values: dict, data_dir: Path) -> None:
    """Prompt for every fact not given as an option (only called at a terminal)."""
    if not values["title"]:
        values["title"] = click.prompt("Title (as printed)")
    if not values["kind"]:
        values["kind"] = click.prompt("Kind", type=click.Choice(list(vocab.SOURCE_KINDS)), default="news-article")
    if not values["language"]:
        values["language"] = click.prompt("Language of the text (en, es, ...)", value_proc=_check_language)
    for key, question in (("url", "URL"), ("publisher", "Publisher"), ("date", "Date (YYYY, YYYY-MM or YYYY-MM-DD)")):
        if values[key] is None:
            values[key] = click.prompt(f"{question}, or Enter to skip", default="", show_default=False,
                                       value_proc=_check_date if key == "date" else None) or None
    if not values["ident"]:
        values["ident"] = click.prompt("Id", default=scaffold.suggest_id(values["title"], scaffold.taken_ids(data_dir)))
    if not values["text"]:
        values["text"] = click.prompt("File holding the source's full text",
                                      type=click.Path(exists=True, dir_okay=False))


@click.command("new-source")
@click.option("--id", "ident", help="Identifier (default: made from the title).")
@click.option("--title", help="The title as printed, in the source's language.")
@click.option("--url", help="Where the source is published.")
@click.option("--publisher", help="Who published it.")
@click.option("--date", help="When: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--language", help="The text's language: en, es, fr...")
@click.option("--kind", type=click.Choice(list(vocab.SOURCE_KINDS)), help="What kind of source it is.")
@click.option("--text", "text", metavar="FILE", help="File holding the full text ('-': standard input).")
@click.option("--prompt/--no-prompt", "prompt", default=None,
              help="Ask for missing facts (default: only when standard input is a terminal).")
@click.pass_context
def new_source(ctx: click.Context, ident, title, url, publisher, date, language, kind, text, prompt) -> None:
    """Start curating a new source: write sources/ID.yaml (with examples) and copy its text to sources/ID.txt.

    \b
    Example:
      stancekg new-source --title "Quill on compute caps" --kind interview --language en \\
          --date 2030-05-01 --url https://example.org/quill --text ~/quill.txt
    """
    data_dir = ctx.obj["data"]
    values = {"ident": ident, "title": title, "url": url, "publisher": publisher, "date": date,
              "language": language, "kind": kind, "text": text}
    if prompt if prompt is not None else sys.stdin.isatty():
        _ask(values, data_dir)
    missing = [f"--{key}" for key in REQUIRED if not values[key]]
    if missing:
        raise click.UsageError(f"missing {', '.join(missing)}: give them as options, or run the command "
                               "at a terminal to be asked")
    if not values["ident"]:
        values["ident"] = scaffold.suggest_id(values["title"], scaffold.taken_ids(data_dir))
    if values["text"] != "-" and not Path(values["text"]).is_file():
        raise click.UsageError(f"--text {values['text']}: no such file")
    new = scaffold.NewSource(values["ident"], values["title"], values["language"], values["kind"],
                             _read_text(values["text"]), values["url"], values["publisher"], values["date"])
    try:
        yaml_path, text_path = scaffold.create(new, data_dir)
    except scaffold.ScaffoldError as exc:
        for problem in exc.problems:
            click.echo(f"error: {problem}", err=True)
        click.echo("nothing was written.", err=True)
        sys.exit(1)
    data = "" if Path(data_dir).resolve() == builder.DEFAULT_DATA_DIR.resolve() else f"--data {data_dir} "
    click.echo(f"wrote {yaml_path}\nwrote {text_path} ({len(new.text)} characters)\n"
               "next:\n"
               f"  1. open {yaml_path.name} and add statements: uncomment an example, fill it in\n"
               f"  2. stancekg {data}validate {yaml_path}\n"
               f"  3. stancekg {data}build")
