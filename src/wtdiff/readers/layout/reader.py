"""The entry point of :mod:`wtdiff.readers.layout`: :func:`analyse` runs the steps over a
document's pages and returns its items."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from ...structure import Item, Items
from ..figures import feed_page, text_edge
from ..lines import Page
from .blocks import _Blocks
from .contents import _contents_pages, _drop_inner_contents, _is_contents_line, _read_contents
from .footnotes import _MARKER_SPAN, _Notes, _order_notes, _take_footnotes, _text_refs, _unglue
from .furniture import _back_matter, _cover, _strip_running, _title_of_running_head
from .rules import _BIGGER


def analyse(pages: list[Page], *, title: str | None = None) -> Items:
    """The items of a paged document (see the package docstring, :mod:`wtdiff.readers.layout`)."""
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
            # the notes of this page, and of the next: a note the word processor could not fit
            # under the line citing it is printed at the foot of the page after
            numbers = [n.number or "" for n in found] + [
                n.number or "" for n in (split[k + 1][2] if k + 1 < len(split) else [])]
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
