"""YAML loading that remembers where each value was written, so errors can name a line."""

from __future__ import annotations

from pathlib import Path

import yaml


class LDict(dict):
    """A mapping that knows its own line and the line of each key (1-based)."""

    line: int = 0
    lines: dict
    duplicates: list  # (key, line, first line) of each repeated key; YAML keeps only the last


class LList(list):
    """A sequence that knows its own line and the line of each item (1-based)."""

    line: int = 0
    lines: list


class _Loader(yaml.SafeLoader):
    """Safe loader that keeps line numbers and leaves dates as text (we parse them ourselves).

    Anchors and aliases are refused where they are written, before anything is built: a few
    lines of nested aliases expand to billions of values (an "alias bomb"). So is nesting deeper
    than any curated file needs, which would otherwise end in Python's recursion limit.
    """

    depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            sign = "*" if isinstance(event, yaml.AliasEvent) else "&"
            key = index.value if isinstance(index, yaml.ScalarNode) else None
            raise YamlAliasError(Path(self.name), line, key,
                                 f"'{sign}{event.anchor}': anchors (&name) and aliases (*name) are not allowed")
        if self.depth >= MAX_DEPTH:
            raise YamlSyntaxError(Path(self.name), line, f"invalid YAML: nested more than {MAX_DEPTH} levels deep")
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


MAX_DEPTH = 50


_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _mapping(loader: _Loader, node: yaml.MappingNode) -> LDict:
    out = LDict()
    out.line = node.start_mark.line + 1
    out.lines = {}
    out.duplicates = []
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in out:
            out.duplicates.append((key, key_node.start_mark.line + 1, out.lines[key]))
        out[key] = loader.construct_object(value_node, deep=True)
        out.lines[key] = key_node.start_mark.line + 1
    return out


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> LList:
    out = LList(loader.construct_object(child, deep=True) for child in node.value)
    out.line = node.start_mark.line + 1
    out.lines = [child.start_mark.line + 1 for child in node.value]
    return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


class YamlSyntaxError(ValueError):
    """Broken YAML, with the file and line where the parser gave up."""

    def __init__(self, path: Path, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


class YamlAliasError(YamlSyntaxError):
    """An anchor or alias, with the key whose value it is (None when it is not a mapping's value)."""

    def __init__(self, path: Path, line: int, key: str | None, message: str):
        super().__init__(path, line, message)
        self.key = key


def load(path: Path, text: str | None = None):
    """Parse one YAML file (or `text`, its would-be content) into LDict/LList values; raise
    YamlSyntaxError when it is broken."""
    if text is None:
        text = Path(path).read_text(encoding="utf-8")
    loader = _Loader(text)
    loader.name = str(path)
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        lines = text.splitlines()
        if 0 < line <= len(lines) and "\t" in lines[line - 1][: len(lines[line - 1]) - len(lines[line - 1].lstrip())]:
            raise YamlSyntaxError(Path(path), line, "a tab in the indentation: indent with spaces, not tabs") from exc
        raise YamlSyntaxError(Path(path), line, f"invalid YAML: {exc.problem or exc}") from exc
    finally:
        loader.dispose()
