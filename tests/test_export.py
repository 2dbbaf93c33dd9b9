"""Export in every standard format round-trips; RDF/XML input cannot read files or explode."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import by_value
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.cli import main
from kg.store import rdfio


@pytest.mark.parametrize("fmt", sorted(rdfio.FORMATS))
def test_every_format_round_trips(seed_build, seed_graph, fmt):
    text = rdfio.dumps(seed_build.dataset, fmt)
    back = rdfio.loads(text, fmt)
    assert isomorphic(rdfio.union_graph(back), seed_graph)
    if rdfio.FORMATS[fmt].quads:  # named graphs survive, each one intact
        originals = {g.identifier: g for g in seed_build.dataset.graphs() if len(g)}
        copies = {g.identifier: g for g in back.graphs() if len(g)}
        assert set(originals) == set(copies)
        for name, graph in originals.items():
            assert isomorphic(graph, copies[name]), name


def test_cli_exports_turtle_to_stdout_by_default(seed_graph):
    result = CliRunner().invoke(main, ["export"])
    assert result.exit_code == 0
    assert result.output.startswith("@prefix")
    assert by_value(Graph().parse(data=result.output, format="turtle")) == by_value(seed_graph)


@pytest.mark.parametrize("fmt", ["json-ld", "nt", "xml", "trig"])
def test_cli_exports_to_a_file(tmp_path, seed_graph, fmt):
    target = tmp_path / f"graph.{fmt}"
    result = CliRunner().invoke(main, ["export", "--format", fmt, "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert by_value(rdfio.union_graph(rdfio.load(target, fmt))) == by_value(seed_graph)


def test_unknown_format_is_refused():
    result = CliRunner().invoke(main, ["export", "--format", "yaml"])
    assert result.exit_code != 0 and "yaml" in result.output


def test_rdf_xml_with_external_entity_cannot_read_local_files(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    xxe = f"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [ <!ENTITY leak SYSTEM "{secret.as_uri()}"> ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/a"><ex:p>&leak;</ex:p></rdf:Description>
</rdf:RDF>"""
    with pytest.raises(rdfio.UnsafeXml):
        rdfio.loads(xxe, "xml")
    path = tmp_path / "evil.rdf"
    path.write_text(xxe)
    with pytest.raises(rdfio.UnsafeXml):
        rdfio.load(path)


def test_rdf_xml_entity_expansion_is_refused():
    bomb = """<?xml version="1.0"?>
<!DOCTYPE lolz [ <!ENTITY lol "lol"> <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"> ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/a"><ex:p>&lol3;</ex:p></rdf:Description>
</rdf:RDF>"""
    with pytest.raises(rdfio.UnsafeXml):
        rdfio.loads(bomb, "xml")


def test_plain_rdf_xml_still_loads(seed_build, seed_graph):
    assert isomorphic(rdfio.union_graph(rdfio.loads(rdfio.dumps(seed_build.dataset, "xml"), "xml")), seed_graph)



def test_a_turtle_export_writes_each_thing_once_with_all_it_says(seed_oxigraph):
    """Oxigraph's own order scattered the article's statements over the file; people read Turtle."""
    text = seed_oxigraph.export("turtle").decode("utf-8")
    starts = [line.split()[0] for line in text.splitlines()  # a line at the margin starts a subject
              if line and not line[0].isspace() and not line.startswith("@prefix")]
    assert len(starts) == len(set(starts)) > 100  # no subject begins twice
    assert "\nid:xai-memphis-article a " in text  # its types first, on its first line
    triples = Graph().parse(data=seed_oxigraph.export("nt").decode("utf-8"), format="nt")
    assert isomorphic(Graph().parse(data=text, format="turtle"), triples)  # the same triples, in another order
