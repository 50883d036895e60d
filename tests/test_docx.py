"""The DOCX reader: generated editions read back exactly, Word numbering, notes, revisions and bad files."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import docx
import pytest
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import qn

import wtdiff
from wtdiff import export
from wtdiff.errors import UnreadableDocumentError
from wtdiff.model import Document
from wtdiff.readers import FORMATS, read, read_bytes
from wtdiff.readers.docx import items
from wtdiff.structure import build

from .docgen import (
    ExpectedTree,
    build_docx,
    convert_to_docx,
    long_spec,
    small_spec,
    soffice,
)

NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')


def parse_docx(data: bytes, source: str = "test.docx") -> Document:
    """Read a DOCX through the registry once it knows the format, else straight from the reader."""
    if "docx" in FORMATS:
        return read_bytes(data, source=source, format="docx")
    found = items(data)
    return build(found, title=found.title, source=source, format="docx")


def make_docx(body: str, *, numbering: str | None = None, footnotes: str | None = None,
              links: dict[str, str] | None = None, title: str | None = None) -> bytes:
    """A Word file whose body (and numbering, and footnotes) is the WordprocessingML given."""
    d = docx.Document()
    if title is not None:
        d.core_properties.title = title
    b = d.element.body
    sect = b.find(qn("w:sectPr"))
    for el in list(b):
        if el is not sect:
            b.remove(el)
    for el in list(parse_xml(f"<w:body {NS}>{body}</w:body>")):
        sect.addprevious(el)
    for rid, url in (links or {}).items():
        d.part.load_rel(RT.HYPERLINK, url, rid, is_external=True)
    if numbering is not None:
        num = d.part.numbering_part.element
        for el in list(num):
            num.remove(el)
        for el in list(parse_xml(f"<w:numbering {NS}>{numbering}</w:numbering>")):
            num.append(el)
    if footnotes is not None:
        part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, footnotes.encode("utf-8"), d.part.package)
        d.part.relate_to(part, RT.FOOTNOTES)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def p(text: str, *, style: str | None = None, num: tuple[int, int] | None = None, extra: str = "") -> str:
    """A paragraph of plain text with an optional style and numbering."""
    ppr = ""
    if style or num or extra:
        ppr = "<w:pPr>" + (f'<w:pStyle w:val="{style}"/>' if style else "") + (
            f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>' if num else ""
        ) + extra + "</w:pPr>"
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def blocks(doc: Document) -> list[tuple[str, str | None, int, str]]:
    return [(b.kind, b.number, b.level, b.text) for b in doc.blocks(notes=False)]


# --- generated editions --------------------------------------------------------------------

@pytest.mark.parametrize("auto", [False, True], ids=["typed-numbers", "word-numbering"])
def test_generated_edition_reads_back_exactly(tmp_path: Path, auto: bool) -> None:
    path = tmp_path / "edition.docx"
    expected = build_docx(small_spec(), path, auto_numbering=auto)
    doc = parse_docx(path.read_bytes())
    assert ExpectedTree.of(doc) == expected
    assert items(path.read_bytes()).notes == []


def test_long_generated_edition_reads_back_exactly(tmp_path: Path) -> None:
    path = tmp_path / "long.docx"
    expected = build_docx(long_spec(), path, auto_numbering=True)
    doc = parse_docx(path.read_bytes())
    assert ExpectedTree.of(doc) == expected
    numbers = [b.number for b in doc.blocks() if b.kind == "paragraph" and b.number]
    assert numbers == [str(n) for n in range(1, 376)]
    assert expected.footnotes == sum(len(b.notes) for b in doc.blocks())


def test_footnotes_follow_and_attach_to_the_paragraph_citing_them(tmp_path: Path) -> None:
    path = tmp_path / "edition.docx"
    build_docx(small_spec(), path)
    doc = parse_docx(path.read_bytes())
    order = [(b.kind, b.number) for b in doc.blocks()]
    assert order[:3] == [("paragraph", None), ("paragraph", "1"), ("footnote", "1")]
    cited = {b.id: b for b in doc.blocks(notes=False)}
    p3 = cited["ch1.s1.p3"]
    assert p3.text.endswith("not on the structure chart of any one agency.")
    assert [(n.id, n.kind, n.number, n.text, n.links) for n in p3.notes] == [
        ("ch1.s1.p3.fn2", "footnote", "2", "See the information-sharing advice for practitioners.", ()),
        ("ch1.s1.p3.fn3", "footnote", "3", "Further detail is at the national panel.",
         ("https://www.gov.uk/panel",)),
    ]
    assert cited["ch1.p1"].text == ("Everyone who works with children has a role to play in keeping them safe, "
                                    "and no single practitioner can have a full picture of a child\u2019s needs.")


def test_footnotes_can_be_left_out_and_headers_and_footers_are_not_read(tmp_path: Path) -> None:
    path = tmp_path / "edition.docx"
    expected = build_docx(small_spec(), path, footnotes=False)
    doc = parse_docx(path.read_bytes())
    assert ExpectedTree.of(doc) == expected and expected.footnotes == 0
    assert not any(b.text.startswith("Page") or "Working Together" in b.text for b in doc.blocks())


def test_tables_lists_links_and_glossary(tmp_path: Path) -> None:
    path = tmp_path / "edition.docx"
    build_docx(small_spec(), path, auto_numbering=True)
    doc = parse_docx(path.read_bytes())
    rows = [(b.cells, b.header) for b in doc.blocks() if b.kind == "table-row"]
    assert rows[0] == (("Agency", "Statutory duty"), True)
    assert rows[1] == (("Local authority", "Lead the assessment and co\u2011ordinate the plan"), False)
    bullets = [(b.level, b.text, b.links) for b in doc.blocks() if b.kind == "list-item"]
    assert bullets[:4] == [
        (0, "see the child and speak with them alone where it is safe to do so;", ()),
        (1, "record the child\u2019s own words;", ()),
        (1, "note who else was present \u2013 and why.", ()),
        (0, "read the multi-agency framework before the first visit.", ("https://www.gov.uk/guidance/framework",)),
    ]
    assert [b.text for b in doc.blocks() if b.kind == "list-item"][4:] == [
        "a) publish the arrangements;", "b) name a lead representative;", "c) review them each year."]
    assert [b.term for b in doc.blocks() if b.kind == "definition"] == ["Early help", "Safeguarding partners"]


# --- Word numbering ------------------------------------------------------------------------

NUMBERING = """
<w:abstractNum w:abstractNumId="10">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%3)"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="11">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlRestart w:val="0"/>
    <w:lvlText w:val="%2)"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:isLgl/><w:lvlText w:val="%1.%3"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="12">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="Chapter %1:"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="13">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="o"/></w:lvl>
</w:abstractNum>
<w:num w:numId="20"><w:abstractNumId w:val="10"/></w:num>
<w:num w:numId="21"><w:abstractNumId w:val="10"/>
  <w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
<w:num w:numId="22"><w:abstractNumId w:val="11"/></w:num>
<w:num w:numId="23"><w:abstractNumId w:val="12"/></w:num>
<w:num w:numId="24"><w:abstractNumId w:val="13"/></w:num>
"""


def test_word_numbering_levels_formats_restarts_and_overrides() -> None:
    body = "".join([
        p("Early help", style="Heading1", num=(23, 0)),
        p("First.", num=(20, 0)), p("Sub one.", num=(20, 1)), p("Sub two.", num=(20, 1)),
        p("roman one", num=(20, 2)), p("roman two", num=(20, 2)),
        p("Second.", num=(20, 0)), p("Sub again.", num=(20, 1)),
        p("Child protection", style="Heading1", num=(23, 0)),
        p("Restarted at five.", num=(21, 0)),
        p("bullet", style="ListParagraph", num=(24, 0)), p("inner bullet", style="ListParagraph", num=(24, 1)),
        p("Roman.", num=(22, 0)), p("letter", num=(22, 1)), p("Roman again.", num=(22, 0)),
        p("letter continues", num=(22, 1)), p("legal", num=(22, 2)),
        p("No longer numbered.", num=(0, 0)),
    ])
    doc = parse_docx(make_docx(body, numbering=NUMBERING))
    assert [(s.title, s.kind, s.number) for s in doc.sections()] == [
        ("Chapter 1: Early help", "chapter", "1"), ("Chapter 2: Child protection", "chapter", "2")]
    assert blocks(doc) == [
        ("paragraph", "1", 0, "First."), ("paragraph", "1.1", 0, "Sub one."), ("paragraph", "1.2", 0, "Sub two."),
        ("list-item", None, 1, "(i) roman one"), ("list-item", None, 1, "(ii) roman two"),
        ("paragraph", "2", 0, "Second."), ("paragraph", "2.1", 0, "Sub again."),
        ("paragraph", "5", 0, "Restarted at five."),
        ("list-item", None, 0, "bullet"), ("list-item", None, 1, "inner bullet"),
        ("list-item", None, 0, "I. Roman."), ("list-item", None, 1, "a) letter"),
        ("list-item", None, 0, "II. Roman again."), ("list-item", None, 1, "b) letter continues"),
        ("list-item", None, 2, "2.1 legal"),
        ("paragraph", None, 0, "No longer numbered."),
    ]


def test_typed_numbers_bullet_glyphs_and_list_styles() -> None:
    body = "".join([
        p("24.\tPartners must work together."), p("3.16 Schools should refer concerns."),
        p("\uf0b7\tsee the child;"), p("\u2022 listen to them;"), p("(a) record their views;"),
        p("a bullet", style="ListBullet"), p("a deeper bullet", style="ListBullet2"),
        '<w:p><w:r><w:sym w:font="Symbol" w:char="F0B7"/><w:tab/><w:t>symbol bullet</w:t></w:r></w:p>',
    ])
    assert blocks(parse_docx(make_docx(body))) == [
        ("paragraph", "24", 0, "Partners must work together."),
        ("paragraph", "3.16", 0, "Schools should refer concerns."),
        ("list-item", None, 0, "see the child;"), ("list-item", None, 0, "listen to them;"),
        ("list-item", None, 0, "(a) record their views;"),
        ("list-item", None, 0, "a bullet"), ("list-item", None, 1, "a deeper bullet"),
        ("list-item", None, 0, "symbol bullet"),
    ]


def test_a_short_numbered_list_beside_the_paragraph_numbers_is_a_list() -> None:
    numbering = ('<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                 '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>')
    body = "".join(p(f"{n}. Paragraph {n}.") for n in range(1, 12))
    body += p("Steps:") + p("see the child", num=(1, 0)) + p("record their views", num=(1, 0))
    got = blocks(parse_docx(make_docx(body, numbering=numbering)))
    assert got[10:] == [("paragraph", "11", 0, "Paragraph 11."), ("paragraph", None, 0, "Steps:"),
                        ("list-item", None, 0, "1. see the child"), ("list-item", None, 0, "2. record their views")]


@pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed")
def test_a_docx_saved_by_libreoffice_reads_like_its_source(tmp_path: Path) -> None:
    """The specimen edition as HTML, saved as DOCX by LibreOffice (its own styles, lists and tables)."""
    md = wtdiff.parse("specimen-a")
    html = tmp_path / "specimen.html"
    html.write_text(export.to_html(md), encoding="utf-8")
    path = convert_to_docx(html, tmp_path)
    assert path is not None
    doc = parse_docx(path.read_bytes())

    def shape(d: Document) -> list[tuple[object, ...]]:
        # the HTML's footnotes arrive as a numbered list at the end and "[footnote N]" links, not Word notes
        return [("title", d.title)] + [(s.kind, s.number, s.level, s.title) for s in d.sections()] + [
            (b.kind, b.number, b.level, b.text.split("[footnote")[0].rstrip() if b.kind == "paragraph" else b.text,
             b.cells, b.header, b.term) for b in d.blocks(notes=False)]

    got = shape(doc)
    assert got[:len(shape(md))] == shape(md)
    assert all(kind == "list-item" and text.endswith("\u21a9") for kind, _, _, text, *_ in got[len(shape(md)):])


# --- what is skipped and what is kept ------------------------------------------------------

def test_contents_hidden_text_and_empty_paragraphs_are_skipped_and_fields_read() -> None:
    toc_field = (
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" '
        '\\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>Chapter 1 ..... 3'
        '</w:t></w:r></w:p>' + p("Chapter 2 ..... 7") +
        '<w:p><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )
    toc_control = (
        '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj></w:sdtPr>'
        '<w:sdtContent>' + p("Contents", style="TOCHeading") + p("Early help ..... 9") + '</w:sdtContent></w:sdt>'
    )
    body = "".join([
        p("Working Together", style="Title"), toc_control, toc_field,
        p("Chapter 1: Duties", style="Heading1"), "<w:p/>", p("   "),
        ('<w:p><w:r><w:t xml:space="preserve">1. Partners must act</w:t></w:r>'
        '<w:r><w:rPr><w:vanish/></w:rPr><w:t> (hidden drafting note)</w:t></w:r>'
        '<w:r><w:t xml:space="preserve"> on page </w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGEREF _Ref1 \\h </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>12</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> and read </w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> HYPERLINK "https://www.gov.uk/guide" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>the guide</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>.</w:t></w:r></w:p>'),
        ('<w:p><w:hyperlink r:id="rIdX1"><w:r><w:t>Linked</w:t></w:r></w:hyperlink>'
        '<w:hyperlink w:anchor="_Toc1"><w:r><w:t xml:space="preserve"> text.</w:t></w:r></w:hyperlink></w:p>'),
        p("A second top heading", extra='<w:outlineLvl w:val="0"/>'),
    ])
    doc = parse_docx(make_docx(body, links={"rIdX1": "https://www.gov.uk/linked"}))
    assert doc.title == "Working Together"
    assert [s.title for s in doc.sections()] == ["Chapter 1: Duties", "A second top heading"]
    got = [(b.number, b.text, b.links) for b in doc.blocks()]
    assert got == [
        ("1", "Partners must act on page 12 and read the guide.", ("https://www.gov.uk/guide",)),
        (None, "Linked text.", ("https://www.gov.uk/linked",)),
    ]


def test_title_comes_from_document_properties_when_the_text_has_none() -> None:
    body = p("Chapter 1: Duties", style="Heading1") + p("1. Act.") + p("Chapter 2: Help", style="Heading1")
    assert parse_docx(make_docx(body, title="Working Together 2099")).title == "Working Together 2099"
    lone = p("Working Together", style="Heading1") + p("Intro", style="Heading2") + p("1. Act.")
    assert parse_docx(make_docx(lone, title="Ignored")).title == "Working Together"


FOOTNOTES = f"""<w:footnotes {NS}>
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
<w:footnote w:id="7"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Children Act 1989.</w:t></w:r></w:p>
  <w:p><w:r><w:t>Second paragraph of the note.</w:t></w:r></w:p></w:footnote>
<w:footnote w:id="8"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> A custom-marked note.</w:t></w:r></w:p></w:footnote>
<w:footnote w:id="9"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Education Act 2002.</w:t></w:r></w:p></w:footnote>
</w:footnotes>"""


def test_footnote_markers_are_their_printed_ordinals_and_custom_marks_are_kept() -> None:
    body = "".join([
        p("Chapter 1: Duties", style="Heading1"),
        ('<w:p><w:r><w:t>1. First</w:t></w:r><w:r><w:footnoteReference w:id="7"/></w:r>'
        '<w:r><w:t xml:space="preserve"> and second</w:t></w:r>'
        '<w:r><w:footnoteReference w:customMarkFollows="1" w:id="8"/><w:t>*</w:t></w:r><w:r><w:t>.</w:t></w:r></w:p>'),
        ('<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Police</w:t></w:r><w:r><w:footnoteReference w:id="9"/></w:r></w:p></w:tc>'
        '<w:tc><w:p><w:r><w:t>Investigate</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'),
    ])
    doc = parse_docx(make_docx(body, footnotes=FOOTNOTES))
    para, row = list(doc.blocks(notes=False))
    assert para.text == "First and second."
    assert [(n.number, n.text) for n in para.notes] == [
        ("1", "Children Act 1989. Second paragraph of the note."), ("*", "A custom-marked note.")]
    assert row.cells == ("Police", "Investigate") and [(n.number, n.text) for n in row.notes] == [
        ("2", "Education Act 2002.")]


def test_entities_in_a_part_are_not_expanded_or_fetched(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    notes = FOOTNOTES.replace(
        f"<w:footnotes {NS}>",
        f'<!DOCTYPE w:footnotes [<!ENTITY inner "EXPANDED"><!ENTITY outer SYSTEM "{secret.as_uri()}">]>'
        f"<w:footnotes {NS}>",
    ).replace("Children Act 1989.", "Children Act 1989 &inner;&outer;.")
    body = '<w:p><w:r><w:t>1. First</w:t></w:r><w:r><w:footnoteReference w:id="7"/></w:r></w:p>'
    doc = parse_docx(make_docx(body, footnotes=notes))
    text = " ".join(n.text for b in doc.blocks() for n in b.notes)
    assert "Children Act 1989" in text
    assert "EXPANDED" not in text and "TOP-SECRET" not in text


# --- revisions and comments ----------------------------------------------------------------

TRACKED = "".join([
    p("Chapter 1: Duties", style="Heading1"),
    ('<w:p><w:r><w:t xml:space="preserve">1. Partners </w:t></w:r>'
    '<w:del w:id="1" w:author="Reviewer" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>should</w:delText></w:r></w:del>'
    '<w:ins w:id="2" w:author="Reviewer" w:date="2024-01-01T00:00:00Z"><w:r><w:t>must</w:t></w:r></w:ins>'
    '<w:r><w:t xml:space="preserve"> publish their arrangements.</w:t></w:r></w:p>'),
    # a paragraph whose mark was deleted runs on into the next one
    ('<w:p><w:pPr><w:rPr><w:del w:id="3" w:author="Reviewer"/></w:rPr></w:pPr>'
    '<w:r><w:t xml:space="preserve">2. The report </w:t></w:r></w:p>'),
    p("is published each year."),
    # a paragraph deleted whole
    ('<w:p><w:pPr><w:rPr><w:del w:id="4" w:author="Reviewer"/></w:rPr></w:pPr>'
    '<w:del w:id="5" w:author="Reviewer"><w:r><w:delText>3. A paragraph that was removed.</w:delText></w:r></w:del></w:p>'),
    ('<w:p><w:r><w:t xml:space="preserve">3. Text that </w:t></w:r>'
    '<w:moveFrom w:id="6" w:author="Reviewer"><w:r><w:t>moved away and </w:t></w:r></w:moveFrom>'
    '<w:r><w:t>stays.</w:t></w:r><w:moveTo w:id="7" w:author="Reviewer"><w:r><w:t xml:space="preserve"> Moved here.'
    '</w:t></w:r></w:moveTo></w:p>'),
    ('<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Agency</w:t></w:r></w:p></w:tc></w:tr>'
    '<w:tr><w:trPr><w:del w:id="8" w:author="Reviewer"/></w:trPr><w:tc><w:p><w:del w:id="9" w:author="Reviewer">'
    '<w:r><w:delText>Clinical Commissioning Groups</w:delText></w:r></w:del></w:p></w:tc></w:tr>'
    '<w:tr><w:trPr><w:ins w:id="10" w:author="Reviewer"/></w:trPr><w:tc><w:p><w:ins w:id="11" w:author="Reviewer">'
    '<w:r><w:t>Integrated care boards</w:t></w:r></w:ins></w:p></w:tc></w:tr></w:tbl>'),
])


def test_tracked_changes_are_read_accepted_and_reported() -> None:
    data = make_docx(TRACKED)
    doc = parse_docx(data)
    assert blocks(doc) == [
        ("paragraph", "1", 0, "Partners must publish their arrangements."),
        ("paragraph", "2", 0, "The report is published each year."),
        ("paragraph", "3", 0, "Text that stays. Moved here."),
        ("table-row", None, 0, "Agency"), ("table-row", None, 0, "Integrated care boards"),
    ]
    assert items(data).notes == [
        "tracked changes were accepted (the text read is the document with every change accepted)"]


def test_comments_are_ignored_and_reported() -> None:
    d = docx.Document()
    d.add_heading("Chapter 1: Duties", 1)
    para = d.add_paragraph("1. Partners must publish their arrangements.")
    d.add_comment(para.runs, text="Please check this against the 2018 edition.", author="Reviewer")
    out = io.BytesIO()
    d.save(out)
    doc = parse_docx(out.getvalue())
    assert [(b.number, b.text) for b in doc.blocks()] == [("1", "Partners must publish their arrangements.")]
    assert items(out.getvalue()).notes == ["1 comment was ignored"]


# --- files that are not what they claim ---------------------------------------------------

def _declare_size(data: bytes, name: str, size: int) -> bytes:
    """The zip with the central directory's uncompressed size of ``name`` replaced by ``size``."""
    buf = bytearray(data)
    at = buf.find(b"PK\x01\x02")  # the first central directory header
    while at != -1:
        name_len = struct.unpack_from("<H", buf, at + 28)[0]
        if bytes(buf[at + 46:at + 46 + name_len]).decode() == name:
            struct.pack_into("<I", buf, at + 24, size)
            return bytes(buf)
        at = buf.find(b"PK\x01\x02", at + 46)
    raise AssertionError(f"{name} not in the zip")


def _sample() -> bytes:
    return make_docx(p("Chapter 1: Duties", style="Heading1") + p("1. Partners must act."))


def test_a_zip_bomb_is_refused_before_it_is_unpacked() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = bytes(1 << 20)
            for _ in range(300):  # 300 MB of zeros, about 1.4 MB compressed
                member.write(chunk)
    assert len(buf.getvalue()) < 2_000_000
    with pytest.raises(UnreadableDocumentError, match=r"expand to 300 MB, more than the 200 MB limit"):
        items(buf.getvalue())


def test_a_member_declared_huge_or_compressed_absurdly_is_refused() -> None:
    declared = _declare_size(_sample(), "word/document.xml", 250 * 2**20)
    with pytest.raises(UnreadableDocumentError, match="zip bomb"):
        items(declared)
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_sample())) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            zf.writestr(info.filename, src.read(info.filename))
        zf.writestr("word/media/padding.bin", bytes(20 << 20))
    with pytest.raises(UnreadableDocumentError, match=r"word/media/padding.bin is compressed [\d,]+ to 1"):
        items(buf.getvalue())


def test_a_member_larger_than_declared_is_damage_not_a_bomb() -> None:
    sample = _sample()
    with zipfile.ZipFile(io.BytesIO(sample)) as zf:
        real = zf.getinfo("word/document.xml").file_size
    with pytest.raises(UnreadableDocumentError, match="damaged"):
        items(_declare_size(sample, "word/document.xml", real // 2))


@pytest.mark.parametrize("data, message", [
    (b"Chapter 1: Duties\n\n1. Partners must act.\n", "not a zip package"),
    (b"", "not a zip package"),
    (b"%PDF-1.7\n", "it is a PDF file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), r"old-style Word \(.doc\) file or a password-protected"),
    (_sample()[:-200], "damaged"),
    (_sample()[:3000], "damaged"),
], ids=["text-file", "empty", "pdf", "doc-or-encrypted", "truncated-directory", "truncated-half"])
def test_broken_and_mislabelled_files_raise_clear_errors(data: bytes, message: str) -> None:
    with pytest.raises(UnreadableDocumentError, match=message):
        parse_docx(data)


def test_other_zip_packages_are_named() -> None:
    plain = io.BytesIO()
    with zipfile.ZipFile(plain, "w") as zf:
        zf.writestr("notes.txt", "hello")
    with pytest.raises(UnreadableDocumentError, match="damaged|not a Word document"):
        items(plain.getvalue())
    book = io.BytesIO()
    with zipfile.ZipFile(book, "w") as zf:
        zf.writestr("[Content_Types].xml",
                    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
                    'officedocument.spreadsheetml.sheet.main+xml"/></Types>')
        zf.writestr("_rels/.rels",
                    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        zf.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(UnreadableDocumentError, match="an Excel workbook, not a Word document"):
        items(book.getvalue())


@pytest.mark.skipif("docx" not in FORMATS, reason="the DOCX reader is not registered yet")
def test_read_picks_the_docx_reader_by_extension_and_content(tmp_path: Path) -> None:
    path = tmp_path / "edition.docx"
    expected = build_docx(small_spec(), path)
    assert ExpectedTree.of(read(path)) == expected
    unnamed = tmp_path / "edition"
    unnamed.write_bytes(path.read_bytes())
    assert read(unnamed).format == "docx"
    fake = tmp_path / "fake.docx"
    fake.write_text("not really Word")
    with pytest.raises(UnreadableDocumentError):
        read(fake)


def test_the_user_is_told_that_tracked_changes_were_accepted(tmp_path) -> None:
    from click.testing import CliRunner

    from wtdiff.cli import main
    from wtdiff.xmlio import from_xml, to_xml

    path = tmp_path / "draft.docx"
    path.write_bytes(make_docx(TRACKED))
    r = CliRunner().invoke(main, ["parse", str(path), "-f", "json"])
    assert r.exit_code == 0, r.output
    assert f"wtdiff: note: {path}: tracked changes were accepted" in r.stderr
    doc = wtdiff.parse(path)
    assert from_xml(to_xml(doc)).remarks == doc.remarks  # kept in the tree, and so in the cache
    quiet = CliRunner().invoke(main, ["--quiet", "parse", str(path), "-f", "json"])
    assert "note:" not in quiet.stderr
