"""The user's Word document written back with its citations updated as tracked changes.

For every citation the report maps (:class:`~wtdiff.cite.mapping.CiteReport`), in the paragraph
where it was found:

* the reference core ("paragraphs 40–45") is replaced by the suggested wording — the old runs
  wrapped in ``w:del`` (their ``w:t`` turned into ``w:delText``), the new text in a ``w:ins``
  with the first old run's formatting — when the wording differs and the citation names the
  edition given as ``--from`` (a citation naming another year, or another guidance, is only
  commented);
* a Word comment, anchored on the citation, says what happened to the cited text
  (:func:`~wtdiff.cite.report.describe`);
* every mention of the guidance with the old edition's year ("Working Together 2018") has the
  year replaced by the new edition's, tracked the same way.

Changes are by author ``wtdiff``, without a date, so the same inputs give the same bytes. A run
is split at the edit's edges (each part keeps the run's formatting); an edit whose text is not
in plain runs that are siblings (it crosses a hyperlink, a field, a text box, or another
author's tracked change) is not made, and the comment says so. Only ``word/document.xml``,
``word/comments.xml`` and, when there were no comments before, the document's relationships and
``[Content_Types].xml`` change; every other part of the package is copied byte for byte, with
its original zip entry.
"""

from __future__ import annotations

import copy
import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from lxml import etree

from ..errors import OutputError
from ..fileio import write_atomic
from .mapping import CiteReport
from .report import describe
from .source import W, docx_paragraphs

__all__ = ["AUTHOR", "update_docx"]

AUTHOR = "wtdiff"
_XML = "http://www.w3.org/XML/1998/namespace"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_REL_COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
_CT_COMMENTS = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
_PLAIN = {f"{{{W}}}rPr", f"{{{W}}}t"}


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass
class _Edit:
    start: int
    end: int
    new: str | None  # None: comment only
    comment: str | None


class _Ids:
    """Annotation ids above every id already in the document and its comments."""

    def __init__(self, *roots: etree._Element | None) -> None:
        ids = [int(v) for r in roots if r is not None for v in r.xpath("//@w:id", namespaces={"w": W})
               if str(v).lstrip("-").isdigit()]
        self.next = max(ids, default=0) + 1

    def __call__(self) -> str:
        self.next += 1
        return str(self.next - 1)


def _live(p: etree._Element) -> list[tuple[etree._Element, int]]:
    return next(ts for q, ts in docx_paragraphs(p) if q is p)


def _split(p: etree._Element, at: int) -> None:
    """Make ``at`` (an offset in ``p``'s live text) fall on a run boundary."""
    for t, pos in _live(p):
        text = t.text or ""
        if pos < at < pos + len(text):
            r = t.getparent()
            kids = list(r)
            i = kids.index(t)
            right = etree.Element(w("r"), attrib=dict(r.attrib), nsmap=r.nsmap)
            rpr = r.find(w("rPr"))
            if rpr is not None:
                right.append(copy.deepcopy(rpr))
            t2 = etree.SubElement(right, w("t"))
            t2.text = text[at - pos:]
            t2.set(f"{{{_XML}}}space", "preserve")
            for k in kids[i + 1:]:
                right.append(k)
            t.text = text[:at - pos]
            t.set(f"{{{_XML}}}space", "preserve")
            r.addnext(right)
            return


def _plain(r: etree._Element) -> bool:
    """A run of text alone (and its formatting), directly in a paragraph or a hyperlink."""
    parent = r.getparent()
    return (r.tag == w("r") and parent is not None and parent.tag in (w("p"), w("hyperlink"))
            and all(k.tag in _PLAIN for k in r))


def _covering(p: etree._Element, start: int, end: int) -> list[etree._Element]:
    runs: list[etree._Element] = []
    for t, pos in _live(p):
        if pos < end and pos + len(t.text or "") > start and t.getparent() not in runs:
            runs.append(t.getparent())
    return runs


def _runs(p: etree._Element, start: int, end: int) -> list[etree._Element] | None:
    """The runs holding exactly ``[start, end)`` of ``p``'s live text, split at its edges — None (and
    nothing split) unless they are plain runs, siblings one after the other."""
    runs = _covering(p, start, end)
    if not runs or not all(_plain(r) for r in runs) or any(a.getnext() is not b for a, b in zip(runs, runs[1:])):
        return None
    _split(p, start)
    _split(p, end)
    return _covering(p, start, end)


def _comment_marks(first: etree._Element, last: etree._Element, cid: str) -> None:
    start = etree.Element(w("commentRangeStart"))
    start.set(w("id"), cid)
    first.addprevious(start)
    end = etree.Element(w("commentRangeEnd"))
    end.set(w("id"), cid)
    last.addnext(end)
    ref = etree.Element(w("r"))
    etree.SubElement(ref, w("commentReference")).set(w("id"), cid)
    end.addnext(ref)


def _apply(p: etree._Element, edit: _Edit, ids: _Ids, comments: list[tuple[str, str]]) -> bool:
    """Make one edit in ``p``; False when its text is not in plain sibling runs (nothing changed then)."""
    runs = _runs(p, edit.start, edit.end)
    if runs is None:
        if edit.comment:
            _orphan_comment(p, edit.comment + " (wtdiff could not mark the citation itself in this "
                                              "paragraph: update it by hand.)", ids, comments)
        return False
    first: etree._Element = runs[0]
    last: etree._Element = runs[-1]
    if edit.new is not None:
        dele = etree.Element(w("del"))
        dele.set(w("id"), ids())
        dele.set(w("author"), AUTHOR)
        first.addprevious(dele)
        for r in runs:
            dele.append(r)
            for t in r.findall(w("t")):
                t.tag = w("delText")
        ins = etree.Element(w("ins"))
        ins.set(w("id"), ids())
        ins.set(w("author"), AUTHOR)
        dele.addnext(ins)
        r = etree.SubElement(ins, w("r"))
        rpr = runs[0].find(w("rPr"))
        if rpr is not None:
            r.append(copy.deepcopy(rpr))
        t = etree.SubElement(r, w("t"))
        t.text = edit.new
        t.set(f"{{{_XML}}}space", "preserve")
        first, last = dele, ins
    if edit.comment:
        cid = ids()
        _comment_marks(first, last, cid)
        comments.append((cid, edit.comment))
    return edit.new is not None


def _orphan_comment(p: etree._Element, text: str, ids: _Ids, comments: list[tuple[str, str]]) -> None:
    """A comment on the whole paragraph, when the citation itself cannot be marked."""
    kids = [k for k in p if k.tag != w("pPr")]
    if not kids:
        return
    cid = ids()
    _comment_marks(kids[0], kids[-1], cid)
    comments.append((cid, text))


def _edits(report: CiteReport) -> dict[int, list[_Edit]]:
    out: dict[int, list[_Edit]] = {}
    for item in report.items:
        c = item.citation
        change = (item.replacement if item.replacement and item.replacement != c.text
                  and not item.other_year and not item.other_guidance else None)
        out.setdefault(item.paragraph, []).append(_Edit(c.start, c.end, change, describe(item, report)))
    if report.old_year and report.new_year and report.old_year != report.new_year:
        for i, m in report.mentions:
            if m.guidance == report.family and m.year == report.old_year and m.year_start is not None:
                out.setdefault(i, []).append(_Edit(m.year_start, m.year_start + 4, report.new_year, None))
    return out


def _comments_xml(existing: bytes | None, comments: list[tuple[str, str]]) -> bytes:
    root = (etree.fromstring(existing) if existing is not None
            else etree.Element(w("comments"), nsmap={"w": W}))
    for cid, text in comments:
        c = etree.SubElement(root, w("comment"))
        c.set(w("id"), cid)
        c.set(w("author"), AUTHOR)
        c.set(w("initials"), "wt")
        t = etree.SubElement(etree.SubElement(etree.SubElement(c, w("p")), w("r")), w("t"))
        t.text = text
        t.set(f"{{{_XML}}}space", "preserve")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _with_comments_part(rels: bytes, types: bytes) -> tuple[bytes, bytes]:
    """The document's relationships and the content types, declaring ``word/comments.xml``."""
    rroot = etree.fromstring(rels)
    taken = {r.get("Id") for r in rroot}
    n = 1
    while f"rId{n}" in taken:
        n += 1
    etree.SubElement(rroot, f"{{{_PKG}}}Relationship", Id=f"rId{n}", Type=_REL_COMMENTS, Target="comments.xml")
    troot = etree.fromstring(types)
    etree.SubElement(troot, f"{{{_CT}}}Override", PartName="/word/comments.xml", ContentType=_CT_COMMENTS)
    ser = dict(xml_declaration=True, encoding="UTF-8", standalone=True)
    return etree.tostring(rroot, **ser), etree.tostring(troot, **ser)  # type: ignore[arg-type]


def update_docx(source: str | Path, report: CiteReport, output: str | Path) -> int:
    """Write ``source`` to ``output`` with the report's citations updated; the number of citations changed."""
    data = Path(source).read_bytes()
    with zipfile.ZipFile(BytesIO(data)) as z:
        infos = z.infolist()
        parts = {i.filename: z.read(i.filename) for i in infos}
    parser = etree.XMLParser(resolve_entities=False, huge_tree=True)
    doc = etree.fromstring(parts["word/document.xml"], parser)
    old_comments = parts.get("word/comments.xml")
    ids = _Ids(doc, etree.fromstring(old_comments, parser) if old_comments else None)
    paragraphs = [p for p, _ in docx_paragraphs(doc)]
    comments: list[tuple[str, str]] = []
    changed = 0
    for index, edits in sorted(_edits(report).items()):
        if index >= len(paragraphs):
            raise OutputError(f"{source} changed while wtdiff was reading it.", hint="Run the command again.")
        for edit in sorted(edits, key=lambda e: e.start, reverse=True):  # right to left: offsets stay valid
            changed += _apply(paragraphs[index], edit, ids, comments) and edit.comment is not None
    new_parts = {"word/document.xml": etree.tostring(doc, xml_declaration=True, encoding="UTF-8",
                                                     standalone=True)}
    if comments:
        new_parts["word/comments.xml"] = _comments_xml(old_comments, comments)
        if old_comments is None:
            rels, types = "word/_rels/document.xml.rels", "[Content_Types].xml"
            new_parts[rels], new_parts[types] = _with_comments_part(parts[rels], parts[types])
    buf = BytesIO()
    with zipfile.ZipFile(buf, "w") as out:
        for info in infos:
            out.writestr(info, new_parts.pop(info.filename, parts[info.filename]))
        for name, body in sorted(new_parts.items()):
            out.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), body,
                         compress_type=zipfile.ZIP_DEFLATED)
    write_atomic(output, buf.getvalue())
    return changed
