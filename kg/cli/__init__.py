"""The `stancekg` command: thin wrappers over the library. Each command lives in a module of this
package by concern and is attached to the group here, so no command module imports the group."""

from __future__ import annotations

import os
from pathlib import Path

import click

from kg.build import builder
from kg.cli import bundle, curation, graph, query, store

DATA_ENV = "STANCEKG_DATA"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--data", type=click.Path(file_okay=False, path_type=Path),
              default=lambda: os.environ.get(DATA_ENV) or builder.DEFAULT_DATA_DIR,
              show_default=f"${DATA_ENV} or the packaged kg/data",
              help="Folder with actors.yaml, topics.yaml, things.yaml and sources/.")
@click.option("--store", "store_spec", envvar="STANCEKG_STORE", default=None,
              help="Where the graph lives: oxigraph (in memory, the default), oxigraph:DIR, memory, "
                   "sparql:QUERY_URL[,UPDATE_URL[,STORE_URL]]; else $STANCEKG_STORE, else stancekg.toml.")
@click.version_option(package_name="ai-stance-kg")
@click.pass_context
def main(ctx: click.Context, data: Path, store_spec: str | None) -> None:
    """ai-stance-kg: who stands where on AI safety, with every statement's source."""
    ctx.ensure_object(dict)
    ctx.obj["data"] = Path(data)
    ctx.obj["store"] = store_spec


for command in (graph.build, graph.validate, graph.export, query.query, query.queries, store.load,
                store.store_info, store.serve, bundle.bundle, bundle.verify, curation.new_source):
    main.add_command(command)

if __name__ == "__main__":
    main()
