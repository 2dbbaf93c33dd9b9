"""How long importing a joint statement's signatory list takes, and building the graph after it.

Generates a deterministic CSV of N fictional signatories (names, some with affiliations and
dates, one in ten with a made-up Wikidata ID), imports it into a copy of the fictional test corpus
with the fictional open letter, then builds the graph, and prints each step's time and the
process's peak memory.

    .venv/bin/python benchmarks/signatories.py --signatories 10000
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.build import builder  # noqa: E402
from kg.curation.problems import errors  # noqa: E402
from kg.curation.signatory_import import import_signatories  # noqa: E402

FIRST = (
    "Ada Juno Orrin Lio Pell Tamsin Mara Hugo Kaia Quin Rosa Sami Cleo Nico Gita Oona Brandt "
    "Everly Novak Idris Wren Soren Ilse Bram Odile"
).split()
LAST = (
    "Marsh Vale Pike Brand Ward Falk Aster Grau Castell Moreau Dunmore Kestrel Lorne Hale "
    "Quarry Fenwick Ashby Thorne Rook Calder"
).split()
PLACES = ("Harbor University", "Cobalt Institute", "Lantern College", "Northgate Lab", "")


def write_csv(path: Path, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    lines = ["name,wikidata,affiliation,date"]
    for i in range(n):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}"  # numbered: every line one person
        item = f"Q{900000000 + i}" if i % 10 == 0 else ""
        date = f"2031-06-{1 + i % 28:02d}" if i % 3 else ""
        lines.append(f'"{name}",{item},{rng.choice(PLACES)},{date}')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--signatories", type=int, default=10_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(ROOT / "tests" / "fixtures" / "fictional", data)
        for name in ("lantern-pledge.yaml", "lantern-pledge.txt"):
            shutil.copy(ROOT / "tests" / "fixtures" / "signatories" / name, data / "sources" / name)
        csv = Path(tmp) / "signatories.csv"
        write_csv(csv, args.signatories)
        t = time.perf_counter()
        result = import_signatories(data, "lantern-pledge", csv)
        imported = time.perf_counter() - t
        if errors(result.problems):
            sys.exit("\n".join(str(p) for p in result.problems[:10]))
        again = time.perf_counter()
        import_signatories(data, "lantern-pledge", csv)  # the same list again: every line now known
        reimported = time.perf_counter() - again
        t = time.perf_counter()
        built = builder.build(data)
        build_s = time.perf_counter() - t
        triples = len(built.dataset)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{args.signatories:,} signatories ({result.matched} known, {result.new} new):")
    print(f"  import (read, match, check the letter with them, write): {imported:.2f} s")
    print(f"  import of the same list again:                          {reimported:.2f} s")
    print(f"  build of the whole corpus after it ({triples:,} quads):    {build_s:.2f} s")
    print(f"  peak RSS: {peak:.0f} MB")


if __name__ == "__main__":
    main()
