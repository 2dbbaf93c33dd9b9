"""The stance matrix: actors by topics, each cell the polarities of the actor's stances."""

from __future__ import annotations

import html
from dataclasses import dataclass

from kg.explore.base import POLARITY_BY_LABEL, _select, labels, short
from kg.explore.when import within


@dataclass(frozen=True)
class Matrix:
    """Actors (rows) by topics (columns); a cell holds the polarities of the actor's stances."""

    actors: list[tuple[str, str]]  # (id, label)
    topics: list[tuple[str, str]]
    cells: dict[tuple[str, str], tuple[str, ...]]  # (actor, topic) -> polarities
    counts: dict[tuple[str, str], int]


def stance_matrix(store, lang: str = "en", *, since: str = "", until: str = "") -> Matrix:
    """With `since`/`until` (kg.explore.when), only the stances dated within that range count."""
    names = labels(store, lang)
    cells, counts, actor_ids, topic_ids = {}, {}, {}, {}
    for r in _select(store, "stance-matrix") if not (since or until) else _dated(store, since, until):
        a, t = short(r["actor"]), short(r["topic"])
        actor_ids[a], topic_ids[t] = names.get(r["actor"], lang), names.get(r["topic"], lang)
        cells[(a, t)] = tuple(POLARITY_BY_LABEL.get(p, p) for p in (r["polarity"] or "").split(", ") if p)
        counts[(a, t)] = int(r["stances"] or 0)
    order = lambda d: sorted(d.items(), key=lambda kv: kv[1].casefold())  # noqa: E731
    return Matrix(order(actor_ids), order(topic_ids), cells, counts)


def _dated(store, since: str, until: str) -> list[dict]:
    """The stance-matrix query's rows, counting only stances dated within the range."""
    cells: dict[tuple[str, str], dict] = {}
    for r in _select(store, "explorer-dated-stances"):
        if within(r["date"], since, until):
            cell = cells.setdefault((r["actor"], r["topic"]), {"actor": r["actor"], "topic": r["topic"], "p": set(),
                                                                "stances": 0})
            cell["p"].add(r["polarity"])
            cell["stances"] += 1
    return [{**c, "polarity": ", ".join(sorted(c["p"])), "stances": str(c["stances"])} for c in cells.values()]


def matrix_html(matrix: Matrix, *, lang: str = "en", names: dict[str, str] | None = None,
                link=lambda actor, topic: "", selected: tuple[str, str] = ("", "")) -> str:
    """The matrix as an escaped HTML table; each filled cell links (via `link`) to its evidence."""
    words = names or {"supports": "supports", "opposes": "opposes", "concerned": "is concerned about"}
    head = "".join(f'<th scope="col"><span>{html.escape(label)}</span></th>' for _, label in matrix.topics)
    rows = []
    for actor, actor_label in matrix.actors:
        cells = []
        for topic, topic_label in matrix.topics:
            polarities = matrix.cells.get((actor, topic), ())
            if not polarities:
                cells.append('<td class="empty"></td>')
                continue
            kind = polarities[0] if len(polarities) == 1 else "mixed"
            text = " / ".join(words.get(p, p) for p in polarities)
            mark = " sel" if (actor, topic) == tuple(selected) else ""
            title = html.escape(f"{actor_label} — {text} — {topic_label}", quote=True)
            cells.append(f'<td class="{kind}{mark}"><a href="{html.escape(link(actor, topic), quote=True)}" '
                         f'title="{title}">{html.escape(text)}</a></td>')
        rows.append(f'<tr><th scope="row">{html.escape(actor_label)}</th>{"".join(cells)}</tr>')
    return f'<table class="matrix" lang="{html.escape(lang)}"><thead><tr><th></th>{head}</tr></thead>' \
           f'<tbody>{"".join(rows)}</tbody></table>'
