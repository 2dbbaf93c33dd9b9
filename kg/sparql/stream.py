"""A query's answer sent in chunks as Oxigraph writes it, cut exactly at the row cap.

Oxigraph's serialisers write to any object with `write`; `Chunks` is one that passes the bytes on
in chunks of `CHUNK` (to the parent's pipe, or to a list in this process) and counts rows on the
way, without parsing: a marker that starts (or ends) each row is counted with `bytes.count`. In TSV
(one line a row, newlines in values escaped) and XML (each row opens with `<result>`, `<` escaped in
values) the count is exact; in JSON (`},{"` or `},{}` between rows, `[{` before the first) and CSV
(rows end with CRLF) a value may hold a marker, so the count is an upper bound, and only once it
passes the cap is the text scanned, strings skipped, for the rows it really holds. When row cap+1
exists the serialiser is stopped and the text cut before it, the format's closing appended. The
last few bytes are held back until more come, so that a cut never falls inside bytes already sent.
"""

from __future__ import annotations

import re
from collections.abc import Callable

CHUNK = 1 << 20  # bytes a chunk holds before it is sent
HOLD = 8  # bytes held back: the longest marker
# what closes a text cut before row cap+1: in XML with a comment saying so (parsers skip it); JSON has
# no such place (Oxigraph's parser refuses a member after `results`), CSV and TSV none at all
FOOTERS = {
    "json": b"]}}",
    "xml": b"</results><!-- X-Stancekg-Truncated: results cut at %d rows --></sparql>",
    "csv": b"",
    "tsv": b"",
}
# exact scanners for the formats whose markers may occur inside values: a string, an unterminated
# string (scanning stops there: it ends in text not yet written), or a row boundary
_JSON_ROWS = re.compile(rb'"(?:[^"\\]|\\.)*"|"|(?<=[\[,])(\{)')
_CSV_ROWS = re.compile(rb'"(?:[^"]|"")*"|"|\r\n()')


class RowCapReached(Exception):
    """Raised inside Oxigraph's serialiser to stop it once the capped rows are written."""


MARKERS = {"tsv": (b"\n",), "csv": (b"\r\n",), "xml": (b"<result>",), "json": (b'},{"', b"},{}", b"[{")}


def _bound(fmt: str, data: bytearray, start: int, floor: int = 0) -> int:
    """Row markers ending past `start` and starting at or past `floor`: exactly the rows for TSV and
    XML, at least as many for JSON and CSV."""
    return sum(data.count(m, max(floor, start - len(m) + 1)) for m in MARKERS[fmt])


def _nth_end(data: bytearray, marker: bytes, n: int, after: bool) -> int:
    """Offset of the (n+1)th marker (after it when `after`)."""
    at = -1
    for _ in range(n + 1):
        at = data.index(marker, at + 1)
    return at + len(marker) if after else at


class Chunks:
    """A binary writer for Oxigraph's serialisers; see the module's docstring.

    Rows are counted by their starts (JSON, XML) or ends (TSV and CSV lines, the header line
    first), so a line format holds row cap+1 when it holds cap+2 line ends. Without a cap nothing
    is held: what was sent is dropped.
    """

    def __init__(self, send: Callable[[bytes], None], fmt: str | None = None, cap: int | None = None):
        self.send, self.fmt = send, fmt
        self.data = bytearray()
        self.sent = 0  # bytes of `data` passed on
        self.truncated = False
        self.cut: int | None = None
        self.count = 0  # markers seen past `base_at`, plus `base_rows`
        self.base_rows, self.base_at = 0, 0  # rows an exact scan found before this offset
        self.lines = fmt in ("tsv", "csv")
        self.limit = None if cap is None or fmt is None else cap + self.lines

    def write(self, chunk) -> int:
        size = len(chunk)
        if self.limit is None:
            self.data += chunk
            if len(self.data) >= CHUNK:
                self.send(bytes(self.data))
                self.data.clear()
            return size
        start = len(self.data)
        self.data += chunk
        self.count += _bound(self.fmt, self.data, start, self.base_at)
        if self.count > self.limit and self._over():
            raise RowCapReached
        if len(self.data) - HOLD - self.sent >= CHUNK:
            self.send(bytes(self.data[self.sent : len(self.data) - HOLD]))
            self.sent = len(self.data) - HOLD
        return size

    def flush(self) -> None:
        pass

    def _over(self) -> bool:
        """Whether row cap+1 is there; if so `cut` is where the text before it ends."""
        data = self.data
        if self.fmt in ("tsv", "xml"):
            tsv = self.fmt == "tsv"
            self.cut = _nth_end(data, b"\n" if tsv else b"<result>", self.limit - tsv, tsv)
            self.truncated = True
            return True
        rows, scanner = self.base_rows, _JSON_ROWS if self.fmt == "json" else _CSV_ROWS
        for m in scanner.finditer(data, self.base_at):
            if m.group(1) is None:
                if m.group() == b'"':
                    break  # a string not yet ended
                continue
            if rows == self.limit:
                at = m.start()  # JSON: the row's `{`, after `,` (or `[` when the cap is 0); CSV: its line end
                self.cut = (at - 1 if data[at - 1] == ord(",") else at) if self.fmt == "json" else self.base_at
                self.truncated = True
                return True
            rows += 1
            self.base_rows, self.base_at = rows, m.end()
        self.count = self.base_rows + _bound(self.fmt, data, 0, self.base_at)  # values held markers
        return False

    def close(self) -> int | None:
        """Send what is left (cut before row cap+1 where there was one); the rows sent, where known."""
        end = len(self.data) if self.cut is None else self.cut
        tail = bytes(self.data[self.sent : end]) + (self._footer() if self.cut is not None else b"")
        if tail:
            self.send(tail)
        if self.truncated:
            return self.limit - self.lines
        if self.limit is not None and self.fmt in ("tsv", "xml"):
            return self.count - self.lines
        return None

    def _footer(self) -> bytes:
        footer = FOOTERS[self.fmt]
        return footer % (self.limit - self.lines) if b"%d" in footer else footer
