"""Field-level reading: typed values, references and suggestions, recording problems instead of raising."""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

from rdflib import Literal

from kg.curation import dates, located
from kg.curation.located import LDict, LList
from kg.curation.problems import Problem
from kg.curation.records import ID_RE, LANG_RE, Entity
from kg.curation.suggestions import Named, closest, describe, did_you_mean, words
from kg.rdf import vocab


class Reader:
    """Field access that records a problem instead of raising."""

    def __init__(self, path: Path, problems: list[Problem], elsewhere: dict[str, Entity] | None = None):
        self.path, self.problems = path, problems
        self.elsewhere = elsewhere or {}  # entities declared inline in other source files

    def problem(self, line: int, fld: str, message: str, suggestion: str = "",
                severity: str = "error") -> None:
        self.problems.append(Problem(self.path, line, fld, message, suggestion, severity))

    def line(self, node, key=None) -> int:
        if isinstance(node, LDict) and key in node.lines:
            return node.lines[key]
        return getattr(node, "line", 0)

    def mapping(self, node, fld: str, line: int) -> LDict | None:
        if isinstance(node, LDict):
            return node
        self.problem(line, fld, f"expected a mapping (key: value lines), got {shown(node)}",
                     "check the indentation: each field on its own line as 'name: value', "
                     "list entries starting with '- '")
        return None

    def seq(self, node, key: str, fld: str) -> list[tuple[object, int]]:
        value = node.get(key)
        if value is None:
            return []
        if not isinstance(value, LList):
            value = LList([value])
            value.lines = [self.line(node, key)]
        return list(zip(value, value.lines, strict=True))

    def text(self, node: LDict, key: str, fld: str, required: bool = True) -> str | None:
        value = node.get(key)
        if value is None or value == "":
            if required:
                self.problem(self.line(node, key) if key in node else node.line, fld,
                             f"'{key}' is required", f"add '{key}: ...' to this entry")
            return None
        if isinstance(value, (dict, list)):
            self.problem(self.line(node, key), fld, f"expected text, got {shown(value)}",
                         f"write '{key}: some text' on one line (quote it if it contains ': ')")
            return None
        return str(value)

    def note(self, node: LDict, fld: str) -> dict:
        """A curator's note: plain text (English) or {en: ..., es: ...}; {} when there is none."""
        return self.langs(node, "note", fld, need=("en",), required=False)

    def langs(self, node: LDict, key: str, fld: str, need=("en",), required=True,
              plain: str = "en") -> dict:
        """A {en: ..., es: ...} mapping; plain text counts as language `plain` (English by default)."""
        value = node.get(key)
        line = self.line(node, key)
        example = "{" + ", ".join(f"{lang}: ..." for lang in need or ("en",)) + "}"
        if value is None:
            if required:
                self.problem(node.line, fld, f"'{key}' is required (with {', '.join(need)})",
                             f"add '{key}: {example}'")
            return {}
        if isinstance(value, str):
            value = {plain: value}
        if not isinstance(value, dict):
            self.problem(line, fld, f"expected text or {{en: ..., es: ...}}, got {shown(value)}",
                         f"write '{key}: {example}'")
            return {}
        out = {}
        for lang, text in value.items():
            if isinstance(lang, str) and text is None and not LANG_RE.match(lang):
                # `{en: Yes, but no}` reads as {en: Yes, "but no": null}: the comma ended the text
                self.problem(line, fld, f"the text was cut at a comma: '{lang}' was read as a language",
                             "put the whole text in double quotes: {en: \"..., ...\"}, or write it "
                             "on its own line under the language")
            elif not isinstance(lang, str) or not LANG_RE.match(lang):
                self.problem(line, f"{fld}.{lang}", f"'{lang}' is not a language tag such as en or es",
                             "use a lower-case ISO 639 code: en, es, fr, de, zh...")
            elif not isinstance(text, (str, int, float)) or str(text).strip() == "":
                self.problem(line, f"{fld}.{lang}", "expected non-empty text",
                             f"write the {lang} text after '{lang}:', or remove '{lang}:'")
            else:
                out[lang] = str(text).strip()
        for lang in need:
            if lang not in out:
                self.problem(line, fld, f"missing the '{lang}' text",
                             f"add '{lang}: ...' ({_LANGUAGE_NAMES.get(lang, lang)}) to {key}")
        return out

    def url(self, node: LDict, key: str, fld: str) -> str | None:
        """An http(s) address, the only kind the explorer may link to (not `javascript:` or `file:`)."""
        value = self.text(node, key, fld, required=False)
        if value is not None and not web_address(value):
            self.problem(self.line(node, key), fld, f"'{value}' is not a web address",
                         "give the address as it shows in the browser, starting with https:// or http://")
            return None
        return value

    def ident(self, node: LDict, key: str, fld: str) -> str | None:
        value = self.text(node, key, fld)
        if value is not None and not ID_RE.match(value):
            self.problem(self.line(node, key), fld,
                         f"'{value}' is not an identifier: use lower-case letters, digits and hyphens",
                         f"for example '{slug(value)}'")
            return None
        return value

    def choice(self, node: LDict, key: str, fld: str, table: dict, required=True) -> str | None:
        value = self.text(node, key, fld, required)
        if value is not None and value not in table:
            self.problem(self.line(node, key), fld, f"'{value}' is not one of: {', '.join(table)}",
                         did_you_mean(value, table) or "copy one of the listed values exactly")
            return None
        return value

    def unknown_keys(self, node: LDict, allowed: set[str], fld: str) -> None:
        """Report fields the format does not have, and fields written twice (YAML keeps the last)."""
        for key, line, first in getattr(node, "duplicates", ()):
            self.problem(line, f"{fld}.{key}" if fld else str(key),
                         f"'{key}' is written twice in this entry (first at line {first}); only this one is kept",
                         "merge the two into one (a list under a single key, if there are several)")
        for key in node:
            if key not in allowed:
                self.problem(self.line(node, key), f"{fld}.{key}" if fld else str(key),
                             f"unknown field '{key}'",
                             did_you_mean(str(key), allowed) or f"fields here: {', '.join(sorted(allowed))}")


def shown(value) -> str:
    return {dict: "a mapping", LDict: "a mapping", list: "a list", LList: "a list"}.get(
        type(value), repr(value))


def web_address(text: str) -> bool:
    """Whether `text` is an http or https address with a host, and no spaces or control characters."""
    try:
        parts = urllib.parse.urlsplit(text)
        host = parts.hostname
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(host) and not any(c.isspace() or ord(c) < 32 for c in text)


def slug(text: str) -> str:
    """An identifier made from a name: `Peña Nieto` -> `pena-nieto`."""
    return "-".join(words(str(text))) or "x"


_LANGUAGE_NAMES = {"en": "English", "es": "Spanish"}
DATE_EXAMPLES = "for example 2024, 2024-07, 2024-07-22 or 2024-07-22T04:20:00-05:00"




def not_utf8(path: Path, exc: UnicodeDecodeError) -> str:
    """Where the first byte that is not UTF-8 sits: its offset and line."""
    line = Path(path).read_bytes()[: exc.start].count(b"\n") + 1
    return f"byte {exc.start} (line {line}) is 0x{exc.object[exc.start]:02x}"


def load_yaml(path: Path, problems: list[Problem], pending: dict[Path, str] | None = None):
    """The parsed file, or None with the problem recorded; `pending` holds contents not yet written."""
    try:
        return located.load(path, (pending or {}).get(Path(path)))
    except located.YamlAliasError as exc:
        problems.append(Problem(path, exc.line, exc.key or "(file)", exc.message,
                                "write the value out in full wherever it is used"))
    except located.YamlSyntaxError as exc:
        problems.append(Problem(path, exc.line, "(file)", exc.message,
                                "check the indentation of this line and the one before, and put text "
                                "containing ': ', ' #', or starting with a quote, '[' or '{' in quotes"))
    except UnicodeDecodeError as exc:
        problems.append(Problem(path, 0, "(file)", f"the file is not UTF-8 text: {not_utf8(path, exc)}",
                                "save it again as UTF-8 in your editor"))
    except OSError as exc:
        problems.append(Problem(path, 0, "(file)", f"cannot read: {exc.strerror}",
                                "check that the file exists and is readable"))
    return None




def read_inferred(r: Reader, node: LDict, fld: str) -> dict:
    """`inferred:` is either a note on the whole item or {field: note} for single values."""
    value = node.get("inferred")
    if value is None:
        return {}
    if isinstance(value, str):
        return {"": value}
    if isinstance(value, dict):
        out = {}
        for k, note in value.items():
            if not isinstance(note, str) or not note.strip():
                r.problem(r.line(node, "inferred"), f"{fld}.inferred.{k}", "expected a note saying why",
                          f"write '{k}: why the curator reads it so' (what the text does and does not say)")
            elif k not in node and k not in vocab.INFERABLE_FIELDS:
                fields = sorted(set(node) - {"inferred", "note"} | set(vocab.INFERABLE_FIELDS))
                r.problem(r.line(node, "inferred"), f"{fld}.inferred.{k}",
                          f"'{k}' is not a field of this entry",
                          did_you_mean(str(k), fields) or "name one of the entry's fields, or write "
                          "'inferred: note' when the whole entry is the curator's reading")
            else:
                out[k] = note.strip()
        return out
    r.problem(r.line(node, "inferred"), f"{fld}.inferred", "expected a note, or {field: note}",
              "write 'inferred: why the curator reads it so', or 'inferred: {date: why}' for one field")
    return {}


def read_date(r: Reader, node: LDict, key: str, fld: str) -> Literal | None:
    if node.get(key) is None:
        return None
    try:
        return dates.parse_date(node[key])
    except ValueError as exc:
        r.problem(r.line(node, key), fld, str(exc), DATE_EXAMPLES)
        return None


def date_after(a: Literal, b: Literal) -> bool:
    """Whether date `a` is later than `b`, comparing only the precision both have (2019 vs 2019-05)."""
    x, y = str(a)[:10], str(b)[:10]
    n = min(len(x), len(y))
    return x[:n] > y[:n]


def read_number(r: Reader, node: LDict, key: str, fld: str):
    v = node.get(key)
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        r.problem(r.line(node, key), fld, f"expected a number, got {shown(v)}",
                  "write a plain number without quotes, such as 20 or 0.1")
        return None
    return v


def read_money(r: Reader, node: LDict, key: str, fld: str):
    v = node.get(key)
    forms = "write {min: 3000000000, max: 4000000000, currency: USD} or {value: 500000, currency: EUR}"
    if not isinstance(v, dict):
        r.problem(r.line(node, key), fld, "expected {min: N, max: N, currency: USD} or {value: N, currency: USD}",
                  forms)
        return None
    out = {}
    for k in ("min", "max", "value"):
        if k in v:
            if isinstance(v[k], bool) or not isinstance(v[k], (int, float)):
                r.problem(r.line(node, key), f"{fld}.{k}", f"expected a number, got {shown(v[k])}",
                          "write the digits alone: 3000000000, not '3 billion'")
                return None
            out[k] = v[k]
    cur = v.get("currency")
    if not isinstance(cur, str) or not re.match(r"^[A-Z]{3}$", cur):
        r.problem(r.line(node, key), f"{fld}.currency", "expected an ISO 4217 code such as USD",
                  "three capital letters: USD, EUR, GBP, MXN...")
        return None
    if not out:
        r.problem(r.line(node, key), fld, "give min and max, or value", forms)
        return None
    out["currency"] = cur
    return out


def _a(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


WHERE = {"actor": ("actors.yaml", "actors"), "topic": ("topics.yaml", "topics"),
          "thing": ("things.yaml", "things")}


def check_ref(r: Reader, value: str, line: int, fld: str, entities, kinds, extra=(), events=None):
    """`value` if it names a known entity of one of `kinds` (None: any, or an event), else a problem.

    The suggestion names the closest ids with their labels, so `Musk` or `elon` leads to
    `'elon-musk' (Elon Musk)`; an id declared only inline in another file says so.
    """
    if value in extra:
        return value
    entity = entities.get(value)
    if entity is not None and (kinds is None or entity.kind in kinds):
        return value
    if entity is None and events is not None and value in events and kinds is None:
        return value
    what = " or ".join(sorted(kinds)) if kinds else "actor, topic, thing or event"
    pool = [e.named() for e in entities.values() if kinds is None or e.kind in kinds]
    pool += [Named(x, ()) for x in extra]
    if kinds is None and events:
        pool += [Named(i, tuple(ev.data["label"].values()), "event") for i, ev in events.items()]
    close = closest(value, pool)
    other = r.elsewhere.get(value)
    known = ", ".join(nm.id for nm in pool[:8]) or "none yet"
    if re.fullmatch(r"[A-Z][A-Z0-9]*-ID", value):  # a placeholder left from `stancekg new-source`
        hint = f"replace the placeholder {value} with the id of a known {what}: {known}"
    elif close:
        hint = f"did you mean {describe(close)}?"
    elif entity is not None:
        hint = f"name {_a(what)} here, such as {known}"
    elif other is not None and (kinds is None or other.kind in kinds):
        hint = (f"'{value}' is declared only in {other.loc.path.name}:{other.loc.line}, for that file alone: "
                f"move the entry to {WHERE[other.kind][0]} to share it")
    else:
        kinds_here = sorted(kinds or WHERE)
        hint = ("add it to " + " or ".join(WHERE[k][0] for k in kinds_here) + ", or under '" +
                "' or '".join(WHERE[k][1] for k in kinds_here) + ":' in this file")
    if entity is not None:
        r.problem(line, fld, f"'{value}' is a {entity.kind}, expected {_a(what)}", hint)
    else:
        r.problem(line, fld, f"unknown {what} '{value}'", hint)
    return None


def read_ref(r, node, key, fld, entities, kinds, required=True, events=None):
    value = r.text(node, key, fld, required)
    if value is None:
        return None
    return check_ref(r, value, r.line(node, key), fld, entities, kinds, events=events)


def read_refs(r, node, key, fld, entities, kinds, events=None) -> list[str]:
    out = []
    for value, line in r.seq(node, key, fld):
        checked = check_ref(r, str(value), line, fld, entities, kinds, events=events)
        if checked:
            out.append(checked)
    return out
