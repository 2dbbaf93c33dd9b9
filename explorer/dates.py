"""The timeline filter the pages share: from a date, up to a date (as of), or both; kept in the URL."""

from __future__ import annotations

import streamlit as st

from explorer import common
from explorer.i18n import _
from kg.explore import when


def range_filter(prefix: str, cols=None) -> tuple[str, str]:
    """(since, until) as typed, checked; a wrong date is said and ignored. `cols`: two containers."""
    cols = cols or st.columns(2)
    example = _("A date such as 2015, 2024-07 or 2024-07-22")
    since = common.url_text(_("From (2015, 2024-07…)"), key=f"{prefix}_since", param="from", container=cols[0],
                            help=example)
    until = common.url_text(_("As of (up to this date)"), key=f"{prefix}_until", param="until", container=cols[1],
                            help=example)
    bounds = []
    for text in (since, until):
        try:
            bounds.append(when.check(text))
        except ValueError:
            st.error(_("{text} is not a date such as 2024, 2024-07 or 2024-07-22: it is ignored.").format(
                text=common.md(text)))
            bounds.append("")
    if any(bounds):
        st.caption(_("Only what is dated within this range is shown; undated items are left out."))
    return bounds[0], bounds[1]
