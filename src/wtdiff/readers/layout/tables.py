"""Step (d) of :mod:`wtdiff.readers.layout`: tables — two or more columns kept apart by
wide gaps, row after row; a header row repeated at the top of a page is dropped."""

from __future__ import annotations

from ...structure import Item
from ..lines import Line
from .rules import _BULLETS, _LETTERED, _PARA_NUMBER, _join
from .state import _BlockState


class _Tables(_BlockState):
    """Tables: two or more columns kept apart by wide gaps, row after row."""

    def _cell_starts(self, ln: Line) -> list[float]:
        """Where the cells of a table row start, or [] if the line is not one."""
        if len(ln.spans) < 2:
            return []
        first = ln.spans[0].text
        if first[:1] in _BULLETS and len(first) <= 2 or _PARA_NUMBER.match(first) or _LETTERED.match(first):
            return []
        min_gap = 8.0 if self.has_fonts else 3.0
        starts = [ln.spans[0].x0]
        for a, b in zip(ln.spans, ln.spans[1:]):
            if b.x0 - a.x1 >= min_gap and not b.superscript:
                starts.append(b.x0)
        return starts if len(starts) >= 2 else []

    def _table(self, lines: list[Line], i: int) -> int:
        """How many lines from ``i`` on form a table (0 if they do not).

        A table needs two lines whose cells start at the same columns; lines
        in between that start under one of the columns continue a cell. It ends
        at a line reaching across the columns, a heading, or a wide gap.
        """
        cols = self._cell_starts(lines[i])
        if not cols:
            return 0
        tol = 4.0 if self.has_fonts else 2.0
        matches, k = 1, i + 1
        while k < len(lines):
            ln = lines[k]
            if ln.page == lines[k - 1].page and ln.top - lines[k - 1].top > 2.6:
                break
            starts = self._cell_starts(ln)
            first = ln.spans[0].text
            if (_PARA_NUMBER.match(first) and len(ln.spans) > 1 and ln.x0 <= self.left + tol) or (
                    first[:1] in _BULLETS and len(first) <= 2):
                break  # a numbered paragraph or a bullet follows the table
            if starts and all(any(abs(x - c) <= tol for c in cols) for x in starts[:2]):
                matches += 1
            elif any(abs(ln.x0 - c) <= tol for c in cols[1:]):
                pass  # a cell of a later column carried onto another line
            elif not (abs(ln.x0 - cols[0]) <= tol and ln.x1 < cols[1] - tol):
                break  # a line running across the columns: the table has ended
            k += 1
        return k - i if matches >= 2 else 0

    def _emit_table(self, lines: list[Line], i: int, count: int, refs: dict[int, list[str]]) -> int:
        cols = self._cell_starts(lines[i])
        tol = 4.0 if self.has_fonts else 2.0
        self.flush()
        row: list[str] = []
        row_refs: list[str] = []
        first_line = lines[i]

        # a table carried over from the previous page repeats its header row: drop the repeat
        carried = self.out[-1] if self.out and self.out[-1].kind == "table-row" else None

        def put_row() -> None:
            cells = tuple(c.strip() for c in row)
            if not any(cells):
                return
            if carried is not None and self.table_header == cells:
                # the first row comes again at the top of the page: it is the header
                first_row = self.out[self.table_start]
                first_row.header = True
                return
            bold = self.has_fonts and all(x.bold for x in [first_line] if x.spans)
            starts_table = not self.out or self.out[-1].kind != "table-row"
            if starts_table:
                self.table_header = cells
                self.table_start = len(self.out)
            self.out.append(Item("table-row", "", cells=cells, page=first_line.page,
                                 page_label=self.labels.get(first_line.page), refs=tuple(row_refs),
                                 header=bold and starts_table))

        for ln in lines[i:i + count]:
            starts = self._cell_starts(ln)
            cells = ["" for _ in cols]
            for span in ln.spans:
                k = max((n for n, c in enumerate(cols) if span.x0 >= c - tol), default=0)
                cells[k] = _join(cells[k], span.text) if cells[k] else span.text
            # a new row begins at the first column — unless the line carries on cells
            # cut mid-sentence (a cell that starts in lower case)
            carries_on = any(c[:1].islower() for c in cells if c)
            if not row or (starts and ln.x0 <= cols[0] + tol and not carries_on):
                put_row()
                row, row_refs, first_line = cells, list(refs.get(id(ln), [])), ln
            else:
                for n, text in enumerate(cells):
                    if text:
                        row[n] = _join(row[n], text) if row and row[n] else text
                row_refs += refs.get(id(ln), [])
        put_row()
        last = lines[i + count - 1]
        self.last_top, self.last_page = last.top, last.page
        return i + count
