"""``wtdiff compare OLD NEW -f docx``: the new edition with tracked changes against the old.

The proof is Word's own: accept every change (``tests/wordtrack.py``) and the
document reads as the new edition, heading by heading and paragraph by
paragraph, with the new footnotes; reject every change and it reads as the old.
That is checked on the specimens, on generated revisions with known edits,
on pairs hypothesis builds, and on the real KCSIE pair when it is here. Then
the package itself: namespaces, revision attributes, unique ids, comment and
move ranges, relationships; LibreOffice opens it and prints it.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

import wtdiff
from wtdiff.annotations import loads
from wtdiff.eval import base_edition, make_case
from wtdiff.eval.word import convert, soffice
from wtdiff.model import Block, Document, Section
from wtdiff.readers import read, read_bytes
from wtdiff.report.docx import unit_text, units
from wtdiff.report.view import section_line

from . import corpus
from .helpers import compare_md
from .wordtrack import W, accepted, q, rejected

ARTIFACTS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "test-artifacts")
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"


def expected(doc: Document) -> tuple[list[str], list[str]]:
    """What the document must read as: every heading and block as printed, and the footnotes."""
    lines = [t for t in (unit_text(u) for u in units(doc)) if t]
    notes = [n.text for b in doc.blocks(notes=False) for n in b.notes]
    return lines, notes


def assert_round_trips(comparison: wtdiff.Comparison, data: bytes | None = None) -> bytes:
    data = data if data is not None else comparison.to_docx()
    for doc, resolved in ((comparison.new, accepted(data)), (comparison.old, rejected(data))):
        lines, notes = expected(doc)
        assert resolved.lines == lines
        assert resolved.notes == notes
    return data


@pytest.fixture(scope="module")
def specimens() -> wtdiff.Comparison:
    return wtdiff.compare(wtdiff.parse("specimen-a"), wtdiff.parse("specimen-b"))


@pytest.fixture(scope="module")
def specimen_docx(specimens) -> bytes:
    return specimens.to_docx()


# --- accept all gives the new edition, reject all the old -----------------------------------

def test_the_specimens_accept_to_the_new_edition_and_reject_to_the_old(specimens, specimen_docx):
    assert_round_trips(specimens, specimen_docx)
    # …and the document really does track every kind of change the specimens hold
    xml = zipfile.ZipFile(io.BytesIO(specimen_docx)).read("word/document.xml").decode()
    for tag in ("w:del ", "w:ins ", "w:moveFrom ", "w:moveTo ", "w:moveFromRangeStart", "w:moveToRangeEnd",
                "w:delText", "w:commentRangeStart", "w:footnoteReference", "w:tbl>"):
        assert f"<{tag}" in xml, tag
    assert re.search(r"<w:pPr>.*?<w:rPr><w:del ", xml), "a deleted paragraph's mark is tracked"
    assert re.search(r"<w:pPr>.*?<w:rPr><w:ins ", xml), "an added paragraph's mark is tracked"


@pytest.mark.parametrize("profile", ["heavy", "light"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_generated_revisions_accept_to_the_new_edition_and_reject_to_the_old(profile, seed):
    case = make_case(base_edition("generated", seed, size="small"), profile, seed)
    comparison = wtdiff.compare(case.old_doc, case.new_doc)
    if profile == "heavy":
        s = comparison.summary
        assert s["moved"] and s["split"] and s["merged"] and s["added"] and s["deleted"]
    assert_round_trips(comparison)


def test_the_real_kcsie_pair_accepts_to_2025_and_rejects_to_2024(real_dir):
    old = read(real_dir / "kcsie-2024.pdf")
    new = read(real_dir / "kcsie-2025.txt")
    comparison = wtdiff.compare(old, new)
    data = assert_round_trips(comparison)
    assert_package_is_sound(data)


# hypothesis: any two editions made of guidance-style paragraphs, tables, lists and footnotes

TEXTS = sorted(corpus.P.values())
ROWS = [("Agency", "Role"), ("Local authority", "Leads the assessment"), ("Police", "Investigates crime"),
        ("Health", "Shares medical information"), ("School", "Refers concerns"), ("Probation", "Manages risk")]


@st.composite
def editions(draw, prefix: str) -> Document:
    chapters = []
    number = 0
    for c in range(draw(st.integers(1, 3))):
        title = draw(st.sampled_from(["Introduction", "Working together", "Information sharing", "Scrutiny",
                                      "Chapter 2: Multi-agency arrangements"]))
        kids: list[Block] = []
        for k in range(draw(st.integers(0, 6))):
            kind = draw(st.sampled_from(["paragraph", "paragraph", "list-item", "table-row"]))
            bid = f"{prefix}{c}.{k}"
            if kind == "table-row":
                cells = draw(st.sampled_from(ROWS))
                kids.append(Block(id=bid, kind=kind, text=" ".join(cells), cells=cells, path=(title,)))
                continue
            text = draw(st.sampled_from(TEXTS))
            if draw(st.booleans()):  # reworded: a sentence cut short, or a modal verb changed
                text = draw(st.sampled_from([text.replace("should", "must"), text.split(",")[0] + ".",
                                             text + " This applies to every agency."]))
            notes = tuple(Block(id=f"{bid}.fn{n}", kind="footnote", number=str(n + 1), path=(title,),
                                text=draw(st.sampled_from(["Children Act 1989, section 17",
                                                           "Children Act 2004, section 11",
                                                           "Education Act 2002, section 175"])))
                          for n in range(draw(st.integers(0, 2))))
            if kind == "paragraph":
                number += 1
            kids.append(Block(id=bid, kind=kind, text=text, number=str(number) if kind == "paragraph" else None,
                              level=draw(st.integers(0, 2)) if kind == "list-item" else 0, notes=notes,
                              path=(title,)))
        chapters.append(Section(id=f"{prefix}s{c}", title=title, level=1, path=(title,), children=tuple(kids)))
    return Document(title=f"Guidance {prefix}", children=tuple(chapters), source=prefix, sha256="0" * 64,
                    format="markdown")


@settings(max_examples=60, deadline=None)
@given(editions("a"), editions("b"))
def test_any_pair_of_editions_accepts_to_the_new_and_rejects_to_the_old(old, new):
    assert_round_trips(wtdiff.compare(old, new))


# --- what the reader sees --------------------------------------------------------------------

def _parts(data: bytes) -> dict[str, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: etree.fromstring(z.read(n)) for n in z.namelist() if n.endswith((".xml", ".rels"))}


def test_each_change_has_a_comment_with_its_category_and_the_annotated_reason(specimens):
    notes = loads('- match: "Integrated Care Boards"\n  reason: "The Health and Care Act 2022 replaced CCGs"\n')
    data = specimens.to_docx(annotations=notes)
    comments = [" ".join("".join(t.itertext()) for t in c.findall(q("p")))
                for c in _parts(data)["word/comments.xml"].findall(q("comment"))]
    body = [c for c in specimens.changes if c.is_change and any(b.kind != "footnote" for b in c.old + c.new)]
    sections = [s for s in specimens.sections if s.status not in ("unchanged", "modified") or s.moved or s.renamed]
    moves = _parts(data)["word/document.xml"].findall(f".//{q('moveFromRangeStart')}/..")
    assert moves and all(p.find(q("commentRangeStart")) is not None for p in moves), "a move is noted where it left"
    left = [c for c in comments if re.match(r"[A-Z][a-z ]+(?: from \d| into \d)?(?: and moved)?: now ", c)]
    assert len(comments) >= len(body) + len(sections)
    assert all(re.match(r"(Modified|Added|Deleted|Moved|Heading moved|Split into \d|Merged from \d|Unchanged)\b", c)
               for c in comments if c not in left and not any(c == section_line(s) for s in sections))
    assert any("Categories: substantive" in c for c in comments)
    assert any("Obligation strengthened: should → must" in c for c in comments)
    reasons = [c for c in comments if "Reason: The Health and Care Act 2022 replaced CCGs" in c]
    assert reasons and all("Term rule: “Clinical Commissioning Groups” → “Integrated Care Boards”" in c
                           for c in reasons)


def test_headings_lists_and_numbers_are_in_word_styles(specimen_docx):
    doc = _parts(specimen_docx)["word/document.xml"]
    styles = Counter(p.get(q("val")) for p in doc.iter(q("pStyle")))
    assert styles["Heading1"] and styles["Heading2"] and styles["ListBullet"] and styles["Title"] == 1
    first = next(p for p in doc.iter(q("p")) if "".join(p.itertext()).startswith("1."))
    assert "".join(first.itertext()).startswith("1.") and first.find(f".//{q('tab')}") is not None
    assert first.find(f"{q('pPr')}/{q('ind')}").get(q("hanging")) == "567"


def test_the_first_page_names_both_editions_with_their_checksums_and_the_licence():
    old = read_bytes(b"# Guidance 2023\n\n## Scope\n\n1. Agencies should share information.\n",
                     source="old.md", format="markdown")
    new = read_bytes(b"# Guidance 2024\n\n## Scope\n\n1. Agencies must share information.\n",
                     source="new.md", format="markdown")
    data = wtdiff.compare(old, new).to_docx()
    body = _parts(data)["word/document.xml"].find(q("body"))
    first_page = []
    for p in body:
        if p.find(f".//{q('br')}") is not None:
            break
        first_page.append("".join(p.itertext()))
    text = "\n".join(first_page)
    for needle in ("Guidance 2023", "Guidance 2024", old.sha256, new.sha256, "Published: 2023-01-01",
                   "Published: 2024-01-01", "Open Government Licence v3.0"):
        assert needle in text, needle
    dates = {el.get(q("date")) for el in _parts(data)["word/document.xml"].iter(q("ins"), q("del"))}
    assert dates == {"2024-01-01T00:00:00Z"}


def test_the_same_comparison_gives_the_same_bytes(specimens, specimen_docx):
    again = wtdiff.compare(wtdiff.parse("specimen-a"), wtdiff.parse("specimen-b")).to_docx()
    assert again == specimen_docx
    with zipfile.ZipFile(io.BytesIO(specimen_docx)) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert "docProps/thumbnail.jpeg" not in z.namelist()
        core = z.read("docProps/core.xml").decode()
    assert "<dc:creator>wtdiff</dc:creator>" in core and "2024-01-01T00:00:00Z" in core


def test_wtdiffs_own_docx_reader_reads_the_file_as_the_new_edition(specimens, specimen_docx):
    """The DOCX reader reads tracked changes accepted, so the file reads as the new edition's blocks."""
    doc = read_bytes(specimen_docx, source="changes.docx", format="docx")
    got = [b.text for b in doc.blocks(notes=False)]
    want = [b.text for b in specimens.new.blocks(notes=False)]
    assert got[-len(want):] == want


def test_the_cli_writes_the_file_named_by_its_extension_or_to_a_pipe(tmp_path, specimen_docx):
    from click.testing import CliRunner

    from wtdiff.cli import main

    out = tmp_path / "changes.docx"
    result = CliRunner().invoke(main, ["compare", "specimen-a", "specimen-b", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == specimen_docx
    assert f"Wrote {out}:" in result.output
    piped = CliRunner().invoke(main, ["compare", "specimen-a", "specimen-b", "-f", "docx"])
    assert piped.exit_code == 0 and piped.stdout_bytes == specimen_docx


# --- the package -----------------------------------------------------------------------------

REVISIONS = ("ins", "del", "moveFrom", "moveTo", "moveFromRangeStart", "moveToRangeStart")


def assert_package_is_sound(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = set(z.namelist())
    parts = _parts(data)  # every part parses: well-formed XML
    for name in ("word/document.xml", "word/comments.xml", "word/footnotes.xml"):
        assert parts[name].tag.startswith(f"{{{W}}}"), name
        assert parts[name].nsmap.get("w") == W
    # every relationship's target is in the package, and has a content type
    types = parts["[Content_Types].xml"]
    overrides = {o.get("PartName") for o in types}
    defaults = {d.get("Extension") for d in types if d.get("Extension")}
    for rels_name, rels in ((n, p) for n, p in parts.items() if n.endswith(".rels")):
        base = rels_name.replace("_rels/", "").removesuffix(".rels")
        folder = base.rsplit("/", 1)[0] if "/" in base else ""
        for rel in rels.findall(f"{{{PR}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = os.path.normpath(os.path.join(folder, rel.get("Target"))).lstrip("/")
            assert target in names, (rels_name, target)
            assert f"/{target}" in overrides or target.rsplit(".", 1)[-1] in defaults, target
    doc_rels = {r.get("Type").rsplit("/", 1)[-1] for r in parts["word/_rels/document.xml.rels"]}
    assert {"comments", "footnotes", "styles"} <= doc_rels
    # every revision has an id, the author and a date; ids are unique over the package
    ids: list[str] = []
    for name in ("word/document.xml", "word/footnotes.xml"):
        for tag in REVISIONS:
            for el in parts[name].iter(q(tag)):
                assert el.get(q("author")) == "wtdiff" and re.fullmatch(
                    r"\d{4}-\d\d-\d\dT00:00:00Z", el.get(q("date"))), (name, tag)
                ids.append(el.get(q("id")))
    assert all(i is not None for i in ids) and len(ids) == len(set(ids))
    doc = parts["word/document.xml"]
    # deleted text is delText, and only there
    for el in doc.iter(q("del")):
        if el.getparent().tag != q("rPr") and el.getparent().tag != q("trPr"):
            assert el.find(f".//{q('t')}") is None
    # comment ranges: each opened, closed, referenced, and written, once
    starts = [e.get(q("id")) for e in doc.iter(q("commentRangeStart"))]
    ends = [e.get(q("id")) for e in doc.iter(q("commentRangeEnd"))]
    refs = [e.get(q("id")) for e in doc.iter(q("commentReference"))]
    written = [c.get(q("id")) for c in parts["word/comments.xml"].findall(q("comment"))]
    assert len(starts) == len(set(starts)) and sorted(starts) == sorted(ends) == sorted(refs) == sorted(written)
    at: dict[tuple[str, str], int] = {}
    for k, e in enumerate(doc.iter(q("commentRangeStart"), q("commentRangeEnd"))):
        at[(e.tag, e.get(q("id")))] = k
    for cid in starts:
        assert at[(q("commentRangeStart"), cid)] < at[(q("commentRangeEnd"), cid)]
    # move ranges: each name once from and once to; moved content inside its range
    for side in ("moveFrom", "moveTo"):
        opened = {}
        for e in doc.iter():
            if e.tag == q(f"{side}RangeStart"):
                opened[e.get(q("id"))] = e.get(q("name"))
            elif e.tag == q(f"{side}RangeEnd"):
                assert opened.pop(e.get(q("id")))
            elif e.tag == q(side) and e.getparent().tag != q("rPr"):
                assert opened, f"{side} content outside a move range"
        assert not opened
    names_from = sorted(e.get(q("name")) for e in doc.iter(q("moveFromRangeStart")))
    names_to = sorted(e.get(q("name")) for e in doc.iter(q("moveToRangeStart")))
    assert names_from == names_to and len(names_from) == len(set(names_from))
    # footnote references point at footnotes, each cited once
    cited = [e.get(q("id")) for e in doc.iter(q("footnoteReference"))]
    notes = {e.get(q("id")) for e in parts["word/footnotes.xml"].findall(q("footnote"))}
    assert len(cited) == len(set(cited)) and set(cited) <= notes


def test_the_package_is_sound(specimen_docx):
    assert_package_is_sound(specimen_docx)


def test_a_generated_heavy_revision_gives_a_sound_package():
    case = make_case(base_edition("generated", 2, size="small"), "heavy", 2)
    assert_package_is_sound(wtdiff.compare(case.old_doc, case.new_doc).to_docx())


def test_a_table_row_edited_in_place_is_diffed_cell_by_cell_and_a_new_row_is_a_tracked_row():
    old = "# G\n\n## Roles\n\n| Agency | Role |\n|---|---|\n| Police | Investigates crime |\n"
    new = ("# G\n\n## Roles\n\n| Agency | Role |\n|---|---|\n| Police | Investigates every crime |\n"
           "| Health | Shares records |\n")
    c = compare_md(old, new)
    data = assert_round_trips(c)
    doc = _parts(data)["word/document.xml"]
    rows = doc.findall(f".//{q('tbl')}/{q('tr')}")
    assert len(rows) == 3
    assert rows[0].find(f"{q('trPr')}/{q('tblHeader')}") is not None
    assert rows[1].find(f".//{q('ins')}") is not None and rows[1].find(f"{q('trPr')}/{q('ins')}") is None
    assert rows[2].find(f"{q('trPr')}/{q('ins')}") is not None


# --- LibreOffice opens it -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def office() -> str:
    command = soffice()
    if command is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice must be installed in CI")
        pytest.skip("LibreOffice (soffice) is not installed")
    return command


def test_libreoffice_converts_the_specimen_and_a_heavy_revision_to_pdf(office, tmp_path, specimen_docx):
    import pypdfium2

    case = make_case(base_edition("generated", 1, size="small"), "heavy", 1)
    heavy = wtdiff.compare(case.old_doc, case.new_doc).to_docx()
    os.makedirs(ARTIFACTS, exist_ok=True)
    for name, data, title in (("specimen", specimen_docx, "specimen edition B"), ("heavy", heavy, "new")):
        path = tmp_path / f"docx-{name}.docx"
        path.write_bytes(data)
        pdf_path = convert(path, tmp_path)
        assert pdf_path is not None
        pdf = pypdfium2.PdfDocument(str(pdf_path))
        assert len(pdf) >= 3
        first = pdf[0].get_textpage().get_text_range()
        assert "Changes between editions" in first and title in first
        pdf[1].render(scale=1.5).to_pil().save(os.path.join(ARTIFACTS, f"docx-{name}-page-2.png"))
        pdf.close()


def test_revisions_are_dated_with_the_registry_publication_date_of_the_new_edition():
    import dataclasses

    old = dataclasses.replace(read_bytes(b"# G\n\n1. Agencies should share.\n", source="a.md", format="markdown"),
                              edition="2018")
    new = dataclasses.replace(read_bytes(b"# G\n\n1. Agencies must share.\n", source="b.md", format="markdown"),
                              edition="2023")
    parts = _parts(wtdiff.compare(old, new).to_docx())
    dates = {el.get(q("date")) for el in parts["word/document.xml"].iter(q("ins"), q("del"))}
    dates |= {el.get(q("date")) for el in parts["word/comments.xml"].iter(q("comment"))}
    assert dates == {"2023-12-15T00:00:00Z"}  # versions/: the 2023 edition was published 2023-12-15
    text = "".join(parts["word/document.xml"].itertext())
    assert "Published: 2018-07-04" in text and "Published: 2023-12-15" in text


def test_libreoffice_reads_every_tracked_change_as_written(office, tmp_path, specimens, specimen_docx):
    """LibreOffice opens the file and saves it as Word again with its own idea of each tracked change;
    accepting all of those still gives the new edition, rejecting all the old. (LibreOffice 7.4 saves
    a deleted table row as a row of deleted text, so the pairs here have no deleted rows.)"""
    case = make_case(base_edition("generated", 1, size="small"), "heavy", 1)
    heavy = wtdiff.compare(case.old_doc, case.new_doc)
    for name, comparison, data in (("specimen", specimens, specimen_docx), ("heavy", heavy, heavy.to_docx())):
        path = tmp_path / name / "changes.docx"
        path.parent.mkdir()
        path.write_bytes(data)
        saved = convert(path, tmp_path / name / "out", "docx:MS Word 2007 XML", "docx")
        assert saved is not None
        assert_round_trips(comparison, saved.read_bytes())


def test_an_editions_own_table_of_changes_is_shown_as_published_and_still_accepts_and_rejects():
    old = ("# G\n\n## Scope\n\n1. Agencies should share information.\n\n"
           "## Annex F: Table of changes from 2022\n\n"
           "| Paragraph | Change |\n|---|---|\n| 12 | New duty to refer |\n\n"
           "Paragraph 40 was updated to reflect the new guidance.\n")
    new = ("# G\n\n## Scope\n\n1. Agencies must share information.\n\n"
           "## Annex F: Table of changes from 2023\n\n"
           "| Paragraph | Change |\n|---|---|\n| 1 | Should became must |\n\n"
           "Paragraph 1 now sets a duty.\n")
    c = compare_md(old, new)
    assert c.own_changes[0] and c.own_changes[1]
    data = assert_round_trips(c)
    comments = "".join(_parts(data)["word/comments.xml"].itertext())
    assert "Not compared: set aside as the new edition's own account of its changes" in comments
    assert "Not compared: set aside as the old edition's own account of its changes" in comments
