"""What every command shares: the data folder, the store the options name, and ending on bad data."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.build import builder
from kg.build.stored import connect
from kg.curation.problems import CurationError, Problem, errors
from kg.store import StoreError


def data_dir(ctx: click.Context) -> Path:
    return ctx.obj["data"]


def fail(problems: list[Problem]) -> None:
    for p in problems:
        click.echo(str(p), err=True)
    n = len(errors(problems))
    click.echo(f"{n} error{'s' if n != 1 else ''}; nothing was written.", err=True)
    sys.exit(1)


def build_or_fail(ctx: click.Context) -> builder.Build:
    try:
        build = builder.build(data_dir(ctx))
    except CurationError as exc:
        fail(exc.problems)
    for p in build.corpus.problems:  # warnings only, by now
        click.echo(str(p), err=True)
    return build


def store_from(ctx: click.Context):
    """The store the command line names, filled from the curated data when empty (bad data or an
    unreachable store end the command with the reason, not a traceback)."""
    try:
        return connect(ctx.obj.get("store"), ctx.obj["data"])
    except CurationError as exc:
        fail(exc.problems)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
