"""WordprocessingML for :mod:`wtdiff.readers.docx`: the namespaces and element names the
reader looks for, what it looks through (content controls, custom XML, tracked insertions,
``mc:AlternateContent``'s branch for a core reader), and small readers of elements: toggle
properties, numbers, table row properties, paragraph styles."""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
_DC = "http://purl.org/dc/elements/1.1/"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_DGM = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_RT_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"


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


def _on(el: etree._Element | None) -> bool:
    """Whether a toggle property (``<w:b/>``, ``<w:vanish w:val="0"/>``) is switched on."""
    return el is not None and el.get(_ATTR_VAL, "1").lower() not in _OFF


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


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


def _alternative(el: etree._Element) -> etree._Element:
    """The branch of ``mc:AlternateContent`` for a reader that knows only core WordprocessingML."""
    fallback = el.find(f"{{{_MC}}}Fallback")
    if fallback is not None:
        return fallback
    choice = el.find(f"{{{_MC}}}Choice")
    return choice if choice is not None else etree.Element("empty")
