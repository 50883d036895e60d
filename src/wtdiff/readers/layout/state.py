"""Step (d) of :mod:`wtdiff.readers.layout`, the state of the block reader: the items read
so far, the open block, and where the reading stands on the page (the last line's position,
the margins, the open list's markers, the last paragraph number). The rules that read lines
into headings (:mod:`.headings`), tables (:mod:`.tables`) and other blocks (:mod:`.blocks`)
share it."""

from __future__ import annotations

from ...structure import Item
from ..lines import Line
from .contents import _Contents
from .rules import _TERMINAL


class _BlockState:
    """The block being read and where the reading stands: what the heading, table and
    block rules read and change (see :class:`~.blocks._Blocks`)."""

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
        #: where the lines of running text read so far end, sorted (see ``_Blocks.feed``)
        self.line_ends: list[float] = []
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

    def _ends_block(self) -> bool:
        return self.current is None or self.current.text.rstrip().endswith(_TERMINAL)
