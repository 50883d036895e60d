"""Tables for :mod:`wtdiff.readers.docx`: one ``table-row`` item per row; merged cells;
a header row marked to repeat, or a shaded or bold first row."""

from __future__ import annotations

from lxml import etree

from ...structure import Item
from .inline import _Inline
from .state import _Text
from .styles import _Style
from .wordml import (
    _ATTR_VAL, _LOOK_THROUGH, P, R_, SDT, SDTCONTENT, TBL, TC, TR, _children, _on, _pstyle, _row_prop, _w,
)


class _Tables(_Inline):
    """Tables: one ``table-row`` item per row, and which first row is a header."""

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
