"""Real-world artefacts for the evaluation: a Word file, its LibreOffice PDF, poppler's layout text.

The official editions are Word documents exported to PDF, and users' layout
text is what poppler's ``pdftotext -layout`` makes of those PDFs. So that the
evaluation meets the same artefacts, an edition can be written as

* ``word`` — a real Word file made with python-docx (:func:`to_word`): ``Title``
  and ``Heading N`` styles, paragraph numbers typed with a hanging indent,
  ``List Bullet`` items, tables in ``Table Grid``, Word footnotes in
  ``footnotes.xml`` cited by footnote references, a running header and a page
  footer — and flow charts: some lists (:func:`figure_runs`) and every block of
  kind ``figure`` drawn as text boxes (DrawingML ``wps:txbx``, with Word's VML
  ``v:textbox`` fallback), two to a row, the figure's words in the boxes;
* ``word-pdf`` — that file converted to PDF by LibreOffice (:func:`convert`);
* ``word-layout`` — that PDF as ``pdftotext -layout`` text (:func:`layout_text`).

The body type is large and the footnotes long enough that lists and footnotes
run over page breaks, as in the real files. Conversions are cached by content
hash (``$WTDIFF_EVAL_CACHE``, else a ``wtdiff-eval`` folder in the temporary
directory), since LibreOffice takes seconds per file.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import tempfile
import zipfile
import zlib
from datetime import datetime
from pathlib import Path

from ..model import Block, Document, Section

__all__ = ["add_footnotes", "add_header_footer", "convert", "footnote_xml", "over_page_breaks", "figure_runs", "layout_text", "pdftotext", "soffice", "to_word",
           "to_word_layout", "to_word_pdf", "word_tools"]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_V = "urn:schemas-microsoft-com:vml"
NSDECL = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}"'
_FIXED = datetime(2024, 1, 1)
#: EMU per point
_EMU = 12700


def soffice() -> str | None:
    """The LibreOffice command, when it is installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def pdftotext() -> str | None:
    """poppler's ``pdftotext``, when it is installed."""
    return shutil.which("pdftotext")


def word_tools() -> list[str]:
    """The renderer paths of this module whose tools are installed (``word`` needs none)."""
    out = ["word"]
    if soffice():
        out.append("word-pdf")
        if pdftotext():
            out.append("word-layout")
    return out


def convert(path: str | Path, out_dir: str | Path, target: str = "pdf", suffix: str = "pdf", *,
            timeout: float = 600) -> Path | None:
    """Convert a file with headless LibreOffice (``--convert-to target``); None without LibreOffice.

    A private LibreOffice profile is used, so conversions may run side by side.
    """
    command = soffice()
    if command is None:
        return None
    path, out_dir = Path(path), Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="wtdiff-lo-") as profile:
        result = subprocess.run(
            [command, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
             "--convert-to", target, "--outdir", str(out_dir), str(path)],
            capture_output=True, text=True, timeout=timeout, check=False,
        )
    out = out_dir / f"{path.stem}.{suffix}"
    if result.returncode != 0 or not out.is_file():
        raise RuntimeError(f"LibreOffice could not convert {path}: {result.stderr.strip() or result.stdout.strip()}")
    return out


def _cache_dir() -> Path:
    return Path(os.environ.get("WTDIFF_EVAL_CACHE") or Path(tempfile.gettempdir()) / "wtdiff-eval")


def _content_key(docx: bytes) -> str:
    """A hash of a Word file's parts (not of the zip, whose entries carry the time of writing)."""
    h = hashlib.sha256()
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        for name in sorted(z.namelist()):
            h.update(name.encode() + b"\0" + z.read(name) + b"\0")
    return h.hexdigest()


def to_word_pdf(doc: Document) -> bytes:
    """The edition as Word file converted to PDF by LibreOffice (cached by the file's content)."""
    docx = to_word(doc)
    cache = _cache_dir()
    key = _content_key(docx)
    pdf = cache / f"{key}.pdf"
    if not pdf.is_file():
        with tempfile.TemporaryDirectory(dir=_mkdir(cache)) as tmp:
            src = Path(tmp) / "edition.docx"
            src.write_bytes(docx)
            out = convert(src, tmp)
            if out is None:
                raise RuntimeError("LibreOffice (soffice) is not installed")
            os.replace(out, pdf)
    return pdf.read_bytes()


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def layout_text(pdf: bytes, *, layout: bool = True) -> str:
    """``pdftotext -layout`` (or plain ``pdftotext``) of a PDF, pages separated by form feeds."""
    command = pdftotext()
    if command is None:
        raise RuntimeError("pdftotext (poppler-utils) is not installed")
    with tempfile.TemporaryDirectory(prefix="wtdiff-pdf-") as tmp:
        src = Path(tmp) / "edition.pdf"
        src.write_bytes(pdf)
        args = [command, *(["-layout"] if layout else []), "-enc", "UTF-8", str(src), "-"]
        return subprocess.run(args, capture_output=True, check=True, timeout=300).stdout.decode("utf-8")


def to_word_layout(doc: Document) -> str:
    """The Word file's PDF as poppler's layout text."""
    return layout_text(to_word_pdf(doc))


# --- the Word file ---------------------------------------------------------------------------

def figure_runs(doc: Document) -> list[list[Block]]:
    """The blocks :func:`to_word` draws as flow charts.

    Every block of kind ``figure`` is one chart; and a list of three to eight
    top-level items without footnotes becomes one when a hash of its first
    item's id picks it (about one list in three), so that the same list is
    drawn the same way in two editions.
    """
    out: list[list[Block]] = []

    def walk(children: tuple[Section | Block, ...]) -> None:
        run: list[Block] = []

        def close() -> None:
            if 3 <= len(run) <= 8 and zlib.crc32(run[0].id.encode()) % 3 == 0:
                out.append(list(run))
            run.clear()

        for n in children:
            if isinstance(n, Section):
                close()
                walk(n.children)
            elif n.kind == "figure":
                close()
                out.append([n])
            elif n.kind == "list-item" and n.level == 0 and not n.notes:
                run.append(n)
            else:
                close()
        close()

    walk(doc.children)
    return out


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{_esc(text)}</w:t></w:r>' if text else ""


#: a text box's 9-point text: characters to a line (at most, in a 215-point box) and the line's height
_BOX_LINE_CHARS, _BOX_LINE_PT = 36, 11.0
#: the most characters one box holds: longer chart texts go in several boxes
_BOX_CHARS = 600


def _box_texts(text: str) -> list[str]:
    """``text`` cut at spaces into pieces of at most :data:`_BOX_CHARS` characters, one to a box:
    a flow chart drawn as one box per step keeps every word on the page."""
    pieces, cur = [], ""
    for word in text.split():
        if cur and len(cur) + 1 + len(word) > _BOX_CHARS:
            pieces.append(cur)
            cur = word
        else:
            cur = f"{cur} {word}" if cur else word
    return pieces + [cur] if cur else pieces or [text]


def _box(text: str, shape_id: int, *, width: float = 215) -> str:
    """A text box in line with the text, holding ``text``: a DrawingML shape (``wps:txbx``) with
    the VML ``v:textbox`` Word writes beside it for older readers (so the words are there twice).
    The box is as tall as its text needs (at least 90 points), so no word is clipped."""
    lines = -(-len(text) // _BOX_LINE_CHARS)
    height = max(90.0, 2 * 3.6 + 4 + lines * _BOX_LINE_PT)
    cx, cy = int(width * _EMU), int(height * _EMU)
    content = (f'<w:txbxContent><w:p><w:pPr><w:spacing w:after="0"/><w:jc w:val="center"/></w:pPr>'
               f'<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:t xml:space="preserve">{_esc(text)}</w:t></w:r></w:p>'
               f'</w:txbxContent>')
    return (
        f'<w:r {NSDECL} xmlns:wp="{_WP}" xmlns:a="{_A}" xmlns:wps="{_WPS}" xmlns:mc="{_MC}" xmlns:v="{_V}">'
        f'<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        f'<wp:inline distT="0" distB="0" distL="57150" distR="57150"><wp:extent cx="{cx}" cy="{cy}"/>'
        f'<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="{shape_id}" name="Text Box {shape_id}"/>'
        f'<wp:cNvGraphicFramePr/><a:graphic><a:graphicData uri="{_WPS}"><wps:wsp><wps:cNvSpPr txBox="1"/>'
        f'<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        f'<a:prstGeom prst="flowChartProcess"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="FFFFFF"/>'
        f'</a:solidFill><a:ln w="12700"><a:solidFill><a:srgbClr val="1D70B8"/></a:solidFill></a:ln></wps:spPr>'
        f'<wps:txbx>{content}</wps:txbx><wps:bodyPr rot="0" vert="horz" wrap="square" lIns="45720" tIns="45720" '
        f'rIns="45720" bIns="45720" anchor="ctr"><a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData>'
        f'</a:graphic></wp:inline></w:drawing></mc:Choice><mc:Fallback><w:pict>'
        f'<v:rect style="width:{width}pt;height:{height}pt" strokecolor="#1D70B8" strokeweight="1pt">'
        f'<v:textbox>{content}</v:textbox></v:rect></w:pict></mc:Fallback></mc:AlternateContent></w:r>'
    )


def add_footnotes(document, notes_xml: list[str]) -> None:
    """Give a python-docx document a ``footnotes.xml`` part holding ``notes_xml`` (``<w:footnote>``
    elements, ids from 1), with the separators Word expects and the settings that name them.

    The part's hyperlinks may be written as ``r:id="@link:URL@"``: they are related here.
    """
    import re

    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, b"", document.part.package)
    xml = re.sub(r'"@link:([^"]+)@"',
                 lambda m: f'"{part.relate_to(m.group(1), RT.HYPERLINK, is_external=True)}"', "".join(notes_xml))
    separators = (
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
        'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
        'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    )
    part._blob = (  # a plain Part keeps its bytes here
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:footnotes {NSDECL}>{separators}{xml}</w:footnotes>'
    ).encode()
    document.part.relate_to(part, RT.FOOTNOTES)
    settings = document.settings.element
    pr = parse_xml(f'<w:footnotePr {NSDECL}><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>')
    later = [settings.find(qn(t)) for t in ("w:endnotePr", "w:compat", "w:docVars", "w:rsids")]
    anchor = next((el for el in later if el is not None), None)
    if anchor is not None:
        anchor.addprevious(pr)
    else:
        settings.append(pr)


def add_header_footer(document, title: str) -> None:
    """A running header with ``title`` (small, grey, right) and a ``Page N`` footer made with a
    ``PAGE`` field, as the official Word files have."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.shared import Pt, RGBColor

    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.text = title
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for run in header.runs:
        run.font.size = Pt(9)
        run.font.color.rgb = RGBColor(0x50, 0x5A, 0x5F)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Page ")
    for xml in ('<w:r {ns}><w:fldChar w:fldCharType="begin"/></w:r>',
                '<w:r {ns}><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
                '<w:r {ns}><w:fldChar w:fldCharType="separate"/></w:r>',
                '<w:r {ns}><w:t>1</w:t></w:r>',
                '<w:r {ns}><w:fldChar w:fldCharType="end"/></w:r>'):
        footer._p.append(parse_xml(xml.format(ns=NSDECL)))


def footnote_xml(note_id: int, body: str) -> str:
    """One Word footnote: its own number (``w:footnoteRef``), a space, and ``body`` (runs), in
    the ``Footnote Text`` style."""
    return (f'<w:footnote w:id="{note_id}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
            f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
            f'{_run(" ")}{body}</w:p></w:footnote>')


def to_word(doc: Document) -> bytes:
    """The edition as a Word file, as Word itself would hold it (see the module's docstring)."""
    from docx import Document as new_document
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.shared import Pt

    word = new_document()
    styles = word.styles
    styles["Normal"].font.name = "Liberation Sans"
    styles["Normal"].font.size = Pt(12)
    note_style = styles.add_style("Footnote Text", WD_STYLE_TYPE.PARAGRAPH)
    note_style.base_style = styles["Normal"]
    note_style.font.size = Pt(10)
    note_style.paragraph_format.space_after = Pt(0)
    styles.add_style("Footnote Reference", WD_STYLE_TYPE.CHARACTER).font.superscript = True
    numbered = styles.add_style("Numbered Paragraph", WD_STYLE_TYPE.PARAGRAPH)
    numbered.base_style = styles["Normal"]
    numbered.paragraph_format.left_indent = Pt(28)
    numbered.paragraph_format.first_line_indent = Pt(-28)
    notes: list[str] = []
    charts = {run[0].id: run for run in figure_runs(doc)}
    drawn = {b.id for run in charts.values() for b in run}
    shapes = iter(range(1, 1_000_000))

    def refs(p, block: Block) -> None:
        for note in block.notes:
            notes.append(footnote_xml(len(notes) + 1, _run(note.text)))
            p._p.append(parse_xml(f'<w:r {NSDECL}><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                                  f'<w:footnoteReference w:id="{len(notes)}"/></w:r>'))

    def chart(run: list[Block]) -> None:
        texts = [b.text for b in run] if len(run) > 1 else _box_texts(run[0].text)
        for k in range(0, len(texts), 2):
            p = word.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for text in texts[k:k + 2]:
                p._p.append(parse_xml(_box(text, next(shapes))))
            if k + 2 < len(texts):
                word.add_paragraph("\u2193").alignment = WD_ALIGN_PARAGRAPH.CENTER

    def table(rows: list[Block]) -> None:
        width = max(len(r.cells) or 1 for r in rows)
        t = word.add_table(rows=len(rows), cols=width)
        t.style = styles["Table Grid"]
        for r, row in enumerate(rows):
            for c, value in enumerate(row.cells or (row.text,)):
                t.cell(r, c).text = value
            refs(t.cell(r, width - 1).paragraphs[0], row)
        word.add_paragraph()

    def walk(children: tuple[Section | Block, ...]) -> None:
        rows: list[Block] = []
        for n in children:
            if rows and not (isinstance(n, Block) and n.kind == "table-row"):
                table(rows)
                rows = []
            if isinstance(n, Section):
                word.add_heading(n.title, min(9, max(1, n.level)))
                walk(n.children)
            elif n.id in charts:
                chart(charts[n.id])
            elif n.id in drawn:
                continue
            elif n.kind == "table-row":
                rows.append(n)
            elif n.kind == "list-item":
                p = word.add_paragraph(n.text, style="List Bullet" + (f" {min(3, n.level + 1)}" if n.level else ""))
                refs(p, n)
            elif n.kind == "paragraph" and n.number:
                p = word.add_paragraph(style="Numbered Paragraph")
                p.add_run(f"{n.number}.").add_tab()
                p.add_run(n.text)
                refs(p, n)
            else:
                refs(word.add_paragraph(n.text), n)
        if rows:
            table(rows)

    if doc.title:
        word.add_paragraph(doc.title, style="Title")
    walk(doc.children)
    add_header_footer(word, doc.title or "")
    if notes:
        add_footnotes(word, notes)
    props = word.core_properties
    props.created = props.modified = _FIXED
    props.title = doc.title or ""
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


# --- what crosses a page break -----------------------------------------------------------------

def _page_words(pdf: bytes) -> list[str]:
    """Each page's words, lower-cased, joined by single spaces (with spaces at both ends)."""
    from ..normalize import words

    return [f" {' '.join(words(page)).lower()} " for page in layout_text(pdf, layout=False).split("\f")]


def _page_of(phrase: str, pages: list[str]) -> int | None:
    hits = [k for k, page in enumerate(pages) if phrase in page]
    return hits[0] if len(hits) == 1 else None


def over_page_breaks(doc: Document, pdf: bytes, *, n: int = 7) -> dict[str, list[str]]:
    """Where the PDF of ``doc`` runs its text over a page break, by the ids of ``doc``'s blocks.

    ``"footnote"``, ``"list-item"``, ``"paragraph"``: blocks whose first ``n`` words are on one
    page and last ``n`` words on the next; ``"list"``: the first item of each list whose items
    stand on more than one page. A phrase found on several pages decides nothing.
    """
    from ..normalize import words

    pages = _page_words(pdf)
    out: dict[str, list[str]] = {"footnote": [], "list-item": [], "paragraph": [], "list": []}

    def where(text: str) -> tuple[int | None, int | None]:
        w = [x.lower() for x in words(text)]
        if len(w) < 2 * n:
            return None, None
        return _page_of(f" {' '.join(w[:n])} ", pages), _page_of(f" {' '.join(w[-n:])} ", pages)

    lists: list[list[Block]] = []
    prev: Block | None = None
    for b in doc.blocks():
        first, last = where(b.text)
        if first is not None and last == first + 1 and b.kind in out:
            out[b.kind].append(b.id)
        if b.kind == "list-item":
            if prev is None or prev.kind != "list-item":
                lists.append([])
            lists[-1].append(b)
        if b.kind != "footnote":
            prev = b
    for items in lists:
        spots = {p for b in items for p in where(b.text) if p is not None}
        if len(spots) > 1:
            out["list"].append(items[0].id)
    return out
