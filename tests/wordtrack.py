"""Accept or reject every tracked change of a Word document, as Word's Review menu does, and
read what is left: the tests' independent check of the tracked-changes writer.

Accepting removes ``w:del`` and ``w:moveFrom`` content, keeps ``w:ins`` and
``w:moveTo`` content, drops table rows whose ``w:trPr`` holds ``w:del`` and
runs a paragraph whose mark is deleted (``w:pPr/w:rPr/w:del`` or
``w:moveFrom``) on into the next one. Rejecting is the same with the roles
swapped. The text before the first page break (the title page) is left out.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _drop_kinds(accept: bool) -> tuple[set[str], set[str]]:
    gone = {q("del"), q("moveFrom")} if accept else {q("ins"), q("moveTo")}
    kept = {q("ins"), q("moveTo")} if accept else {q("del"), q("moveFrom")}
    return gone, kept


class Resolved:
    """The body's paragraphs and table rows as text, and the footnotes cited, in order."""

    def __init__(self, data: bytes, *, accept: bool) -> None:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            body = etree.fromstring(z.read("word/document.xml")).find(q("body"))
            names = set(z.namelist())
            notes_root = (etree.fromstring(z.read("word/footnotes.xml"))
                          if "word/footnotes.xml" in names else None)
        self.gone, self.kept = _drop_kinds(accept)
        self.footnotes = {n.get(q("id")): n for n in notes_root} if notes_root is not None else {}
        self.lines: list[str] = []
        self.notes: list[str] = []
        started = False
        pending = ""
        for child in body:
            if child.tag == q("p"):
                if not started:
                    started = child.find(f".//{q('br')}[@{q('type')}='page']") is not None
                    continue
                text, refs = self._content(child)
                self.notes.extend(refs)
                if self._mark_gone(child):
                    pending += text
                    continue
                self.lines.append(pending + text)
                pending = ""
            elif child.tag == q("tbl") and started:
                for tr in child.iter(q("tr")):
                    trpr = tr.find(q("trPr"))
                    if trpr is not None and any(x.tag in self.gone for x in trpr):
                        continue
                    cells = []
                    for tc in tr.findall(q("tc")):
                        parts = []
                        for p in tc.findall(q("p")):
                            text, refs = self._content(p)
                            self.notes.extend(refs)
                            parts.append(text)
                        cells.append(" ".join(parts))
                    self.lines.append(" | ".join(cells))
        if pending:
            self.lines.append(pending)
        self.lines = [line for line in self.lines if line]

    def _mark_gone(self, p: etree._Element) -> bool:
        rpr = p.find(f"{q('pPr')}/{q('rPr')}")
        return rpr is not None and any(x.tag in self.gone for x in rpr)

    def _content(self, el: etree._Element) -> tuple[str, list[str]]:
        text: list[str] = []
        refs: list[str] = []

        def walk(node: etree._Element) -> None:
            for child in node:
                if child.tag in self.gone:
                    continue
                if child.tag in (q("pPr"), q("rPr")):
                    continue
                if child.tag in (q("t"), q("delText")):
                    text.append(child.text or "")
                elif child.tag == q("tab"):
                    text.append("\t")
                elif child.tag == q("footnoteReference"):
                    note = self.footnotes[child.get(q("id"))]
                    refs.append("".join(self._content(p)[0] for p in note.findall(q("p"))).strip())
                else:
                    walk(child)

        walk(el)
        return "".join(text), refs


def accepted(data: bytes) -> Resolved:
    return Resolved(data, accept=True)


def rejected(data: bytes) -> Resolved:
    return Resolved(data, accept=False)
