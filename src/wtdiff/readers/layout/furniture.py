"""Steps (a) and (b) of :mod:`wtdiff.readers.layout`: what a page carries that is not body
text — running heads and feet with the printed page numbers (the page labels), the cover and
its title (or, in layout text with no cover, a title opening the first page that repeats a
running head), and the closing Crown copyright page."""

from __future__ import annotations

import re
from collections import Counter

from ..lines import Line, Page
from .rules import _HEADING_LINES, _PARA_START, _key


_PAGE_NUMBER = re.compile(r"^(?:page\s+)?(\d{1,4}|[ivxlcdm]{1,7})(?:\s+of\s+\d{1,4})?$", re.IGNORECASE)


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
