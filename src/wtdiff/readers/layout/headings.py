"""Steps (b) and (d) of :mod:`wtdiff.readers.layout`: which lines are headings, and at what
level — the entries of a contents list; chapter, annex, appendix and part labels; in a PDF,
type larger than the body's or wholly bold; in layout text, which has no fonts, short lines
standing on their own."""

from __future__ import annotations

import re

from ...structure import heading_kind
from ..lines import Line
from .rules import _BIGGER, _BULLETS, _HEADING_LINES, _ITEM_START, _NO_TITLE_END, _PARA_START, _TERMINAL, _key
from .state import _BlockState


# the numbering a heading or an item may open with: "iii. ", "(b) ", "2.3 ", "4) "
_NUMBERING = re.compile(r"^(?:\(?(?:[a-z]{1,2}|[ivxlc]{1,6}|\d{1,3}(?:\.\d{1,3})*)[.)]|\d{1,3}(?:\.\d{1,3})+)\s+")
_GLOSSARY = re.compile(r"glossary|definitions|key terms", re.IGNORECASE)
#: how a line that cannot be a heading ends: a sentence, a lead-in or a clause — not a
#: question, which guidance uses for headings ("What will the local authority do?")
_NOT_HEADING_END = (".", "!", ":", ";", ",")
#: how far a run of lines in one style is followed to see whether it ends as a sentence
_RUN_LIMIT = 8
#: the most words of a heading the contents do not list: two full lines of body type (headings
#: of 29 words are printed), on lines of its own
_HEADING_WORDS = 32
# "Chapter 3: Title", "Annex B - Title", "Appendix A" — not "Annex B contains …"
_LABEL_THEN_TITLE = re.compile(r"^\w+\s+\w{1,5}\s*(?:$|[:.–—-]\s*\S)")


class _Headings(_BlockState):
    """Which lines are headings, and at what level (see the package docstring, (b) and (d))."""

    def _enter_page(self, page: int) -> None:
        """A page with a contents list of its own: its titles are headings of the
        part it opens. They hold only there — the same words elsewhere are judged
        on their own."""
        entries = self.inner_contents.get(page)
        if entries:
            self.scoped = {_key(t) for _, t in entries}
            self.scope_page = page

    def _numbered_heading(self, ln: Line, separate: bool) -> bool:
        """A numbered line out of the paragraph sequence that is short and has no closing
        punctuation ("1. Manage internally") is a numbered sub-heading."""
        text = ln.text_from(1) if separate else (_PARA_START.sub("", ln.text))
        return len(text.split()) <= 10 and not text.rstrip().endswith(_TERMINAL + (",",)) and text[:1].isupper()

    def heading(self, title: str, ln: Line, level: int) -> None:
        if level == 1:
            self.new_chapter = True
            if self.scoped and ln.page != self.scope_page:
                self.scoped = set()  # the part the contents list opened has ended
        self.start("heading", title, ln, level=level)
        self.flush()
        self.glossary = bool(_GLOSSARY.search(title))
        self.bullet_x, self.bullet_kinds = [], []

    def heading_level(self, lines: list[Line]) -> int | None:
        """The level of the heading these lines make, or None if they are not one.

        Entries of the contents keep their level there; chapter-like headings
        are top level; in a PDF, other lines set larger than the body or wholly
        in bold are headings below the last one the contents list, one level
        per step down in type size (bold body type deepest).
        """
        text = " ".join(ln.text for ln in lines)
        if not text or text[0] in _BULLETS and text[1:2] == " ":
            return None
        m = _NUMBERING.match(text)
        if (text[m.end():] if m else text)[:1].islower():
            return None  # a heading starts with a capital, after any numbering ("iii. Other …")
        key = _key(text)
        size = max(ln.size for ln in lines)
        if key in self.contents.levels:
            self.last_heading_level = self.contents.levels[key] + 1
            if self.has_fonts and size:
                self.toc_size = min(self.toc_size, size)
            return self.last_heading_level
        if key in self.scoped and not self.has_fonts:
            # named by the part's own contents: a heading, ranked as any heading the
            # edition's contents do not list (a PDF ranks them by their type instead)
            return self.last_heading_level + 1
        kind, number = heading_kind(text)
        labelled = (number and kind in ("chapter", "annex", "appendix", "part") and len(text) < 120
                    and _LABEL_THEN_TITLE.match(text))
        if labelled and (self.contents.levels or not self.has_fonts):
            self.last_heading_level = 1
            return 1
        if not self.has_fonts or len(text) >= 200 or text.rstrip().endswith((".", ",", ";", ":")):
            return None
        styled = size >= self.body_size + _BIGGER
        if not styled and not (all(ln.bold for ln in lines) and len(text.split()) <= _HEADING_WORDS):
            return None
        if not self.contents.levels:
            # no contents to go by: the type sizes rank the headings, the biggest first
            return 1 + sum(1 for x in self.heading_sizes if x > (size if styled else self.body_size) + 0.25)
        return self.last_heading_level + 1 + self._rank(size if styled else 0.0)

    def _rank(self, size: float) -> int:
        """Heading styles smaller than the contents' own that are bigger than ``size``
        (0.0: bold body type, below them all)."""
        sizes = [x for x in self.heading_sizes if x < self.toc_size - 0.25]
        if size == 0.0:
            return len(sizes)
        return sum(1 for x in sizes if x > size + 0.25)

    def _width(self, lines: list[Line], ln: Line) -> float:
        """The text block's width at ``ln``: measured on every page read so far, and at least
        as wide as the lines of its own page (a page of short lines is not narrow)."""
        return max(self.right_edge, max((x.x1 for x in lines if x.page == ln.page), default=ln.x1))

    def _wrapped_heading(self, lines: list[Line], i: int) -> bool:
        """Whether ``lines[i]`` and the line straight below it are one heading, wrapped.

        A heading too long for one line goes on to a second, short one, and the paragraph
        under it may follow with no blank line ("Specific responsibilities of relevant
        bodies in relation to child" / "deaths" / "Registrars of Births …"). The first line
        is long (over half the text block) but stops short of the margin, capitalised and
        open (no closing punctuation); the second is short, open, and not cut before a
        word no title ends on; together they hold no more words than a heading line does;
        and below them starts a paragraph — a full line, its sentence carried to an end
        (not a list of entries, see :meth:`_opens_entries`).
        """
        if self.has_fonts or i + 2 >= len(lines):
            return False
        a, b, c = lines[i], lines[i + 1], lines[i + 2]
        if not (a.page == b.page == c.page and b.top - a.top <= 1.3 and c.top - b.top <= 1.5):
            return False
        width = self._width(lines, a)
        title = f"{a.text} {b.text}"
        return (a.text[:1].isupper() and len(a.spans) == len(b.spans) == 1
                and max(a.x0, b.x0) <= self.left + 1.5
                and 0.5 * width <= a.x1 < 0.9 * width and b.x1 < 0.75 * width
                and not a.text.endswith(_NOT_HEADING_END) and not b.text.endswith(_NOT_HEADING_END)
                and title.split()[-1].lower() not in _NO_TITLE_END and len(title.split()) <= 14
                and not (_PARA_START.match(a.text) or _ITEM_START.match(a.text) or _ITEM_START.match(b.text))
                and (c.text[:1].isupper() or bool(_PARA_START.match(c.text))) and c.x1 >= 0.75 * width
                and not self._opens_entries(lines, i + 1, width))

    def _looks_like_heading(self, lines: list[Line], i: int) -> bool:
        """Layout text has no fonts: a short line standing on its own, with no closing
        punctuation (a question mark aside), followed by a new block or by a capitalised
        line, is a heading.

        Never a heading: a line that runs on to the right margin (a paragraph's line,
        however far below it pdftotext sets the rest); a line followed by one going on
        in lower case; a line that stops on an article, a conjunction or a preposition
        no title ends on ("… submitted to the secretariat, at"), which is a sentence
        broken early before a long word such as an address.
        """
        ln = lines[i]
        text = ln.text
        if self.has_fonts or not text[:1].isupper() or text.endswith(_NOT_HEADING_END):
            return False
        if text.split()[-1].lower() in _NO_TITLE_END:
            return False
        if len(text.split()) > 14 or len(ln.spans) > 1 or _PARA_START.match(text) or _ITEM_START.match(text):
            return False
        if ln.x0 > self.left + 1.5:
            return False  # set in from the body's edge (a heading may stand left of it, with the numbers)
        nxt = lines[i + 1] if i + 1 < len(lines) and lines[i + 1].page == ln.page else None
        if nxt is None or nxt.text[:1].islower():
            return False
        width = self._width(lines, ln)
        if ln.x1 >= 0.9 * width:
            return False
        if nxt.top - ln.top > 1.5:
            return True
        if self._opens_entries(lines, i, width):
            return False
        # straight above a capitalised line: the line ended there, as a heading does, when the
        # word below would have fit on it (a paragraph's line breaks only where it would not)
        return bool(nxt.text[:1].isupper() or _PARA_START.match(nxt.text)) and (
            ln.x1 < 0.75 * width or not _wrapped_early(ln, nxt, width))

    def _opens_entries(self, lines: list[Line], i: int, width: float) -> bool:
        """Whether the short line ``lines[i]`` is the first entry of a list set one entry
        to a line, not a heading.

        Layout text has no fonts, so a heading is told by standing short on its
        line. A list set without bullets — publications with their publishers
        ("Prevent duty guidance – Home Office guidance"), contacts, an address — has
        short lines too, one under the other. Look at the lines straight below (no
        blank line between, on the same page), as far as the first that ends a
        sentence (layout text may set the next paragraph, or the next heading, with
        no blank line between). Under a heading come a paragraph, whose lines run to
        the right margin but for its last, which ends a sentence; a numbered
        paragraph or a list item; or one more short line standing apart (the heading
        wrapped, or a sub-heading) — except straight under a heading, whose own
        sub-heading would stand apart as the heading does. When instead a line stops
        short inside the run, or the run's last line ends without closing
        punctuation, the lines are entries, and this line is the first of them.
        """
        ln, run = lines[i], []
        for x in lines[i + 1:]:
            if x.page != ln.page or x.top - (run[-1] if run else ln).top > 1.5:
                break
            first = x.spans[0].text if x.spans else ""
            bullet = first[:1] in _BULLETS and first[:1] and (first[0] not in "-–—*o" or x.x0 > ln.x0 + 1.5)
            if _PARA_START.match(x.text) or _ITEM_START.match(x.text) or bullet:
                return False  # a dash at the left edge carries a wrapped line on
            run.append(x)
            if x.text.rstrip().endswith(_TERMINAL):
                break  # the first paragraph's end (layout text may set the next one with no gap)
        under_heading = (self.current is None and bool(self.out) and self.out[-1].kind == "heading"
                         and self.last_page == ln.page)
        if not run or (len(run) == 1 and run[0].x1 < 0.75 * width and not under_heading):
            return False  # nothing below, or a second short line: a heading wrapped, or a sub-heading
        # a full last line at the foot of the page may go on over the page break
        page_ends = (run[-1] is max((x for x in lines if x.page == ln.page), key=lambda x: x.top)
                     and run[-1].x1 >= 0.75 * width)
        return (any(x.x1 < 0.75 * width and not _wrapped_early(x, y, width) for x, y in zip(run, run[1:]))
                or (not page_ends and not run[-1].text.rstrip().endswith(_TERMINAL)))

    def _untitled_heading(self) -> bool:
        """The open block is really a heading not listed in the contents: one or two
        short lines, no closing punctuation (a question mark aside), standing on their
        own just before a numbered paragraph."""
        cur = self.current
        if cur is None or cur.kind != "paragraph" or cur.number or not self.current_detached:
            return False
        text = cur.text.strip()
        return (self.current_lines <= 2 and len(text.split()) <= _HEADING_WORDS and text[:1].isupper()
                and not text.endswith(_NOT_HEADING_END) and not cur.refs)

    def _match_heading(self, lines: list[Line], i: int) -> tuple[int, int | None]:
        ln = lines[i]
        if self.has_fonts:
            # a heading set in its own type may wrap onto further lines of the same type
            n = 1
            step = 1.5 * max(1.0, ln.size / self.body_size) if self.body_size else 1.5
            while (i + n < len(lines) and lines[i + n].page == ln.page and lines[i + n].top - lines[i + n - 1].top < step
                   and abs(lines[i + n].size - ln.size) < 0.3 and lines[i + n].bold == ln.bold
                   and (ln.bold or ln.size >= self.body_size + _BIGGER) and n < _RUN_LIMIT):
                n += 1
            if n > 1:
                # the run of lines in one style is judged whole: a bold sentence wrapping over
                # lines is a paragraph, and so is each of its lines
                if " ".join(x.text for x in lines[i:i + n]).rstrip().endswith(_NOT_HEADING_END):
                    return 1, None
                n = min(n, _HEADING_LINES)
                level = self.heading_level(lines[i:i + n])
                if level is not None:
                    return n, level
        # a heading the contents list may wrap onto up to three lines, set close together
        for n in range(_HEADING_LINES, 0, -1):
            span = lines[i:i + n]
            if len(span) < n or any(x.page != ln.page for x in span):
                continue
            if n > 1 and (any(b.top - a.top >= 1.5 for a, b in zip(span, span[1:]))
                          or not self._listed(_key(" ".join(x.text for x in span)))):
                continue
            level = self.heading_level(span)
            if level is not None:
                return n, level
        return 1, None

    def _listed_part(self, text: str) -> bool:
        """A chapter, part, annex or appendix heading the contents list ("Chapter 4:
        Organisational responsibilities"): a heading even straight after a block that
        stops mid-sentence, as a flow chart's text read as lines does."""
        kind, number = heading_kind(text)
        return (number is not None and kind in ("chapter", "annex", "appendix", "part")
                and _key(text) in self.contents.levels)

    def _listed(self, key: str) -> bool:
        """Whether a contents list (the edition's, or the open part's own) names this heading."""
        return key in self.contents.levels or (key in self.scoped and not self.has_fonts)

    def _heading_below_paragraph(self, lines: list[Line], i: int) -> bool:
        """Whether a line of layout text set straight below a paragraph (no blank line
        between) is a heading, not more of the paragraph.

        A paragraph's lines run to the right margin but for its last, which ends a
        sentence; a line below such a last line starts something new. When it also
        looks like a heading (see ``_looks_like_heading``), it is one — as in
        "… a particularly vulnerable group." / "The designated teacher" / (blank) /
        "193. Governing bodies …".
        """
        cur = self.current
        if self.has_fonts or cur is None or cur.kind != "paragraph" or not cur.text.rstrip().endswith(_TERMINAL):
            return False
        return self.last_x1 < 0.75 * self.right_edge and self._looks_like_heading(lines, i)

    def _stands_alone_atop(self, lines: list[Line], i: int) -> bool:
        """Whether the first line of a page of layout text is a line of its own, not the
        rest of the block the last page left open.

        A block that goes on over a page break leaves the last page on a full line (a
        line breaks early only where its paragraph or entry ends). When the last
        page's last line stopped short, and this line is short, capitalised, without
        closing punctuation and set apart from the line below by a blank line, it
        heads what follows — as "Homelessness" heads the publications listed under it
        after a page of publications about health.
        """
        ln = lines[i]
        if self.has_fonts or not ln.text[:1].isupper() or ln.text.rstrip().endswith(_NOT_HEADING_END):
            return False
        nxt = lines[i + 1] if i + 1 < len(lines) and lines[i + 1].page == ln.page else None
        short_before = self.last_x1 < 0.75 * self.right_edge
        return short_before and nxt is not None and nxt.top - ln.top > 1.5 and ln.x1 < 0.75 * self.right_edge


def _wrapped_early(line: Line, below: Line, width: float) -> bool:
    """Whether a short line of a paragraph broke early because the word below would not fit
    on it (an address, a long link: "… should be notified to" / "Mailbox.Panel@education.gov.uk"),
    not because its entry ended. Layout text counts columns, not a font's widths: a word
    fits where it would end before nine tenths of the text block's width."""
    word = below.text.split(" ", 1)[0]
    return line.x1 + 1 + len(word) > 0.9 * width
