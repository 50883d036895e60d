"""The entry point of :mod:`wtdiff.readers.docx`: :func:`items` checks and opens the package
and reads the body in order — headings, the title, numbered paragraphs and list items, typed
numbers and bullets — into :class:`DocxItems`."""

from __future__ import annotations

import re
from collections import Counter

from lxml import etree

from ...normalize import clean
from ...structure import Item, Items, split_number
from .drawings import _Drawings
from .numbering import _Label
from .package import _element, _open, check_package
from .state import _Text
from .styles import _Style
from .tables import _Tables
from .wordml import (
    _ALTERNATE, _ATTR_VAL, _DC, _DEL, _LOOK_THROUGH, _MOVE_FROM, _RT_CORE, P, SDT, SDTCONTENT, TBL, _alternative,
    _int, _is_toc_sdt, _pstyle, _w,
)


_LITERAL_BULLET = re.compile(r"^[•\uf0b7▪◦·\u2013\u2014-]\s+(?=\S)")
_LITERAL_LABEL = re.compile(r"^(?:\(?[a-z]\)|[a-z]\.|\(?[ivx]{1,5}\)|[ivx]{1,5}\.)\s+(?=\S)")
_PARA_LABEL = re.compile(r"^\d{1,3}(?:\.\d{1,3}){0,2}\.?$")


class DocxItems(Items):
    """The items of a Word file, plus what the reader did that the user should know.

    ``notes`` holds short sentences such as ``"tracked changes were accepted"``
    and ``"2 comments were ignored"``, for the caller to show.
    """

    def __init__(self, items: list[Item], *, title: str | None, notes: list[str]) -> None:
        super().__init__(items, title=title)
        self.notes = notes


def items(data: bytes) -> DocxItems:
    """The items of a Word document (see the package docstring, :mod:`wtdiff.readers.docx`, for the rules)."""
    check_package(data)
    package, main = _open(data)
    return _Reader(package, main).read()


class _Reader(_Tables, _Drawings):
    """Reads the body in order into items (see the package docstring)."""

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
