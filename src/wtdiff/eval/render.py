"""Write an edition in every input format wtdiff reads, and read it back.

:data:`RENDERERS` holds one writer per reader format; :func:`formats` lists the
formats of :data:`wtdiff.readers.FORMATS` that have one, so a reader registered
later (PDF, Word, layout text) joins the evaluation as soon as a renderer is
added here. :func:`round_trip` renders a generated edition, parses it with the
format's reader and maps each generated node to the parsed node that stands
for it — the bridge between the ground truth (generated uids) and what the
comparison reports (parsed ids).
"""

from __future__ import annotations

import difflib
import io
import re
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from .. import export
from ..model import Block, Document, Section
from ..normalize import words
from ..readers import FORMATS, read_bytes
from .word import figure_runs, to_word, to_word_layout, to_word_pdf, word_tools

__all__ = ["READS_AS", "RENDERERS", "RoundTrip", "artifact_formats", "formats", "round_trip", "to_text"]


def to_text(doc: Document) -> str:
    """The edition as plain text: the Markdown dialect without heading marks.

    The text reader takes a short standalone line without closing punctuation
    as a heading, so headings become bare lines; numbered paragraphs, bullets
    and footnotes are written as in Markdown, which plain text shares.
    """
    out: list[str] = []
    for line in export.to_markdown(doc).split("\n"):
        if line.startswith("#"):
            if out and out[-1]:
                out.append("")  # a heading stands alone in plain text
            out += [line.lstrip("#").strip(), ""]
        elif line or (out and out[-1]):
            # Footnote markers before the closing punctuation ("the case[^4]:"), so that a short
            # lead-in line still ends like a sentence and is not taken for a heading.
            out.append(_MARKERS_LAST.sub(r"\1\3\2", line))
    return "\n".join(out)


_MARKERS_LAST = re.compile(r"^(.*?)([.:;,?!])((?:\[\^[^\]\s]+\])+)$")


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006"
_STYLES = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="{_W}">'
           '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
           '<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/>'
           '<w:basedOn w:val="Normal"/></w:style>'
           '<w:style w:type="paragraph" w:styleId="ListBullet2"><w:name w:val="List Bullet 2"/>'
           '<w:basedOn w:val="Normal"/></w:style>'
           '<w:style w:type="paragraph" w:styleId="ListBullet3"><w:name w:val="List Bullet 3"/>'
           '<w:basedOn w:val="Normal"/></w:style></w:styles>')


def to_docx(doc: Document) -> bytes:
    """The edition as a Word document: headings by outline level, paragraph numbers typed,
    list items in the ``List Bullet`` styles, footnotes as Word footnotes.

    A plain WordprocessingML package written with the standard library (the reader
    takes what Word and LibreOffice write; this is the smallest such file).
    """
    body: list[str] = []
    notes: list[str] = []

    def run(text: str) -> str:
        return f'<w:r><w:t xml:space="preserve">{escape(text, quote=False)}</w:t></w:r>'

    def para(text: str, *, outline: int | None = None, style: str | None = None, refs: str = "") -> None:
        ppr = ""
        if style:
            ppr += f'<w:pStyle w:val="{style}"/>'
        if outline is not None:
            ppr += f'<w:outlineLvl w:val="{outline}"/>'
        body.append(f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{run(text)}{refs}</w:p>")

    def walk(children: tuple[Section | Block, ...]) -> None:
        for n in children:
            if isinstance(n, Section):
                para(n.title, outline=min(8, n.level))
                walk(n.children)
                continue
            refs = ""
            for note in n.notes:
                notes.append(note.text)
                refs += f'<w:r><w:footnoteReference w:id="{len(notes)}"/></w:r>'
            if n.kind == "list-item":
                para(n.text, style="ListBullet" + (str(min(3, n.level + 1)) if n.level else ""), refs=refs)
            elif n.kind == "table-row":
                para(" | ".join(n.cells), refs=refs)
            else:
                para(f"{n.number}. {n.text}" if n.kind == "paragraph" and n.number else n.text, refs=refs)

    if doc.title:
        para(doc.title, outline=0)
    walk(doc.children)
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                f'<w:document xmlns:w="{_W}" xmlns:r="{_R}"><w:body>{"".join(body)}</w:body></w:document>')
    footnotes = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{_W}">'
                 + "".join(f'<w:footnote w:id="{k}"><w:p>{run(t)}</w:p></w:footnote>'
                           for k, t in enumerate(notes, 1)) + "</w:footnotes>")
    office = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    types = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="{_PKG}/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             f'<Override PartName="/word/document.xml" ContentType="{office}.document.main+xml"/>'
             f'<Override PartName="/word/styles.xml" ContentType="{office}.styles+xml"/>'
             f'<Override PartName="/word/footnotes.xml" ContentType="{office}.footnotes+xml"/></Types>')
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    root_rels = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{_PKG}/relationships">'
                 f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="word/document.xml"/></Relationships>')
    doc_rels = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{_PKG}/relationships">'
                f'<Relationship Id="rId1" Type="{rel}/styles" Target="styles.xml"/>'
                f'<Relationship Id="rId2" Type="{rel}/footnotes" Target="footnotes.xml"/></Relationships>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in (("[Content_Types].xml", types), ("_rels/.rels", root_rels),
                           ("word/document.xml", document), ("word/_rels/document.xml.rels", doc_rels),
                           ("word/styles.xml", _STYLES), ("word/footnotes.xml", footnotes)):
            z.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), data)
    return out.getvalue()


def to_pdf(doc: Document) -> bytes:
    """The tree typeset as a Word-like PDF (cover, contents, running head, page numbers, footnotes)."""
    import tempfile
    from pathlib import Path

    from .pages import typeset, write_pdf

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "edition.pdf"
        write_pdf(typeset(doc), path)
        return path.read_bytes()


def to_layout(doc: Document) -> str:
    """The same pages as ``pdftotext -layout`` would give them."""
    from .pages import layout_text, typeset

    return layout_text(typeset(doc))


#: format name -> writer of a tree in that format (the readers' own dialects)
RENDERERS: dict[str, Callable[[Document], str | bytes]] = {
    "markdown": export.to_markdown,
    "text": to_text,
    "html": export.to_html,
    "docx": to_docx,
}
try:  # paged formats need reportlab (the test and bench extras)
    import reportlab  # noqa: F401

    RENDERERS.update(pdf=to_pdf, layout=to_layout)
except ImportError:  # pragma: no cover - depends on the installation
    pass


#: Renderer paths that make real-world artefacts (see :mod:`.word`), and the reader format each is read as.
READS_AS = {"word": "docx", "word-pdf": "pdf", "word-layout": "layout"}
RENDERERS.update({"word": to_word, "word-pdf": to_word_pdf, "word-layout": to_word_layout})


def formats() -> list[str]:
    """The reader formats the evaluation can render to, in the readers' order."""
    return [f for f in FORMATS if f in RENDERERS]


def artifact_formats() -> list[str]:
    """The real-world renderer paths whose tools are installed: ``word`` (python-docx), ``word-pdf``
    (LibreOffice), ``word-layout`` (LibreOffice and poppler's ``pdftotext``)."""
    return word_tools()


@dataclass
class RoundTrip:
    """A generated edition rendered and parsed back."""

    format: str
    parsed: Document
    #: generated uid -> parsed id, for blocks and for sections
    block_id: dict[str, str]
    section_id: dict[str, str]
    #: generated blocks and sections with no parsed counterpart (reader or renderer losses)
    lost_blocks: int
    lost_sections: int
    #: parsed blocks with no generated counterpart
    extra_blocks: int
    #: generated blocks drawn as flow charts (scored by their words, not paired)
    figures: frozenset[str] = frozenset()
    #: the figures' words, and how many of them the parsed blocks left unpaired hold (multisets)
    figure_words: int = 0
    figure_words_found: int = 0


def _pair_up(gen: list[tuple[str, str]], got: list[tuple[str, str]]) -> dict[str, str]:
    """Map ids of ``gen`` to ids of ``got`` (both (id, comparable text), in reading order)."""
    if [t for _, t in gen] == [t for _, t in got]:
        return {g: p for (g, _), (p, _) in zip(gen, got)}
    sm = difflib.SequenceMatcher(None, [t for _, t in gen], [t for _, t in got], autojunk=False)
    out: dict[str, str] = {}
    for a, b, size in sm.get_matching_blocks():
        for k in range(size):
            out[gen[a + k][0]] = got[b + k][0]
    return out


def _norm(text: str) -> str:
    return " ".join(text.split())


def round_trip(doc: Document, fmt: str, *, source: str) -> RoundTrip:
    """Render ``doc`` (built by :func:`~wtdiff.eval.generate.to_document`) as ``fmt`` and parse it."""
    rendered = RENDERERS[fmt](doc)
    data = rendered.encode("utf-8") if isinstance(rendered, str) else rendered
    parsed = read_bytes(data, source=source, format=READS_AS.get(fmt, fmt))
    # A flow chart's words may come back as one block of kind "figure", or as paragraphs or table
    # rows in another order: its blocks are not paired but scored by their words.
    figures = frozenset(b.id for run in figure_runs(doc) for b in run) if fmt in READS_AS else frozenset()
    gen_b = [(b.id, _norm(b.text)) for b in doc.blocks() if b.id not in figures]
    got_b = [(b.id, _norm(b.text)) for b in parsed.blocks() if b.kind != "figure"]
    gen_s = [(s.id, _norm(s.title)) for s in doc.sections()]
    got_s = [(s.id, _norm(s.title)) for s in parsed.sections()]
    blocks = _pair_up(gen_b, got_b)
    sections = _pair_up(gen_s, got_s)
    fig_words = Counter(w for b in doc.blocks() if b.id in figures for w in words(b.text))
    paired = set(blocks.values())
    spare = Counter(w for b in parsed.blocks() if b.id not in paired for w in words(b.text))
    return RoundTrip(format=fmt, parsed=parsed, block_id=blocks, section_id=sections,
                     lost_blocks=len(gen_b) - len(blocks), lost_sections=len(gen_s) - len(sections),
                     extra_blocks=len(got_b) - len(blocks), figures=figures,
                     figure_words=sum(fig_words.values()), figure_words_found=sum((fig_words & spare).values()))
