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
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from ..normalize import fold
from ..structure import Item, Items, heading_kind
from .figures import feed_page, text_edge
from .lines import Line, Page

__all__ = ["analyse"]

_PAGE_NUMBER = re.compile(r"^(?:page\s+)?(\d{1,4}|[ivxlcdm]{1,7})(?:\s+of\s+\d{1,4})?$", re.IGNORECASE)
_PARA_NUMBER = re.compile(r"^(\d{1,3}(?:\.\d{1,3}){0,2})\.?$")
_PARA_START = re.compile(r"^(\d{1,3}(?:\.\d{1,3}){0,2})\.\s+(?=\S)")
_BULLETS = "•●▪■◦○◆➢►–-*o\u2013\u2014\uf0b7\uf0a7"
_LETTERED = re.compile(r"^(\(?[a-z]{1,2}\)|[a-z]\.|\(?[ivx]{1,5}\)|[ivx]{1,5}\.|\(\d{1,2}\)|\d{1,2}[.)])$")
# a lettered or numbered item written in the line itself: "(a) the local authority", "1. Set the …"
_ITEM_START = re.compile(r"^(\(?[a-z]{1,2}\)|[a-z]\.|\(?[ivx]{1,5}\)|\(\d{1,2}\)|\d{1,2}[.)])\s+\S")
# the numbering a heading or an item may open with: "iii. ", "(b) ", "2.3 ", "4) "
_NUMBERING = re.compile(r"^(?:\(?(?:[a-z]{1,2}|[ivxlc]{1,6}|\d{1,3}(?:\.\d{1,3})*)[.)]|\d{1,3}(?:\.\d{1,3})+)\s+")
_TOC_TITLE = re.compile(r"^(table of )?contents$", re.IGNORECASE)
_LEADER = re.compile(r"\s*(?:\.\s*){4,}\s*(\d{1,4})$")
_GLOSSARY = re.compile(r"glossary|definitions|key terms", re.IGNORECASE)
_DEFINITION_START = re.compile(r"^[A-Z][^.:;]{0,70}?\s[-–—]\s\S")
_MARKER_LINE = re.compile(r"^(\d{1,3})$")
_TERMINAL = (".", "!", "?", ":", ";")
#: how a line that cannot be a heading ends: a sentence, a lead-in or a clause — not a
#: question, which guidance uses for headings ("What will the local authority do?")
_NOT_HEADING_END = (".", "!", ":", ";", ",")
#: type this much bigger than the body (in points) is a heading's
_BIGGER = 0.75
#: a heading wraps onto at most this many lines
_HEADING_LINES = 3
#: how far a run of lines in one style is followed to see whether it ends as a sentence
_RUN_LIMIT = 8
#: the most words of a heading the contents do not list: two full lines of body type (headings
#: of 29 words are printed), on lines of its own
_HEADING_WORDS = 32
#: words a title does not end on (a question may end on "for", "to", "with": "Who this guidance is for")
_NO_TITLE_END = frozenset("a an the at of and or nor but than via per including such".split())
# "Chapter 3: Title", "Annex B - Title", "Appendix A" — not "Annex B contains …"
_LABEL_THEN_TITLE = re.compile(r"^\w+\s+\w{1,5}\s*(?:$|[:.–—-]\s*\S)")


def _key(text: str) -> str:
    """Compare headings and contents entries loosely: case, typography, spacing."""
    return re.sub(r"[^a-z0-9]+", " ", fold(text).lower()).strip()


@dataclass
class _Contents:
    """What the contents pages say: each entry's key -> level (0 = top)."""

    levels: dict[str, int] = field(default_factory=dict)


# (a) Running heads and feet ------------------------------------------------------------------

def _bands(lines: list[Line]) -> tuple[tuple[str, list[Line]], tuple[str, list[Line]]]:
    """The lines of a page (top to bottom) that may be running heads and feet: the
    first two, and those of the last two set apart from the body by a gap (a note's
    last line at the foot runs straight on from the note above it)."""
    def cut(band: list[Line], inner: list[Line]) -> list[Line]:
        # band from the page edge inwards; inner: the lines after it, towards the body
        if not inner:
            return band
        seq = band + inner[:1]
        gaps = [k for k in range(1, len(seq)) if abs(seq[k].top - seq[k - 1].top) > 1.5]
        return band[:max(gaps)] if gaps else []

    return ("top", lines[:2]), ("foot", cut(lines[::-1][:2], lines[::-1][2:3]))


def _strip_running(pages: list[Page], heads: set[str] | None = None) -> dict[int, str]:
    """Drop running heads and feet in place; return printed page labels by page number (and
    add the running heads' texts, as :func:`_key` gives them, to ``heads``)."""
    counts: Counter[tuple[str, str]] = Counter()
    numbers: dict[tuple[str, str], list[list[tuple[int, int]]]] = {}
    for page in pages:
        lines = sorted(page.lines, key=lambda ln: ln.top)
        for band, chosen in _bands(lines):
            for ln in chosen:
                key = (band, re.sub(r"\d+", "#", _key(ln.text)))
                counts[key] += 1
                for j, n in enumerate(re.findall(r"\d+", _key(ln.text))):
                    numbers.setdefault(key, [])
                    if len(numbers[key]) <= j:
                        numbers[key].append([])
                    numbers[key][j].append((int(n), page.number))
    need = max(3, int(0.3 * len(pages)))

    def steady(values: list[tuple[int, int]]) -> bool:
        """A number in a running line is the same on every page, or goes up with the page."""
        return max(max(Counter(n for n, _ in values).values()),
                   max(Counter(n - p for n, p in values).values())) >= need

    for key in [k for k in counts if counts[k] >= need and k in numbers]:
        if not all(steady(v) for v in numbers[key]):
            counts[key] = 0  # a footnote at the foot of many pages ("Children Act 2004, section 4.")
    labels: dict[int, str] = {}
    for page in pages:
        lines = sorted(page.lines, key=lambda ln: ln.top)
        drop: set[int] = set()
        apart = {id(ln) for _, chosen in _bands(lines) for ln in chosen}
        for band, chosen in (("top", lines[:2]), ("foot", lines[-2:])):
            for ln in chosen:
                text = ln.text
                m = _PAGE_NUMBER.match(text)
                edge = ln is lines[0] or ln is lines[-1]
                if m and edge:
                    drop.add(id(ln))
                    if band == "foot" or page.number not in labels:
                        labels[page.number] = m.group(1)
                elif id(ln) in apart and (counts[band, re.sub(r"\d+", "#", _key(text))] >= need and len(text) < 120
                      and re.search(r"[a-z]", _key(text))):  # bare numbers: only the rule above
                    drop.add(id(ln))
                    if heads is not None and band == "top":
                        heads.add(_key(text))
        page.lines = [ln for ln in lines if id(ln) not in drop]
    return labels


# (b) Front and back matter -------------------------------------------------------------------

def _is_contents_line(ln: Line) -> bool:
    text = ln.text
    if _LEADER.search(text):
        return True
    return len(ln.spans) >= 2 and ln.spans[-1].text.isdigit() and (ln.spans[-1].x0 - ln.spans[-2].x1) > 2


def _contents_pages(pages: list[Page]) -> set[int]:
    found: set[int] = set()
    for page in pages[: max(3, len(pages) // 6)]:
        lines = page.lines
        if not lines:
            continue
        entries = sum(_is_contents_line(ln) for ln in lines)
        titled = any(_TOC_TITLE.match(_key(ln.text)) for ln in lines[:3])
        if (titled and entries >= 3) or (entries >= 5 and entries >= 0.6 * len(lines)):
            found.add(page.number)
    return found


def _drop_inner_contents(page: Page) -> list[tuple[float, str]]:
    """Take a contents list that stands inside the body out of it; its entries
    (indent, title), or [] if the page has none.

    An annex or a long part may open with its own "Table of contents": the
    title, then three or more entries each ending in a page number (after dot
    leaders or a gap), some wrapping onto a second line. Such a list repeats
    headings with the page they print on; it is not body text, and its page
    numbers, which shift whenever a page break moves, would read as changes.
    Its titles still tell which lines of the annex are headings (see
    ``_Blocks.scoped``).
    """
    lines = page.lines
    for i, ln in enumerate(lines):
        if not _TOC_TITLE.match(_key(ln.text)):
            continue
        j = i + 1
        entries: list[tuple[float, str]] = []
        pending: tuple[float, str] | None = None
        while j < len(lines):
            if _is_contents_line(lines[j]):
                x0, title = _entry_title(lines[j])
                if pending:
                    x0, title = pending[0], f"{pending[1]} {title}"
                    pending = None
                entries.append((x0, title))
                j += 1
            elif j + 1 < len(lines) and _is_contents_line(lines[j + 1]) and not _PARA_START.match(lines[j].text):
                pending = (lines[j].x0, lines[j].text)  # an entry wrapping onto the next line
                j += 1
            else:
                break
        if len(entries) >= 3:
            page.lines = lines[:i] + lines[j:]
            return entries
    return []


def _entry_title(ln: Line) -> tuple[float, str]:
    """A contents line's indent and its title, without the leaders and page number."""
    m = _LEADER.search(ln.text)
    body = ln.text[: m.start()] if m else " ".join(s.text for s in ln.spans[:-1])
    return ln.x0, body.strip()


def _read_contents(pages: list[Page], numbers: set[int]) -> _Contents:
    """Contents entries and their levels.

    Indentation gives the level, but layout text shifts each page so that its
    leftmost entry starts at column 0: on each page the indent is measured from
    a chapter-like entry (level 0) or a ``Section N:`` entry (one step in), or
    else from the previous page's origin.
    """
    entries: list[tuple[int, float, str]] = []  # (page, x0, text)
    for page in pages:
        if page.number not in numbers:
            continue
        pending: tuple[float, str] | None = None
        for ln in page.lines:
            text = ln.text
            if _TOC_TITLE.match(_key(text)) or _key(text) in ("table of figures", "figures"):
                pending = None
                continue
            if not _is_contents_line(ln):  # an entry that wraps onto the next line
                pending = (pending[0], pending[1] + " " + text) if pending else (ln.x0, text)
                continue
            x0, body = _entry_title(ln)
            if pending:
                x0, body = pending[0], pending[1] + " " + body
                pending = None
            if not re.match(r"^figure\s+\d", body.strip(), re.IGNORECASE):
                entries.append((page.number, x0, body.strip()))
    # The indent of a Section N entry relative to the chapters, where both are on one page.
    section_step = None
    for number in sorted({p for p, _, _ in entries}):
        on_page = [(x, t) for p, x, t in entries if p == number]
        tops = [x for x, t in on_page if heading_kind(t)[0] in ("chapter", "annex", "appendix", "part")]
        secs = [x for x, t in on_page if heading_kind(t)[0] == "section"]
        if tops and secs:
            section_step = min(secs) - min(tops)
            break
    origin = 0.0
    normalised: list[tuple[float, str]] = []
    for number in sorted({p for p, _, _ in entries}):
        on_page = [(x, t) for p, x, t in entries if p == number]
        tops = [x for x, t in on_page if heading_kind(t)[0] in ("chapter", "annex", "appendix", "part")]
        secs = [x for x, t in on_page if heading_kind(t)[0] == "section"]
        if tops:
            origin = min(tops)
        elif secs and section_step is not None:
            origin = min(secs) - section_step
        normalised += [(x - origin, t) for x, t in on_page]
    levels: list[float] = []
    for x in sorted({round(x) for x, _ in normalised}):
        if not levels or x - levels[-1] > 1:
            levels.append(x)
    contents = _Contents()
    for x0, text in normalised:
        level = max((k for k, x in enumerate(levels) if x <= round(x0) + 1), default=0)
        kind, _ = heading_kind(text)
        contents.levels.setdefault(_key(text), 0 if kind in ("chapter", "annex", "appendix", "part") else level)
    return contents


def _cover(pages: list[Page], contents_pages: set[int]) -> tuple[str | None, set[int]]:
    """The title from the cover page, and the cover's page numbers."""
    if not pages:
        return None, set()
    first = pages[0]
    is_cover = first.number not in contents_pages and (
        len(first.lines) <= 15 and not any(_PARA_START.match(ln.text) for ln in first.lines))
    if not is_cover:
        return None, set()
    lines = first.lines
    if first.has_fonts and lines:
        biggest = max(ln.size for ln in lines)
        chosen = [ln for ln in lines if ln.size >= biggest - 0.5]
    else:
        chosen = []
        for ln in lines:
            if chosen and ln.top - chosen[-1].top > 1.5:
                break
            chosen.append(ln)
            if re.fullmatch(r"(19|20)\d\d", ln.text.strip()):
                break  # "Working Together to Safeguard Children / 2023": the subtitle follows
    title = " ".join(ln.text for ln in chosen).strip()
    return title or None, {first.number}


def _title_of_running_head(first: Page, heads: set[str]) -> str | None:
    """The title opening a first page that is no cover, in layout text: its first lines (at most
    :data:`_HEADING_LINES`, set close together) when their words are those of a running head.

    A Word document's page header repeats its title; the first page opens with the title set
    large, which layout text cannot tell from body text by its size, and may wrap otherwise
    than the header. The lines are taken off the page (the caller makes them a heading above
    all others)."""
    lines = first.lines
    for n in range(min(_HEADING_LINES, len(lines)), 0, -1):
        span = lines[:n]
        if any(b.top - a.top >= 1.5 for a, b in zip(span, span[1:])):
            continue
        text = " ".join(ln.text for ln in span)
        if _key(text) in heads:
            first.lines = lines[n:]
            return text
    return None


def _back_matter(pages: list[Page]) -> set[int]:
    out = set()
    for page in pages[-2:]:
        text = " ".join(ln.text for ln in page.lines)
        if "© Crown copyright" in text or "©Crown copyright" in text:
            out.add(page.number)
    return out


# (c) Footnotes -------------------------------------------------------------------------------

@dataclass
class _Notes:
    items: list[Item] = field(default_factory=list)
    next_marker: int = 1


def _marker_of(ln: Line, has_fonts: bool, body_size: float, expected: int | None = None
               ) -> tuple[str, str] | None:
    """(marker, text after it) when ``ln`` opens a footnote.

    In layout text a marker stands alone on its line, or starts the line when it
    is the number the running sequence of notes expects next (``expected``).
    """
    if not ln.spans:
        return None
    first = ln.spans[0]
    if has_fonts:
        m = re.match(r"^(\d{1,3})\s*(.*)$", first.text)
        # the marker is set smaller than the note's text (or raised); a note whose
        # continuation line starts with a number has that number in the text's size
        if m and (first.superscript or (first.size < ln.size - 0.5 and not m.group(2))
                  or (expected is not None and int(m.group(1)) == expected and m.group(2))):
            rest = (m.group(2) + " " + " ".join(s.text for s in ln.spans[1:])).strip()
            return m.group(1), rest
        return None
    m = _MARKER_LINE.match(ln.text)
    if m:
        return m.group(1), ""
    # "4 Detailed information …", or glued to a capital: "75The Safeguarding …"
    m = _NOTE_START.match(ln.text)
    if m and expected is not None and int(m.group(1)) == expected:
        return m.group(1), m.group(2)
    return None


_NOTE_START = re.compile(r"^(\d{1,3})(?:\s+|(?=[A-Z“‘]))(\S.*)$")


def _take_footnotes(page: Page, notes: _Notes, body_size: float) -> tuple[list[Line], list[Item]]:
    """Split a page into body lines and footnote items."""
    lines = page.lines
    found: list[Item] = []
    if not lines:
        return lines, found
    start = None
    resume = None
    if page.has_fonts:
        # The trailing run of small-type lines that begins with a marker.
        k = len(lines)
        while k > 0 and 0 < lines[k - 1].size < body_size * 0.9:
            k -= 1
        for i in range(k, len(lines)):
            if _marker_of(lines[i], True, body_size, notes.next_marker):
                start = i - _carried_note_lines(lines[k:i], lines[i:])
                break
    else:
        margin = min(ln.x0 for ln in lines)
        for i, ln in enumerate(lines):
            m = _marker_of(ln, False, body_size, notes.next_marker) or _marker_of(ln, False, body_size, 1)
            if not m or ln.x0 > margin + 1:  # a note's number stands at the left edge
                continue
            number = int(m[0])
            if number not in (notes.next_marker, notes.next_marker + 1, notes.next_marker + 2, 1):
                continue
            # the run of lines above it with no gap belongs to the notes too when it can
            # (a note continued from the previous page, or this note's first line printed
            # above its number); the gap above the run separates the body
            s = i
            while s > 0 and lines[s].top - lines[s - 1].top < 1.5:
                s -= 1
            if s < i and not _run_is_note(lines[s:i], margin, notes, page.number):
                # body text runs on to a number set alone above its note's text (a raised
                # marker leaves no blank line): the notes start at the number
                if m[1] or i + 1 >= len(lines):
                    continue
                s = i
            elif s == 0 or lines[s].top - lines[s - 1].top < 1.5:
                continue
            elif s < i - 1 or lines[s].x0 <= margin + 0.5:
                # the rest of the previous page's last note starts at the notes' margin, line
                # after line: a line set in from it above the number (a paragraph's hanging
                # lines) is body, and so is all above it — the page's body may run straight
                # on to the note's rest, with no gap
                s = max([k + 1 for k in range(s, i) if lines[k].x0 > margin + 0.5], default=s)
            # numbering that starts again at 1 (the notes of a figure or box) needs two notes
            # in sequence to tell it from a line that happens to begin with "1"
            if _consecutive(lines[i:], number) >= (2 if number == 1 != notes.next_marker else 1):
                start = s
                if number == 1 != notes.next_marker:  # the page's own numbering; the run resumes after it
                    resume, notes.next_marker = notes.next_marker, 1
                break
    if start is None:
        return lines, found
    current: Item | None = None
    for ln in _marker_first(lines[start:], page.has_fonts):
        expected = int(current.number or 0) + 1 if current is not None else notes.next_marker
        m = _marker_of(ln, page.has_fonts, body_size, expected)
        if m and (current is None or int(m[0]) == int(current.number or 0) + 1 or int(m[0]) == 1
                  or page.has_fonts):
            current = Item("footnote", m[1], number=m[0], page=page.number, links=tuple(ln.links))
            found.append(current)
            notes.next_marker = int(m[0]) + 1
        elif current is not None:
            current.text = _join(current.text, ln.text)
            current.links += tuple(u for u in ln.links if u not in current.links)
        elif notes.items:  # continued from the previous page
            notes.items[-1].text = _join(notes.items[-1].text, ln.text)
    notes.items.extend(found)
    if resume is not None:
        notes.next_marker = resume
    return lines[:start], found


def _carried_note_lines(above: list[Line], notes: list[Line]) -> int:
    """How many of the small-type lines ``above`` a PDF page's first note marker belong to the
    notes (the rest of the previous page's last note): those, counted up from the marker, that
    start where the page's notes start their lines (within a few points). Small type set
    elsewhere — a chart's boxes at the foot of the page, centred — is body."""
    edges = sorted({round(ln.x0) for ln in notes})
    count = 0
    for ln in reversed(above):
        if not any(abs(ln.x0 - x) <= 4.0 for x in edges):
            break
        count += 1
    return count


def _run_is_note(run: list[Line], margin: float, notes: _Notes, page: int) -> bool:
    """Whether lines set straight above a note's number belong to the notes: the first
    line of that note (one line, set in from the margin, see :func:`_marker_first`), or
    the rest of the previous page's last note, which stopped short of a full stop."""
    if len(run) == 1 and run[0].x0 > margin + 0.5:
        return True
    last = notes.items[-1] if notes.items else None
    return (last is not None and last.page == page - 1
            and not last.text.rstrip().endswith((".", "!", "?", ";", ":")))


def _marker_first(lines: list[Line], has_fonts: bool) -> list[Line]:
    """The note lines in reading order, each note's number before its first line.

    A note's marker is set smaller and raised, so pdftotext may print it on a
    line of its own just below the first line of the note's text; that first
    line is still set right of the notes' margin by the marker's width, where a
    line carrying on a note starts at the margin. Such a line, directly above a
    number standing alone and not itself below a number, is put after it.
    """
    if has_fonts or not lines:
        return lines
    margin = min(ln.x0 for ln in lines)
    out = list(lines)
    for j in range(1, len(out)):
        above, ln = out[j - 1], out[j]
        alone = j == 1 or above.top - out[j - 2].top >= 1.5  # no number above it to belong to
        if (_MARKER_LINE.match(ln.text) and not _MARKER_LINE.match(above.text) and ln.top - above.top < 1.5
                and above.x0 > margin + 0.5 and ln.x0 <= margin + 0.5 and alone):
            out[j - 1], out[j] = ln, above
    return out


def _consecutive(lines: list[Line], first: int) -> int:
    """How many note markers below a candidate start run on in sequence (0: they do not)."""
    expected = first
    for ln in lines:
        m = _MARKER_LINE.match(ln.text)
        if m:
            if int(m.group(1)) != expected:
                return 0
            expected += 1
        elif (m := _NOTE_START.match(ln.text)) and int(m.group(1)) == expected:
            expected += 1
    return max(1, expected - first)


_NOT_A_MARKER_AFTER = re.compile(
    r"(?i:section|sections|paragraph|paragraphs|chapter|chapters|page|pages|schedule|part|article|"
    r"rule|figure|table|annex|appendix|age|aged|under|over|and|or|to|of|the|between|from|than|"
    r"within|by)|regulation|.*[(–-]")


# a bare number, but not a quantity ("every 3 months", "15 working days"): after a space,
# or glued to a word ("requirements216", "is147"), to the punctuation closing a word
# ("help.4", "(CCE)13", "bullying).6"), to a year ("Act 199823", "Regulations 2009.58"),
# or to the punctuation after a number where a sentence ends ("the age of 25.29")
_MARKER_IN_TEXT = re.compile(
    r"(?:(?<=\S) |^|(?<=[a-z]{2})|(?<=[^\W\d_][.,;:)’”'])|(?<=[)’”][.,;:])|(?<=\b(?:19|20)\d\d)|(?<=\d[.,;:)]))"
    r"(\d{1,3}(?:,\d{1,3})*)(?=$|\s|[.,;:)])"
    r"(?!\s+(?:working\s+|calendar\s+|school\s+)?(?:days?|weeks?|months?|years?|hours?|minutes?|times|"
    r"per\b|percent|children|people|members|places|pages|paragraphs|or\s+more|to\s+\d))")


#: at most this many note markers are read as printed together
_GLUED_RUN = 6
# where markers printed together may stand: after a space (two of them: not "in 2021" before
# the sentence goes on), glued to a word, or to the punctuation closing a word
_GLUED_AFTER_ANY = r"(?P<pre>(?<=\S) |(?<=[^\W\d_])|(?<=[^\W\d_][.,;:)’”'])|(?<=[)’”][.,;:]))"
_GLUED_AFTER_SENTENCE = r"(?P<pre>(?<=[^\W\d_][.!?:;)’”]) )"
_GLUED_AFTER = r"(?P<pre>(?<=\S) (?=\d+(?:$|[.,;:)]))|(?<=[^\W\d_])|(?<=[^\W\d_][.,;:)’”'])|(?<=[)’”][.,;:]))"


def _text_refs(lines: list[Line], markers: list[str]) -> dict[int, list[str]]:
    """In layout text, find each note marker as a bare number in the body and cut it out.

    A marker is a number standing after a word or another number (``Act 2010 6
    must``, ``practitioners 15.``, ``guidance 133,134,135.``), or alone on a line
    below one (a marker pushed off the line it marks), searched in
    reading order from where the previous marker was found, never after words
    such as "section" or "paragraph" that make a number part of the text.
    """
    refs: dict[int, list[str]] = {}
    # Notes cited at one place print their markers together ("160161", "forces.2021",
    # "child4748", " 777879"): a run of consecutive note numbers of the page, where one
    # marker may stand, is read as a list ("160,161"), the longest run first.
    for size in range(min(_GLUED_RUN, len(markers)), 1, -1):
        for k in range(len(markers) - size + 1):
            run = markers[k:k + size]
            joined = "".join(run)
            if any(int(b) != int(a) + 1 for a, b in zip(run, run[1:])) or joined in markers:
                continue
            if len(joined) < 4:
                # "45" is forty-five, not notes 4 and 5 — save where only markers stand: after
                # a sentence's closing punctuation, at the end of the line ("… help. 12")
                glued = re.compile(rf"{_GLUED_AFTER_SENTENCE}{joined}$")
            else:
                glued = re.compile(rf"{_GLUED_AFTER if size == 2 else _GLUED_AFTER_ANY}{joined}(?=$|\s|[.,;:)])")
            for ln in lines:
                for span in ln.spans:
                    span.text = glued.sub(lambda m: m.group("pre") + ",".join(run), span.text)
    pos = (0, 0, 0)
    done: set[str] = set()
    for marker in markers:
        if marker in done:
            continue
        # in reading order from the previous marker; notes cited out of order
        # (a box set beside the text) are looked for from the top of the page
        hit = _find_marker(lines, marker, pos) or _find_marker(lines, marker, (0, 0, 0))
        if hit is None:
            continue
        i, k, m = hit
        span = lines[i].spans[k]
        numbers = [n for n in m.group(1).split(",") if n in markers]
        span.text = span.text[: m.start()] + span.text[m.end():]
        target = lines[i]
        if not span.text.strip():  # a marker on a line of its own: it marks the line above
            target.spans = [x for x in target.spans if x is not span]
            if not target.spans and i:
                target = lines[i - 1]
        refs.setdefault(id(target), []).extend(numbers)
        done.update(numbers)
        pos = (i, k, m.start())
    return refs


_ENDS = re.compile(r"\s*(?:$|[A-Z“‘(])")
_DECIMAL_AFTER = re.compile(r"(?i:paragraphs?|paras?|sections?|chapters?|pages?|figures?|tables?|annex|appendix|"
                            r"steps?|version)")


def _find_marker(lines: list[Line], marker: str, pos: tuple[int, int, int]
                 ) -> tuple[int, int, re.Match[str]] | None:
    for i in range(pos[0], len(lines)):
        for k, span in enumerate(lines[i].spans):
            if (i, k) < pos[:2]:
                continue
            offset = pos[2] if (i, k) == pos[:2] else 0
            for m in _MARKER_IN_TEXT.finditer(span.text, offset):
                if m.group(1).split(",")[0] != marker:
                    continue
                at = m.start(1)
                if at == 0 and k == 0 and len(lines[i].spans) == 1 and span.text == m.group(1) and i and (
                        lines[i - 1].page == lines[i].page):
                    # the number of a note of this page on a line of its own, below a line of
                    # text: a marker the word processor pushed off the line it marks
                    # ("… prohibition orders" / "81")
                    before = lines[i - 1].spans[-1].text.rstrip().split(" ")[-1]
                elif at == 0:  # at the start of a span: only after a wide gap in a line
                    if k == 0:
                        continue
                    before = lines[i].spans[k - 1].text.rstrip().split(" ")[-1]
                elif span.text[at - 1] in ".,;:)" and span.text[at - 2:at - 1].isdigit():
                    # glued to a number's closing punctuation: a marker after a year
                    # ("Regulations 2009.58 and") or where a sentence ends ("the age of
                    # 25.29"), never in a reference ("paragraph 3.16")
                    words = span.text[:at - 1].split(" ")
                    year = re.fullmatch(r"(?:19|20)\d\d", words[-1])
                    if not (year or _ENDS.match(span.text, m.end(1))) or (
                            len(words) > 1 and _DECIMAL_AFTER.fullmatch(words[-2])):
                        continue
                    before = ""
                elif span.text[at - 1] != " ":  # glued to a word: "requirements216"
                    before = ""
                else:
                    before = span.text[:at].rstrip().split(" ")[-1]
                if not _NOT_A_MARKER_AFTER.fullmatch(before):
                    return i, k, m
    return None


# (d) Blocks ----------------------------------------------------------------------------------

def _join(a: str, b: str) -> str:
    """Join two lines of one block, undoing typographic hyphenation only."""
    if not a:
        return b
    if not b:
        return a
    if a.endswith(("\u00ad", "\u2010")) and b[:1].islower():
        return a[:-1] + b
    if a.endswith("-") and len(a) > 1 and a[-2].isalpha() and b[:1].isalpha():
        return a + b  # a hard hyphen at the line end: keep it (multi-agency)
    return a + " " + b


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


class _Blocks:
    """Cuts body lines into blocks and emits items."""

    def __init__(self, contents: _Contents, has_fonts: bool, body_size: float, left: float,
                 heading_sizes: list[float], labels: dict[int, str],
                 inner_contents: dict[int, list[tuple[float, str]]] | None = None) -> None:
        self.contents = contents
        self.has_fonts = has_fonts
        self.body_size = body_size
        self.left = left
        self.heading_sizes = heading_sizes
        self.labels = labels
        self.out: list[Item] = []
        self.current: Item | None = None
        #: lines in the open block, and whether it opened after a gap or a finished block
        self.current_lines = 0
        self.current_detached = False
        self.last_top = -1.0
        self.last_page = 0
        self.last_x1 = 0.0
        #: where the open block's continuation lines start, and the text block's right edge
        self.body_x = left
        self.number_x = left
        #: where the open paragraph's text starts (after a number set apart from it)
        self.text_x = left
        self.right_edge = 0.0
        self.bullet_x: list[float] = []
        self.bullet_kinds: list[str] = []
        #: the header row of the table being read, to drop its repeats on later pages
        self.table_header: tuple[str, ...] | None = None
        self.table_start = 0
        #: where the open list item's text starts: a line set further left ends the item
        self.item_indent = 0.0
        self.glossary = False
        self.last_number: str | None = None
        #: a top-level heading came after the last numbered paragraph (numbering may restart)
        self.new_chapter = False
        self.last_heading_level = 1
        self.toc_size = float("inf")
        self.pending_refs: tuple[str, ...] = ()
        #: contents lists inside the body, by page (see ``_drop_inner_contents``)
        self.inner_contents = inner_contents or {}
        #: the headings an annex's own contents list names (keys), valid from that
        #: list's page until the next top-level heading on a later page
        self.scoped: set[str] = set()
        self.scope_page = 0

    def _enter_page(self, page: int) -> None:
        """A page with a contents list of its own: its titles are headings of the
        part it opens. They hold only there — the same words elsewhere are judged
        on their own."""
        entries = self.inner_contents.get(page)
        if entries:
            self.scoped = {_key(t) for _, t in entries}
            self.scope_page = page

    def flush(self) -> None:
        if self.current is not None and (self.current.text.strip() or self.current.cells):
            self.out.append(self.current)
        self.current = None
        self.current_lines = 0

    def start(self, kind: str, text: str, ln: Line, *, detached: bool = True, **kw: object) -> None:
        self.flush()
        self.current = Item(kind, text, page=ln.page, page_label=self.labels.get(ln.page),
                            links=tuple(ln.links), **kw)  # type: ignore[arg-type]
        if kind != "heading" and self.pending_refs:
            self.current.refs = self.pending_refs + self.current.refs
            self.pending_refs = ()
        self.current_lines = 1
        self.current_detached = detached

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
        # the text block's width, measured on every page read so far (a page of short lines is not narrow)
        width = max(self.right_edge, max((x.x1 for x in lines if x.page == ln.page), default=ln.x1))
        if ln.x1 >= 0.9 * width:
            return False
        if nxt.top - ln.top > 1.5:
            return True
        if self._opens_entries(lines, i, width):
            return False
        return bool(nxt.text[:1].isupper() or _PARA_START.match(nxt.text)) and ln.x1 < 0.75 * width

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
        return (any(x.x1 < 0.75 * width for x in run[:-1])
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

    def feed(self, lines: list[Line], refs: dict[int, list[str]]) -> None:
        if lines:
            # the right edge of the text block: the ends of the longest lines
            ends = sorted(ln.x1 for ln in lines)
            edge = ends[int(0.9 * (len(ends) - 1))]
            self.right_edge = edge if self.right_edge == 0.0 else max(self.right_edge, edge)
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

    def _wrapped_dash(self, ln: Line, gap: float | None) -> bool:
        """A line that starts with a dash and one space, straight below the open paragraph
        and lined up with its text, carries the paragraph on ("… cannot do / – and who …"):
        a dash item is set in from the text it follows, or set apart by a gap."""
        tol = 4.0 if self.has_fonts else 1.5
        return (self.current is not None and self.current.kind == "paragraph" and gap is not None
                and gap <= 1.3 and abs(ln.x0 - self.text_x) <= tol)

    def _ends_block(self) -> bool:
        return self.current is None or self.current.text.rstrip().endswith(_TERMINAL)

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
        return hanging and full and self.current_lines > 1 and abs(ln.x0 - self.body_x) <= tol

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


def analyse(pages: list[Page], *, title: str | None = None) -> Items:
    """The items of a paged document (see the module docstring)."""
    has_fonts = any(p.has_fonts for p in pages)
    sizes: Counter[float] = Counter()
    for page in pages:
        for ln in page.lines:
            sizes[ln.size] += len(ln.text)
    body_size = sizes.most_common(1)[0][0] if sizes else 0.0
    heads: set[str] = set()
    labels = _strip_running(pages, heads)
    contents_pages = _contents_pages(pages)
    contents = _read_contents(pages, contents_pages)
    cover_title, cover = _cover(pages, contents_pages)
    opening = None
    if cover_title is None and not has_fonts and pages and pages[0].number not in contents_pages:
        opening = _title_of_running_head(pages[0], heads)
    skip = contents_pages | cover | _back_matter(pages)
    # a figures list just after the contents is part of the contents
    for page in pages:
        if page.number - 1 in contents_pages and sum(_is_contents_line(ln) for ln in page.lines) >= 2 and \
                len(page.lines) <= 6:
            skip.add(page.number)
    body_pages = [p for p in pages if p.number not in skip]
    inner: dict[int, list[tuple[float, str]]] = {}
    for page in body_pages:
        entries = _drop_inner_contents(page)
        if entries:
            inner[page.number] = entries
    left_counts: Counter[float] = Counter()
    for page in body_pages:
        for ln in page.lines:
            left_counts[round(ln.x0)] += 1
    left = float(left_counts.most_common(1)[0][0]) if left_counts else 0.0
    heading_sizes = sorted({s for s, n in sizes.items() if s >= body_size + _BIGGER and n >= 3}, reverse=True)
    notes = _Notes()
    blocks = _Blocks(contents, has_fonts, body_size, left, heading_sizes, labels, inner)
    if opening is not None:
        # the title opening the first page: a heading above all others (the structure stage
        # takes such a lone first heading for the title, as it does the PDF's large type)
        cover_title = opening
        blocks.out.append(Item("heading", opening, level=0, page=pages[0].number,
                               page_label=labels.get(pages[0].number)))
    split = [(page, *_take_footnotes(page, notes, body_size)) for page in body_pages]
    refs: dict[int, list[str]] = {}
    for k, (page, body, found) in enumerate(split):
        if has_fonts:
            numbers = [n.number or "" for n in found]
            for ln in body:
                marks: list[str] = []
                kept = []
                for span in ln.spans:
                    m = _MARKER_SPAN.fullmatch(span.text.strip()) if span.superscript else None
                    if m is None:
                        kept.append(span)
                        continue
                    marks += [x for part in re.split(r"[\s,]+", m.group(1)) for x in _unglue(part, numbers)]
                    if m.group(2):  # punctuation set in the marker's type belongs to the text
                        kept.append(replace(span, text=m.group(2), superscript=False, gap_before=False))
                if marks:
                    refs[id(ln)] = marks
                ln.spans = kept
        else:
            wanted = [n.number or "" for n in found]
            here = _text_refs(body, wanted)
            refs.update(here)
            seen = {m for ms in here.values() for m in ms}
            missing = [m for m in wanted if m not in seen]
            if missing and k:  # cited at the foot of the previous page, noted on this one
                refs.update(_text_refs(split[k - 1][1], missing))
    right = text_edge([ln for _, body, _ in split for ln in body if ln.spans])
    for page, body, found in split:
        # figures (flow charts, diagram boxes) come out as one block each: see figures.py
        feed_page(blocks, [ln for ln in body if ln.spans], refs, right)
        for note in found:
            note.page_label = labels.get(note.page or 0)
        blocks.out.extend(found)  # attached to the citing block by the structure stage
    blocks.flush()
    return Items(_order_notes(blocks.out), pages=len(pages), title=title or cover_title)


# A superscript made of note numbers ("6", "74 75", "133,134", "160161"), perhaps
# with punctuation set in the same small type ("183,").
_MARKER_SPAN = re.compile(r"(\d{1,9}(?:[\s,]+\d{1,9})*)\s*([,.;:]?)")


def _unglue(digits: str, numbers: list[str]) -> list[str]:
    """Markers printed together ("160161") split into the page's note numbers."""
    if len(digits) <= 3 or not numbers:
        return [digits]
    for k in range(1, min(4, len(digits))):
        head = digits[:k]
        if head in numbers:
            rest = _unglue(digits[k:], numbers)
            if all(r in numbers for r in rest):
                return [head, *rest]
    return [digits]


def _order_notes(items: list[Item]) -> list[Item]:
    """Emit each page's notes after the block that cites them, even when that block
    ends on a later page (the structure stage attaches a note to the nearest
    citing block before it)."""
    out: list[Item] = []
    waiting: list[Item] = []
    cited: set[str] = set()
    for it in items:
        if it.kind == "footnote":
            (out if it.number in cited else waiting).append(it)
            continue
        out.append(it)
        cited.update(it.refs)
        if waiting:
            out.extend(n for n in waiting if n.number in cited)
            waiting = [n for n in waiting if n.number not in cited]
    out.extend(waiting)
    return out
