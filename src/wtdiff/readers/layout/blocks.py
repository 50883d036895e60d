"""Step (d) of :mod:`wtdiff.readers.layout`: blocks. Body lines are read in order into
numbered paragraphs, list items (nested by marker), glossary entries, headings and tables
(:mod:`.headings`, :mod:`.tables`), each line starting a block or continuing the open one,
across page breaks too."""

from __future__ import annotations

import bisect
import re

from ..lines import Line
from .headings import _Headings
from .rules import _BULLETS, _ITEM_START, _LETTERED, _MARKER_LINE, _PARA_NUMBER, _PARA_START, _TERMINAL, _join
from .tables import _Tables


_DEFINITION_START = re.compile(r"^[A-Z][^.:;]{0,70}?\s[-–—]\s\S")


def _item_kind(text: str) -> str:
    """The kind of an item's marker: "1)" for 1) 2) 3), "(a)" for (a) (b), and so on."""
    marker = text.split(" ", 1)[0]
    marker = re.sub(r"\d+", "1", marker)
    marker = re.sub(r"^\(?[ivx]{1,5}(?=[.)])", lambda m: m.group(0)[:-len(m.group(0).lstrip("("))] + "i", marker)
    return re.sub(r"[a-z]", "a", marker) if not re.search(r"i[.)]$", marker) else marker


def _follows(prev: str | None, number: str) -> bool:
    """Whether paragraph ``number`` comes straight after ``prev`` (24 → 25, 3.16 → 3.17 or 4.1)."""
    if prev is None:
        return number in ("1", "1.1")
    a, b = prev.split("."), number.split(".")
    if len(a) != len(b):
        return False
    if a[:-1] == b[:-1]:
        return int(b[-1]) == int(a[-1]) + 1
    return len(a) > 1 and int(b[-2]) == int(a[-2]) + 1 and b[-1] == "1"


#: the share of running text's lines that end before the text block's right edge, as measured
_EDGE_SHARE = 0.97


class _Blocks(_Headings, _Tables):
    """Cuts body lines into blocks and emits items."""

    def feed(self, lines: list[Line], refs: dict[int, list[str]]) -> None:
        if lines:
            # the right edge of the text block: where the longest lines of running text read so
            # far end (all but a few of them, :data:`_EDGE_SHARE`) — one span, starting at the
            # left of the line (the margin, or an indent). Boxes set side by side — a row of a
            # flow chart, a pair of text boxes — run wider than the text block, in several spans,
            # or in one set far to the right where the box beside it is empty on that line: they
            # do not widen it. ``line_ends`` is kept sorted.
            for ln in lines:
                if len(ln.spans) == 1 and ln.x0 - self.left <= 0.15 * (ln.x1 - self.left):
                    bisect.insort(self.line_ends, ln.x1)
            if self.line_ends:
                self.right_edge = self.line_ends[int(_EDGE_SHARE * (len(self.line_ends) - 1))]
        i = 0
        while i < len(lines):
            ln = lines[i]
            gap = ln.top - self.last_top if ln.page == self.last_page else None
            new_page = ln.page != self.last_page
            text = ln.text
            first = ln.spans[0].text if ln.spans else ""
            line_refs = tuple(refs.get(id(ln), []))
            detached = gap is None or gap > 1.3 or self._ends_block()
            if new_page:
                self._enter_page(ln.page)
            if new_page and not self.has_fonts:
                self._new_text_page(ln)
            if self.has_fonts and _MARKER_LINE.match(text) and ln.size < self.body_size - 1:
                # a bare number in small type on a line of its own is a reference marker the
                # word processor pushed off the line it marks, never a heading or a block: it
                # goes with the next block, as a heading's notes do
                self.pending_refs += (text,)
                i += 1
                continue
            # Tables: two or more columns kept apart by wide gaps, row after row.
            rows = self._table(lines, i) if detached or self.current is None or self.current.kind == "table-row" else 0
            if rows:
                i = self._emit_table(lines, i, rows, refs)
                continue
            # Headings (possibly wrapping onto a second line).
            if detached or (self.current is not None and self.current.kind == "heading") or self._listed_part(text):
                consumed, level = self._match_heading(lines, i)
                if level is not None and consumed == 1 and i + 1 < len(lines) \
                        and (lines[i + 1].text[:1].isdigit() or lines[i + 1].text[:1].islower()) \
                        and self._wrapped_heading(lines, i):
                    consumed = 2  # its words go on below ("… from KCSIE September" / "2024 version")
                if level is not None and not _PARA_START.match(text):
                    self.heading(" ".join(x.text for x in lines[i:i + consumed]), ln, level)
                    # a note cited by a heading goes with the first block under it
                    self.pending_refs += tuple(r for x in lines[i:i + consumed] for r in refs.get(id(x), []))
                    self.last_top, self.last_page = lines[i + consumed - 1].top, ln.page
                    i += consumed
                    continue
            m_num = _PARA_NUMBER.match(first) if len(ln.spans) > 1 else None
            m_start = m_num or _PARA_START.match(text)
            # a number stands at the left margin, or hangs left of an indented text block
            at_left = ln.x0 <= self.left + (3 if self.has_fonts else 1.5)
            number = m_start.group(1) if m_start else None
            in_sequence = number is not None and (_follows(self.last_number, number) or (
                number in ("1", "1.1") and (self.last_number is None or self.new_chapter)))
            if at_left and number and not in_sequence and detached and self._numbered_heading(ln, m_num is not None):
                self.heading(text, ln, self.last_heading_level + 1)
                self.last_top, self.last_page = ln.top, ln.page
                i += 1
                continue
            if at_left and number and (in_sequence or (detached and not self._numbered_heading(ln, m_num is not None))):
                if _follows(self.last_number, number) and self._untitled_heading():
                    title = self.current.text  # type: ignore[union-attr]
                    self.current = None
                    self.heading(title, ln, self.last_heading_level + 1)
                body = ln.text_from(1) if m_num else text[m_start.end():]  # type: ignore[union-attr]
                self.start("paragraph", body, ln, number=number, refs=line_refs)
                self.number_x = ln.x0
                self.text_x = ln.spans[1].x0 if m_num else ln.x0
                self.last_number = number
                self.new_chapter = False
                self.bullet_x, self.bullet_kinds = [], []
            elif first[:1] and first[0] in _BULLETS and (len(first) == 1 or first[1] == " ") and (
                    len(ln.spans) > 1 or len(first) > 2) and (
                    # a dash or "o" opens a list item only when set apart by a gap, or at the
                    # start of a line indented from the body text (a wrapped line can start "— ")
                    first[0] not in "-–—*o" or (first.strip() == first[0] and len(ln.spans) > 1)
                    or (ln.x0 > self.left + (3 if self.has_fonts else 1) and not self._wrapped_dash(ln, gap))):
                rest = ln.text_from(1)
                body = rest if len(first) == 1 else (first[2:] + " " + rest)
                self.start("list-item", body.strip(), ln, level=self._bullet_level(ln.x0, first[0]), refs=line_refs)
                self.item_indent = ln.spans[1].x0 if len(ln.spans) > 1 else ln.x0 + 1
            elif ln.x0 > self.left + 1 and ((_LETTERED.match(first) and len(ln.spans) > 1) or _ITEM_START.match(text)):
                self.start("list-item", text, ln, level=self._bullet_level(ln.x0, _item_kind(text)), refs=line_refs)
                self.item_indent = ln.x0
            elif self.glossary and at_left and _DEFINITION_START.match(text) and detached:
                self.start("paragraph", text, ln, refs=line_refs)
            elif self.current is not None and self.current.kind in ("paragraph", "list-item") and (
                    ((gap is not None and gap <= 1.3 and not self._heading_below_paragraph(lines, i))
                     or (new_page and self._continues(ln) and not self._stands_alone_atop(lines, i)))) and not (
                    self.current.kind == "list-item" and ln.x0 < self.item_indent - (4 if self.has_fonts else 1.5)
                    and not (new_page and not self.has_fonts and text[:1].islower())):
                # (a line set back to the left of a list item's text ends the item — except at the
                # top of a page of layout text, whose left edge pdftotext sets anew on each page,
                # where a line going on in lower case carries the item over the page break)
                if new_page and not self.has_fonts and self.current.kind == "list-item":
                    self.item_indent = min(self.item_indent, ln.x0)  # the item's text, on this page
                self.current.text = _join(self.current.text, text)
                self.current.refs = self.current.refs + line_refs
                self.current.links += tuple(u for u in ln.links if u not in self.current.links)
                self.current_lines += 1
            elif detached and self._wrapped_heading(lines, i):
                self.heading(f"{text} {lines[i + 1].text}", ln, self.last_heading_level + 1)
                self.pending_refs += line_refs + tuple(refs.get(id(lines[i + 1]), []))
                ln = lines[i + 1]
                i += 1
            elif detached and self._looks_like_heading(lines, i):
                self.heading(text, ln, self.last_heading_level + 1)
                self.pending_refs += line_refs  # a heading's notes go with the first block under it
            else:
                self.start("paragraph", text, ln, refs=line_refs, detached=detached)
                self.text_x = ln.x0
                self.bullet_x, self.bullet_kinds = [], []  # a list's levels count from its own first item
            self.last_top, self.last_page, self.last_x1 = ln.top, ln.page, ln.x1
            if self.current is not None and self.current_lines > 1:
                self.body_x = self.text_x = ln.x0
            i += 1

    def _wrapped_dash(self, ln: Line, gap: float | None) -> bool:
        """A line that starts with a dash and one space, straight below the open paragraph
        and lined up with its text, carries the paragraph on ("… cannot do / – and who …"):
        a dash item is set in from the text it follows, or set apart by a gap."""
        tol = 4.0 if self.has_fonts else 1.5
        return (self.current is not None and self.current.kind == "paragraph" and gap is not None
                and gap <= 1.3 and abs(ln.x0 - self.text_x) <= tol)

    def _continues(self, ln: Line) -> bool:
        """Whether the first line of a page carries on the block left open at the last.

        It does when the block's text stops mid-sentence, or when it stops at a
        full stop that fell at the end of a full line and the new line is set
        where the block's lines are (a paragraph's last line is rarely full).
        """
        text = ln.text
        if self.current is None or not text:
            return False
        if text[0].islower() or text[0] in ",;)":
            return True
        if not self.current.text.rstrip().endswith(_TERMINAL):
            return True
        tol = 4.0 if self.has_fonts else 1.5
        # only where a paragraph's lines hang right of its number can their position
        # tell them from a new paragraph, which would start at the margin
        hanging = self.current.number is not None and self.body_x > self.number_x + tol
        full = self.last_x1 >= self.right_edge - (0.08 * (self.right_edge - self.left) + tol)
        # in a PDF the new line is set where the block's lines are; layout text sets each page's
        # columns anew (the same indent may come out a few columns apart), so there it is enough
        # that the line is set right of where the paragraph's number stands
        where = abs(ln.x0 - self.body_x) <= tol if self.has_fonts else ln.x0 > self.number_x + tol
        return hanging and full and self.current_lines > 1 and where

    def _new_text_page(self, ln: Line) -> None:
        """Layout text does not keep one column grid from page to page, so a list
        that carries over is nested by its markers, not by its indents."""
        return

    def _bullet_level(self, x: float, kind: str) -> int:
        """The nesting level of a list item.

        In a PDF, positions are exact: items are nested by the indent of their
        marker. Layout text shifts columns from page to page, so there an item's
        level is that of the last open item with the same kind of marker (•, o,
        ▪, 1), (a) …), or one deeper than the open items if its kind is new —
        the way word processors vary the marker by level.
        """
        if not self.has_fonts:
            for k, known in enumerate(self.bullet_kinds):
                if known == kind:
                    del self.bullet_kinds[k + 1:]
                    return k
            self.bullet_kinds.append(kind)
            return len(self.bullet_kinds) - 1
        tolerance = 4.0
        for k, known in enumerate(self.bullet_x):
            if abs(known - x) <= tolerance:
                del self.bullet_x[k + 1:]
                return k
        self.bullet_x = [b for b in self.bullet_x if b < x]
        self.bullet_x.append(x)
        return len(self.bullet_x) - 1
