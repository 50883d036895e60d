"""Step (c) of :mod:`wtdiff.readers.layout`: footnotes. The notes at the foot of each page
are taken out of the body; in layout text the reference markers — bare numbers — are found
in the body's text and cut out of it (a PDF's superscript markers are taken off by the
reader, :mod:`.reader`); once the blocks are read, each page's notes are put after the block
that cites them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...structure import Item
from ..figures import text_edge
from ..lines import Line, Page
from .rules import _MARKER_LINE, _NO_TITLE_END, _PARA_START, _join


@dataclass
class _Notes:
    items: list[Item] = field(default_factory=list)
    next_marker: int = 1
    #: the last note of a page stopped mid-sentence: (page, where its last line ends, the right
    #: edge of that page's text, the width of a character on that line), to tell on the next page
    #: whether the next word would have fit on it
    open_end: tuple[int, float, float, float] | None = None


#: words a note does not end on: its rest over a page break ends the note, a line of the body
#: stopping on one of these goes on (no title ends on them either, nor on a preposition or a verb
#: that wants more)
_NO_NOTE_END = _NO_TITLE_END | frozenset("as to for with by in on from into that which who whose where when "
                                         "is are be will should must may".split())


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
        k = _small_type_foot(lines, body_size)
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
            if s < i and not _run_is_note(lines[s:i], margin, notes, page.number, max(ln.x1 for ln in lines[i:])):
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
                s = i - len(_at_margin_below_body(lines[s:i], margin))
            # numbering that starts again at 1 (the notes of a figure or box) needs two notes
            # in sequence to tell it from a line that happens to begin with "1"
            if _consecutive(lines[i:], number) >= (2 if number == 1 != notes.next_marker else 1):
                start = s
                if number == 1 != notes.next_marker:  # the page's own numbering; the run resumes after it
                    resume, notes.next_marker = notes.next_marker, 1
                break
    if start is None and notes.open_end is not None and notes.open_end[0] == page.number - 1:
        start = _rest_alone(lines, page.has_fonts, body_size, notes, page.number)
    notes.open_end = None
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
    last = notes.items[-1] if notes.items else None
    if last is not None and last.page == page.number and lines[start:] and \
            not last.text.rstrip().endswith((".", "!", "?", ";", ":", ")")):
        body, foot = lines[:start], lines[start:]
        edge = max([ln.x1 for ln in foot] + [text_edge([ln for ln in body if ln.spans])])
        end = foot[-1]
        notes.open_end = (page.number, end.x1, edge, (end.x1 - end.x0) / max(len(end.text), 1))
    return lines[:start], found


def _rest_alone(lines: list[Line], has_fonts: bool, body_size: float, notes: _Notes, page: int) -> int | None:
    """Where the rest of the last page's note starts on a page with no notes of its own.

    The note stopped mid-sentence on the page before, on a full line: the first word of its
    rest would not have fit on that line (its width, in characters of that line, past the text's
    right edge — a note that is a title or a link ends short, and goes on nowhere). Its rest is
    the run of lines at the foot of this page — in a PDF in small type, in layout text after the
    last gap — each starting at one left edge, and ending as a note may (not on an article, a
    conjunction or a preposition: see :func:`_run_is_note`). None when there is no such run."""
    k = len(lines)
    if has_fonts:
        k = _small_type_foot(lines, body_size)
    elif lines:
        k = len(lines) - 1
        while k > 0 and lines[k].top - lines[k - 1].top < 1.5:
            k -= 1
    if k <= 0 or k >= len(lines):
        return None
    run = lines[k:]
    tol = 4.0 if has_fonts else 0.5
    margin = min(ln.x0 for ln in (run if has_fonts else lines))
    words = run[-1].text.split()
    if any(ln.x0 > margin + tol for ln in run) or not words or words[-1].lower().strip("(") in _NO_NOTE_END \
            or _PARA_START.match(run[0].text):  # a numbered paragraph at the foot is the body's
        return None
    return k if _overleaf(notes, page, run[0]) else None


def _small_type_foot(lines: list[Line], body_size: float) -> int:
    """Where the run of lines set smaller than the body at the foot of a PDF page starts."""
    k = len(lines)
    while k > 0 and 0 < lines[k - 1].size < body_size * 0.9:
        k -= 1
    return k


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


def _run_is_note(run: list[Line], margin: float, notes: _Notes, page: int, edge: float = 0.0) -> bool:
    """Whether lines set straight above a note's number belong to the notes: the first
    line of that note (one line, set in from the margin, see :func:`_marker_first`), or
    the rest of the previous page's last note, which stopped short of a full stop — and
    whose rest ends as a note may. A note ends on a full stop, a title or an address; a run
    that stops on an article, a conjunction, a preposition or a verb that wants more ("…
    coerce, control, manipulate or", "… criminal exploitation (such as") is the body's, a
    paragraph running on to the foot of the page and over the break, however open the
    note before it was. Set in the notes' smaller type, the rest's lines but the last run as far
    right as the page's notes do (``edge``, within a long word); lines that stop where the body's
    stop are the body's, run on to the notes with no gap between."""
    if not any(c.isalnum() for ln in run for c in ln.text):
        return False  # an arrow or a rule of a chart set just above the notes holds no words of a note
    if len(run) == 1 and run[0].x0 > margin + 0.5:
        return True
    last = notes.items[-1] if notes.items else None
    words = run[-1].text.split()
    return (last is not None and last.page == page - 1
            and not last.text.rstrip().endswith((".", "!", "?", ";", ":"))
            and all(ln.x1 >= 0.85 * edge for ln in _at_margin_below_body(run, margin)[:-1])
            and not (words and words[-1].lower().strip("(") in _NO_NOTE_END))


def _at_margin_below_body(run: list[Line], margin: float) -> list[Line]:
    """The lines of ``run`` below its last line set in from the margin (a paragraph's hanging
    lines are body; the rest of a note runs on from the margin under them)."""
    return run[max([k + 1 for k, ln in enumerate(run) if ln.x0 > margin + 0.5], default=0):]


def _overleaf(notes: _Notes, page: int, first: Line) -> bool:
    """Whether the last note of the page before ``page`` goes on at ``first``: it stopped
    mid-sentence on a full line — the first word of ``first`` would not have fit on that line
    (its width, in characters of that line, past the text's right edge). A note that is a title
    or a link ends short of the edge, and goes on nowhere."""
    if notes.open_end is None or notes.open_end[0] != page - 1:
        return False
    _, x1, edge, unit = notes.open_end
    return x1 + unit * (1 + len(first.text.split(" ", 1)[0])) > edge


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


_GLUED_AFTER_SENTENCE = r"(?P<pre>(?<=[^\W\d_][.!?:;)’”]) ?)"


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
                # a word's sentence-closing punctuation, spaced or glued, at the end of the line
                # ("… help. 12", "… Barring Service.78"; a decimal has a digit before its point)
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


# A superscript made of note numbers ("6", "74 75", "133,134", "160161"), perhaps
# with punctuation set in the same small type ("183,").
_MARKER_SPAN = re.compile(r"(\d{1,9}(?:[\s,]+\d{1,9})*)\s*([,.;:]?)")


def _unglue(digits: str, numbers: list[str]) -> list[str]:
    """Markers printed together ("160161", or "12" for notes 1 and 2) split into the page's
    note numbers ``numbers``.

    A superscript that is itself a note of the page is that note. Otherwise it is split
    into notes of the page; a short one (three digits or fewer, which could be one number)
    only into consecutive notes ("12" is notes 1 and 2 on a page that has both and no
    note 12)."""
    if not numbers or digits in numbers:
        return [digits]
    parts = _split_into(digits, set(numbers))
    if parts is None or (len(digits) <= 3 and any(int(b) != int(a) + 1 for a, b in zip(parts, parts[1:]))):
        return [digits]
    return parts


def _split_into(digits: str, numbers: set[str]) -> list[str] | None:
    """``digits`` cut into members of ``numbers`` (the first cut that works), or None."""
    if digits in numbers:
        return [digits]
    for k in range(1, min(4, len(digits))):
        head = digits[:k]
        if head in numbers:
            rest = _split_into(digits[k:], numbers)
            if rest is not None:
                return [head, *rest]
    return None


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
