"""Word (DOCX) reader.

The package is checked before anything is unpacked (a total uncompressed size
over :data:`MAX_UNCOMPRESSED`, a member compressed more than :data:`MAX_RATIO`
to one, or more than :data:`MAX_MEMBERS` members is refused as a likely zip
bomb), then opened with python-docx, whose parts are walked with lxml. Parts
python-docx does not parse (footnotes, endnotes, core properties) are parsed
with a parser that neither resolves entities nor loads DTDs nor uses the network.

The body is read in order, paragraphs and tables interleaved (content controls,
custom XML and ``mc:AlternateContent`` are looked through):

* **headings** — a direct outline level (``w:outlineLvl`` 0–8), else a
  ``Heading N`` style anywhere in the style's ``basedOn`` chain, else an outline
  level from that chain. ``Title``-style paragraphs give the document title (adjacent
  ones are joined); without one, a lone top heading is the title (as in every
  reader) or, failing that, the title in the document properties;
* **Word auto-numbering** is resolved through ``numbering.xml``: ``numPr`` on the
  paragraph or its style chain, ``numFmt``, ``lvlText`` (``%1.``, ``%1.%2``),
  ``start``, ``lvlRestart``, ``isLgl``, ``lvlOverride``/``startOverride`` and
  ``numStyleLink``. Counters are kept per abstract numbering, so two lists
  sharing one continue each other unless an override restarts one. A decimal label
  at level 0 (or one built from ``%1``, like ``3.16``) on a paragraph that is not
  in a ``List Bullet``/``List Number`` style is the printed **paragraph number**;
  bullets and other labels make **list items** whose ``level`` is the list level
  (one less when level 0 of the same list numbers paragraphs), with a non-bullet
  label kept at the front of the text (``a) see the child``), as printed;
* literal numbers typed in the text (``24. Text``, ``3.16 Text``) are paragraph
  numbers; paragraphs typed with a bullet glyph (``•``, ``-``, ``–``) or a letter
  or roman label (``(a)``, ``b)``, ``iv.``) are list items at level 0;
* when paragraph numbers come from several sources (typed, or different Word
  lists), a source numbering under a fifth as many paragraphs as the main one
  is a numbered list: its paragraphs become list items with the label kept;
* ``List Bullet``, ``List Number``, ``List Continue`` and ``List`` styles (their
  ``2``/``3`` variants one and two levels down) and ``List Paragraph`` make list items;
* **tables** give one ``table-row`` item per row; a cell's paragraphs (and nested
  tables) are joined with spaces, a horizontally merged cell is one cell, a
  vertically merged continuation cell is empty. A row is a header when it is
  marked to repeat as a header (``w:tblHeader``); in a table with no such mark,
  the first row is a header when every cell with text is shaded or all bold
  (by direct formatting, or a bold character or paragraph style such as
  LibreOffice's ``Table Heading``);
* **footnotes** and endnotes: each ``w:footnoteReference`` in the text is given
  its printed marker (the ordinal of the reference, in the numbering format and
  start from the settings, restarting per section when they say so; a custom
  mark is taken as typed) and cited in ``Item.refs``; the note body follows the
  citing block as a ``footnote`` item, so :func:`~wtdiff.structure.build`
  attaches it;
* **hyperlinks** (``w:hyperlink`` relationships and ``HYPERLINK`` fields) are
  kept in ``Item.links``; internal anchors are not;
* **tracked changes** are read accepted: text in ``w:del``/``w:moveFrom`` is
  skipped, ``w:ins``/``w:moveTo`` kept, deleted table rows dropped, and a
  paragraph whose mark was deleted runs on into the next one. **Comments** are
  ignored. Both are reported in :attr:`DocxItems.notes`.

* **figures**: each drawing anchored in a paragraph (``w:drawing``, a VML
  ``w:pict``, either branch of ``mc:AlternateContent``) whose shapes hold text —
  text boxes (``w:txbxContent``), a group of boxes and connectors, a SmartArt
  diagram (the ``a:t`` text of its data part) — gives one ``figure`` item after
  the paragraph it is anchored in, with the words of all its boxes in document
  order: a flow chart drawn in Word is one block, as in the paged readers.

Skipped: headers and footers, tables of contents (``TOC`` styles, ``TOC``
fields, table-of-contents content controls), hidden text, field instructions,
pictures and drawings without text, and empty paragraphs. DOCX has no fixed pages, so no page
numbers are given.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import cast

from docx.opc.exceptions import OpcError
from docx.opc.package import OpcPackage
from docx.opc.part import Part, XmlPart
from docx.package import Package
from lxml import etree

from ..errors import UnreadableDocumentError
from ..normalize import clean
from ..structure import Item, Items, split_number

__all__ = ["MAX_MEMBERS", "MAX_RATIO", "MAX_UNCOMPRESSED", "DocxItems", "check_package", "items"]

#: the most a package may hold once uncompressed (bytes)
MAX_UNCOMPRESSED = 200 * 1024 * 1024
#: the highest compression ratio allowed for a member over one megabyte
MAX_RATIO = 200
#: the most members a package may hold
MAX_MEMBERS = 10_000

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
_DC = "http://purl.org/dc/elements/1.1/"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_DGM = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_RT_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"

_WORD_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
}
_MAGIC = {b"%PDF-": "a PDF file", b"{\\rtf": "an RTF file", b"<": "an HTML or XML file"}
_OTHER_TYPES = {"spreadsheetml": "an Excel workbook", "presentationml": "a PowerPoint presentation"}


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


_ATTR_VAL, _ATTR_ID, _ATTR_TYPE = _w("val"), _w("id"), _w("type")
P, TBL, TR, TC, R_, SDT, SDTCONTENT = (_w(t) for t in ("p", "tbl", "tr", "tc", "r", "sdt", "sdtContent"))
_INS, _DEL, _MOVE_TO, _MOVE_FROM = _w("ins"), _w("del"), _w("moveTo"), _w("moveFrom")
_LOOK_THROUGH = {_w(t) for t in ("smartTag", "customXml", "dir", "bdo")} | {_INS, _MOVE_TO}
_ALTERNATE = f"{{{_MC}}}AlternateContent"
_TRACKED = [_INS, _DEL, _MOVE_TO, _MOVE_FROM] + [_w(t) for t in (
    "pPrChange", "rPrChange", "sectPrChange", "tblPrChange", "tblGridChange", "trPrChange",
    "tcPrChange", "numberingChange", "cellIns", "cellDel", "cellMerge")]
_OFF = {"0", "false", "off"}
_HEADING_STYLE = re.compile(r"^heading ([1-9])$")
_LIST_STYLE = re.compile(r"^list(?: (?:bullet|number|continue))?(?: ([2-9]))?$")
_HYPERLINK_FIELD = re.compile(r'^\s*HYPERLINK\s+(?!\\l)"?([^"\s]+)"?', re.IGNORECASE)
_LITERAL_BULLET = re.compile(r"^[•\uf0b7▪◦·\u2013\u2014-]\s+(?=\S)")
_LITERAL_LABEL = re.compile(r"^(?:\(?[a-z]\)|[a-z]\.|\(?[ivx]{1,5}\)|[ivx]{1,5}\.)\s+(?=\S)")
_PARA_LABEL = re.compile(r"^\d{1,3}(?:\.\d{1,3}){0,2}\.?$")
_DECIMAL = {"decimal", "decimalZero"}


class DocxItems(Items):
    """The items of a Word file, plus what the reader did that the user should know.

    ``notes`` holds short sentences such as ``"tracked changes were accepted"``
    and ``"2 comments were ignored"``, for the caller to show.
    """

    def __init__(self, items: list[Item], *, title: str | None, notes: list[str]) -> None:
        super().__init__(items, title=title)
        self.notes = notes


def items(data: bytes) -> DocxItems:
    """The items of a Word document (see the module docstring for the rules)."""
    check_package(data)
    package, main = _open(data)
    return _Reader(package, main).read()


# --- the package ---------------------------------------------------------------------------

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
    huge_tree=False, remove_comments=True, remove_pis=True,
)


def check_package(data: bytes) -> None:
    """Refuse ``data`` unless it is a zip package of a sane size, before unpacking anything."""
    if not data.startswith(b"PK"):
        if data.startswith(b"\xd0\xcf\x11\xe0"):
            raise UnreadableDocumentError(
                "this is an old-style Word (.doc) file or a password-protected document, not a DOCX file.",
                hint="Open it in Word, remove any password and save it as a Word Document (.docx).",
            )
        real = next((name for magic, name in _MAGIC.items() if data.lstrip()[:8].startswith(magic)), None)
        raise UnreadableDocumentError(
            f"this is not a Word (DOCX) file: it is {real}." if real
            else "this is not a Word (DOCX) file: it is not a zip package.",
            hint="Check that it is the right file, or give it the extension of its real format.",
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise UnreadableDocumentError(
            f"this DOCX file is damaged: its zip package cannot be opened ({exc}).",
            hint="Open it in Word and save it again.",
        ) from exc
    if len(infos) > MAX_MEMBERS:
        raise UnreadableDocumentError(
            f"this DOCX file holds {len(infos):,} parts, more than the {MAX_MEMBERS:,} a Word "
            "document can reasonably have, so it was not opened.",
            hint="Open it in Word and save it again.",
        )
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        raise UnreadableDocumentError(
            f"this DOCX file would expand to {total / 2**20:,.0f} MB, more than the "
            f"{MAX_UNCOMPRESSED // 2**20} MB limit, so it was not opened (it may be a zip bomb).",
            hint="Check where the file came from; save a smaller copy from Word if it is genuine.",
        )
    for info in infos:
        if info.file_size > 2**20 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size / max(info.compress_size, 1)
            raise UnreadableDocumentError(
                f"this DOCX file's part {info.filename} is compressed {ratio:,.0f} to 1, far more than "
                "any real document, so it was not opened (it may be a zip bomb).",
                hint="Check where the file came from.",
            )


def _open(data: bytes) -> tuple[OpcPackage, Part]:
    """Open the package with python-docx; the package and its main part."""
    try:
        package = Package.open(io.BytesIO(data))
        main = package.main_document_part
    except KeyError as exc:
        raise UnreadableDocumentError(
            "this zip file is not a Word document: it lacks the parts every .docx file has.",
            hint="Check that it is a .docx file saved by Word or LibreOffice.",
        ) from exc
    except (zipfile.BadZipFile, OpcError, etree.LxmlError, ValueError, OSError, EOFError,
            zlib.error, NotImplementedError) as exc:
        raise UnreadableDocumentError(
            f"this DOCX file is damaged and cannot be read ({exc}).",
            hint="Open it in Word and save it again.",
        ) from exc
    content_type = str(main.content_type)
    if content_type not in _WORD_TYPES:
        what = next((name for key, name in _OTHER_TYPES.items() if key in content_type), None)
        raise UnreadableDocumentError(
            f"this file is {what}, not a Word document." if what
            else f"this zip file is not a Word document (its main part is {content_type}).",
            hint="Give the edition as a .docx, .pdf, .html or .txt file.",
        )
    return package, main


def _element(part: Part) -> etree._Element:
    """A part's XML root: python-docx's parsed element, or the blob parsed safely here."""
    if isinstance(part, XmlPart):
        return cast(etree._Element, part.element)
    try:
        return etree.fromstring(part.blob, _PARSER)
    except etree.XMLSyntaxError as exc:
        name = part.partname
        raise UnreadableDocumentError(
            f"this DOCX file is damaged: {name} is not well-formed XML ({exc}).",
            hint="Open it in Word and save it again.",
        ) from exc


def _related(part: Part, name: str) -> Part | None:
    """The part related to ``part`` by the relationship type ending in ``name``, if any."""
    for rel in part.rels.values():
        if not rel.is_external and rel.reltype == _RT + name:
            return cast(Part, rel.target_part)
    return None


def _links(part: Part) -> dict[str, str]:
    """The external relationship targets of ``part`` by id (hyperlink addresses)."""
    return {rid: rel.target_ref for rid, rel in part.rels.items() if rel.is_external}


def _on(el: etree._Element | None) -> bool:
    """Whether a toggle property (``<w:b/>``, ``<w:vanish w:val="0"/>``) is switched on."""
    return el is not None and el.get(_ATTR_VAL, "1").lower() not in _OFF


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


# --- styles and numbering ------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Style:
    """What a paragraph style means to the reader, with its ``basedOn`` chain resolved."""

    heading: int | None = None  # 1-based heading level
    title: bool = False
    toc: bool = False
    list_level: int | None = None  # set for list styles
    explicit_list: bool = False  # List Bullet / List Number families
    num_id: str | None = None
    ilvl: int | None = None
    style_id: str = ""
    bold: bool = False


class _Styles:
    def __init__(self, root: etree._Element | None) -> None:
        self.raw: dict[str, etree._Element] = {}
        self.default = ""
        self.numbering_styles: dict[str, str] = {}  # numbering style id -> numId
        self.bold_runs: dict[str, bool] = {}  # character style id -> bold
        for st in (root.iterchildren(_w("style")) if root is not None else ()):
            sid = st.get(_w("styleId"), "")
            if st.get(_ATTR_TYPE) == "character":
                b = st.find(f"{_w('rPr')}/{_w('b')}")
                self.bold_runs[sid] = _on(b)
                continue
            if st.get(_ATTR_TYPE) == "numbering":
                num = st.find(f"{_w('pPr')}/{_w('numPr')}/{_w('numId')}")
                if num is not None:
                    self.numbering_styles[sid] = num.get(_ATTR_VAL, "")
                continue
            if st.get(_ATTR_TYPE, "paragraph") != "paragraph":
                continue
            self.raw[sid] = st
            if _on(st.find(_w("default"))) or st.get(_w("default")) in ("1", "true", "on"):
                self.default = self.default or sid
        self.cache: dict[str, _Style] = {}

    def get(self, style_id: str | None) -> _Style:
        sid = style_id if style_id in self.raw else self.default
        if sid not in self.cache:
            self.cache[sid] = self._resolve(sid)
        return self.cache[sid]

    def _resolve(self, sid: str) -> _Style:
        heading: int | None = None
        outline: int | None = None
        title = toc = explicit = False
        bold: bool | None = None
        list_level: int | None = None
        num_id: str | None = None
        ilvl: int | None = None
        seen: set[str] = set()
        cur: str | None = sid
        while cur and cur in self.raw and cur not in seen:
            seen.add(cur)
            st = self.raw[cur]
            name_el = st.find(_w("name"))
            name = (name_el.get(_ATTR_VAL, "") if name_el is not None else cur).strip().lower()
            ppr = st.find(_w("pPr"))
            if heading is None and (m := _HEADING_STYLE.match(name)):
                heading = int(m.group(1))
            title = title or (name == "title" and cur == sid)  # the Title style itself, not one based on it
            toc = toc or name.startswith("toc")
            if bold is None and (b := st.find(f"{_w('rPr')}/{_w('b')}")) is not None:
                bold = _on(b)
            if list_level is None and ((m := _LIST_STYLE.match(name)) or name == "list paragraph"):
                list_level = int(m.group(1)) - 1 if m and m.group(1) else 0
                explicit = name != "list paragraph"
            if ppr is not None:
                if outline is None and (o := ppr.find(_w("outlineLvl"))) is not None:
                    outline = _int(o.get(_ATTR_VAL), 9)
                numpr = ppr.find(_w("numPr"))
                if numpr is not None:
                    nid, lvl = numpr.find(_w("numId")), numpr.find(_w("ilvl"))
                    if num_id is None and nid is not None:
                        num_id = nid.get(_ATTR_VAL)
                    if ilvl is None and lvl is not None:
                        ilvl = _int(lvl.get(_ATTR_VAL), 0)
            based = st.find(_w("basedOn"))
            cur = based.get(_ATTR_VAL) if based is not None else None
        if heading is None and outline is not None and 0 <= outline < 9:
            heading = outline + 1
        return _Style(heading=heading, title=title, toc=toc, list_level=list_level,
                      explicit_list=explicit, num_id=num_id, ilvl=ilvl, style_id=sid, bold=bool(bold))


@dataclass(slots=True)
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    restart: int | None = None  # lvlRestart: 0 never, N after level N (1-based)
    legal: bool = False
    style: str | None = None


def _level(el: etree._Element) -> _Level:
    def val(tag: str) -> str | None:
        child = el.find(_w(tag))
        return child.get(_ATTR_VAL) if child is not None else None

    restart = val("lvlRestart")
    return _Level(
        fmt=val("numFmt") or "decimal",
        text=val("lvlText") if val("lvlText") is not None else "",  # type: ignore[arg-type]
        start=_int(val("start"), 0 if (val("numFmt") or "decimal") in _DECIMAL else 1),
        restart=_int(restart, 0) if restart is not None else None,
        legal=_on(el.find(_w("isLgl"))),
        style=val("pStyle"),
    )


@dataclass(frozen=True, slots=True)
class _Label:
    """A resolved auto-number: its level definition, list level and printed text."""

    level: _Level
    ilvl: int
    text: str
    #: level 0 of the same list is decimal paragraph numbering
    numbers_paragraphs: bool
    #: every level the label shows is decimal in its own right (not only through ``isLgl``)
    decimal: bool
    #: the abstract numbering the label belongs to
    list_id: str = ""


class _Numbering:
    """Word's list counters, advanced paragraph by paragraph in reading order."""

    def __init__(self, root: etree._Element | None, styles: _Styles) -> None:
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.style_link: dict[str, str] = {}  # abstractNumId -> numbering style it follows
        self.nums: dict[str, tuple[str, dict[int, _Level], dict[int, int]]] = {}
        self.styles = styles
        self.counters: dict[str, list[int | None]] = {}
        self.applied: set[tuple[str, int]] = set()
        if root is None:
            return
        for a in root.iterchildren(_w("abstractNum")):
            aid = a.get(_w("abstractNumId"), "")
            self.abstract[aid] = {_int(lvl.get(_w("ilvl")), 0): _level(lvl) for lvl in a.iterchildren(_w("lvl"))}
            link = a.find(_w("numStyleLink"))
            if link is not None:
                self.style_link[aid] = link.get(_ATTR_VAL, "")
        for n in root.iterchildren(_w("num")):
            ref = n.find(_w("abstractNumId"))
            levels: dict[int, _Level] = {}
            starts: dict[int, int] = {}
            for o in n.iterchildren(_w("lvlOverride")):
                ilvl = _int(o.get(_w("ilvl")), 0)
                if (lvl := o.find(_w("lvl"))) is not None:
                    levels[ilvl] = _level(lvl)
                if (so := o.find(_w("startOverride"))) is not None:
                    starts[ilvl] = _int(so.get(_ATTR_VAL), 1)
            self.nums[n.get(_w("numId"), "")] = (ref.get(_ATTR_VAL, "") if ref is not None else "", levels, starts)

    def _abstract_id(self, num_id: str) -> str:
        aid = self.nums[num_id][0]
        # an abstract numbering may only point at a numbering style that holds the real one
        link = self.style_link.get(aid)
        if link and (target := self.styles.numbering_styles.get(link)) in self.nums:
            aid = self.nums[target][0] or aid
        return aid

    def style_ilvl(self, num_id: str, style_id: str) -> int:
        """The level a style's numbering sits at: the level naming the style, else 0."""
        if num_id in self.nums:
            for ilvl, lvl in self.abstract.get(self._abstract_id(num_id), {}).items():
                if lvl.style == style_id:
                    return ilvl
        return 0

    def advance(self, num_id: str, ilvl: int) -> _Label | None:
        """Count one paragraph numbered ``num_id``/``ilvl``; its label, or None if unnumbered."""
        if num_id not in self.nums or not 0 <= ilvl <= 8:
            return None
        aid = self._abstract_id(num_id)
        levels = dict(self.abstract.get(aid, {}))
        levels.update(self.nums[num_id][1])
        lvl = levels.get(ilvl)
        if lvl is None:
            return None
        counters = self.counters.setdefault(aid, [None] * 9)
        start = self.nums[num_id][2].get(ilvl)
        if start is not None and (num_id, ilvl) not in self.applied:
            self.applied.add((num_id, ilvl))
            counters[ilvl] = start - 1
        current = counters[ilvl]
        counters[ilvl] = lvl.start if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            d = levels.get(deeper)
            threshold = deeper if d is None or d.restart is None else d.restart
            if ilvl < threshold:
                counters[deeper] = None

        def value(m: re.Match[str]) -> str:
            i = int(m.group(1)) - 1
            ref = levels.get(i, _Level())
            n = counters[i] if counters[i] is not None else ref.start
            fmt = "decimal" if lvl.legal and ref.fmt not in ("bullet", "none") else ref.fmt
            return _format(n or 0, fmt)

        text = lvl.text if lvl.fmt != "none" else ""
        if lvl.fmt != "bullet":
            text = re.sub(r"%([1-9])", value, text)
        top = levels.get(0)
        paragraphs = top is not None and top.fmt in _DECIMAL and top.text.strip() in ("%1.", "%1")
        shown = [levels.get(int(i) - 1, _Level()).fmt for i in re.findall(r"%([1-9])", lvl.text)]
        return _Label(lvl, ilvl, text.strip(), paragraphs, all(f in _DECIMAL for f in shown), aid)


def _format(n: int, fmt: str) -> str:
    """A counter value in a Word number format."""
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else ""
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt == "ordinal":
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix}"
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


def _roman(n: int) -> str:
    out = []
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(numeral)
            n -= value
    return "".join(out)


# --- inline content ------------------------------------------------------------------------

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


class _Reader:
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

    def read(self) -> DocxItems:
        self._blocks(self.body)
        if self.pending.parts:
            self._emit("paragraph", self.pending, None)
        self._demote_minor_numbering()
        notes: list[str] = []
        if self.tracked:
            notes.append("tracked changes were accepted (the text read is the document with every change accepted)")
        if self.comments:
            notes.append(f"{self.comments} comment{'s were' if self.comments != 1 else ' was'} ignored")
        return DocxItems(self.out, title=self.title or self._property_title(), notes=notes)

    def _property_title(self) -> str | None:
        """The title in the document properties, when the text has no title of its own."""
        headings = [it for it in self.out if it.kind == "heading"]
        if headings and self.out[0] is headings[0]:
            top = min(h.level for h in headings)
            if headings[0].level == top and sum(h.level == top for h in headings) == 1:
                return None  # structure.build takes the lone top heading
        for rel in self.package.rels.values():
            if rel.reltype == _RT_CORE and not rel.is_external:
                title = _element(rel.target_part).find(f"{{{_DC}}}title")
                if title is not None and clean(title.text or ""):
                    return clean(title.text or "")
        return None

    # -- blocks --

    def _blocks(self, parent: etree._Element) -> None:
        for el in parent:
            tag = el.tag
            if tag == P:
                self._paragraph(el)
            elif tag == TBL:
                self._table(el)
            elif tag == SDT:
                if not _is_toc_sdt(el) and (content := el.find(SDTCONTENT)) is not None:
                    self._blocks(content)
            elif tag in _LOOK_THROUGH:
                self._blocks(el)
            elif tag == _ALTERNATE:
                self._blocks(_alternative(el))

    def _paragraph(self, p: etree._Element) -> None:
        ppr = p.find(_w("pPr"))
        style = self.styles.get(_pstyle(ppr))
        text = _Text()
        self._inline(p, text)
        # a field instruction never runs past its paragraph: drop one left open by a damaged file
        while self.fields and not self.fields[-1].result:
            self.fields.pop()
        if ppr is not None and ppr.find(_w("sectPr")) is not None:
            for notes in self.notes.values():
                if notes.per_section:
                    notes.count = 0
        if text.toc or style.toc:
            return
        rpr = ppr.find(_w("rPr")) if ppr is not None else None
        if rpr is not None and (rpr.find(_DEL) is not None or rpr.find(_MOVE_FROM) is not None):
            # the paragraph mark was deleted: once accepted, the text runs on into the next paragraph
            self.pending.extend(text)
            return
        if self.pending.parts:
            self.pending.extend(text)
            text, self.pending = self.pending, _Text()
        label = self._label(ppr, style)
        self._classify(text, style, label, ppr)
        self._figures(p)

    def _figures(self, p: etree._Element) -> None:
        """One ``figure`` item for each drawing in ``p`` whose shapes hold text."""
        for drawing in _drawings(p):
            text = _Text()
            boxes = [b for b in drawing.iter(_TXBX) if not any(a.tag == _TXBX for a in b.iterancestors())]
            for box in boxes:
                for para in box.iter(P):
                    self._inline(para, text)
                    text.parts.append(" ")
            for rel in drawing.iter(f"{{{_DGM}}}relIds"):
                part = self.related_parts.get(rel.get(f"{{{_R}}}dm", ""))
                if part is not None:
                    for para in _element(part).iter(f"{{{_A}}}p"):
                        text.parts.extend([t.text or "" for t in para.iter(f"{{{_A}}}t")] + [" "])
            if text.text:
                self.out.append(Item("figure", text.text, refs=tuple(text.refs), links=tuple(text.links)))
                self._emit_notes(text)

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

    def _classify(self, text: _Text, style: _Style, label: _Label | None, ppr: etree._Element | None) -> None:
        shown = text.text
        outline = ppr.find(_w("outlineLvl")) if ppr is not None else None
        heading = style.heading
        if outline is not None:
            lvl = _int(outline.get(_ATTR_VAL), 9)
            heading = lvl + 1 if 0 <= lvl < 9 else None
        if style.title and not heading:
            if not shown:
                return
            if self.last_was_title and self.title:
                self.title = f"{self.title} {shown}"
                if self.out and self.out[-1].kind == "heading" and self.out[-1].level == 0:
                    self.out[-1].text = self.title
                return
            if self.title is None:
                self.title = shown
                if not self.out:
                    self.out.append(Item("heading", shown, level=0))
                self.last_was_title = True
                return
        self.last_was_title = False
        printed = label.text if label is not None and label.level.fmt != "bullet" else ""
        if heading:
            self._emit("heading", text, None, level=heading, prefix=printed)
            return
        if label is not None and not style.explicit_list and label.decimal and \
                _PARA_LABEL.match(printed) and (label.ilvl == 0 or "%1" in label.level.text):
            self._emit("paragraph", text, printed.rstrip("."), source=f"list {label.list_id}", prefix=printed)
        elif label is not None or style.list_level is not None:
            if style.list_level is not None and style.explicit_list:
                level = style.list_level
            elif label is not None:
                level = max(label.ilvl - (1 if label.numbers_paragraphs and not style.explicit_list else 0), 0)
            else:
                level = style.list_level or 0
            self._emit("list-item", text, None, level=level, prefix=printed)
        elif m := _LITERAL_BULLET.match(shown):
            text.parts = [shown[m.end():]]
            self._emit("list-item", text, None)
        elif _LITERAL_LABEL.match(shown):
            self._emit("list-item", text, None)
        else:
            number, rest = split_number(shown)
            text.parts = [rest]
            self._emit("paragraph", text, number, source="typed" if number else "")

    def _emit(self, kind: str, text: _Text, number: str | None, *, level: int = 0, prefix: str = "",
              source: str = "") -> None:
        """Add an item (unless it has no text) and the notes it cites.

        A numbered paragraph's ``prefix`` is its printed label, kept aside in
        case :meth:`_demote_minor_numbering` makes it a list item.
        """
        shown = text.text
        if not shown:
            return
        if prefix and kind != "paragraph":
            shown = f"{prefix} {shown}"
        item = Item(kind, shown, level=level, number=number, refs=tuple(text.refs), links=tuple(text.links))
        self.out.append(item)
        if source:
            self.numbered.append((item, source, prefix or f"{number}."))
        self._emit_notes(text)

    def _demote_minor_numbering(self) -> None:
        """Numbered lists beside the paragraph numbering are lists, not paragraph numbers.

        When paragraph numbers come from more than one source (typed numbers,
        or different Word lists), the source numbering the most paragraphs is
        the paragraph numbering; a source numbering fewer than a fifth as many
        (a short ``1. 2. 3.`` list, numbered notes at the end) gives list items
        with their label kept.
        """
        counts = Counter(source for _, source, _ in self.numbered)
        if len(counts) < 2:
            return
        top = counts.most_common(1)[0][1]
        for item, source, label in self.numbered:
            if counts[source] * 5 < top:
                item.kind, item.number, item.text = "list-item", None, f"{label} {item.text}"

    def _emit_notes(self, text: _Text) -> None:
        """Each note cited, as a footnote item right after the block citing it."""
        for marker, (kind, note_id) in zip(text.refs, text.cited):
            notes = self.notes[kind]
            body = notes.bodies.get(note_id)
            if body is None:
                continue
            saved = self.links, self.fields
            self.links, self.fields = notes.links, []
            content = _Text()
            for p in body.iter(P):
                self._inline(p, content)
                content.parts.append(" ")
            self.links, self.fields = saved
            if content.text:
                self.out.append(Item("footnote", content.text, number=marker, links=tuple(content.links)))

    def _table(self, tbl: etree._Element) -> None:
        rows = list(_children(tbl, TR))
        marked = any(_row_prop(tr, "tblHeader") for tr in rows)
        for i, tr in enumerate(rows):
            if _row_prop(tr, "del"):
                continue
            text = _Text()
            cells: list[str] = []
            for tc in _children(tr, TC):
                cell = _Text()
                tcpr = tc.find(_w("tcPr"))
                merge = tcpr.find(_w("vMerge")) if tcpr is not None else None
                if merge is None or merge.get(_ATTR_VAL) == "restart":
                    self._cell(tc, cell)
                cells.append(cell.text)
                text.refs.extend(cell.refs)
                text.cited.extend(cell.cited)
                text.links.extend(cell.links)
            if not any(cells):
                continue
            header = _row_prop(tr, "tblHeader") or (
                not marked and i == 0 and len(rows) > 1 and self._looks_like_header(tr))
            self.out.append(Item("table-row", "", cells=tuple(cells), header=header,
                                 refs=tuple(text.refs), links=tuple(text.links)))
            self._emit_notes(text)

    def _cell(self, parent: etree._Element, out: _Text) -> None:
        """The text of a table cell: its paragraphs (with their labels) and nested tables."""
        for el in parent:
            if el.tag == P:
                text = _Text()
                self._inline(el, text)
                ppr = el.find(_w("pPr"))
                label = self._label(ppr, self.styles.get(_pstyle(ppr)))
                if label is not None and label.level.fmt != "bullet" and label.text and text.text:
                    out.parts.append(label.text + " ")
                out.extend(text)
                out.parts.append(" ")
            elif el.tag in (TBL, TR, TC):
                self._cell(el, out)
            elif el.tag == SDT and (content := el.find(SDTCONTENT)) is not None:
                self._cell(content, out)
            elif el.tag in _LOOK_THROUGH:
                self._cell(el, out)

    def _looks_like_header(self, tr: etree._Element) -> bool:
        """A first row reads as a header when each cell with text is shaded or all bold."""
        found = False
        for tc in _children(tr, TC):
            shd = tc.find(f"{_w('tcPr')}/{_w('shd')}")
            shaded = shd is not None and (shd.get(_w("fill")) or "auto").lower() not in ("auto", "ffffff")
            for para in tc.iter(P):
                style = self.styles.get(_pstyle(para.find(_w("pPr"))))
                for r in para.iter(R_):
                    if not "".join(t.text or "" for t in r.iter(_w("t"))).strip():
                        continue
                    found = True
                    if not (shaded or self._bold(r, style)):
                        return False
        return found

    def _bold(self, r: etree._Element, style: _Style) -> bool:
        """Whether a run is bold: its own formatting, else its character style, else the paragraph's."""
        rpr = r.find(_w("rPr"))
        if rpr is not None:
            if (b := rpr.find(_w("b"))) is not None:
                return _on(b)
            if (rs := rpr.find(_w("rStyle"))) is not None and rs.get(_ATTR_VAL) in self.styles.bold_runs:
                return self.styles.bold_runs[rs.get(_ATTR_VAL, "")] or style.bold
        return style.bold

    # -- inline content --

    def _inline(self, parent: etree._Element, out: _Text) -> None:
        """Collect the displayed text, note references and links below ``parent``."""
        for el in parent:
            tag = el.tag
            if tag == R_:
                self._run(el, out)
            elif tag == _w("hyperlink"):
                rid = el.get(f"{{{_R}}}id")
                if rid and rid in self.links:
                    out.links.append(self.links[rid])
                self._inline(el, out)
            elif tag in _LOOK_THROUGH:
                self._inline(el, out)
            elif tag == SDT:
                if (content := el.find(SDTCONTENT)) is not None:
                    self._inline(content, out)
            elif tag == _w("fldSimple"):
                f = _Field(instr=[el.get(_w("instr"), "")], result=True)
                self._field_kind(f, out)
                self.fields.append(f)
                self._inline(el, out)
                self.fields.pop()
            elif tag == _ALTERNATE:
                self._inline(_alternative(el), out)
            elif tag == f"{{{_M}}}oMathPara" or tag == f"{{{_M}}}oMath":
                out.parts.append("".join(t.text or "" for t in el.iter(f"{{{_M}}}t")))

    def _run(self, r: etree._Element, out: _Text) -> None:
        rpr = r.find(_w("rPr"))
        hidden = rpr is not None and _on(rpr.find(_w("vanish")))
        for el in r:
            tag = el.tag
            if tag == _w("fldChar"):
                kind = el.get(_w("fldCharType"))
                if kind == "begin":
                    self.fields.append(_Field())
                elif kind == "separate" and self.fields:
                    self.fields[-1].result = True
                    self._field_kind(self.fields[-1], out)
                elif kind == "end" and self.fields:
                    self.fields.pop()
                continue
            if tag == _w("instrText"):
                if self.fields:
                    self.fields[-1].instr.append(el.text or "")
                continue
            if any(f.toc for f in self.fields):
                out.toc = True
            if hidden or not all(f.result for f in self.fields):
                continue
            if tag == _w("t"):
                if out.custom_mark and out.refs:
                    out.refs[-1] = clean(el.text or "") or out.refs[-1]
                    out.custom_mark = False
                    continue
                out.parts.append(el.text or "")
            elif tag in (_w("tab"), _w("ptab")):
                out.parts.append("\t")
            elif tag in (_w("br"), _w("cr")):
                out.parts.append(" ")
            elif tag == _w("noBreakHyphen"):
                out.parts.append("\u2011")
            elif tag == _w("sym"):
                try:
                    out.parts.append(chr(int(el.get(_w("char"), ""), 16)))
                except ValueError:
                    pass
            elif tag in (_w("footnoteReference"), _w("endnoteReference")):
                kind = "footnote" if tag == _w("footnoteReference") else "endnote"
                note_id = el.get(_ATTR_ID, "")
                if note_id not in self.notes[kind].bodies:
                    continue
                custom = el.get(_w("customMarkFollows"), "0").lower() in ("1", "true", "on")
                out.refs.append("*" if custom else self.notes[kind].marker())
                out.cited.append((kind, note_id))
                out.custom_mark = custom

    def _field_kind(self, f: _Field, out: _Text) -> None:
        """Act on a field's instruction once it is known: keep a link, mark a contents field."""
        instr = "".join(f.instr).strip()
        if instr.upper().startswith("TOC"):
            f.toc = True
            out.toc = True
        elif m := _HYPERLINK_FIELD.match(instr):
            out.links.append(m.group(1))


def _children(parent: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Children of ``parent`` with ``tag``, looking through content controls and custom XML."""
    for el in parent:
        if el.tag == tag:
            yield el
        elif el.tag == SDT and (content := el.find(SDTCONTENT)) is not None:
            yield from _children(content, tag)
        elif el.tag in _LOOK_THROUGH:
            yield from _children(el, tag)


def _row_prop(tr: etree._Element, name: str) -> bool:
    trpr = tr.find(_w("trPr"))
    if trpr is None:
        return False
    el = trpr.find(_w(name))
    return el is not None and (name == "del" or _on(el))


def _pstyle(ppr: etree._Element | None) -> str | None:
    el = ppr.find(_w("pStyle")) if ppr is not None else None
    return el.get(_ATTR_VAL) if el is not None else None


def _is_toc_sdt(sdt: etree._Element) -> bool:
    gallery = sdt.find(f"{_w('sdtPr')}/{_w('docPartObj')}/{_w('docPartGallery')}")
    return gallery is not None and gallery.get(_ATTR_VAL, "").lower().startswith("table of contents")


_TXBX = _w("txbxContent")
_DRAWINGS = (_w("drawing"), _w("pict"), _w("object"), _ALTERNATE)


def _drawings(p: etree._Element) -> list[etree._Element]:
    """The drawings anchored in a paragraph (outermost only; of ``mc:AlternateContent``,
    the branch :func:`_alternative` reads, or the other when that one holds no text)."""
    found: list[etree._Element] = []
    for el in p.iter(*_DRAWINGS):
        if any(a.tag in _DRAWINGS for a in el.iterancestors()) or any(a.tag == _TXBX for a in el.iterancestors()):
            continue
        if el.tag == _ALTERNATE:
            branch = _alternative(el)
            if next(branch.iter(_TXBX, f"{{{_DGM}}}relIds"), None) is None:
                branch = el.find(f"{{{_MC}}}Choice") if branch.tag != f"{{{_MC}}}Choice" else branch
            if branch is not None:
                found.append(branch)
        else:
            found.append(el)
    return found


def _alternative(el: etree._Element) -> etree._Element:
    """The branch of ``mc:AlternateContent`` for a reader that knows only core WordprocessingML."""
    fallback = el.find(f"{{{_MC}}}Fallback")
    if fallback is not None:
        return fallback
    choice = el.find(f"{{{_MC}}}Choice")
    return choice if choice is not None else etree.Element("empty")
