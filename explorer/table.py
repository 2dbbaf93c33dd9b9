"""Long views as tables that stay usable at thousands of rows.

A fixed page size, the count of all matches, a filter (accent- and case-insensitive), sort by
any column, the CSV of the view, and the chosen row read whole beside the table with its
evidence. It runs as a fragment: choosing a row, a page or an order reruns the table and its
panel only, not the page. Filter, order and page are kept in the URL (`PREFIXq`, `PREFIXsort`,
`PREFIXpage`), and so is the chosen row's id when the page names a parameter for it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

import pandas as pd
import streamlit as st

from explorer import common
from explorer.i18n import _
from kg.viz.view import fold  # as the search matches: case, accents, hyphens aside

PAGE_SIZE = 25


def _sort_key(value):
    if isinstance(value, int | float):
        return (0, value, "")
    return (1, 0, fold(value or ""))


def csv_text(rows: list[dict], columns: dict[str, str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns.values())
    writer.writerows([r.get(c, "") for c in columns] for r in rows)
    return out.getvalue()


def _controls(rows: list[dict], columns: dict[str, str], prefix: str, default_sort: str,
              cols) -> tuple[list[dict], str]:
    query = common.url_text(_("Filter"), key=f"{prefix}_q", param=f"{prefix}q", container=cols[0],
                            placeholder=_("Type any part of a name, a topic, a quote…"))
    order = common.url_select(_("Sort by"), list(columns), key=f"{prefix}_sort", param=f"{prefix}sort",
                              format_func=columns.get, default=default_sort, omit=default_sort, container=cols[1])
    descending = common.url_radio(_("Order"), ["asc", "desc"], key=f"{prefix}_dir", param=f"{prefix}dir",
                                  format_func={"asc": "↑", "desc": "↓"}.get, horizontal=True, omit="asc",
                                  container=cols[2], help=_("Ascending or descending")) == "desc"
    needle = fold(query.strip())
    shown = [r for r in rows if not needle or needle in fold(" ".join(str(r.get(c, "")) for c in [*columns, "search"]))]
    return sorted(shown, key=lambda r: _sort_key(r.get(order)), reverse=descending), f"{order}-{descending}-{needle}"


def _page(shown: list[dict], prefix: str, container) -> tuple[list[dict], int]:
    pages = max(1, -(-len(shown) // PAGE_SIZE))
    numbers = [str(n) for n in range(1, pages + 1)]
    number = int(common.url_select(_("Page (of {pages})").format(pages=pages), numbers, key=f"{prefix}_page",
                                   param=f"{prefix}page", omit="1", container=container) or 1)
    return shown[(number - 1) * PAGE_SIZE: number * PAGE_SIZE], number


def cards(items: list, prefix: str, size: int = 10) -> list:
    """A page of `size` items for a list drawn as cards (a page selector past `size`, kept in the
    URL as PREFIXpage)."""
    if len(items) <= size:
        return items
    pages = -(-len(items) // size)
    cols = st.columns([3, 1], vertical_alignment="bottom")
    number = int(common.url_select(_("Page (of {pages})").format(pages=pages), [str(n) for n in range(1, pages + 1)],
                                   key=f"{prefix}_page", param=f"{prefix}page", omit="1", container=cols[1]) or 1)
    cols[0].caption(_("{first}–{last} of {total}").format(first=(number - 1) * size + 1,
                                                          last=min(number * size, len(items)), total=len(items)))
    return items[(number - 1) * size: number * size]


def whole(row: dict, columns: dict[str, str]) -> None:
    """Every cell of a row in full, so nothing cut off in the table is out of reach."""
    for field, heading in columns.items():
        if row.get(field) not in (None, ""):
            st.markdown(f"**{common.md(heading)}:** {common.md(row[field])}")


def _unique(columns: dict[str, str]) -> dict[str, str]:
    """Headings made distinct (a topic may be called like a column): a table needs distinct names."""
    seen: dict[str, int] = {}
    out = {}
    for field, heading in columns.items():
        seen[heading] = seen.get(heading, 0) + 1
        out[field] = heading if seen[heading] == 1 else f"{heading} ({seen[heading]})"
    return out


def _chosen(event, page: list[dict], rows: list[dict], ident: str, param: str, first: bool) -> dict | None:
    """The row picked in the table, else the one the URL names, else (with `first`) the first shown."""
    picked = event.selection.rows[0] if event and event.selection.rows else None
    row = page[picked] if picked is not None and picked < len(page) else None
    if row is not None:
        if param and st.query_params.get(param) != row.get(ident):
            st.query_params[param] = row.get(ident)
        return row
    wanted = st.query_params.get(param) if param else None
    named = next((r for r in rows if wanted and r.get(ident) == wanted), None)
    return named or (page[0] if first and page else None)


@st.fragment
def paged(rows: list[dict], columns: dict[str, str], *, prefix: str, detail: Callable[[dict], None] | None = None,
          ident: str = "", param: str = "", default_sort: str = "", csv_name: str = "view.csv",
          wide: tuple[str, ...] = (), style: Callable[[object], str] | None = None, beside: bool = True,
          total: int | None = None, first: bool = False) -> None:
    """`rows` (dicts) shown by `columns` (field -> heading); `detail(row)` draws the chosen row's
    panel, beside the table or (`beside=False`) under it; `total` counts what the page's own
    filters left out; `first` shows the first row's panel until one is chosen."""
    columns = _unique(columns)
    cols = st.columns([3, 2, 1, 1.2], vertical_alignment="bottom")
    shown, view = _controls(rows, columns, prefix, default_sort or next(iter(columns)), cols)
    page, number = _page(shown, prefix, cols[3])
    st.caption(_("{shown} of {total} match.").format(shown=f"{len(shown):,}", total=f"{total or len(rows):,}")
               + " " + _("Choose a row to read it whole, with its evidence."))
    frame = pd.DataFrame([{columns[c]: r.get(c, "") for c in columns} for r in page], columns=list(columns.values()))
    config = {columns[c]: st.column_config.TextColumn(width="large") for c in wide if c in columns}
    left, right = st.columns([3, 2]) if beside and page else (st.container(), st.container())
    with left:
        event = st.dataframe(frame.style.map(style) if style is not None and len(frame) else frame, hide_index=True,
                             width="stretch", height=(len(page) + 1) * 35 + 3, column_config=config,
                             on_select="rerun", selection_mode="single-row",
                             key=f"{prefix}_grid_{number}_{abs(hash(view))}")
        st.download_button(_("CSV of this view"), csv_text(shown, columns), file_name=csv_name, mime="text/csv",
                           key=f"{prefix}_csv", on_click="ignore", icon=":material/download:")
    row = _chosen(event, page, rows, ident, param, first)
    with right:
        if row is not None:
            with st.container(border=True, key=f"{prefix}_detail"):
                (detail or (lambda r: whole(r, columns)))(row)
