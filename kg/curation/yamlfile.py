"""Editing a curation file the way a person would: one list entry at a time, the rest untouched.

The file stays the record people review in git, so an edit changes only the lines of the entry
it concerns. ruamel.yaml parses (with line numbers) and writes each new or changed entry in
the file's style (block entries, short mappings on one line, double quotes only where needed);
the text around it, comments and blank lines included, is kept byte for byte. Comments between
two entries stay where they were: an entry's lines end at its last line of content.
"""

from __future__ import annotations

import io
import re

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.emitter import RoundTripEmitter
from ruamel.yaml.representer import RoundTripRepresenter


class _Emitter(RoundTripEmitter):
    """Double quotes where quoting is needed: the style of the hand-written files."""

    def choose_scalar_style(self):
        style = super().choose_scalar_style()
        return '"' if style == "'" else style


class Date(str):
    """A date written as text (`2031-03-05`) that is emitted plain, as people write dates.

    Plain YAML would read it as a timestamp; the project's loader reads every date as text, so
    plain is what the hand-written files use and what the reader expects.
    """


def _date(representer, value):
    return representer.represent_scalar("tag:yaml.org,2002:timestamp", str(value))


class _Representer(RoundTripRepresenter):
    pass


_Representer.add_representer(Date, _date)


def _yaml() -> YAML:
    y = YAML()  # round trip: keeps comments, key order and flow styles of what it reads
    y.Emitter = _Emitter
    y.Representer = _Representer
    y.width = 4096  # a long claim stays on one line, as curators write it
    y.indent(mapping=2, sequence=4, offset=2)
    y.preserve_quotes = True
    return y


def parse(text: str):
    return _yaml().load(text)


def flow(value):
    """A list or mapping written on one line: `[stance]`, `{holder: ..., topic: ...}`."""
    node = CommentedSeq(value) if isinstance(value, list) else CommentedMap(value)
    node.fa.set_flow_style()
    return node


def dump_item(node, dash_col: int = 2) -> str:
    """`node` as one block-list entry whose dash is at column `dash_col`, ending in a newline."""
    out = io.StringIO()
    _yaml().dump(CommentedSeq([node]), out)
    lines = _content(out.getvalue().rstrip("\n").split("\n"))
    shift = len(lines[0]) - len(lines[0].lstrip(" "))
    return "".join(" " * dash_col + line[shift:] + "\n" if line.strip() else "\n" for line in lines)


def _is_filler(line: str) -> bool:
    return not line.strip() or line.lstrip().startswith("#")


def _content(lines: list[str]) -> list[str]:
    while lines and _is_filler(lines[-1]):
        lines.pop()
    return lines


def spans(text: str, key: str) -> list[tuple[int, int]]:
    """The (first, last) 0-based lines of each entry of the top-level list `key`: its content only."""
    doc = parse(text)
    if not isinstance(doc, CommentedMap) or not isinstance(doc.get(key), CommentedSeq) or not doc[key]:
        return []
    lines = text.split("\n")
    seq = doc[key]
    keys = list(doc)
    after = keys[keys.index(key) + 1] if keys.index(key) + 1 < len(keys) else None
    limit = doc.lc.key(after)[0] if after is not None else len(lines)
    starts = [seq.lc.item(i)[0] for i in range(len(seq))]
    out = []
    for i, first in enumerate(starts):
        last = (starts[i + 1] if i + 1 < len(starts) else limit) - 1
        while last > first and _is_filler(lines[last]):
            last -= 1
        out.append((first, last))
    return out


def _dash_col(text: str, key: str) -> int:
    doc = parse(text)
    seq = doc.get(key) if isinstance(doc, CommentedMap) else None
    if isinstance(seq, CommentedSeq) and seq:
        return max(0, seq.lc.item(0)[1] - 2)
    return 2


def insert_item(text: str, key: str, node, before: tuple[str, ...] = ()) -> str:
    """`text` with `node` added as the last entry of the top-level list `key`.

    Without that list, `key:` is added before the first of the keys `before` present (and the
    comment lines just above it, which introduce it), else at the end.
    """
    lines = text.split("\n")
    chunk = dump_item(node, _dash_col(text, key)).rstrip("\n").split("\n")
    found = spans(text, key)
    if found:
        last = found[-1][1]
        return "\n".join(lines[:last + 1] + [""] + chunk + lines[last + 1:])
    doc = parse(text)
    if isinstance(doc, CommentedMap) and key in doc:  # `key:` with nothing (or []) under it
        at = doc.lc.key(key)[0]
        lines[at] = re.sub(r":\s*(\[\s*\])?\s*(#.*)?$", lambda m: ":" + (f"  {m.group(2)}" if m.group(2) else ""),
                           lines[at], count=1)
        return "\n".join(lines[:at + 1] + chunk + lines[at + 1:])
    nxt = next((k for k in before if isinstance(doc, CommentedMap) and k in doc), None)
    if nxt is None:
        body = text.rstrip("\n")
        return body + ("\n\n" if body else "") + f"{key}:\n" + "\n".join(chunk) + "\n"
    at = doc.lc.key(nxt)[0]
    while at > 0 and lines[at - 1].lstrip().startswith("#"):
        at -= 1
    return "\n".join(lines[:at] + [f"{key}:"] + chunk + [""] + lines[at:])


def replace_item(text: str, key: str, index: int, node) -> str:
    """`text` with entry `index` of the list `key` rewritten as `node`; lines around it untouched."""
    first, last = spans(text, key)[index]
    lines = text.split("\n")
    chunk = dump_item(node, _dash_col(text, key)).rstrip("\n").split("\n")
    return "\n".join(lines[:first] + chunk + lines[last + 1:])


def remove_item(text: str, key: str, index: int) -> str:
    """`text` without entry `index` of the list `key` (and one blank line that separated it)."""
    first, last = spans(text, key)[index]
    lines = text.split("\n")
    if first > 0 and not lines[first - 1].strip():
        first -= 1
    elif last + 1 < len(lines) and not lines[last + 1].strip():
        last += 1
    return "\n".join(lines[:first] + lines[last + 1:])
