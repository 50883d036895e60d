"""The document tree every reader produces and every later stage consumes.

An edition is a :class:`Document` whose children are :class:`Section` nodes
(chapters, annexes, appendices and the headings nested inside them) and
:class:`Block` nodes (numbered and unnumbered paragraphs, list items, table
rows, glossary definitions, and figures — flow charts and diagram boxes, whose
words are kept but whose reading order is not to be trusted). Footnotes are blocks of kind ``footnote`` attached
to the block that cites them (``Block.notes``).

Nodes are frozen dataclasses with children held in tuples, so trees can be
shared, hashed and cached; change them with :func:`dataclasses.replace`.
Every node keeps where it came from: its stable ``id`` (unique within one
parse), its printed ``number``, its heading ``path`` and, when the source has
pages, the physical ``page`` (1-based) and the printed ``page_label``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal, Union

from .normalize import fold

__all__ = ["Block", "Section", "Document", "Node", "BlockKind", "SectionKind"]

BlockKind = Literal["paragraph", "list-item", "table-row", "footnote", "definition", "figure"]
SectionKind = Literal["chapter", "annex", "appendix", "part", "section", "heading"]

BLOCK_KINDS: tuple[str, ...] = ("paragraph", "list-item", "table-row", "footnote", "definition", "figure")
SECTION_KINDS: tuple[str, ...] = ("chapter", "annex", "appendix", "part", "section", "heading")


@dataclass(frozen=True, slots=True)
class Block:
    """A leaf of the tree: the unit that is aligned and diffed.

    ``text`` is the display text (white space collapsed, without the printed
    paragraph number); :attr:`key` is its comparison form.
    """

    id: str
    kind: BlockKind
    text: str
    number: str | None = None
    page: int | None = None
    page_label: str | None = None
    path: tuple[str, ...] = ()
    #: list nesting depth, 0 for a top-level list item
    level: int = 0
    #: the cells of a table row, as displayed
    cells: tuple[str, ...] = ()
    #: a table's header row
    header: bool = False
    #: the term a glossary definition defines
    term: str | None = None
    #: footnotes cited by this block, in citation order
    notes: tuple["Block", ...] = ()
    #: addresses of the links in the block, in order
    links: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """The comparison text: typography folded so it alone never differs."""
        return fold(self.text)


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and everything below it up to the next heading of its level."""

    id: str
    title: str
    kind: SectionKind = "heading"
    number: str | None = None
    #: heading depth, 1 for chapters and annexes
    level: int = 1
    page: int | None = None
    page_label: str | None = None
    #: titles of the enclosing sections and this one, outermost first
    path: tuple[str, ...] = ()
    children: tuple["Node", ...] = ()

    @property
    def key(self) -> str:
        return fold(self.title)

    def blocks(self, *, notes: bool = True) -> Iterator[Block]:
        """Every block below this section in reading order."""
        return _walk_blocks(self.children, notes)

    def sections(self) -> Iterator["Section"]:
        """This section's descendant sections, depth first."""
        return _walk_sections(self.children)


Node = Union[Section, Block]


@dataclass(frozen=True, slots=True)
class Document:
    """One parsed edition."""

    title: str
    children: tuple[Node, ...] = ()
    #: where the text was read from (a path or URL)
    source: str = ""
    #: SHA-256 of the source file's bytes
    sha256: str = ""
    #: the reader that produced it: markdown, text, html, pdf, docx, layout
    format: str = ""
    #: registry id of the edition, when known
    edition: str | None = None
    #: number of physical pages, when the source has pages
    pages: int | None = None
    #: what the reader wants the user told ("tracked changes were accepted")
    remarks: tuple[str, ...] = ()
    _index: dict[str, Node] = field(default_factory=dict, compare=False, repr=False)

    def blocks(self, *, notes: bool = True) -> Iterator[Block]:
        """Every block in reading order; footnotes follow the block citing them."""
        return _walk_blocks(self.children, notes)

    def sections(self) -> Iterator[Section]:
        """Every section, depth first in reading order."""
        return _walk_sections(self.children)

    def get(self, node_id: str) -> Node | None:
        """The node with this id, or None."""
        if not self._index:
            for s in self.sections():
                self._index[s.id] = s
            for b in self.blocks():
                self._index[b.id] = b
        return self._index.get(node_id)


def _walk_blocks(children: tuple[Node, ...], notes: bool) -> Iterator[Block]:
    for child in children:
        if isinstance(child, Block):
            yield child
            if notes:
                yield from child.notes
        else:
            yield from _walk_blocks(child.children, notes)


def _walk_sections(children: tuple[Node, ...]) -> Iterator[Section]:
    for child in children:
        if isinstance(child, Section):
            yield child
            yield from _walk_sections(child.children)
