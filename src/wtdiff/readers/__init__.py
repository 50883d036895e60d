"""Readers: one per input format, each a pure function from a file to a tree.

:func:`read` picks the reader from the file's extension (or its first bytes),
hashes the file, and hands the reader's :class:`~wtdiff.structure.Item` stream
to :func:`wtdiff.structure.build`. A reader only knows its format; the shape of
statutory guidance (chapters, numbered paragraphs, glossaries, footnotes) is
the structure stage's business.
"""

from __future__ import annotations

import codecs
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from ..collector import paused
from ..errors import FileMissingError, InputError, UnreadableDocumentError, UnsupportedFormatError
from ..model import Document
from ..structure import Item, build
from . import markdown
from .parallel import ReadJob, read_all

__all__ = ["read", "read_bytes", "read_all", "file_job", "ReadJob", "FORMATS", "detect_format", "decode",
           "Reader", "Progress"]

#: Told (pages done, pages in all) while a paged file is read.
Progress = Callable[[int, int], None]
#: A reader: a pure function from a file's bytes to the items in reading order
#: (paged readers report their progress).
Reader = Callable[[bytes, "Progress | None"], Iterable[Item]]


def _text_reader(fn: Callable[[str], Iterable[Item]]) -> Reader:
    """Adapt a reader of decoded text to take the file's bytes."""
    return lambda data, progress=None: fn(decode(data))


def _html(data: bytes, progress: Progress | None = None) -> Iterable[Item]:
    from . import html  # lxml.html is imported only when an HTML file is read

    return html.items(decode(data))


def _layout(data: bytes, progress: Progress | None = None) -> Iterable[Item]:
    from . import layouttext

    return layouttext.items(data)


def _pdf(data: bytes, progress: Progress | None = None) -> Iterable[Item]:
    from . import pdf

    return pdf.items(data, progress)


def _docx(data: bytes, progress: Progress | None = None) -> Iterable[Item]:
    from . import docx  # python-docx is imported only when a Word file is read

    return docx.items(data)


_READERS: dict[str, Reader] = {
    "markdown": _text_reader(markdown.items),
    "text": _text_reader(markdown.text_items),
    "layout": _layout,
    "html": _html,
    "pdf": _pdf,
    "docx": _docx,
}
_EXTENSIONS = {
    ".md": "markdown", ".markdown": "markdown",
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx", ".docm": "docx", ".dotx": "docx",
}
#: the formats :func:`read` accepts
FORMATS: tuple[str, ...] = tuple(_READERS)


def detect_format(path: Path, head: bytes) -> str:
    """The reader for ``path``: by extension, else by sniffing its first bytes."""
    fmt = _EXTENSIONS.get(path.suffix.lower())
    if fmt == "text" and head.count(b"\f") >= 2:
        return "layout"  # pdftotext -layout output: form feeds between pages
    if fmt:
        return fmt
    sniff = head.lstrip()[:512].lower()
    if sniff.startswith(b"%pdf"):
        return "pdf"
    if sniff.startswith(b"pk\x03\x04"):
        return "docx"  # the DOCX reader names other zip packages (Excel, PowerPoint) itself
    if sniff.startswith((b"<!doctype html", b"<html")) or b"<body" in sniff:
        return "html"
    if b"\x00" in head[:4096]:
        raise UnsupportedFormatError(
            f"{path}: this is not a document wtdiff can read (binary data).",
            hint="Give a Markdown (.md), text (.txt) or HTML (.html) file.",
        )
    return "text"


def read(
    path: str | Path,
    *,
    format: str | None = None,
    edition: str | None = None,
    progress: Progress | None = None,
    cache: bool = True,
) -> Document:
    """Read and structure one edition from a file.

    ``format`` forces a reader (one of :data:`FORMATS`); by default it is chosen
    from the extension or the content. Trees are cached by the file's hash
    (:mod:`wtdiff.treecache`), so reading the same file again is instant;
    ``cache=False`` reads it afresh.
    """
    job = file_job(path, format=format, edition=edition, cache=cache)
    return read_bytes(job.data, source=job.source, format=job.format, edition=edition, progress=progress,
                      cache=cache)


def file_job(path: str | Path, *, format: str | None = None, edition: str | None = None,
             cache: bool = True) -> ReadJob:
    """What :func:`read` reads: the file's bytes and its reader, for :func:`read_all`."""
    p = Path(path)
    if not p.is_file():
        raise FileMissingError(
            f"{p}: no such file.", hint="Check the path, or run `wtdiff --help`."
        )
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise UnreadableDocumentError(f"{p}: cannot be read ({exc.strerror}).") from exc
    fmt = format or detect_format(p, data[:8192])
    return ReadJob(data, source=str(p), format=fmt, edition=edition, cache=cache)


def read_bytes(
    data: bytes,
    *,
    source: str,
    format: str,
    edition: str | None = None,
    progress: Progress | None = None,
    cache: bool = False,
) -> Document:
    """Structure a document from its bytes with the named reader.

    With ``cache=True`` the tree is looked up in, and stored into, the parse
    cache (:mod:`wtdiff.treecache`) by the bytes' SHA-256.
    """
    from ..treecache import TreeCache

    store = TreeCache() if cache and TreeCache.enabled() else None
    if store is not None:
        found = store.get(hashlib.sha256(data).hexdigest(), format, source)
        if found is not None:
            if progress is not None and found.pages:
                progress(found.pages, found.pages)
            return replace(found, edition=edition)
    doc = _parse(data, source=source, format=format, edition=edition, progress=progress)
    if store is not None:
        store.put(doc)
    return doc


@paused()  # a tree is thousands of small objects in no cycles (in a reading worker too)
def _parse(data: bytes, *, source: str, format: str, edition: str | None, progress: Progress | None) -> Document:
    reader = _READERS.get(format)
    if reader is None:
        raise UnsupportedFormatError(
            f"{source}: unknown format {format!r}.", hint=f"Use one of: {', '.join(FORMATS)}."
        )
    try:
        found = reader(data, progress)
    except InputError as exc:
        # readers describe the problem; the file it is in is named here
        if exc.message.startswith(source):
            raise
        raise type(exc)(f"{source}: {exc.message}", hint=exc.hint) from exc
    doc = build(
        found,
        title=getattr(found, "title", None),
        pages=getattr(found, "pages", None),
        remarks=tuple(getattr(found, "notes", ())),
        source=source,
        sha256=hashlib.sha256(data).hexdigest(),
        format=format,
        edition=edition,
    )
    if not any(True for _ in doc.blocks()):
        raise UnreadableDocumentError(
            f"{source}: no text was found in this {format} file.",
            hint="Check that it is the right file and not empty.",
        )
    return doc


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """Decode the bytes that are not UTF-8 as Windows-1252 (how such files are made)."""
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start:error.end]
    return bad.decode("cp1252", errors="replace"), error.end


codecs.register_error("wtdiff-cp1252", _cp1252_fallback)


def decode(data: bytes) -> str:
    """Decode text: UTF-8 (with or without BOM); bytes that are not UTF-8 — a Windows
    file, or one pasted together from both — as Windows-1252; line ends unified."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    text = data.decode("utf-8", errors="wtdiff-cp1252")
    return text.replace("\r\n", "\n").replace("\r", "\n")
