"""The HTML change log as a small site: a summary page and one page per chapter.

For large comparisons, where one file of every change is slow to open or
send: ``index.html`` holds the summary, the chapter chart, the alignment map
and the terms; each chapter's changes are on a page of their own, linked in
order. Every page is self-contained like the one-file report (style and script
inlined, allowed by hash, no requests), so the folder can be copied anywhere —
an intranet, a shared drive, a zip attachment — and opened from disk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from ..comparison import Comparison
from ..errors import OutputError
from ..fileio import write_atomic
from .html import FilterCounts, environment, filter_counts, page_context
from .view import ChapterStat, Group, View, view

__all__ = ["Page", "render_site", "write_site"]


@dataclass
class Page:
    """One chapter's page."""

    href: str
    group: Group
    stat: ChapterStat | None
    counts: FilterCounts
    prev: Page | None = field(default=None, repr=False)
    next: Page | None = field(default=None, repr=False)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:48].rstrip("-") or "chapter"


def _pages(v: View) -> list[Page]:
    stats = {s.anchor: s for s in v.chapters if s.anchor}
    pages = []
    for n, g in enumerate(v.groups, 1):
        only = View(comparison=v.comparison, groups=(g,), sections=(), hidden_terminology=0, counts=())
        pages.append(Page(href=f"{n:02d}-{_slug(g.title)}.html", group=g, stat=stats.get(g.anchor),
                          counts=filter_counts(only)))
    for a, b in pairwise(pages):
        a.next, b.prev = b, a
    return pages


def render_site(c: Comparison) -> dict[str, str]:
    """The site's pages as ``{file name: HTML}``, ``index.html`` first."""
    v = view(c)
    ctx = page_context(c, v)
    pages = _pages(v)
    by_anchor = {p.group.anchor: p.href for p in pages}
    env = environment()
    common = dict(ctx, site=True, pages=pages, index_href="index.html",
                  chapter_href=lambda s: by_anchor.get(s.anchor, "index.html"))
    out = {"index.html": env.get_template("html/site_index.html.j2").render(**common, page=None)}
    chapter = env.get_template("html/site_chapter.html.j2")
    for p in pages:
        out[p.href] = chapter.render(**common, page=p)
    return out


def write_site(c: Comparison, directory: str | Path) -> list[Path]:
    """Write the site into ``directory`` (created if need be); returns the files written.

    Each page is written whole or not at all; a folder or page that cannot be
    written raises :class:`~wtdiff.errors.OutputError`.
    """
    folder = Path(directory)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot make the folder for the site ({exc.strerror or exc}).",
                          hint="Give -o a folder that can be created, or an existing empty one.") from exc
    written = []
    for name, text in render_site(c).items():
        path = folder / name
        write_atomic(path, text)
        written.append(path)
    return written
