"""Inline content for :mod:`wtdiff.readers.docx`: the displayed text of runs (hidden text
and field instructions skipped, tracked deletions left out), hyperlinks, note references with
their printed markers, and the bodies of the notes cited."""

from __future__ import annotations

import re

from lxml import etree

from ...normalize import clean
from ...structure import Item
from .state import _Field, _ReaderState, _Text
from .wordml import _ALTERNATE, _ATTR_ID, _LOOK_THROUGH, _M, _R, P, R_, SDT, SDTCONTENT, _alternative, _on, _w


_HYPERLINK_FIELD = re.compile(r'^\s*HYPERLINK\s+(?!\\l)"?([^"\s]+)"?', re.IGNORECASE)


class _Inline(_ReaderState):
    """Inline content: runs, fields, links and note references, and the notes cited."""

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
