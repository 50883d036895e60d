"""Drawings for :mod:`wtdiff.readers.docx`: each drawing anchored in a paragraph whose shapes
hold text (text boxes, groups, SmartArt) gives one ``figure`` item with the words of its boxes."""

from __future__ import annotations

from lxml import etree

from ...structure import Item
from .inline import _Inline
from .package import _element
from .state import _Text
from .wordml import _A, _ALTERNATE, _DGM, _MC, _R, P, _alternative, _w


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


class _Drawings(_Inline):
    """Drawings whose shapes hold text: one ``figure`` item each."""

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
