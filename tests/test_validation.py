"""Bad curated input: every kind gets a clear file:line:field error, exit 1, nothing overwritten."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from rdflib import Literal
from rdflib.namespace import RDF, XSD

from kg.build import builder
from kg.check import shacl
from kg.cli import main
from kg.rdf.namespaces import OA, SCHEMA
from tests.conftest import edit

SOURCE = "sources/harbor-daily.yaml"


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def validate(data_dir):
    return run("--data", str(data_dir), "validate", "--no-reasoner")


def test_the_fictional_fixture_is_valid(fictional_dir):
    result = validate(fictional_dir)
    assert result.exit_code == 0, result.output
    assert "ok: 2 source files, 6 statements" in result.output  # harbor-daily and beacon-weekly


def line_of(path, needle):
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


@pytest.mark.parametrize("case", ["broken-yaml", "unknown-actor", "quote-not-found", "bad-date",
                                  "unknown-field", "missing-gloss", "bad-polarity", "duplicate-id",
                                  "unknown-kind", "missing-text-file", "tab"])
def test_each_kind_of_bad_input_is_reported_with_file_line_field(fictional_dir, case):
    src = fictional_dir / SOURCE
    expect = {
        "broken-yaml": ("  - id: F02\n", "  - id: F02\n   bad: [unclosed\n", "invalid YAML", "(file)"),
        "unknown-actor": ("{holder: borealis-labs,", "{holder: borealis-lab,", "unknown actor 'borealis-lab'",
                          "did you mean 'borealis-labs'"),
        "quote-not-found": ("exact: Borealis Labs opposes compute caps", "exact: Borealis Labs rejects compute caps",
                            "quote not found verbatim", 'closest passage: "Borealis Labs opposes compute caps'),
        "bad-date": ("date: 2030-05-01", "date: 2030-13-45", "is not a date", "source.date"),
        "unknown-field": ("    asserted_by: ada-quill\n", "    asserted_by: ada-quill\n    asserted: x\n",
                          "unknown field 'asserted'", "did you mean 'asserted_by'"),
        "missing-gloss": ("        gloss: she firmly supports caps on training compute\n", "",
                          "'gloss' is required", "quotes.gloss"),
        "bad-polarity": ("polarity: opposes}", "polarity: against}", "'against' is not one of",
                         "statement[F02].stances.polarity"),
        "duplicate-id": ("  - id: F02\n", "  - id: F01\n", "is used twice (first at line 10)", "statement[F01]"),
        "tab": ("    asserted_by: borealis-labs\n", "\tasserted_by: borealis-labs\n",
                "indent with spaces, not tabs", "(file)"),
        "unknown-kind": ("kind: [fact]", "kind: [rumour]", "'rumour' is not a statement kind", "statement[F05].kind"),
        "missing-text-file": ("text: harbor-daily.txt", "text: missing.txt", "cannot read the source text",
                              "source.text"),
    }[case]
    old, new, message, detail = expect
    edit(src, old, new)
    result = validate(fictional_dir)
    assert result.exit_code == 1
    out = result.output
    assert message in out and detail in out, out
    error_lines = [line for line in out.splitlines() if ": error: " in line]
    assert error_lines and all(line.startswith(f"{src}:") for line in error_lines), out
    lineno = int(error_lines[0].split(":")[1])
    assert lineno > 0, "the error must name a line"


def test_a_source_text_that_is_not_utf8_names_the_byte_and_line(fictional_dir):
    text = fictional_dir / "sources" / "harbor-daily.txt"
    text.write_bytes(text.read_bytes().replace(b"Borealis Labs opposes", b"Borealis Labs \xe9 opposes"))
    out = validate(fictional_dir).output
    offset = text.read_bytes().index(b"\xe9")
    assert f"is not UTF-8: byte {offset} (line 5) is 0xe9" in out, out
    assert "did you mean" not in out  # not the file itself as its own suggestion


def test_no_source_file_is_never_counted_as_zero(fictional_dir):
    (fictional_dir / "actors.yaml").write_text("- id: Bad Id\n", encoding="utf-8")
    out = validate(fictional_dir).output
    assert "0 source file" not in out and "error" in out


def test_error_line_points_at_the_offending_yaml_line(fictional_dir):
    src = fictional_dir / SOURCE
    edit(src, "{holder: borealis-labs,", "{holder: nobody-known,")
    out = validate(fictional_dir).output
    assert f"{src}:{line_of(src, 'nobody-known')}: error: statement[F02].stances.holder:" in out


def test_registry_errors_name_the_registry_file(fictional_dir):
    edit(fictional_dir / "actors.yaml", "type: company", "type: corporation")
    out = validate(fictional_dir).output
    assert f"{fictional_dir / 'actors.yaml'}:" in out and "'corporation' is not one of" in out


def test_failed_build_leaves_the_previous_output_untouched(fictional_dir, tmp_path):
    out = tmp_path / "graph.trig"
    assert run("--data", str(fictional_dir), "build", "-o", str(out)).exit_code == 0
    before = out.read_bytes()
    edit(fictional_dir / SOURCE, "{holder: borealis-labs,", "{holder: nobody,")
    result = run("--data", str(fictional_dir), "build", "-o", str(out))
    assert result.exit_code == 1 and "nothing was written" in result.output
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".graph.trig")] == []  # no temp left


def test_export_refuses_bad_input_and_writes_nothing(fictional_dir, tmp_path):
    edit(fictional_dir / SOURCE, "date: 2030-05-01", "date: yesterday")
    target = tmp_path / "out.ttl"
    result = run("--data", str(fictional_dir), "export", "-o", str(target))
    assert result.exit_code == 1 and not target.exists()


def test_shacl_points_a_violation_in_the_built_graph_back_at_the_yaml(fictional_dir):
    built = builder.build(fictional_dir)
    assert shacl.validate(built) == []
    # a quote that lost its gloss after building: the shapes must catch it
    graph = built.dataset.graph(next(g.identifier for g in built.dataset.graphs() if "harbor-daily" in g.identifier))
    ann = next(a for a in graph.subjects(RDF.type, OA.Annotation) if str(a).endswith("f02-q1"))
    gloss = next(b for b in graph.objects(ann, OA.hasBody) if (b, RDF.type, OA.TextualBody) in graph)
    graph.remove((gloss, RDF.value, None))
    graph.add((gloss, RDF.value, Literal("glosa", lang="es")))
    problems = shacl.validate(built)
    assert problems, "SHACL should reject a gloss that is not English"
    src = fictional_dir / SOURCE
    assert problems[0].path == src
    assert problems[0].line == line_of(src, "exact: Borealis Labs opposes compute caps")
    assert "rdf:value" in problems[0].field and "a gloss must be English text" in problems[0].message


def test_seed_data_validates_cleanly():
    result = run("validate")
    assert result.exit_code == 0, result.output
    assert "21 statements, no errors" in result.output


def _bomb(levels: int = 9) -> str:
    """`about: *i` over `levels` anchors, each a list of nine of the one before: 9**9 values once expanded."""
    lines = ['bomb0: &b0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"bomb{n}: &b{n} [{', '.join([f'*b{n - 1}'] * 9)}]" for n in range(1, levels)]
    return "\n".join(lines) + f"\nabout: &i *b{levels - 1}\n"


def test_a_yaml_alias_bomb_is_refused_at_its_first_anchor(fictional_dir, tmp_path):
    src = fictional_dir / SOURCE
    text = src.read_text()
    src.write_text(_bomb() + text)
    out = tmp_path / "graph.trig"
    for command in (["validate", "--no-reasoner"], ["build", "-o", str(out)]):
        result = run("--data", str(fictional_dir), *command)
        assert result.exit_code == 1, result.output
        assert (f"{src}:1: error: bomb0: '&b0': anchors (&name) and aliases (*name) are not allowed "
                "(write the value out in full wherever it is used)") in result.output
    assert not out.exists()


def test_yaml_nested_past_any_curated_file_is_refused_with_its_line(fictional_dir):
    src = fictional_dir / SOURCE
    src.write_text(src.read_text() + "note_list: " + "[" * 5000 + "]" * 5000 + "\n")
    result = validate(fictional_dir)
    assert result.exit_code == 1 and type(result.exception) is SystemExit, result.output
    line = len(src.read_text().splitlines())
    assert f"{src}:{line}: error: (file): invalid YAML: nested more than 50 levels deep" in result.output


@pytest.mark.parametrize("url", ["javascript:alert(6)", "file:///etc/passwd", "https://", "http://exa mple.org/",
                                 "data:text/html,<script>alert(1)</script>", "//example.org/x"])
def test_a_source_url_must_be_a_web_address_and_stays_out_of_the_graph(fictional_dir, tmp_path, url):
    src = fictional_dir / SOURCE
    edit(src, "  text: harbor-daily.txt\n", f"  text: harbor-daily.txt\n  url: {json.dumps(url)}\n")
    result = validate(fictional_dir)
    assert result.exit_code == 1, result.output
    assert f"{src}:{line_of(src, 'url: ')}: error: source.url: '{url}' is not a web address" in result.output
    out = tmp_path / "graph.ttl"
    assert run("--data", str(fictional_dir), "export", "-o", str(out)).exit_code == 1 and not out.exists()


def test_an_http_source_url_goes_into_the_graph(fictional_dir):
    src = fictional_dir / SOURCE
    edit(src, "  text: harbor-daily.txt\n", "  text: harbor-daily.txt\n  url: https://example.org/harbor?a=1&b=2\n")
    assert validate(fictional_dir).exit_code == 0
    graph = builder.build(fictional_dir).union()
    assert Literal("https://example.org/harbor?a=1&b=2", datatype=XSD.anyURI) in set(graph.objects(None, SCHEMA.url))
