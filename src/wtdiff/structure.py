"""Build the document tree from the flat stream of items a reader emits.

Readers know their format (Markdown syntax, HTML elements, PDF fonts) but not
the shape of statutory guidance; this stage knows the shape and nothing about
formats. A reader yields :class:`Item` records in reading order and
:func:`build` turns them into a :class:`~wtdiff.model.Document`:

1. the document title is taken from a lone top heading (or given);
2. heading levels are made relative and nested; ``Chapter 3: …``, ``Annex B``,
   ``Appendix A``, ``Part 2`` and ``Section 1:`` headings get their kind and number;
3. paragraphs in a glossary section shaped ``Term - definition`` become definitions;
4. footnote bodies are attached to the block citing their marker (the nearest
   citing block, so numbering that restarts per chapter still pairs correctly);
5. every node gets a stable id (``ch3.s2.p45``) and its heading path.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from .model import Block, Document, Node, Section
from .normalize import clean

__all__ = ["Item", "Items", "build", "split_number", "heading_kind"]


@dataclass(slots=True)
class Item:
    """One piece of a document as a reader found it, before nesting."""

    #: heading | paragraph | list-item | table-row | footnote | definition | figure
    kind: str
    text: str
    #: heading level (1 = top) or list depth (0 = top)
    level: int = 0
    #: printed paragraph number, or the marker of a footnote body
    number: str | None = None
    page: int | None = None
    page_label: str | None = None
    cells: tuple[str, ...] = ()
    header: bool = False
    #: footnote markers this item cites
    refs: tuple[str, ...] = ()
    term: str | None = None
    #: addresses of links in the item
    links: tuple[str, ...] = ()


class Items(list[Item]):
    """A reader's items plus what it knows of the whole file.

    Readers of paged formats return this so that the page count (and a title
    taken from document properties) reach the :class:`~wtdiff.model.Document`.
    """

    def __init__(self, items: Iterable[Item] = (), *, pages: int | None = None,
                 title: str | None = None) -> None:
        super().__init__(items)
        self.pages = pages
        self.title = title


_NUMBER_RE = re.compile(r"^(\d{1,3}(?:\.\d{1,3}){0,2})(?:\.(?=\s)|\s(?=\S))\s*(?=\S)")


def split_number(text: str) -> tuple[str | None, str]:
    """Split a printed paragraph number off the start of ``text``.

    ``"24. Text"`` and ``"3.16 Text"`` give ``("24", "Text")`` and
    ``("3.16", "Text")``; text without a number is returned unchanged.
    """
    m = _NUMBER_RE.match(text)
    if not m:
        return None, text
    return m.group(1), text[m.end():]


_HEADING_RE = re.compile(
    r"^(?P<kind>chapter|annex|appendix|part|section)\s+"
    r"(?P<num>\d{1,2}|[A-Z]\b|one|two|three|four|five|six|seven|eight|nine|ten)"
    r"(?=\s*(?:[:.\-–—]|$)|\s)",
    re.IGNORECASE,
)


def heading_kind(title: str) -> tuple[str, str | None]:
    """Classify a heading: ``("chapter", "3")`` for ``"Chapter 3: …"``, else ``("heading", None)``."""
    m = _HEADING_RE.match(title)
    if not m:
        return "heading", None
    return m.group("kind").lower(), m.group("num")


_GLOSSARY_RE = re.compile(r"glossary|definitions|key terms|interpretation", re.IGNORECASE)
_DEFINITION_RE = re.compile(
    r"^(?P<term>[^\s.:;–—-][^.:;–—]{0,78}?)\s*(?:\s[-–—]\s|:\s)(?P<body>\S.*)$"
)
_ID_PREFIX = {"chapter": "ch", "annex": "annex", "appendix": "app", "part": "part", "section": "sec"}


def build(
    items: Iterable[Item],
    *,
    title: str | None = None,
    source: str = "",
    sha256: str = "",
    format: str = "",
    edition: str | None = None,
    pages: int | None = None,
    remarks: tuple[str, ...] = (),
) -> Document:
    """Nest ``items`` into a :class:`Document` (see the module docstring for the steps)."""
    items = [it for it in items if clean(it.text) or it.cells]
    for it in items:
        it.text = clean(it.text)
    headings = [it for it in items if it.kind == "heading"]
    # (1) A lone heading at the top level, before any content, is the title.
    if headings and items[0] is headings[0]:
        top = min(h.level for h in headings)
        if headings[0].level == top and sum(h.level == top for h in headings) == 1:
            if title is None:
                title = headings[0].text
            items = items[1:]
            headings = headings[1:]
    if headings:
        shift = min(h.level for h in headings) - 1
        for h in headings:
            h.level -= shift
    _attach_footnotes(items)
    builder = _Builder()
    root = builder.nest(items)
    return Document(
        title=title or "",
        children=root,
        source=source,
        sha256=sha256,
        format=format,
        edition=edition,
        pages=pages,
        remarks=remarks,
    )


def _attach_footnotes(items: list[Item]) -> None:
    """(4) Pair each footnote body with the nearest item citing its marker.

    The pairing is stored by moving each body to just after its citing item
    and marking it ``refs=("@attached",)`` for the builder.
    """
    bodies = [i for i, it in enumerate(items) if it.kind == "footnote"]
    if not bodies:
        return
    citing: dict[str, list[int]] = {}
    for i, it in enumerate(items):
        if it.kind != "footnote":
            for ref in it.refs:
                citing.setdefault(ref, []).append(i)
    owner: dict[int, int] = {}
    taken: set[tuple[str, int]] = set()
    for b in bodies:
        marker = items[b].number or ""
        cands = [c for c in citing.get(marker, []) if (marker, c) not in taken]
        if not cands:
            continue
        before = [c for c in cands if c < b]
        c = max(before) if before else min(cands)
        taken.add((marker, c))
        owner[b] = c
    attached: dict[int, list[Item]] = {}
    for b, c in owner.items():
        attached.setdefault(c, []).append(items[b])
    moved = set(owner)
    out: list[Item] = []
    for i, it in enumerate(items):
        if i in moved:
            continue
        out.append(it)
        notes = attached.get(i)
        if notes:
            order = {m: k for k, m in enumerate(it.refs)}
            notes.sort(key=lambda n: order.get(n.number or "", 0))
            for n in notes:
                n.refs = ("@attached",)
            out.extend(notes)
    items[:] = out


class _Builder:
    def __init__(self) -> None:
        self.used: set[str] = set()

    def unique(self, node_id: str) -> str:
        if node_id not in self.used:
            self.used.add(node_id)
            return node_id
        n = 2
        while f"{node_id}-{n}" in self.used:
            n += 1
        self.used.add(f"{node_id}-{n}")
        return f"{node_id}-{n}"

    def nest(self, items: list[Item]) -> tuple[Node, ...]:
        # A stack of open sections: (level, fields, children list).
        root: list[Node] = []
        stack: list[tuple[int, dict[str, object], list[Node]]] = []
        counters: list[dict[str, int]] = [{}]

        def close_to(level: int) -> None:
            while stack and stack[-1][0] >= level:
                lvl, fields, kids = stack.pop()
                counters.pop()
                sec = Section(children=tuple(kids), **fields)  # type: ignore[arg-type]
                (stack[-1][2] if stack else root).append(sec)

        last_anchor = ""
        for it in items:
            if it.kind == "heading":
                close_to(it.level)
                kind, number = heading_kind(it.text)
                parent_id = stack[-1][1]["id"] if stack else ""
                count = counters[-1]
                if kind in _ID_PREFIX and number:
                    local = f"{_ID_PREFIX[kind]}{number}"
                else:
                    count["s"] = count.get("s", 0) + 1
                    local = f"s{count['s']}"
                sid = self.unique(f"{parent_id}.{local}" if parent_id else local)
                path = (tuple(stack[-1][1]["path"]) if stack else ()) + (it.text,)  # type: ignore[arg-type]
                fields: dict[str, object] = dict(
                    id=sid, title=it.text, kind=kind, number=number, level=it.level,
                    page=it.page, page_label=it.page_label, path=path,
                )
                stack.append((it.level, fields, []))
                counters.append({})
                last_anchor = sid
                continue
            parent_id = str(stack[-1][1]["id"]) if stack else ""
            path = tuple(stack[-1][1]["path"]) if stack else ()  # type: ignore[arg-type]
            kids = stack[-1][2] if stack else root
            count = counters[-1]
            if it.refs == ("@attached",):
                # A footnote body already paired with the block before it.
                owner = kids[-1] if kids and isinstance(kids[-1], Block) else None
                if owner is not None:
                    note = self.block(it, f"{owner.id}.fn{it.number or len(owner.notes) + 1}", path)
                    kids[-1] = replace(owner, notes=owner.notes + (note,))
                    continue
            kind = it.kind
            title = str(stack[-1][1]["title"]) if stack else ""
            if kind == "paragraph" and _GLOSSARY_RE.search(title):
                m = _DEFINITION_RE.match(it.text)
                if m:
                    kind, it.term = "definition", m.group("term").strip()
            prefix = f"{parent_id}." if parent_id else ""
            if kind == "paragraph" and it.number:
                bid = f"{prefix}p{it.number}"
                last_anchor = bid
            elif kind == "paragraph":
                count["b"] = count.get("b", 0) + 1
                bid = f"{prefix}b{count['b']}"
                last_anchor = bid
            elif kind == "list-item":
                count[last_anchor] = count.get(last_anchor, 0) + 1
                bid = f"{last_anchor or parent_id or 'doc'}.li{count[last_anchor]}"
            elif kind == "table-row":
                if not (kids and isinstance(kids[-1], Block) and kids[-1].kind == "table-row"):
                    count["t"] = count.get("t", 0) + 1
                    count["r"] = 0
                count["r"] = count.get("r", 0) + 1
                bid = f"{prefix}t{count.get('t', 1)}.r{count['r']}"
            elif kind == "definition":
                bid = f"{prefix}def-{_slug(it.term or it.text)}"
            elif kind == "figure":
                count["fig"] = count.get("fig", 0) + 1
                bid = f"{prefix}fig{count['fig']}"
            else:  # an unattached footnote body stays where it stands
                bid = f"{prefix}fn{it.number or ''}"
            it.kind = kind
            kids.append(self.block(it, bid, path))
        close_to(0)
        return tuple(root)

    def block(self, it: Item, bid: str, path: tuple[str, ...]) -> Block:
        cells = tuple(clean(c) for c in it.cells)
        text = it.text or " | ".join(cells)
        return Block(
            id=self.unique(bid), kind=it.kind, text=text, number=it.number,  # type: ignore[arg-type]
            page=it.page, page_label=it.page_label, path=path, level=it.level,
            cells=cells, header=it.header, term=it.term, links=it.links,
        )


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:40].rstrip("-") or "term"
