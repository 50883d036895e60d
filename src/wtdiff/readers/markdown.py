"""Markdown and plain-text reader.

The Markdown dialect is the one statutory guidance is naturally written in:

* ``#``–``######`` headings (and setext ``===`` / ``---`` underlines);
* numbered paragraphs — ``24. Text`` or ``3.16 Text`` at the left margin after a
  blank line (a CommonMark "ordered list" is read as numbered paragraphs, because
  that is what a numbered line at the margin means in guidance);
* bullets ``-``, ``*``, ``+``, ``•`` and lettered or indented numbered items
  ``a.``, ``(a)``, ``i)``, ``  1.``, nested by indent;
* pipe tables (the row above a ``|---|`` line is the header);
* footnotes ``[^7]`` with bodies ``[^7]: text``;
* links, emphasis and inline code are reduced to their text (link targets are
  kept on the block).

Plain text (:func:`text_items`) uses the same rules without inline Markdown and,
since it has no heading markup, takes a short standalone line without closing
punctuation as a heading (``Chapter 3: …``, ``Annex B`` and the like as top-level
ones).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..structure import Item, heading_kind, split_number

__all__ = ["items", "text_items"]

_ATX = re.compile(r"^(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^(=+|-+)\s*$")
_RULE = re.compile(r"^(?:\*\s*){3,}$|^(?:-\s*){3,}$|^(?:_\s*){3,}$")
_FOOTNOTE = re.compile(r"^\[\^([^\]\s]+)\]:\s*(.*)$")
_BULLET = re.compile(
    r"^(?P<marker>[-*+•▪◦–]|o(?=\s)|\(?[a-z]\)|[a-z]\.|\(?[ivx]{1,5}\)|[ivx]{1,5}\.|\(\d{1,2}\)|\d{1,2}[.)])\s+(?P<text>\S.*)$"
)
_NUMBERED = re.compile(r"^\d{1,3}(?:\.\d{1,3}){0,2}\.?\s+\S")
_TABLE_SEP = re.compile(r"^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_REF = re.compile(r"\[\^([^\]\s]+)\]")
_LINK = re.compile(r"!?\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_URL = re.compile(r"\bhttps?://[^\s<>()\"']+[^\s<>()\"'.,;:]")
_EMPHASIS = [
    re.compile(r"\*\*(\S(?:.*?\S)?)\*\*"),
    re.compile(r"(?<!\w)__(\S(?:.*?\S)?)__(?!\w)"),
    re.compile(r"(?<![\w*])\*(\S(?:.*?\S)?)\*(?![\w*])"),
    re.compile(r"(?<!\w)_(\S(?:.*?\S)?)_(?!\w)"),
    re.compile(r"`([^`]*)`"),
]
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>])")
_INLINE_TAG = re.compile(r"</?(?:ins|del|em|strong|b|i|u|sup|sub|span|br|a)\b[^>]*>", re.IGNORECASE)
_GLOSSARY = re.compile(r"glossary|definitions|key terms", re.IGNORECASE)
# "Term - definition" or "Term: definition" opening a glossary entry
_DEFINITION_START = re.compile(r"^[A-Z*][^.:;]{0,78}?(?:\s[-–—]\s|\*?:\s)")
_KNOWN_TOP = re.compile(r"^(introduction|foreword|contents|glossary|summary|preface)$", re.IGNORECASE)


def items(text: str) -> Iterator[Item]:
    """The items of a Markdown document."""
    return _Parser(markdown=True).parse(text)


def text_items(text: str) -> Iterator[Item]:
    """The items of a plain-text document."""
    return _Parser(markdown=False).parse(text)


def _inline(text: str, markdown: bool) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """Display text, footnote markers cited and link targets of a run of text."""
    refs = tuple(_REF.findall(text))
    text = _REF.sub("", text)
    links: list[str] = []
    if markdown:
        def link(m: re.Match[str]) -> str:
            links.append(m.group(2))
            return m.group(1)

        text = _LINK.sub(link, text)
        text = _AUTOLINK.sub(lambda m: (links.append(m.group(1)), m.group(1))[1], text)
        text = _INLINE_TAG.sub("", text)
        for pattern in _EMPHASIS:
            text = pattern.sub(r"\1", text)
        text = _ESCAPE.sub(r"\1", text)
    for url in _URL.findall(text):
        if url not in links:
            links.append(url)
    return text, refs, tuple(links)


class _Parser:
    def __init__(self, *, markdown: bool) -> None:
        self.markdown = markdown
        self.out: list[Item] = []
        self.lines: list[str] = []  # the open block's lines
        self.kind = ""
        self.level = 0
        self.number: str | None = None
        self.list_indents: list[int] = []
        self.blank_before = True
        self.in_glossary = False

    def parse(self, text: str) -> Iterator[Item]:
        lines = text.expandtabs(4).split("\n")
        i = 0
        while i < len(lines):
            line = lines[i].rstrip()
            stripped = line.strip()
            indent = len(line) - len(line.lstrip())
            if not stripped:
                self.flush(blank_after=True)
                self.blank_before = True
                i += 1
                continue
            nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
            if self.markdown and (m := _ATX.match(stripped)) and indent < 4:
                self.flush()
                self.heading(m.group(2), len(m.group(1)))
            elif (
                self.markdown and not self.lines and _SETEXT.match(nxt) and len(nxt) >= 3
                and not _BULLET.match(stripped) and not stripped.startswith("|")
            ):
                self.flush()
                self.heading(stripped, 1 if nxt.startswith("=") else 2)
                i += 1
            elif _RULE.match(stripped) and not self.lines:
                self.list_indents = []
            elif stripped.startswith("|") and stripped.count("|") >= 2:
                self.flush()
                i = self.table(lines, i)
                self.blank_before = False
                continue
            elif m := _FOOTNOTE.match(stripped):
                self.flush()
                self.start("footnote", m.group(2), number=m.group(1))
            elif indent == 0 and _NUMBERED.match(stripped) and self.starts_block():
                self.flush()
                self.list_indents = []
                number, rest = split_number(stripped)
                self.start("paragraph", rest, number=number)
            elif (m := _BULLET.match(stripped)) and self.is_list_item(m.group("marker"), indent):
                self.flush()
                while self.list_indents and self.list_indents[-1] > indent:
                    self.list_indents.pop()
                if not self.list_indents or indent > self.list_indents[-1]:
                    self.list_indents.append(indent)
                marker = m.group("marker")
                keep = marker if marker[0].isalnum() or marker[0] == "(" else ""
                self.start("list-item", f"{keep} {m.group('text')}" if keep else m.group("text"),
                           level=len(self.list_indents) - 1)
            elif self.in_glossary and self.lines and self.starts_block() and _DEFINITION_START.match(stripped):
                self.flush()
                self.start("paragraph", stripped)
            elif self.lines and (not self.blank_before or (self.kind == "list-item" and indent > 0)):
                self.lines.append(stripped)
            else:
                self.flush()
                if indent == 0:
                    self.list_indents = []
                self.start("paragraph", stripped)
            self.blank_before = False
            i += 1
        self.flush(blank_after=True)
        return iter(self.out)

    def is_list_item(self, marker: str, indent: int) -> bool:
        """Whether a line that starts like a list item really is one."""
        if marker in "-*+•▪◦–":
            return True
        if indent == 0 and (marker[0].isdigit() or marker == "o"):
            return False  # a numbered paragraph, or a wrapped line
        return indent > 0 or self.starts_block() or self.kind == "list-item"

    def starts_block(self) -> bool:
        """A numbered line starts a block after a blank line or a finished sentence."""
        return self.blank_before or not self.lines or self.lines[-1].endswith((".", ":", ";", "?", "!"))

    def start(self, kind: str, text: str, *, number: str | None = None, level: int = 0) -> None:
        self.kind, self.lines, self.number, self.level = kind, [text], number, level
        self.single_line_block = self.blank_before

    def heading(self, text: str, level: int) -> None:
        self.list_indents = []
        text, _, _ = _inline(text, self.markdown)
        self.in_glossary = bool(_GLOSSARY.search(text))
        self.out.append(Item("heading", text, level=level))

    def flush(self, *, blank_after: bool = False) -> None:
        if not self.lines:
            return
        raw = " ".join(self.lines)
        if (
            not self.markdown and self.kind == "paragraph" and self.number is None
            and len(self.lines) == 1 and blank_after and self.single_line_block
            and _looks_like_heading(raw)
        ):
            kind, _ = heading_kind(raw)
            first = not self.out
            level = 1 if first else 2 if kind != "heading" or _KNOWN_TOP.match(raw) else 3
            self.out.append(Item("heading", raw, level=level))
            self.in_glossary = bool(_GLOSSARY.search(raw))
        else:
            text, refs, links = _inline(raw, self.markdown)
            self.out.append(Item(self.kind, text, level=self.level, number=self.number, refs=refs, links=links))
        self.lines = []
        self.kind = ""
        self.number = None

    def table(self, lines: list[str], i: int) -> int:
        rows: list[list[str]] = []
        header_rows = 0
        while i < len(lines) and lines[i].strip().startswith("|"):
            row = lines[i].strip()
            if _TABLE_SEP.match(row) and "-" in row:
                header_rows = len(rows)
            else:
                rows.append([c.strip() for c in re.split(r"(?<!\\)\|", row.strip("|"))])
            i += 1
        for n, cells in enumerate(rows):
            parts = [_inline(c.replace("\\|", "|"), self.markdown) for c in cells]
            refs = tuple(r for _, rs, _ in parts for r in rs)
            links = tuple(u for _, _, us in parts for u in us)
            self.out.append(Item(
                "table-row", "", cells=tuple(t for t, _, _ in parts),
                header=n < header_rows, refs=refs, links=links,
            ))
        return i


def _looks_like_heading(line: str) -> bool:
    if len(line) > 100 or line.endswith((".", ",", ";", ":", "?")) and not heading_kind(line)[1]:
        return False
    if not (line[0].isupper() or line[0].isdigit()):
        return False
    return len(line.split()) <= 14 and not _BULLET.match(line)
