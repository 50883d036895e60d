"""The state of the reader of :mod:`wtdiff.readers.docx`: the document's parts (styles,
numbering, footnotes and endnotes with their marker counters, links, comments) and the text
being collected; with the numbering label of a paragraph."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

from docx.opc.package import OpcPackage
from docx.opc.part import Part
from lxml import etree

from ...errors import UnreadableDocumentError
from ...normalize import clean
from ...structure import Item
from .numbering import _Label, _Numbering, _format
from .package import _element, _links, _related
from .styles import _Style, _Styles
from .wordml import _ATTR_ID, _ATTR_TYPE, _ATTR_VAL, _TRACKED, _int, _w


@dataclass(slots=True)
class _Field:
    instr: list[str] = field(default_factory=list)
    result: bool = False
    toc: bool = False


@dataclass(slots=True)
class _Text:
    """The content of one paragraph (or cell, or note) as it is collected."""

    parts: list[str] = field(default_factory=list)
    #: the printed markers of the notes cited
    refs: list[str] = field(default_factory=list)
    #: the notes cited: (kind, id) beside each marker in ``refs``
    cited: list[tuple[str, str]] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    custom_mark: bool = False  # the next text run is a footnote's custom marker
    toc: bool = False

    def extend(self, other: _Text) -> None:
        self.parts.extend(other.parts)
        self.refs.extend(other.refs)
        self.cited.extend(other.cited)
        self.links.extend(other.links)

    @property
    def text(self) -> str:
        return clean("".join(self.parts))


@dataclass(slots=True)
class _Notes:
    """One kind of note (footnotes or endnotes): bodies by id and the marker counter."""

    bodies: dict[str, etree._Element]
    links: dict[str, str]
    fmt: str
    start: int
    per_section: bool
    count: int = 0

    def marker(self) -> str:
        self.count += 1
        return _format(self.start + self.count - 1, self.fmt)


class _ReaderState:
    """What the reader knows of the document (its styles, numbering, notes, links) and
    what it has read so far; the rules of :mod:`.inline`, :mod:`.tables`, :mod:`.drawings` and
    :mod:`.reader` build on it."""

    def __init__(self, package: OpcPackage, main: Part) -> None:
        self.package = package
        self.root = _element(main)
        body = self.root.find(_w("body"))
        if body is None:
            raise UnreadableDocumentError(
                "this Word document has no body (it may be saved as Strict Open XML).",
                hint="Save it from Word as an ordinary Word Document (.docx) and try again.",
            )
        self.body = body
        styles_part = _related(main, "styles")
        self.styles = _Styles(_element(styles_part) if styles_part is not None else None)
        numbering_part = _related(main, "numbering")
        self.numbering = _Numbering(_element(numbering_part) if numbering_part is not None else None, self.styles)
        settings_part = _related(main, "settings")
        settings = _element(settings_part) if settings_part is not None else None
        self.tracked = next(self.body.iter(*_TRACKED), None) is not None
        self.notes = {"footnote": self._notes(main, "footnotes", settings, "decimal"),
                      "endnote": self._notes(main, "endnotes", settings, "lowerRoman")}
        self.links = _links(main)  # of the part being read: the body, or the notes
        #: the main part's related parts by relationship id (SmartArt data)
        self.related_parts = {rid: cast(Part, rel.target_part) for rid, rel in main.rels.items()
                              if not rel.is_external}
        self.fields: list[_Field] = []
        self.out: list[Item] = []
        self.title: str | None = None
        self.last_was_title = False
        self.pending = _Text()  # text of paragraphs whose mark was deleted
        #: numbered paragraphs: the item, where its number came from, its printed label
        self.numbered: list[tuple[Item, str, str]] = []
        self.comments = 0
        comments_part = _related(main, "comments")
        if comments_part is not None:
            self.comments = sum(1 for _ in _element(comments_part).iterchildren(_w("comment")))
        self.comments = self.comments or sum(1 for _ in self.body.iter(_w("commentReference")))

    def _notes(self, main: Part, kind: str, settings: etree._Element | None, fmt: str) -> _Notes:
        part = _related(main, kind)
        bodies: dict[str, etree._Element] = {}
        links: dict[str, str] = {}
        tag = _w(kind[:-1])
        if part is not None:
            root = _element(part)
            bodies = {n.get(_ATTR_ID, ""): n for n in root.iterchildren(tag)
                      if n.get(_ATTR_TYPE, "normal") == "normal"}
            links = _links(part)
            self.tracked = self.tracked or next(root.iter(*_TRACKED), None) is not None
        props = settings.find(_w(f"{kind[:-1]}Pr")) if settings is not None else None
        start, restart = 1, False
        if props is not None:
            if (f := props.find(_w("numFmt"))) is not None:
                fmt = f.get(_ATTR_VAL, fmt)
            if (s := props.find(_w("numStart"))) is not None:
                start = _int(s.get(_ATTR_VAL), 1)
            if (r := props.find(_w("numRestart"))) is not None:
                restart = r.get(_ATTR_VAL) == "eachSect"
        return _Notes(bodies, links, fmt, start, restart)

    def _label(self, ppr: etree._Element | None, style: _Style) -> _Label | None:
        num_id, ilvl = style.num_id, style.ilvl
        numpr = ppr.find(_w("numPr")) if ppr is not None else None
        if numpr is not None:
            nid, lvl = numpr.find(_w("numId")), numpr.find(_w("ilvl"))
            if nid is not None:
                num_id = nid.get(_ATTR_VAL)
                ilvl = None if lvl is None else ilvl
            if lvl is not None:
                ilvl = _int(lvl.get(_ATTR_VAL), 0)
        if not num_id or num_id == "0":
            return None
        if ilvl is None:
            ilvl = self.numbering.style_ilvl(num_id, style.style_id)
        return self.numbering.advance(num_id, ilvl)
