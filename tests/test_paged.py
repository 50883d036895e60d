"""The PDF and layout-text readers: generated editions and the real official files.

Generated editions are typeset by tests/pagegen.py from a tree (the specimen
edition), as a PDF (reportlab) and as ``pdftotext -layout``-style text, with a
cover, a contents page, running header, page numbers, bold headings, hanging
paragraph numbers, nested bullets, a table and footnotes at the page foot; both
readers must give back exactly that tree, with the page each block starts on.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import wtdiff
from wtdiff.errors import UnreadableDocumentError
from wtdiff.model import Document, Section
from wtdiff.normalize import fold
from wtdiff.readers import read, read_bytes

from . import pagegen


def shape(doc: Document) -> list[str]:
    """Structure and text as a reader must reproduce them (ids and sources aside)."""
    out: list[str] = []

    def walk(children: tuple) -> None:
        for node in children:
            if isinstance(node, Section):
                out.append(f"H{node.level} {node.title}")
                walk(node.children)
            else:
                out.append(f"{node.kind} {node.number} L{node.level} {node.cells} {node.term} {fold(node.text)}")
                out.extend(f"  note {fold(n.text)}" for n in node.notes)

    walk(doc.children)
    return out


@pytest.fixture(scope="module")
def typeset() -> pagegen.Typesetter:
    return pagegen.typeset(wtdiff.parse("specimen-a"))


@pytest.fixture(scope="module")
def pdf_bytes(typeset: pagegen.Typesetter, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("pdf") / "edition.pdf"
    pagegen.write_pdf(typeset, path)
    return path.read_bytes()


@pytest.mark.parametrize("fmt", ["pdf", "layout"])
def test_generated_edition_reads_back_to_its_source_tree(typeset, pdf_bytes, fmt):
    data = pdf_bytes if fmt == "pdf" else pagegen.layout_text(typeset).encode()
    doc = read_bytes(data, source=f"edition.{fmt}", format=fmt)
    source = typeset.doc
    assert doc.title == source.title
    assert doc.pages == len(typeset.pages)
    assert shape(doc) == shape(source)
    # every block records the physical page it starts on, and its printed page number
    got = [b.page for b in doc.blocks(notes=False)]
    want = [typeset.block_pages[b.id] for b in source.blocks(notes=False)]
    assert got == want
    assert all(b.page_label == str(b.page) for b in doc.blocks(notes=False))


def test_running_header_page_numbers_and_contents_stay_out_of_the_text(pdf_bytes, typeset):
    doc = read_bytes(pdf_bytes, source="edition.pdf", format="pdf")
    texts = [b.text for b in doc.blocks()]
    assert not any(t == typeset.doc.title or re.fullmatch(r"\d+", t) for t in texts)
    assert not any(t.startswith("Contents") for t in texts)


def test_pdf_is_recognised_by_its_content_and_extension(tmp_path, pdf_bytes):
    (tmp_path / "edition.pdf").write_bytes(pdf_bytes)
    (tmp_path / "edition.bin").write_bytes(pdf_bytes)
    assert read(tmp_path / "edition.pdf").format == "pdf"
    assert read(tmp_path / "edition.bin").format == "pdf"


def test_hard_hyphens_are_kept_and_soft_ones_removed():
    from wtdiff.readers.layout.rules import _join

    assert _join("multi-", "agency working") == "multi-agency working"
    assert _join("safe\u00ad", "guarding") == "safeguarding"
    assert _join("the end.", "Next") == "the end. Next"


# --- bad PDFs -----------------------------------------------------------------------------

def _pdf(tmp_path: Path, draw, **kw) -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "x.pdf"
    c = Canvas(str(path), invariant=1, **kw)
    draw(c)
    c.showPage()
    c.save()
    return path.read_bytes()


def test_a_pdf_with_no_text_layer_is_refused_as_a_scan(tmp_path):
    data = _pdf(tmp_path, lambda c: c.rect(50, 50, 400, 600, fill=1))
    with pytest.raises(UnreadableDocumentError, match=r"scan.pdf: this PDF has no text layer \(1 pages"):
        read_bytes(data, source="scan.pdf", format="pdf")


def test_a_password_protected_pdf_gives_a_clear_error(tmp_path):
    from reportlab.lib import pdfencrypt

    enc = pdfencrypt.StandardEncryption("secret", canPrint=0)
    data = _pdf(tmp_path, lambda c: c.drawString(72, 720, "1. Partners must work together."), encrypt=enc)
    with pytest.raises(UnreadableDocumentError, match="protected by a password"):
        read_bytes(data, source="locked.pdf", format="pdf")


def test_a_pdf_with_only_an_owner_password_opens(tmp_path):
    from reportlab.lib import pdfencrypt

    enc = pdfencrypt.StandardEncryption("", ownerPassword="owner", canPrint=0)
    data = _pdf(tmp_path, lambda c: [c.drawString(72, 720 - 14 * k, f"{k + 1}. Partners must work together in "
                                                  f"every local area to keep children safe.") for k in range(20)],
                encrypt=enc)
    doc = read_bytes(data, source="restricted.pdf", format="pdf")
    assert [b.number for b in doc.blocks()][:3] == ["1", "2", "3"]


@pytest.mark.parametrize("cut", [0.5, 0.1])
def test_a_truncated_pdf_is_a_clear_error(pdf_bytes, cut):
    with pytest.raises(UnreadableDocumentError, match="half.pdf: this PDF is damaged or incomplete"):
        read_bytes(pdf_bytes[: int(len(pdf_bytes) * cut)], source="half.pdf", format="pdf")


# --- the real official files (skipped when ../shared/real is absent) -----------------------

@pytest.fixture(scope="module")
def wt2023(real_dir_module):
    return read(real_dir_module / "wt-2023.pdf"), read(real_dir_module / "wt-2023.txt")


@pytest.fixture(scope="module")
def real_dir_module():
    from .helpers import REAL

    if not REAL.is_dir():
        pytest.skip(f"the real documents folder {REAL} is absent")
    return REAL


def test_wt2023_every_numbered_paragraph_once_in_both_readers(wt2023):
    for doc in wt2023:
        numbers = [b.number for b in doc.blocks() if b.kind == "paragraph" and b.number]
        assert numbers == [str(n) for n in range(1, 404)]
        assert doc.title == "Working Together to Safeguard Children 2023"
        assert doc.pages == 168


def test_wt2023_pdf_and_layout_text_give_the_same_paragraphs_notes_and_pages(wt2023):
    pdf, text = wt2023

    def numbered(doc):
        return {b.number: b for b in doc.blocks() if b.kind == "paragraph" and b.number}

    a, b = numbered(pdf), numbered(text)
    assert {n: (fold(x.text), x.page) for n, x in a.items()} == {n: (fold(x.text), x.page) for n, x in b.items()}
    notes_a = {n.number: (fold(n.text), n.page) for x in pdf.blocks(notes=False) for n in x.notes}
    notes_b = {n.number: (fold(n.text), n.page) for x in text.blocks(notes=False) for n in x.notes}
    # every one of the 243 footnotes is found and attached to the block citing it, in both
    assert sorted(notes_a, key=int) == sorted(notes_b, key=int) == [str(n) for n in range(1, 244)]
    same = sum(notes_a[k] == notes_b[k] for k in notes_a)
    assert same >= 241  # two notes differ by a typographic artefact of the text extraction
    items_a = [fold(x.text) for x in pdf.blocks() if x.kind == "list-item"]
    items_b = [fold(x.text) for x in text.blocks() if x.kind == "list-item"]
    assert len(items_a) == len(items_b)
    assert sum(x == y for x, y in zip(items_a, items_b)) >= 0.97 * len(items_a)


def test_wt2023_headings_from_the_contents_are_found(wt2023):
    for doc in wt2023:
        top = [s.title for s in doc.sections() if s.level == 1]
        assert top == ["Introduction"] + [t for t in top if t.startswith("Chapter")] + [
            "Appendix A: Glossary", "Appendix B: Further sources of information"]
        assert len([t for t in top if t.startswith("Chapter")]) == 6


def test_wt2023_no_page_furniture_left_in_any_block(wt2023):
    for doc in wt2023:
        for b in doc.blocks():
            assert not re.fullmatch(r"\d{1,3}", b.text.strip()), b
            assert not b.text.startswith("Table of Contents")


def test_kcsie_pair_compares_end_to_end(real_dir_module):
    old = read(real_dir_module / "kcsie-2024.pdf")
    new = read(real_dir_module / "kcsie-2025.txt")
    numbers = [b.number for b in new.blocks() if b.kind == "paragraph" and b.number]
    assert numbers == [str(n) for n in range(1, len(numbers) + 1)] and len(numbers) > 550
    result = wtdiff.compare(old, new)
    assert result.summary["unchanged"] > 0.6 * result.summary["blocks_new"]
    rows = [b for b in new.blocks() if b.kind == "table-row"]
    assert any(r.cells[0] == "Page 36" for r in rows)  # Annex F's table of changes is read as a table


def test_a_table_broken_across_pages_keeps_one_header_row(tmp_path):
    from .helpers import parse_md

    rows = "\n".join(f"| {agency} {n} | Must name a lead for safeguarding in area {n} |"
                     for n in range(1, 61) for agency in ["Local authority"])
    md = f"# Duties\n\n## Chapter 1: Agencies\n\n1. The duties are:\n\n| Agency | Duty |\n|---|---|\n{rows}\n\n2. Next.\n"
    source = parse_md(md)
    ts = pagegen.typeset(source)
    path = tmp_path / "table.pdf"
    pagegen.write_pdf(ts, path)
    for fmt, data in (("pdf", path.read_bytes()), ("layout", pagegen.layout_text(ts).encode())):
        doc = read_bytes(data, source="table", format=fmt)
        # layout text has no bold type, so only the PDF can tell the header row by its look
        got = [(b.cells, b.header or fmt == "layout") for b in doc.blocks() if b.kind == "table-row"]
        want = [(b.cells, b.header or fmt == "layout") for b in source.blocks() if b.kind == "table-row"]
        assert got == want, fmt
        pages = {b.page for b in doc.blocks() if b.kind == "table-row"}
        assert len(pages) >= 2


# --- Word documents turned into PDFs by LibreOffice, as the DfE's are by Word ---------------

@pytest.fixture(scope="module", params=[False, True], ids=["typed-numbers", "word-numbering"])
def libreoffice_pdf(request, tmp_path_factory):
    import os

    from . import docgen

    if docgen.soffice() is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is missing in CI: .ci/run should have installed it")
        pytest.skip("LibreOffice (soffice) is not installed")
    out = tmp_path_factory.mktemp("lo")
    expected = docgen.build_docx(docgen.long_spec(), out / "edition.docx", auto_numbering=request.param)
    pdf = docgen.convert_to_pdf(out / "edition.docx", out)
    assert pdf is not None
    return expected, pdf.read_bytes()


def test_a_120_page_word_export_reads_back_to_its_structure(libreoffice_pdf):
    from . import docgen

    expected, data = libreoffice_pdf
    doc = read_bytes(data, source="edition.pdf", format="pdf")
    got = docgen.ExpectedTree.of(doc)
    assert doc.pages is not None and doc.pages >= 100
    assert got.title == expected.title
    assert got.sections == expected.sections
    numbers = [b[1] for b in got.blocks if b[0] == "paragraph" and b[1]]
    assert numbers == [b[1] for b in expected.blocks if b[0] == "paragraph" and b[1]]
    # blocks compared without links: LibreOffice does not export them as link annotations
    want = [b[:8] for b in expected.blocks]
    have = [b[:8] for b in got.blocks]
    import difflib

    same = sum(n.size for n in difflib.SequenceMatcher(None, want, have, autojunk=False).get_matching_blocks())
    assert same >= 0.985 * len(want), f"{same} of {len(want)} blocks read exactly"
    # every numbered paragraph starts on the page where its number is printed
    from wtdiff.readers.pdf import pages_of

    printed = {}
    for page in pages_of(data):
        for ln in page.lines:
            m = re.match(r"(\d+)\.(?:\s|$)", ln.spans[0].text)
            if m and ln.x0 < 100:
                printed.setdefault(m.group(1), page.number)
    blocks = {b.number: b.page for b in doc.blocks() if b.kind == "paragraph" and b.number}
    assert blocks == {n: printed[n] for n in blocks}


def test_two_pdfs_read_side_by_side_give_the_trees_read_one_after_the_other(pdf_bytes, tmp_path):
    from wtdiff.readers import ReadJob, read_all

    other = pagegen.typeset(wtdiff.parse("specimen-b"))
    pagegen.write_pdf(other, tmp_path / "b.pdf")
    jobs = [ReadJob(pdf_bytes, source="a.pdf", format="pdf", cache=False),
            ReadJob((tmp_path / "b.pdf").read_bytes(), source="b.pdf", format="pdf", cache=False)]
    told: list[tuple[int, int]] = []
    docs = read_all(jobs, lambda done, total: told.append((done, total)))
    assert docs == [read_bytes(j.data, source=j.source, format="pdf") for j in jobs]
    pages = docs[0].pages + docs[1].pages
    assert told[-1] == (pages, pages) and all(t == pages for _, t in told)  # one bar over both files


def test_an_unreadable_file_read_side_by_side_is_the_same_clear_error(pdf_bytes, tmp_path):
    from wtdiff.readers import ReadJob, read_all

    scan = _pdf(tmp_path, lambda c: c.rect(50, 50, 400, 600, fill=1))
    jobs = [ReadJob(pdf_bytes, source="a.pdf", format="pdf", cache=False),
            ReadJob(scan, source="scan.pdf", format="pdf", cache=False)]
    with pytest.raises(UnreadableDocumentError, match=r"scan.pdf: this PDF has no text layer") as caught:
        read_all(jobs)
    assert caught.value.hint and "OCR" in caught.value.hint
