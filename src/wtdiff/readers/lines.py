"""Positioned lines: what the PDF and layout-text readers have in common.

Both readers reduce a page to :class:`Line` records — text in :class:`Span`
runs with a horizontal position, a vertical position, and (from a PDF) font
size and weight — and hand the pages to :mod:`wtdiff.readers.layout`, which
knows how statutory guidance is laid out. A layout-text file (``pdftotext
-layout``: a form feed between pages, columns kept with spaces) has no fonts,
so its positions are character columns and line numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

__all__ = ["Span", "Line", "Page", "text_pages"]


@dataclass(slots=True)
class Span:
    """A run of text on one line, in one font, with no wide gap inside."""

    text: str
    x0: float
    x1: float
    size: float = 0.0
    bold: bool = False
    italic: bool = False
    #: raised above the line and smaller: a footnote reference
    superscript: bool = False
    #: white space separates it from the span before (not just a change of font)
    gap_before: bool = True


@dataclass(slots=True)
class Line:
    """One line of a page; ``top`` grows downwards, in line heights."""

    page: int
    top: float
    spans: list[Span] = field(default_factory=list)
    #: addresses of the links set on this line (PDF link annotations)
    links: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.text_from(0)

    def text_from(self, first: int) -> str:
        """The text of the spans from index ``first`` on, spaced as printed."""
        out = ""
        for s in self.spans[first:]:
            if s.text[:1] in ",.;:!?)":
                out = out.rstrip()  # no space before closing punctuation
            elif out and s.gap_before and not out.endswith(" ") and not s.text.startswith(" "):
                out += " "
            out += s.text
        return out.strip()

    @property
    def x0(self) -> float:
        return self.spans[0].x0 if self.spans else 0.0

    @property
    def x1(self) -> float:
        return self.spans[-1].x1 if self.spans else 0.0

    @property
    def size(self) -> float:
        """The size most of the line's characters have (0 when unknown)."""
        weights: dict[float, int] = {}
        for s in self.spans:
            if not s.superscript:
                weights[s.size] = weights.get(s.size, 0) + len(s.text.strip())
        return max(weights, key=lambda k: (weights[k], k)) if weights else 0.0

    @property
    def bold(self) -> bool:
        """Every visible character is bold."""
        visible = [s for s in self.spans if s.text.strip() and not s.superscript]
        return bool(visible) and all(s.bold for s in visible)


@dataclass(slots=True)
class Page:
    number: int  # physical, 1-based
    lines: list[Line]
    width: float = 0.0
    height: float = 0.0
    #: positions are in points with fonts known (PDF), not character cells (text)
    has_fonts: bool = False


_GAP = re.compile(r"\s{3,}")
#: Word's hidden footnote-reference bookmark, as pdftotext prints its 1-point glyphs
_HIDDEN_REF = re.compile(r"[,.;:]?\s?\d{0,3}\s?F")
#: ... glued by one space to the last word of its line ("be carried 2F")
_GLUED_REF = re.compile(r"(?<=\S) \d{1,3}F$")
#: the punctuation that ends a sentence
SENTENCE_END = (".", "!", "?", ":", ";")


def text_pages(text: str) -> list[Page]:
    """Pages of a ``pdftotext -layout`` file: form feed = page break.

    Each line becomes spans split at runs of three or more spaces (so table
    columns and the gap after a paragraph number stay apart); positions are
    character columns, and ``top`` is the line's number on its page.

    Word exports the bookmark of each footnote reference as 1-point text
    (``0F``, ``9F``, ``F``; with the glyphs spaced out and punctuation set in the same
    type, ``,6 F``) that no one can read; pdftotext prints it apart
    from the words, on a line of its own below the cited line or after a wide
    gap in a line. Such a token standing alone — the whole line, or a span
    after the first — is dropped, and a line it stood on alone takes no room
    (``section 141F`` inside a sentence is text, and stays).

    pdftotext also leaves the token's height blank below the line it marks: a
    few empty rows, even in the middle of a sentence ("… jokes and online" /
    ``9F`` / four empty rows / "sexual harassment, which …"). Where the marked
    line stops mid-sentence, those rows take no room either, and the sentence
    reads on; where it ends a sentence they may as well be the gap above the
    page's notes or the next paragraph, and stay. A token glued by one space to
    the last word of a line (``be carried 2F``) is the bookmark, not text, when
    such rows follow the line and the words below them go on in lower case.
    """
    pages = []
    chunks = text.split("\f")
    if chunks and not chunks[-1].strip():
        chunks.pop()
    for n, chunk in enumerate(chunks, 1):
        lines: list[Line] = []
        hidden = 0
        rows = chunk.split("\n")
        below_token = False  # blank rows since a token that marked a line stopping mid-sentence
        for row, raw in enumerate(rows):
            raw = raw.rstrip()
            if not raw.strip():
                if below_token:
                    hidden += 1
                continue
            spans = []
            pos = 0
            for m in _GAP.finditer(raw):
                piece = raw[pos:m.start()]
                if piece.strip():
                    start = pos + len(piece) - len(piece.lstrip())
                    spans.append(Span(piece.strip(), float(start), float(m.start())))
                pos = m.end()
            piece = raw[pos:]
            if piece.strip():
                start = pos + len(piece) - len(piece.lstrip())
                spans.append(Span(piece.strip(), float(start), float(len(raw))))
            kept = [s for k, s in enumerate(spans) if not (
                _HIDDEN_REF.fullmatch(s.text) and (k or len(spans) == 1))]
            dropped = len(kept) < len(spans)
            glued = _GLUED_REF.search(kept[-1].text) if kept else None
            if glued and _goes_on_below_blank_rows(rows, row):
                last = kept[-1]
                kept[-1] = replace(last, text=last.text[:glued.start()], x1=last.x1 - len(glued.group()))
                dropped = True
            marked = kept[-1].text if kept else lines[-1].text if lines else ""
            below_token = dropped and bool(marked) and not marked.endswith(SENTENCE_END)
            if not kept:
                hidden += 1  # the line pdftotext made for the token takes no room on the page
                continue
            lines.append(Line(page=n, top=float(row - hidden), spans=kept))
        width = max((len(r) for r in rows), default=0)
        pages.append(Page(number=n, lines=lines, width=float(width),
                          height=float(chunk.count("\n") + 1)))
    return pages


def _goes_on_below_blank_rows(rows: list[str], row: int) -> bool:
    """Whether blank rows follow ``rows[row]`` on its page, and the first line after them
    starts in lower case: a sentence carried on below a hidden token's height."""
    below = row + 1
    while below < len(rows) and not rows[below].strip():
        below += 1
    return below > row + 1 and below < len(rows) and rows[below].lstrip()[:1].islower()
