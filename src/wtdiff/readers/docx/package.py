"""The package of :mod:`wtdiff.readers.docx`: checked before anything is unpacked (size,
compression ratio, number of members; refused as a likely zip bomb beyond the limits), opened
with python-docx, and its parts parsed safely (no entities, no DTDs, no network). Each
refusal says what is wrong with the file and what to do."""

from __future__ import annotations

import io
import zipfile
import zlib
from typing import cast

from docx.opc.exceptions import OpcError
from docx.opc.package import OpcPackage
from docx.opc.part import Part, XmlPart
from docx.package import Package
from lxml import etree

from ...errors import UnreadableDocumentError
from .wordml import _RT


#: the most a package may hold once uncompressed (bytes)
MAX_UNCOMPRESSED = 200 * 1024 * 1024
#: the highest compression ratio allowed for a member over one megabyte
MAX_RATIO = 200
#: the most members a package may hold
MAX_MEMBERS = 10_000

_WORD_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
}
_MAGIC = {b"%PDF-": "a PDF file", b"{\\rtf": "an RTF file", b"<": "an HTML or XML file"}
_OTHER_TYPES = {"spreadsheetml": "an Excel workbook", "presentationml": "a PowerPoint presentation"}

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
    huge_tree=False, remove_comments=True, remove_pis=True,
)


def check_package(data: bytes) -> None:
    """Refuse ``data`` unless it is a zip package of a sane size, before unpacking anything."""
    if not data.startswith(b"PK"):
        if data.startswith(b"\xd0\xcf\x11\xe0"):
            raise UnreadableDocumentError(
                "this is an old-style Word (.doc) file or a password-protected document, not a DOCX file.",
                hint="Open it in Word, remove any password and save it as a Word Document (.docx).",
            )
        real = next((name for magic, name in _MAGIC.items() if data.lstrip()[:8].startswith(magic)), None)
        raise UnreadableDocumentError(
            f"this is not a Word (DOCX) file: it is {real}." if real
            else "this is not a Word (DOCX) file: it is not a zip package.",
            hint="Check that it is the right file, or give it the extension of its real format.",
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise UnreadableDocumentError(
            f"this DOCX file is damaged: its zip package cannot be opened ({exc}).",
            hint="Open it in Word and save it again.",
        ) from exc
    if len(infos) > MAX_MEMBERS:
        raise UnreadableDocumentError(
            f"this DOCX file holds {len(infos):,} parts, more than the {MAX_MEMBERS:,} a Word "
            "document can reasonably have, so it was not opened.",
            hint="Open it in Word and save it again.",
        )
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        raise UnreadableDocumentError(
            f"this DOCX file would expand to {total / 2**20:,.0f} MB, more than the "
            f"{MAX_UNCOMPRESSED // 2**20} MB limit, so it was not opened (it may be a zip bomb).",
            hint="Check where the file came from; save a smaller copy from Word if it is genuine.",
        )
    for info in infos:
        if info.file_size > 2**20 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size / max(info.compress_size, 1)
            raise UnreadableDocumentError(
                f"this DOCX file's part {info.filename} is compressed {ratio:,.0f} to 1, far more than "
                "any real document, so it was not opened (it may be a zip bomb).",
                hint="Check where the file came from.",
            )


def _open(data: bytes) -> tuple[OpcPackage, Part]:
    """Open the package with python-docx; the package and its main part."""
    try:
        package = Package.open(io.BytesIO(data))
        main = package.main_document_part
    except KeyError as exc:
        raise UnreadableDocumentError(
            "this zip file is not a Word document: it lacks the parts every .docx file has.",
            hint="Check that it is a .docx file saved by Word or LibreOffice.",
        ) from exc
    except (zipfile.BadZipFile, OpcError, etree.LxmlError, ValueError, OSError, EOFError,
            zlib.error, NotImplementedError) as exc:
        raise UnreadableDocumentError(
            f"this DOCX file is damaged and cannot be read ({exc}).",
            hint="Open it in Word and save it again.",
        ) from exc
    content_type = str(main.content_type)
    if content_type not in _WORD_TYPES:
        what = next((name for key, name in _OTHER_TYPES.items() if key in content_type), None)
        raise UnreadableDocumentError(
            f"this file is {what}, not a Word document." if what
            else f"this zip file is not a Word document (its main part is {content_type}).",
            hint="Give the edition as a .docx, .pdf, .html or .txt file.",
        )
    return package, main


def _element(part: Part) -> etree._Element:
    """A part's XML root: python-docx's parsed element, or the blob parsed safely here."""
    if isinstance(part, XmlPart):
        return cast(etree._Element, part.element)
    try:
        return etree.fromstring(part.blob, _PARSER)
    except etree.XMLSyntaxError as exc:
        name = part.partname
        raise UnreadableDocumentError(
            f"this DOCX file is damaged: {name} is not well-formed XML ({exc}).",
            hint="Open it in Word and save it again.",
        ) from exc


def _related(part: Part, name: str) -> Part | None:
    """The part related to ``part`` by the relationship type ending in ``name``, if any."""
    for rel in part.rels.values():
        if not rel.is_external and rel.reltype == _RT + name:
            return cast(Part, rel.target_part)
    return None


def _links(part: Part) -> dict[str, str]:
    """The external relationship targets of ``part`` by id (hyperlink addresses)."""
    return {rid: rel.target_ref for rid, rel in part.rels.items() if rel.is_external}
