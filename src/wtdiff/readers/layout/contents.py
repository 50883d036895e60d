"""Step (b) of :mod:`wtdiff.readers.layout`: contents lists. Which pages hold the
edition's contents, the level of each entry (from its indentation; chapters, annexes,
appendices and parts at the top), and the contents list that opens an annex inside the body,
whose entries name that part's headings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...structure import heading_kind
from ..lines import Line, Page
from .rules import _PARA_START, _key


_TOC_TITLE = re.compile(r"^(table of )?contents$", re.IGNORECASE)
_LEADER = re.compile(r"\s*(?:\.\s*){4,}\s*(\d{1,4})$")


@dataclass
class _Contents:
    """What the contents pages say: each entry's key -> level (0 = top)."""

    levels: dict[str, int] = field(default_factory=dict)


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
