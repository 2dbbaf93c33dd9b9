"""Agreement between actors: actors by actors, each cell their net agreement, ordered by clustering.

The counts come from the `agreement-matrix` query and the evidence behind a cell from `agreement`;
the order of the actors is scipy's average-linkage hierarchical clustering of a distance made from
net agreement, so actors who agree sit together.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

import numpy as np
from scipy.cluster.hierarchy import leaves_list, linkage, optimal_leaf_ordering
from scipy.spatial.distance import squareform

from kg.explore.base import Labels, _select, id_param, labels, short
from kg.explore.profile import Quote, _quotes
from kg.rdf.namespaces import ID


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


OPTIMAL_UP_TO = 300


def distance(cell: Cell | None) -> float:
    """0 for two actors who agree on every topic they share, 1 for opposite on all, 0.5 when they
    share none (nothing is known either way)."""
    if cell is None or cell.shared == 0:
        return 0.5
    return (1 - cell.net / cell.shared) / 2


def cluster_order(ids: list[str], cells: dict[tuple[str, str], Cell]) -> list[str]:
    """The actors in the leaf order of an average-linkage clustering, optimally ordered up to
    `OPTIMAL_UP_TO` actors (the reordering grows with the cube of their number)."""
    if len(ids) < 3:
        return list(ids)
    index = {actor: i for i, actor in enumerate(ids)}
    matrix = np.full((len(ids), len(ids)), 0.5)
    for (a, b), cell in cells.items():
        if a in index and b in index:
            matrix[index[a], index[b]] = distance(cell)
    np.fill_diagonal(matrix, 0.0)
    condensed = squareform(matrix, checks=False)
    tree = linkage(condensed, method="average")
    if len(ids) <= OPTIMAL_UP_TO:
        tree = optimal_leaf_ordering(tree, condensed)
    return [ids[i] for i in leaves_list(tree)]


DATE = re.compile(r"^(latest|ever|\d{4}(-\d{2}(-\d{2})?)?)$")


def check_date(date: str) -> str:
    """`latest`, `ever` or a date, as the agreement queries take it; else ValueError saying so."""
    if not DATE.match(date):
        raise ValueError(f"'{date}' is not latest, ever or a date such as 2031, 2031-06 or 2031-06-30")
    return date


def in_force(when: str | None, later: str | None, date: str) -> bool:
    """Whether a stance dated `when`, next restated by its holder at `later`, counts as of `date`.

    The `agreement` queries' rule: `ever` counts every stance; `latest` the last of each holder's
    stances on a topic (and undated ones); a date the one made by then and not yet replaced, where
    a date that starts with another (2031-06 in 2031) is the same moment.
    """
    if date == "ever":
        return True
    if date == "latest":
        return later is None
    if when is None or not (when <= date or when.startswith(date)):
        return False
    return later is None or (later > date and not later.startswith(date))


def _later(when: str | None, dates: list[str | None]) -> str | None:
    """The first date of the same holder's other stances on the topic after `when`."""
    if when is None:
        return None
    after = [d for d in dates if d is not None and d > when and not d.startswith(when)]
    return min(after) if after else None


def pair_cells(rows: list[dict], basis: str, date: str) -> dict[tuple[str, str], Cell]:
    """Net agreement of every pair of actors, as the `agreement-matrix` query counts it: topics on
    which their stances in force agree, oppose or neither, and topics only one of them speaks to."""
    opposite = {(r["polarity"], r["opposite"]) for r in rows if r["opposite"]}
    opposite |= {(b, a) for a, b in opposite}
    stances = defaultdict(list)  # (actor, topic) -> [(when, polarity)]
    for r in rows:
        if not r["opposite"] and r["basis"] == basis:
            stances[(r["actor"], r["topic"])].append((r["when"] or None, r["polarity"]))
    holders = defaultdict(list)  # topic -> [(actor, polarity)] in force
    spoken = defaultdict(set)  # actor -> topics spoken to by the date
    for (actor, topic), found in stances.items():
        dates = [w for w, _ in found]
        first = min((w for w in dates if w is not None), default=None)
        if date in ("ever", "latest") or (first is not None and (first <= date or first.startswith(date))):
            spoken[actor].add(topic)
        for when, polarity in found:
            if in_force(when, _later(when, dates), date):
                holders[topic].append((actor, polarity))
    relations = defaultdict(lambda: {"agree": set(), "oppose": set(), "neither": set()})
    for topic, held in holders.items():
        for (a, pa), (b, pb) in combinations(held, 2):
            if a == b:
                continue
            if b < a:
                a, pa, b, pb = b, pb, a, pa
            kind = "agree" if pa == pb else "oppose" if (pa, pb) in opposite else "neither"
            relations[(a, b)][kind].add(topic)
    cells = {}
    for (a, b), kinds in relations.items():
        shared = kinds["agree"] | kinds["oppose"] | kinds["neither"]
        cells[(short(a), short(b))] = Cell(len(kinds["agree"]), len(kinds["oppose"]), len(kinds["neither"]),
                                           len(spoken[a] - shared), len(spoken[b] - shared))
    return cells


def agreement_matrix(store, lang: str = "en", basis: str = "stated", date: str = "latest",
                     names: Labels | None = None) -> AgreementMatrix:
    check_date(date)
    names = names or labels(store, lang)
    cells: dict[tuple[str, str], Cell] = {}
    actors: dict[str, str] = {}
    for (a, b), cell in pair_cells(_select(store, "explorer-agreement-stances"), basis, date).items():
        actors[a], actors[b] = names.get(str(ID) + a, lang), names.get(str(ID) + b, lang)
        cells[(a, b)] = cell
        cells[(b, a)] = Cell(cell.agree, cell.oppose, cell.neither, cell.only_b, cell.only_a)
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


TIP = "{a} / {b}: agree on {agree}, oppose on {oppose}, neither on {neither}; only {a}: {only_a}, only {b}: {only_b}"


def agreement_html(matrix: AgreementMatrix, *, lang: str = "en", link=lambda a, b: "",
                   selected: tuple[str, str] = ("", ""), tip: str = TIP) -> str:
    """Actors by actors as an escaped HTML table; a cell shows agree/oppose and links to its evidence.
    `tip` is each cell's tooltip (a format string, for the interface's language)."""
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
            title = html.escape(tip.format(a=a_label, b=b_label, agree=cell.agree, oppose=cell.oppose,
                                           neither=cell.neither, only_a=cell.only_a, only_b=cell.only_b), quote=True)
            cells.append(f'<td class="pair{mark}" style="background: {_colour(cell)}">'
                         f'<a href="{html.escape(link(a, b), quote=True)}" title="{title}">'
                         f'+{cell.agree} / −{cell.oppose}</a></td>')
        rows.append(f'<tr><th scope="row">{html.escape(a_label)}</th>{"".join(cells)}</tr>')
    return f'<table class="agreement" lang="{html.escape(lang)}"><thead><tr><th></th>{head}</tr></thead>' \
           f'<tbody>{"".join(rows)}</tbody></table>'
