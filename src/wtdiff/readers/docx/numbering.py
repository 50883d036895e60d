"""Word auto-numbering for :mod:`wtdiff.readers.docx`, resolved through ``numbering.xml``:
levels, formats, restarts and overrides, counters kept per abstract numbering, and each
numbered paragraph's printed label."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from .styles import _Styles
from .wordml import _ATTR_VAL, _int, _on, _w


_DECIMAL = {"decimal", "decimalZero"}


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
