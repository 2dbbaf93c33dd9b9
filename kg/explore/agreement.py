"""Agreement between actors: actors by actors, each cell their net agreement, ordered by clustering.

The counts come from the `agreement-matrix` query and the evidence behind a cell from `agreement`;
the order of the actors is scipy's average-linkage hierarchical clustering of a distance made from
net agreement, so actors who agree sit together.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import numpy as np
from scipy.cluster.hierarchy import leaves_list, linkage, optimal_leaf_ordering
from scipy.spatial.distance import squareform

from kg.explore.base import Labels, _select, id_param, labels, short
from kg.explore.profile import Quote, _quotes


@dataclass(frozen=True)
class Cell:
    agree: int
    oppose: int
    neither: int
    only_a: int  # topics only the row actor speaks to
    only_b: int  # topics only the column actor speaks to

    @property
    def net(self) -> int:
        return self.agree - self.oppose

    @property
    def shared(self) -> int:
        return self.agree + self.oppose + self.neither


@dataclass(frozen=True)
class AgreementMatrix:
    actors: list[tuple[str, str]]  # (id, label), in clustered order
    cells: dict[tuple[str, str], Cell]  # both (a, b) and (b, a), the latter with only_a and only_b swapped
    basis: str
    date: str


def distance(cell: Cell | None) -> float:
    """0 for two actors who agree on every topic they share, 1 for opposite on all, 0.5 when they
    share none (nothing is known either way)."""
    if cell is None or cell.shared == 0:
        return 0.5
    return (1 - cell.net / cell.shared) / 2


def cluster_order(ids: list[str], cells: dict[tuple[str, str], Cell]) -> list[str]:
    """The actors in the leaf order of an average-linkage clustering, optimally ordered."""
    if len(ids) < 3:
        return list(ids)
    matrix = np.array([[0.0 if a == b else distance(cells.get((a, b))) for b in ids] for a in ids])
    condensed = squareform(matrix, checks=False)
    tree = optimal_leaf_ordering(linkage(condensed, method="average"), condensed)
    return [ids[i] for i in leaves_list(tree)]


DATE = re.compile(r"^(latest|ever|\d{4}(-\d{2}(-\d{2})?)?)$")


def check_date(date: str) -> str:
    """`latest`, `ever` or a date, as the agreement queries take it; else ValueError saying so."""
    if not DATE.match(date):
        raise ValueError(f"'{date}' is not latest, ever or a date such as 2031, 2031-06 or 2031-06-30")
    return date


def agreement_matrix(store, lang: str = "en", basis: str = "stated", date: str = "latest",
                     names: Labels | None = None) -> AgreementMatrix:
    check_date(date)
    names = names or labels(store, lang)
    cells: dict[tuple[str, str], Cell] = {}
    actors: dict[str, str] = {}
    for r in _select(store, "agreement-matrix", {"date": date}):
        if r["basis"] != basis:
            continue
        a, b = short(r["actorA"]), short(r["actorB"])
        actors[a], actors[b] = names.get(r["actorA"], lang), names.get(r["actorB"], lang)
        n = [int(r[k] or 0) for k in ("agree", "oppose", "neither", "onlyA", "onlyB")]
        cells[(a, b)] = Cell(*n)
        cells[(b, a)] = Cell(n[0], n[1], n[2], n[4], n[3])
    ordered = cluster_order(sorted(actors, key=lambda i: actors[i].casefold()), cells)
    return AgreementMatrix([(i, actors[i]) for i in ordered], cells, basis, date)


@dataclass(frozen=True)
class TopicEvidence:
    topic: str
    topic_label: str
    relation: str  # agree, oppose, neither
    polarity_a: str
    polarity_b: str
    date_a: str
    date_b: str
    quotes_a: tuple[Quote, ...]
    quotes_b: tuple[Quote, ...]
    stance_a: str
    stance_b: str


def agreement_evidence(store, actor: str, other: str, lang: str = "en", basis: str = "stated",
                       date: str = "latest", names: Labels | None = None) -> list[TopicEvidence]:
    """The topics two actors share, with how each stands and their words."""
    check_date(date)
    names = names or labels(store, lang)
    out = []
    for r in _select(store, "agreement", {"actor": id_param(actor), "date": date}):
        if short(r["other"]) != other or r["basis"] != basis:
            continue
        out.append(TopicEvidence(short(r["topic"]), names.get(r["topic"], lang), r["relation"] or "",
                                 names.translate(r["polarityA"], lang), names.translate(r["polarityB"], lang),
                                 r["dateA"] or "", r["dateB"] or "", _quotes(r["quoteA"], r["glossA"]),
                                 _quotes(r["quoteB"], r["glossB"]), short(r["stanceA"]), short(r["stanceB"])))
    return out


def _colour(cell: Cell) -> str:
    if cell.shared == 0:
        return "#eceff1"
    share = cell.net / cell.shared  # -1 .. 1
    if share > 0:
        return f"rgba(46, 125, 50, {0.25 + 0.75 * share:.2f})"
    if share < 0:
        return f"rgba(198, 40, 40, {0.25 + 0.75 * -share:.2f})"
    return "#b0bec5"


def agreement_html(matrix: AgreementMatrix, *, lang: str = "en", link=lambda a, b: "",
                   selected: tuple[str, str] = ("", "")) -> str:
    """Actors by actors as an escaped HTML table; a cell shows agree/oppose and links to its evidence."""
    head = "".join(f'<th scope="col"><span>{html.escape(label)}</span></th>' for _, label in matrix.actors)
    rows = []
    for a, a_label in matrix.actors:
        cells = []
        for b, b_label in matrix.actors:
            cell = matrix.cells.get((a, b))
            if a == b or cell is None:
                cells.append('<td class="none"></td>')
                continue
            mark = " sel" if (a, b) == tuple(selected) else ""
            title = html.escape(f"{a_label} / {b_label}: agree on {cell.agree}, oppose on {cell.oppose}, "
                                f"neither on {cell.neither}; only {a_label}: {cell.only_a}, only {b_label}: "
                                f"{cell.only_b}", quote=True)
            cells.append(f'<td class="pair{mark}" style="background: {_colour(cell)}">'
                         f'<a href="{html.escape(link(a, b), quote=True)}" title="{title}">'
                         f'+{cell.agree} / −{cell.oppose}</a></td>')
        rows.append(f'<tr><th scope="row">{html.escape(a_label)}</th>{"".join(cells)}</tr>')
    return f'<table class="agreement" lang="{html.escape(lang)}"><thead><tr><th></th>{head}</tr></thead>' \
           f'<tbody>{"".join(rows)}</tbody></table>'
