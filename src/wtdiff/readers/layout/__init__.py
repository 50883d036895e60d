"""From positioned lines to items: how statutory guidance is laid out on a page.

The PDF reader and the layout-text reader both hand over pages of
:class:`~wtdiff.readers.lines.Line` records; this module turns them into the
reader :class:`~wtdiff.structure.Item` stream, in these steps:

(a) **Running heads and feet.** Lines at the top or bottom of a page whose
    text repeats on many pages — digits aside, where each number is the same
    on those pages or goes up with the page (``Page 12``), so a note such as
    ``Children Act 2004, section 4.`` at the foot of many pages is not one —
    and bare page numbers there, are dropped; the number printed at the foot
    becomes the page's label.
(b) **Front and back matter.** The cover gives the title (in layout text with no
    cover, so do the first page's opening lines when they repeat a running head's
    words, as a Word document's header repeats its title); contents pages are
    not body text, but their entries — with their indentation — tell which
    lines of the body are headings and at what level; a contents list that
    opens an annex inside the body is dropped too; a closing Crown copyright
    page is dropped.
(c) **Footnotes.** The notes at the foot of each page (small type in a PDF — above
    the first marker, only lines that start where the notes' lines start, so a
    chart's small type just above the notes stays body;
    in layout text, a number alone on a line after a gap, in the running
    sequence of note numbers) are taken out of the body, and the reference
    markers in the text (superscripts, or the bare number in layout text) are
    removed from it and remembered, so the structure stage can attach each
    note to the block that cites it. The rest of a note carried over from the
    previous page stands at the notes' margin above the page's first note number;
    a line set in from that margin above it (a paragraph's hanging lines) is body
    even with no gap before the notes. In layout text a note's number may stand
    alone above its text, be glued to its first word (``75The …``), or — the
    marker being raised — fall on the line below the note's first line (that
    line set in by the marker's width); lines straight above a note's number
    belong to the notes only as that first line or as the rest of the previous
    page's last note (which then stopped short of a full stop), else they are
    body. A marker in the text is a bare number after a space, glued to a word,
    to the punctuation closing a word (``help.4``), to a year (``Act 199823``)
    or to the punctuation after a year or after a number where a sentence ends
    (``age of 25.29``), never in a reference (``paragraph 3.16``, ``Chapter 1``).
    Notes numbered from 1 again on one page (a figure's or a box's own notes)
    are read when at least two run in sequence, and the running sequence
    resumes after them.
(d) **Blocks.** The rest is read in order: a gap, a paragraph number at the
    left margin (``24.``), a bullet, a heading or a glossary entry starts a
    block (a dash opens a list item only when set apart by a gap or set in from
    the text it follows: a line starting ``– `` straight below a paragraph and
    lined up with its text carries the paragraph on); other lines continue it,
    across page breaks too, with end-of-line
    hyphenation removed only where it is typographic (soft hyphens), so
    compounds such as ``multi-agency`` keep their hyphen.

The modules, in the order of the steps:

* :mod:`.furniture` — (a) running heads and feet, page labels; (b) the cover and
  its title, the closing copyright page;
* :mod:`.contents` — (b) contents lists, the edition's and an annex's own;
* :mod:`.footnotes` — (c) notes at the foot of the page, markers in the text, and
  each page's notes put after the block citing them;
* :mod:`.state`, :mod:`.headings`, :mod:`.tables`, :mod:`.blocks` — (d) the block
  reader: its state, and the rules for headings, tables and the other blocks;
* :mod:`.rules` — patterns and measures the steps share;
* :mod:`.reader` — :func:`analyse`, which runs the steps over the pages.
"""

from __future__ import annotations

from .reader import analyse

__all__ = ["analyse"]
