"""Figures on a page: flow charts and diagram boxes read as one ``figure`` block.

A flow chart or diagram in a Word export is text set in boxes, centred in each
box, boxes side by side; read line by line it is a jumble of short fragments
whose order means little. Both paged readers (PDF and ``pdftotext -layout``
text) give the same positioned lines, so one rule, stated on text geometry
alone, finds the same figure — the same set of words — in both:

* A line is **loose** when it is not part of the body's text column: it does
  not start at the body's left margin (within a tolerance) and does not open a
  numbered paragraph, bullet or lettered item; or it holds two or more
  fragments apart by a wide gap (boxes side by side) and does not open with a
  paragraph number. A short line at the margin directly under a body line (no
  gap) is the end of that paragraph, not loose — unless the line directly
  below it starts in the right half of the text column, which no line of a
  paragraph does: then it is the left box of a row of boxes (and so is a line right
  under such a right-half line that starts where the box's line above it started); a caption ("Figure 2: …",
  "Flow chart 1: …", "Diagram …") is never loose, so it stays a heading or
  paragraph of its own and bounds the figure; nor is a labelled heading
  ("Chapter 11: …", "Part one", "Annex A – …") or, in a PDF, a line set larger
  than the body type: a chart set just before a heading does not take it in.
* A **figure** is a maximal run of loose lines on one page (at least three
  lines, at least six fragments) whose fragments start at many different
  places: at least four distinct starting positions, and at least one for
  every three fragments. Centred text in boxes starts everywhere; a table's
  cells, an indented quotation, a list's hanging lines and a paragraph's
  hanging indent start at a few columns again and again, so they are not
  figures. A single row of boxes — all a page break leaves of a chart, or a
  chart of two boxes — is shorter: two lines and three fragments suffice
  when the run is set in both halves of the text column at once (a fragment
  starting right of its middle, another left of it) and its fragments start
  irregularly as above; text of the body column is never set so.
* Lines that start at one place line after line (two or more, no gap), each one
  fragment reaching across half the text column or more, at either end of a run of
  loose lines are text set in — an indented quotation,
  or body text pdftotext set a few columns right of its margin, as it may for
  part of a page — not boxes, and are left out of the run before it is judged.
  So are the run's first lines when they go on the paragraph or list item right
  above them at its hanging indent (where its words start, after its number or
  bullet), line after line down to a gap, however short the last: a chart's first
  line stands apart from the text above it. A line at the margin that ends on a
  colon with a gap below it ("The core group should:") leads into the chart below,
  as into a list, and is body text — so is one at the foot of a page, leading into
  the next; a box's own "should:" line has more of its box right under it. At the
  run's other end, one or two lines at the margin with a gap above them and right on
  top of a line of the body ("Geography" over "237. The …") head what follows: a
  chart's last box stands apart from the text under it.
* The figure's words are read box by box (see :func:`figure_text`): the
  fragments that overlap on nearby lines make a box; boxes in rows, top to
  bottom and left to right. This is best effort — the order of a figure's words
  is not to be trusted. The figure keeps the footnote markers its lines cite.

Vector shapes are not needed (layout text has none) and captions are not
required; a caption next to a run lowers nothing and raises nothing, so a
figure without one is found the same way.
"""

from __future__ import annotations

import re

from ..structure import Item
from .lines import Line

__all__ = ["feed_page", "figure_runs", "figure_text", "is_caption", "text_edge"]

# "Figure 1: Assessment framework", "Flow chart 3 - …", "Diagram 2": capitalised, numbered, then a
# separator or nothing ("flow chart 3 on assessment" inside a box is not a caption)
_CAPTION = re.compile(r"^(?:Figure|FIGURE|Flow ?chart|FLOW ?CHART|Diagram|DIAGRAM|Chart)\s+\d{1,3}[a-z]?\s*(?:$|[:.–—-])")
# "Chapter 11: Children in secure settings", "Part one", "Annex A – …": a labelled heading, which
# a chart set just before it must not take in ("section 47 enquiries" in a box is not one)
_LABELLED = re.compile(r"^(?:Chapter|CHAPTER|Part|PART|Annex|ANNEX|Appendix|APPENDIX)\s+"
                       r"(?:\d{1,2}|[A-Z]|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en)"
                       r"\s*(?:$|[:.–—-])")
#: type this much bigger than the body (in points) is a heading's, never a box's
_BIGGER = 0.75
# what opens a numbered paragraph or a list item: "24.", "3.16", "(a)", "b.", "iii.", "(2)", "1)"
_MARKER = re.compile(r"^(\d{1,3}(?:\.\d{1,3}){0,2}\.?|\(?[a-z]{1,2}\)|[a-z]\.|\(?[ivx]{1,5}\)|[ivx]{1,5}\.|"
                     r"\(\d{1,2}\)|\d{1,2}[.)])$")
_BULLETS = "•●▪■◦○◆➢►–-*o\u2013\u2014\uf0b7\uf0a7"
#: arrows a flow chart may print as text between its rows of boxes
_ARROWS = "\u2190\u2191\u2192\u2193\u2194\u2195\u21d2\u21d3\u27f6\u2b07\u25bc"
#: a run this short is not a figure
_MIN_LINES = 3
_MIN_FRAGMENTS = 6
#: lines of one box follow each other at most this many times the figure's own line step apart
_BOX_STEP = 2.2
#: a box starting before the first box of a row ends (give or take this many line steps) is in that row
_SAME_ROW = 0.5
#: a line stopping this share of the text column short of its right edge is no full line of a paragraph
_SHORT = 0.2
#: a single row of boxes side by side (the rest of a chart a page break cut) is a figure this short
_ROW_LINES = 2
_ROW_FRAGMENTS = 3
#: at most this share of a figure's fragments start where one on the next or previous line does
_ALIGNED_SHARE = 0.35


def is_caption(text: str) -> bool:
    """A figure's caption: "Figure 1: Assessment framework", "Flow chart 3: …"."""
    return bool(_CAPTION.match(text.strip()))


def _min_gap(has_fonts: bool, body_size: float) -> float:
    return (1.5 * (body_size or 10.0)) if has_fonts else 3.0


def _opens_item(ln: Line) -> bool:
    first = ln.spans[0].text
    head = first.split(" ", 1)[0]
    return (first[:1] in _BULLETS and (len(first) == 1 or first[1:2] == " ")) or bool(_MARKER.match(head))


def _fragments(ln: Line, min_gap: float) -> list[float]:
    """Where the line's fragments start: its spans, joined where the gap is narrow."""
    starts = [ln.spans[0].x0]
    for a, b in zip(ln.spans, ln.spans[1:]):
        if b.x0 - a.x1 >= min_gap and not b.superscript:
            starts.append(b.x0)
    return starts


def figure_runs(lines: list[Line], *, left: float, right: float, has_fonts: bool,
                body_size: float = 0.0) -> list[tuple[int, int]]:
    """The figures among one page's body lines, as ``(first, end)`` index ranges.

    ``left`` is the body's left margin and ``right`` the right edge of its text
    column, in the lines' own units (points in a PDF, character columns in
    layout text). Fragments are apart where ``pdftotext -layout`` would put
    three spaces: three columns, or in a PDF one and a half times the body
    type size (a justified line's stretched spaces stay inside a fragment).
    """
    if len(lines) < _MIN_LINES:
        return []
    tol = 4.0 if has_fonts else 1.5
    min_gap = _min_gap(has_fonts, body_size)
    wide = 0.5 * max(right - left, 1.0)
    loose: list[bool] = []
    for k, ln in enumerate(lines):
        text = ln.text
        if not ln.spans or is_caption(text) or _LABELLED.match(text) or (
                has_fonts and body_size and ln.size >= body_size + _BIGGER):
            loose.append(False)
            continue
        starts = _fragments(ln, min_gap)
        at_margin = abs(ln.x0 - left) <= tol
        if len(starts) >= 2 and not _opens_item(ln):
            loose.append(True)
        elif at_margin:
            prev = lines[k - 1] if k else None
            under_body = (prev is not None and not loose[k - 1] and prev.page == ln.page
                          and ln.top - prev.top <= 1.3)
            nxt = lines[k + 1] if k + 1 < len(lines) else None
            # the left box of a row whose right box pdftotext set on the row below
            beside = (nxt is not None and nxt.page == ln.page and nxt.top - ln.top <= 1.3
                      and nxt.x0 >= left + 0.5 * (right - left))
            # a line at the margin that ends on a colon leads into what follows it — above a list
            # item ("The lead practitioner should:" / "• lead on an assessment"), or with a gap
            # below it, above a chart ("The core group should:", then the boxes) or at the foot of
            # the page, above what the next page holds: body text, however short. A box's own
            # "should:" line has more of its box right below it.
            lead_in = ln.text.rstrip().endswith(":") and (
                nxt is None or nxt.page != ln.page or _opens_item(nxt) or nxt.top - ln.top > 1.3)
            # a line of a box that pdftotext set at the margin: under a loose line and over a line
            # set in from the margin (no gap either side), and stopping well short of the right
            # edge — a paragraph line with more of its paragraph below fills the column
            short = ln.x1 < right - _SHORT * (right - left)
            boxed = (k and loose[k - 1] and prev.page == ln.page and ln.top - prev.top <= 1.3
                     and nxt is not None and nxt.page == ln.page and nxt.top - ln.top <= 1.3
                     and nxt.x0 - left > tol and not _opens_item(nxt) and short)
            # or the last line of a box whose line above pdftotext set on a row of its own, beside
            # it: right under a loose line, and starting where the loose line above that starts
            # (the box's own edge), stopping well short of the right edge
            boxed = boxed or (k >= 2 and loose[k - 1] and loose[k - 2] and prev.page == ln.page
                              and lines[k - 2].page == ln.page and ln.top - prev.top <= 1.3
                              and prev.top - lines[k - 2].top <= 1.3 and abs(lines[k - 2].x0 - ln.x0) <= tol
                              and prev.x0 >= left + 0.5 * (right - left) and short)
            loose.append(not (_opens_item(ln) or lead_in
                              or (not (beside or boxed) and (ln.x1 - ln.x0 >= wide or under_body))))
        else:
            loose.append(not _opens_item(ln))
    runs: list[tuple[int, int]] = []
    k = 0
    while k < len(lines):
        if not loose[k]:
            k += 1
            continue
        end = k
        while end < len(lines) and loose[end] and lines[end].page == lines[k].page:
            end += 1
        same = 2.0 if has_fonts else 0.0
        first = _set_in(lines, k + _continues_body(lines, loose, k, end, wide, tol, min_gap), end, same, +1, wide,
                        min_gap)
        last = _set_in(lines, end - 1 - _heads_body(lines, loose, first, end, left, tol, min_gap), first - 1,
                       same, -1, wide, min_gap)
        run = lines[first:last + 1]
        if _irregular(run, same, min_gap) or (_side_by_side(run, left, right, min_gap) and (
                _irregular(run, same, min_gap, _ROW_LINES, _ROW_FRAGMENTS) or _arrowed(run))):
            runs.append((first, last + 1))
        k = end
    return runs


def _continues_body(lines: list[Line], loose: list[bool], k: int, end: int, wide: float,
                    tol: float = 1.5, min_gap: float = 3.0) -> int:
    """How many of the run's first lines, from ``k``, are the rest of the paragraph above it.

    Two shapes, each right under a line of the body (no gap) and with a gap below — a chart's
    first line stands apart from the text above:

    * lines set at the paragraph's hanging indent: where the words of the body line above start
      (after its number or bullet: "343. The safeguarding partners …" / "     case, in line …"),
      one fragment each, line after line, however short the last ("families",
      "principles apply here too:") — a numbered paragraph or list item going on;
    * one line reaching across half the text column (``wide``), wherever it starts.

    Otherwise 0.
    """
    if not k or k >= end:
        return 0
    prev, ln = lines[k - 1], lines[k]
    if loose[k - 1] or prev.page != ln.page or ln.top - prev.top > 1.3:
        return 0
    at = _text_start(prev)
    j = k
    while j < end and abs(lines[j].x0 - at) <= tol and len(_fragments(lines[j], min_gap)) == 1 and \
            (j == k or lines[j].top - lines[j - 1].top <= 1.3):
        j += 1
    if j > k and j < end and lines[j].top - lines[j - 1].top > 1.3:
        return j - k
    return int(k + 1 < end and ln.x1 - ln.x0 >= wide and lines[k + 1].top - ln.top > 1.3)


def _heads_body(lines: list[Line], loose: list[bool], first: int, end: int, left: float, tol: float,
                min_gap: float) -> int:
    """How many of the run's last lines, up to ``end``, head the body text right below them: one or
    two lines at the margin, one fragment each, with a gap above them and none below, on top of a
    line of the body ("Geography" / "237. The geographical area …") — a heading or the first line
    of what follows, as a chart's last box always stands apart from the text under it. Otherwise 0."""
    if end >= len(lines) or loose[end]:
        return 0
    below = lines[end]
    for n in (1, 2):
        k = end - n
        if k <= first:
            return 0
        ln = lines[k]
        if abs(ln.x0 - left) > tol or len(_fragments(ln, min_gap)) != 1 or ln.page != below.page \
                or lines[k + 1].top - ln.top > 1.3:
            return 0
        if ln.top - lines[k - 1].top > 1.3:
            return n
    return 0


def _text_start(ln: Line) -> float:
    """Where the words of a line start: after its paragraph number or bullet when it opens a
    numbered paragraph or list item (the hanging indent its next lines are set at), else its start.
    A marker in a span of its own (a tab after it) gives the next span's start; a marker sharing
    its span is measured off the span's width, in proportion to its characters (exact in layout
    text, where a character is a column)."""
    if not _opens_item(ln):
        return ln.x0
    first = ln.spans[0]
    head, _, rest = first.text.partition(" ")
    if not rest.strip():
        return ln.spans[1].x0 if len(ln.spans) > 1 else ln.x0
    offset = len(first.text) - len(rest.lstrip())
    return first.x0 + (first.x1 - first.x0) * offset / len(first.text)


def _set_in(lines: list[Line], k: int, stop: int, same: float, step: int, wide: float,
            min_gap: float = 3.0) -> int:
    """From ``k`` towards ``stop``, the first line that is not part of a column of set-in text:
    two or more lines in a row (no gap) starting at one place (within ``same``), each one fragment
    reaching across at least ``wide`` (half the text column: wider than a box set beside another).
    Lines of two fragments apart by a wide gap are boxes side by side, however far they reach."""
    def column(a: Line, b: Line) -> bool:
        return abs(b.x0 - a.x0) <= same and abs(b.top - a.top) <= 1.3 and \
            min(a.x1 - a.x0, b.x1 - b.x0) >= wide and \
            len(_fragments(a, min_gap)) == 1 == len(_fragments(b, min_gap))

    j = k
    while j + step != stop and column(lines[j], lines[j + step]):
        j += step
    return j + step if j != k else k


def _side_by_side(run: list[Line], left: float, right: float, min_gap: float) -> bool:
    """Text set in two columns at once: a fragment starts in the right half of the text column and
    another in the left half — boxes side by side, as no paragraph, list or indent is set."""
    middle = left + 0.5 * (right - left)
    starts = [x for ln in run for x in _fragments(ln, min_gap)]
    return any(x >= middle for x in starts) and any(x < middle for x in starts)


def _arrowed(run: list[Line]) -> bool:
    """An arrow set on a line of its own among the run's lines ("↓", between its rows of boxes or
    under the last, leading to boxes a page break put on the next page): a flow chart's, as no
    paragraph, list or table is drawn — whatever its boxes' lines have in common."""
    return len(run) > 1 and any(ln.text.strip() and all(c in _ARROWS or c.isspace() for c in ln.text)
                                for ln in run)


def _irregular(run: list[Line], same: float, min_gap: float, min_lines: int = _MIN_LINES,
               min_fragments: int = _MIN_FRAGMENTS) -> bool:
    """Fragments that start at many places: text centred in boxes, not a table or an indent.

    A fragment is *aligned* when a fragment of the line above or below starts at
    the same place (within ``same``): a table's cells, a list's hanging lines and
    an indented paragraph are aligned almost throughout, centred text seldom.
    """
    if len(run) < min_lines:
        return False
    starts = [_fragments(ln, min_gap) for ln in run]
    count = sum(len(s) for s in starts)
    if count < min_fragments:
        return False
    aligned = 0
    for k, row in enumerate(starts):
        near = (starts[k - 1] if k else []) + (starts[k + 1] if k + 1 < len(starts) else [])
        aligned += sum(1 for x in row if any(abs(x - y) <= same for y in near))
    return aligned <= _ALIGNED_SHARE * count


def _pieces(ln: Line, min_gap: float) -> list[Line]:
    """The line cut into its fragments, each a line of its own."""
    out = [Line(page=ln.page, top=ln.top, spans=[ln.spans[0]])]
    for a, b in zip(ln.spans, ln.spans[1:]):
        if b.x0 - a.x1 >= min_gap and not b.superscript:
            out.append(Line(page=ln.page, top=ln.top, spans=[b]))
        else:
            out[-1].spans.append(b)
    return out


def figure_text(run: list[Line], min_gap: float = 3.0) -> str:
    """A figure's words, box by box.

    A fragment and the nearest fragment below it whose extent overlaps its own
    are one box when they are at most :data:`_BOX_STEP` times the figure's line
    step apart — the step measured on the figure itself (the lower quartile of
    those distances), so type size, line spacing and the reader's units (points
    or layout rows) do not matter. Boxes are read in rows top to bottom — a row
    is the topmost box left and every box that starts before it ends (within
    :data:`_SAME_ROW` steps), read left to right — and each box's fragments top to
    bottom. Reading by box, not by line,
    keeps side-by-side boxes apart and does not depend on how a reader grouped
    the fragments into lines.
    """
    pieces = sorted((p for ln in run for p in _pieces(ln, min_gap)), key=lambda p: (p.top, p.x0))
    box = list(range(len(pieces)))

    def root(k: int) -> int:
        while box[k] != k:
            box[k] = box[box[k]]
            k = box[k]
        return k

    below: list[tuple[int, float]] = []  # (piece, distance to the nearest overlapping piece below it)
    for i, a in enumerate(pieces):
        for j in range(i + 1, len(pieces)):
            b = pieces[j]
            if b.top - a.top > 0.3 and b.x0 < a.x1 and a.x0 < b.x1:
                below.append((j, b.top - a.top))
                break
        else:
            below.append((-1, 0.0))
    steps = sorted(d for j, d in below if j >= 0)
    step = steps[len(steps) // 4] if steps else 1.0
    for i, (j, d) in enumerate(below):
        if j >= 0 and d <= _BOX_STEP * step:
            box[root(j)] = root(i)
    groups: dict[int, list[Line]] = {}
    for k, p in enumerate(pieces):
        groups.setdefault(root(k), []).append(p)
    boxes = sorted(groups.values(), key=lambda g: g[0].top)
    ordered: list[list[Line]] = []
    row: list[list[Line]] = []
    for g in boxes:
        if row and g[0].top > row[0][-1].top + _SAME_ROW * step:
            ordered += sorted(row, key=lambda r: r[0].x0)
            row = []
        row.append(g)
    ordered += sorted(row, key=lambda r: r[0].x0)
    return " ".join(p.text for g in ordered for p in g if p.text)


def text_edge(lines: list[Line]) -> float:
    """The right edge of the text column: where the longest lines end (90th percentile)."""
    ends = sorted(ln.x1 for ln in lines)
    return ends[int(0.9 * (len(ends) - 1))] if ends else 0.0


def feed_page(blocks: object, lines: list[Line], refs: dict[int, list[str]], right: float) -> None:
    """Hand one page's body lines to the block reader (``layout.blocks._Blocks``), each
    figure among them taken out as one ``figure`` item in its place."""
    start = 0
    for first, end in figure_runs(lines, left=blocks.left, right=right,  # type: ignore[attr-defined]
                                  has_fonts=blocks.has_fonts,  # type: ignore[attr-defined]
                                  body_size=blocks.body_size):  # type: ignore[attr-defined]
        if first > start:
            blocks.feed(lines[start:first], refs)  # type: ignore[attr-defined]
        run = lines[first:end]
        blocks.flush()  # type: ignore[attr-defined]
        page = run[0].page
        cited = tuple(m for ln in run for m in refs.get(id(ln), []))
        blocks.out.append(Item("figure", figure_text(run, _min_gap(blocks.has_fonts, blocks.body_size)),  # type: ignore[attr-defined]
                               page=page,  # type: ignore[attr-defined]
                               page_label=blocks.labels.get(page), refs=cited,  # type: ignore[attr-defined]
                               links=tuple(dict.fromkeys(u for ln in run for u in ln.links))))
        blocks.last_top, blocks.last_page = run[-1].top, page  # type: ignore[attr-defined]
        start = end
    if start < len(lines):
        blocks.feed(lines[start:], refs)  # type: ignore[attr-defined]
