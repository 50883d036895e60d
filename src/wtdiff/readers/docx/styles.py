"""Paragraph styles for :mod:`wtdiff.readers.docx`: what a style means to the reader —
heading level, title, contents, list level, numbering, bold — with its ``basedOn`` chain
resolved."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from .wordml import _ATTR_TYPE, _ATTR_VAL, _int, _on, _w


_HEADING_STYLE = re.compile(r"^heading ([1-9])$")
_LIST_STYLE = re.compile(r"^list(?: (?:bullet|number|continue))?(?: ([2-9]))?$")


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
