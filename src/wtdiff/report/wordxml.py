"""WordprocessingML for :mod:`wtdiff.report.docx`: paragraphs, tracked runs, tables, footnotes,
comments and the package, built on python-docx's default document with lxml.

Tracked content is wrapped as Word writes it: deleted runs in ``w:del`` (their
text in ``w:delText``), inserted runs in ``w:ins``, moved runs in ``w:moveFrom`` /
``w:moveTo`` between ``w:moveFromRangeStart``/``…End`` markers sharing a name
with the ``w:moveTo`` range; a tracked paragraph mark is the same element in the
paragraph's ``w:pPr/w:rPr``; a tracked table row is the element in ``w:trPr``.
Every revision has a package-wide unique ``w:id``, the author and the date. Footnote
and comment ids are kept apart too (separators 0 and 1, notes from 2, then comments), since
LibreOffice gives a note the text of another when a comment shares its id.
The package python-docx saves is re-zipped with every member's timestamp set to
1980-01-01 00:00 in python-docx's member order, so the bytes depend only on the content.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

from ..model import Block
from ..worddiff import diff_words
from .docx import AUTHOR, Run, _clean, _Para

if TYPE_CHECKING:
    from .docx import _Writer

__all__ = ["write"]

_WRAP = {"-": "w:del", "+": "w:ins", "mf": "w:moveFrom", "mt": "w:moveTo"}
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
#: list items by nesting depth (deeper ones as the third)
_LIST_STYLES = ("List Bullet", "List Bullet 2", "List Bullet 3")


def _el(tag: str, **attrs: str) -> etree._Element:
    el = etree.Element(qn(tag))
    for k, v in attrs.items():
        el.set(qn(f"w:{k}"), v)
    return el


def _sub(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    el = _el(tag, **attrs)
    parent.append(el)
    return el


class _Xml:
    def __init__(self, w: _Writer) -> None:
        self.w = w
        self.style = {name: w.doc.styles[name].style_id for name in (
            "Title", "Normal", "Heading 2", "Footnote Text", "Footnote Reference", "Comment Text",
            "Comment Reference", "Table Grid", *(f"Heading {n}" for n in range(1, 10)),
            *_LIST_STYLES)}
        self.notes: list[etree._Element] = []
        #: the id of each open move range's start, by (end, name)
        self.open_moves: dict[tuple[str, str], int] = {}
        #: comment ids follow the footnotes' (0 and 1 the separators, then one per reference):
        #: LibreOffice confuses a comment with the footnote of the same id
        self.comment_base = 0

    def revision(self, tag: str) -> etree._Element:
        return _el(tag, id=str(self.w.next_id()), author=AUTHOR, date=self.w.date)

    # -- runs --

    def run(self, kind: str, text: str, rstyle: str | None = None) -> etree._Element:
        r = _el("w:r")
        if rstyle:
            _sub(_sub(r, "w:rPr"), "w:rStyle", val=self.style[rstyle])
        for k, piece in enumerate(text.split("\t")):
            if k:
                _sub(r, "w:tab")
            if piece:
                t = _sub(r, "w:delText" if kind == "-" else "w:t")
                t.text = piece
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        return r

    def runs(self, parent: etree._Element, runs: Sequence[Run]) -> None:
        """Append ``runs``, each stretch of one kind in one revision element."""
        wrap: etree._Element | None = None
        last = ""
        for kind, text in runs:
            if not text:
                continue
            r = self.run(kind, text)
            if kind == "=":
                parent.append(r)
                wrap, last = None, kind
                continue
            if wrap is None or last != kind:
                wrap = self.revision(_WRAP[kind])
                parent.append(wrap)
                last = kind
            wrap.append(r)

    def tracked(self, parent: etree._Element, kind: str, r: etree._Element) -> None:
        if kind == "=":
            parent.append(r)
        else:
            wrap = self.revision(_WRAP[kind])
            wrap.append(r)
            parent.append(wrap)

    # -- paragraphs --

    def style_of(self, p: _Para) -> str:
        if p.kind == "heading":
            return f"Heading {p.level}"
        if p.kind == "list-item":
            return _LIST_STYLES[min(p.level, 2)]
        if p.kind == "footnote":
            return "Footnote Text"
        return "Normal"

    def paragraph(self, p: _Para, runs: Sequence[Run], *, mark: str, cell: bool = False) -> etree._Element:
        el = _el("w:p")
        ppr = _sub(el, "w:pPr")
        _sub(ppr, "w:pStyle", val=self.style["Normal" if cell else self.style_of(p)])
        if p.numbered and not cell:
            _sub(ppr, "w:ind", left="567", hanging="567")  # the number hangs, the text aligns
        if mark != "=":
            _sub(_sub(ppr, "w:rPr"), _WRAP[mark], id=str(self.w.next_id()),
                 author=AUTHOR, date=self.w.date)
        for end, name in p.move_start:
            tag = "w:moveFromRangeStart" if end == "from" else "w:moveToRangeStart"
            _sub(el, tag, id=str(self.w.next_id()), author=AUTHOR, date=self.w.date, name=name)
            self.open_moves[(end, name)] = self.w.rev
        for cid in p.comment_start:
            _sub(el, "w:commentRangeStart", id=str(cid + self.comment_base))
        self.runs(el, runs)
        for kind, old, new in p.notes:
            self.tracked(el, kind, self.note_ref(kind, old, new))
        for cid in p.comment_end:
            _sub(el, "w:commentRangeEnd", id=str(cid + self.comment_base))
            r = _sub(el, "w:r")
            _sub(_sub(r, "w:rPr"), "w:rStyle", val=self.style["Comment Reference"])
            _sub(r, "w:commentReference", id=str(cid + self.comment_base))
        for end, name in p.move_end:
            tag = "w:moveFromRangeEnd" if end == "from" else "w:moveToRangeEnd"
            _sub(el, tag, id=str(self.open_moves[(end, name)]))
        return el

    def table(self, rows: Sequence[_Para]) -> etree._Element:
        width = max(len(r.cells or ()) for r in rows)
        tbl = _el("w:tbl")
        tpr = _sub(tbl, "w:tblPr")
        _sub(tpr, "w:tblStyle", val=self.style["Table Grid"])
        _sub(tpr, "w:tblW", w="5000", type="pct")
        grid = _sub(tbl, "w:tblGrid")
        for _ in range(width):
            _sub(grid, "w:gridCol", w=str(9000 // width))
        for row in rows:
            tr = _sub(tbl, "w:tr")
            cells = row.cells or []
            trpr = _sub(tr, "w:trPr")
            if len(cells) < width:
                _sub(trpr, "w:gridAfter", val=str(width - len(cells)))
            if row.header:
                _sub(trpr, "w:tblHeader")
            if row.mark != "=":
                trpr.append(self.revision(_WRAP[row.mark]))
            for k, runs in enumerate(cells):
                tc = _sub(tr, "w:tc")
                _sub(_sub(tc, "w:tcPr"), "w:tcW", w=str(9000 // width), type="dxa")
                sub = _Para(row.kind, 0, [], "=")
                if k == 0:
                    sub.comment_start = row.comment_start
                if k == len(cells) - 1:
                    sub.comment_end, sub.notes = row.comment_end, row.notes
                tc.append(self.paragraph(sub, runs, mark="=", cell=True))
        return tbl

    # -- footnotes and comments --

    def note_ref(self, kind: str, old: Block | None, new: Block | None) -> etree._Element:
        """A footnote reference run, its footnote written: diffed when the note is on both sides,
        else all deleted (``old`` only) or all inserted (``new`` only)."""
        nid = len(self.notes) + 2
        if old is not None and new is not None:
            body: list[Run] = [(op, _clean(t)) for op, t in diff_words(old.text, new.text)]
        elif old is not None:
            body = [("-", _clean(old.text))]
        else:
            assert new is not None
            body = [("+", _clean(new.text))]
        note = _el("w:footnote", id=str(nid))
        p = _sub(note, "w:p")
        _sub(_sub(p, "w:pPr"), "w:pStyle", val=self.style["Footnote Text"])
        ref = _sub(p, "w:r")
        _sub(_sub(ref, "w:rPr"), "w:rStyle", val=self.style["Footnote Reference"])
        _sub(ref, "w:footnoteRef")
        p.append(self.run("=", " "))
        self.runs(p, body)
        self.notes.append(note)
        r = _el("w:r")
        _sub(_sub(r, "w:rPr"), "w:rStyle", val=self.style["Footnote Reference"])
        _sub(r, "w:footnoteReference", id=str(nid))
        return r

    def footnotes_part(self) -> etree._Element:
        root = parse_xml(f"<w:footnotes {nsdecls('w')}/>")
        # the separators as 0 and 1 and the notes from 2, as LibreOffice writes them: it takes
        # the note with id 1 for a separator whatever its type says
        for nid, kind in (("0", "separator"), ("1", "continuationSeparator")):
            sep = _sub(root, "w:footnote", type=kind, id=nid)
            r = _sub(_sub(sep, "w:p"), "w:r")
            _sub(r, "w:separator" if kind == "separator" else "w:continuationSeparator")
        for note in self.notes:
            root.append(note)
        return root

    def comments(self, root: etree._Element) -> None:
        for cid, lines in self.w.comments:
            c = _sub(root, "w:comment", id=str(cid + self.comment_base), author=AUTHOR, date=self.w.date, initials="WT")
            for k, line in enumerate(lines):
                p = _sub(c, "w:p")
                _sub(_sub(p, "w:pPr"), "w:pStyle", val=self.style["Comment Text"])
                if k == 0:
                    r = _sub(p, "w:r")
                    _sub(_sub(r, "w:rPr"), "w:rStyle", val=self.style["Comment Reference"])
                    _sub(r, "w:annotationRef")
                p.append(self.run("=", line))


def write(w: _Writer, paras: Sequence[_Para], title_page: Sequence[tuple[str, str]]) -> bytes:
    """The document's bytes: the title page, then ``paras``, footnotes and comments."""
    x = _Xml(w)
    x.comment_base = 2 + sum(len(p.notes) for p in paras)
    body = w.doc.element.body
    sect = body[-1]  # python-docx's default section properties stay last
    out: list[etree._Element] = []
    for style, text in title_page:
        p = _el("w:p")
        _sub(_sub(p, "w:pPr"), "w:pStyle", val=x.style[style])
        p.append(x.run("=", text))
        out.append(p)
    brk = _el("w:p")
    _sub(_sub(brk, "w:r"), "w:br", type="page")
    out.append(brk)
    k = 0
    while k < len(paras):
        p = paras[k]
        if p.cells is not None:
            j = k
            while j < len(paras) and paras[j].cells is not None:
                j += 1
            out.append(x.table(paras[k:j]))
            k = j
            continue
        out.append(x.paragraph(p, p.runs, mark=p.mark))
        k += 1
    out.append(_el("w:p"))  # a paragraph after a last table, as Word requires
    for el in out:
        sect.addprevious(el)
    x.comments(w.doc.comments._comments_elm)
    if x.notes:
        part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, x.footnotes_part(), w.doc.part.package)
        w.doc.part.relate_to(part, RT.FOOTNOTES)
    pkg = w.doc.part.package
    for rid, rel in list(pkg.rels.items()):
        if rel.reltype == RT.THUMBNAIL:  # the template's picture, not this document's
            pkg.rels.pop(rid)
    props = w.doc.core_properties
    when = datetime.strptime(w.date, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    props.author = props.last_modified_by = "wtdiff"
    props.title = f"Changes: {w.c.old.title} → {w.c.new.title}"[:250]
    props.created = props.modified = props.last_printed = when
    props.revision = 1
    props.comments = props.subject = props.keywords = props.category = ""
    raw = io.BytesIO()
    w.doc.save(raw)
    return _fixed_zip(raw.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    """``data`` re-zipped with fixed timestamps and attributes (same content, same bytes)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            zout.writestr(member, zin.read(info.filename))
    return out.getvalue()
