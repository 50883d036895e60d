"""The plain text of a user's own document, paragraph by paragraph, for finding citations.

Unlike the edition readers, nothing here builds a guidance tree: a local
procedure is just text. Each format gives a list of paragraphs:

* **DOCX** — every ``w:p`` of ``word/document.xml`` in document order
  (tables included), its text the ``w:t`` of its runs as the document now
  reads: text inside ``w:del`` and ``w:moveFrom`` (earlier tracked changes)
  is left out, inserted text kept. :func:`docx_paragraphs` also gives each
  paragraph's ``w:t`` elements with their offsets, for writing it back.
* **PDF** — one paragraph per page, the page's text with white space
  collapsed (a citation broken over a line is then whole again).
* **HTML** — every element of the body holding text that is not inside
  another such element (``p``, ``li``, ``td``, headings …), its text
  content with white space collapsed; scripts and styles skipped.
* **Markdown and text** — blocks separated by blank lines, white space
  collapsed.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from lxml import etree

from ..errors import FileMissingError, UnreadableDocumentError, UnsupportedFormatError

__all__ = ["W", "UserDocument", "docx_paragraphs", "read_user_document"]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_SUFFIX = {".docx": "docx", ".pdf": "pdf", ".html": "html", ".htm": "html", ".md": "markdown",
           ".markdown": "markdown", ".txt": "text", ".text": "text"}
_BLOCKS = {"p", "li", "td", "th", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
           "caption", "figcaption"}
_MAX_XML = 200 * 1024 * 1024


@dataclass(frozen=True)
class UserDocument:
    """A user's document as text: its paragraphs in reading order."""

    path: str
    format: str  # docx | pdf | html | markdown | text
    sha256: str
    paragraphs: tuple[str, ...]


def _squash(text: str) -> str:
    return " ".join(text.split())


def docx_part(data: bytes, name: str = "word/document.xml") -> bytes:
    """One part of a DOCX package, with errors a user can act on."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as z:
            info = z.getinfo(name)
            if info.file_size > _MAX_XML:
                raise UnreadableDocumentError(f"{name} is too large to read ({info.file_size} bytes).")
            return z.read(name)
    except (zipfile.BadZipFile, KeyError) as exc:
        raise UnreadableDocumentError(
            "this is not a Word document wtdiff can read (no word/document.xml).",
            hint="Save it from Word as a .docx file and try again.") from exc


def _live(t: etree._Element) -> bool:
    """Text of the document as it now reads: not inside an earlier deletion or move away."""
    return not any(a.tag in (f"{{{W}}}del", f"{{{W}}}moveFrom") for a in t.iterancestors())


def docx_paragraphs(root: etree._Element) -> list[tuple[etree._Element, list[tuple[etree._Element, int]]]]:
    """Every ``w:p`` under ``root`` with its live ``w:t`` elements and the offset each starts at."""
    out = []
    for p in root.iter(f"{{{W}}}p"):
        ts, pos = [], 0
        for t in p.iter(f"{{{W}}}t"):
            if t.getparent() is not None and _live(t) and _own(t, p):
                ts.append((t, pos))
                pos += len(t.text or "")
        out.append((p, ts))
    return out


def _own(t: etree._Element, p: etree._Element) -> bool:
    """``t`` belongs to ``p`` itself, not to a paragraph nested in it (a text box)."""
    return next(t.iterancestors(f"{{{W}}}p")) is p


def _docx(data: bytes) -> list[str]:
    root = etree.fromstring(docx_part(data), etree.XMLParser(resolve_entities=False, huge_tree=True))
    return ["".join(t.text or "" for t, _ in ts) for _, ts in docx_paragraphs(root)]


def _pdf(data: bytes) -> list[str]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise UnreadableDocumentError(f"this PDF cannot be opened ({exc}).",
                                      hint="Save an unprotected copy, or give the Word original.") from exc
    try:
        return [_squash(pdf[i].get_textpage().get_text_range()) for i in range(len(pdf))]
    finally:
        pdf.close()


def _html(text: str) -> list[str]:
    from lxml import html

    root = html.fromstring(text or "<html></html>")
    for bad in root.xpath("//script|//style|//head"):
        bad.drop_tree()
    out = []
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag not in _BLOCKS:
            continue
        if any(isinstance(a.tag, str) and a.tag in _BLOCKS for a in el.iterancestors()):
            continue
        out.append(_squash(el.text_content()))
    return [p for p in out if p]


def _plain(text: str) -> list[str]:
    return [_squash(b) for b in re.split(r"\n\s*\n", text) if b.strip()]


def read_user_document(path: str | Path, *, format: str | None = None) -> UserDocument:
    """Read a user's document (DOCX, PDF, HTML, Markdown or text) as paragraphs of text."""
    from ..readers import decode

    p = Path(path)
    if not p.is_file():
        raise FileMissingError(f"{p}: no such file.", hint="Check the path to your document.")
    data = p.read_bytes()
    fmt = format or _SUFFIX.get(p.suffix.lower())
    if fmt is None:
        head = data[:8].lower()
        fmt = "pdf" if head.startswith(b"%pdf") else "docx" if head.startswith(b"pk\x03\x04") else "text"
    if fmt == "docx":
        paragraphs = _docx(data)
    elif fmt == "pdf":
        paragraphs = _pdf(data)
    elif fmt in ("html", "markdown", "text"):
        text = decode(data)
        paragraphs = _html(text) if fmt == "html" else _plain(text)
    else:
        raise UnsupportedFormatError(f"{p}: wtdiff cannot read {fmt} documents.",
                                     hint="Give a .docx, .pdf, .html, .md or .txt file.")
    return UserDocument(str(p), fmt, hashlib.sha256(data).hexdigest(), tuple(paragraphs))
