"""Real-world artefacts in the evaluation (wtdiff.eval.word): a Word file made with python-docx,
its PDF made by LibreOffice, and poppler's layout text of that PDF — as the official editions
and their users' texts are made. The LibreOffice and poppler tests skip when the tools are absent."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from wtdiff.eval import NOISE_PAIRS, base_edition, check, make_case, noise_floor, run_case, to_read
from wtdiff.eval.render import READS_AS, RENDERERS, artifact_formats, round_trip
from wtdiff.eval.word import figure_runs, layout_text, over_page_breaks, pdftotext, soffice, to_word, to_word_pdf
from wtdiff.model import Block, Document, Section
from wtdiff.normalize import words
from wtdiff.readers import read_bytes

needs_soffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")
needs_poppler = pytest.mark.skipif(soffice() is None or pdftotext() is None,
                                   reason="LibreOffice or poppler's pdftotext is not installed")


@pytest.fixture(scope="module")
def cases():
    """Two heavy revisions of small generated editions (about 25 pages each as PDF)."""
    return [make_case(base_edition("generated", seed, size="small"), "heavy", seed) for seed in (1, 2)]


def parts(docx: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return {name: z.read(name).decode("utf-8") for name in z.namelist() if name.endswith(".xml")}


def test_the_word_file_holds_real_footnotes_numbered_paragraphs_and_text_box_flow_charts(cases):
    doc = cases[0].old_doc
    xml = parts(to_word(doc))
    body, notes = xml["word/document.xml"], xml["word/footnotes.xml"]
    cited = [n for b in doc.blocks() for n in b.notes]
    assert cited, "the generated edition has footnotes"
    # Every note is a Word footnote (ids from 1, after the two separators), cited once in the body.
    assert re.findall(r'<w:footnote w:id="(\d+)"', notes) == [str(k) for k in range(1, len(cited) + 1)]
    assert re.findall(r'<w:footnoteReference w:id="(\d+)"/>', body) == [str(k) for k in range(1, len(cited) + 1)]
    assert all(n.text in notes for n in cited)
    # Paragraph numbers are typed in the text, before a tab, as in the official Word files.
    numbered = [b for b in doc.blocks() if b.kind == "paragraph" and b.number]
    assert re.search(rf"<w:t>{numbered[0].number}\.</w:t>\s*<w:tab/>", body)
    assert 'w:val="ListBullet"' in body
    # Some lists are flow charts: each item's words in a text box, not in a paragraph of the body.
    charts = figure_runs(doc)
    assert charts and all(len(run) >= 3 for run in charts)
    for kind in ("wps:txbx", "v:textbox"):  # DrawingML, and the VML Word writes beside it
        boxes = re.findall(rf"<{kind}><w:txbxContent>(.*?)</w:txbxContent>", body, flags=re.S)
        assert len(boxes) == sum(len(run) for run in charts), kind
        in_boxes = [re.sub(r"<[^>]+>", "", box) for box in boxes]
        assert in_boxes == [b.text for run in charts for b in run], kind


def test_the_real_world_renderers_are_read_as_their_reader_formats():
    assert READS_AS == {"word": "docx", "word-pdf": "pdf", "word-layout": "layout"}
    assert set(artifact_formats()) <= set(RENDERERS)
    assert "word" in artifact_formats()


@needs_soffice
def test_lists_and_footnotes_run_over_page_breaks_in_the_pdf(cases):
    found = {"footnote": [], "list": []}
    for case in cases:
        for doc in (case.old_doc, case.new_doc):
            breaks = over_page_breaks(doc, to_word_pdf(doc))
            for kind in found:
                found[kind] += breaks[kind]
    assert found["footnote"], "a footnote continued on the next page"
    assert found["list"], "a list continued on the next page"


@needs_soffice
def test_the_pdf_is_word_like_and_cached_by_content(cases, tmp_path, monkeypatch):
    doc = cases[0].old_doc
    pdf = to_word_pdf(doc)
    assert pdf.startswith(b"%PDF") and to_word_pdf(doc) == pdf
    rt = round_trip(doc, "word-pdf", source="edition.pdf")
    # Every block other than the charts' comes back, and the charts' words are all read.
    assert rt.lost_blocks == 0 and rt.lost_sections == 0
    assert rt.figure_words > 0 and rt.figure_words_found == rt.figure_words


@needs_poppler
def test_word_layout_is_poppler_layout_text_of_the_pdf(cases):
    doc = cases[0].old_doc
    pdf = to_word_pdf(doc)
    text = RENDERERS["word-layout"](doc)
    assert text == layout_text(pdf) and text.count("\f") >= 20
    all_words = set(words(text))
    assert all(set(words(b.text)) <= all_words for b in doc.blocks())


@needs_poppler
def test_an_edition_against_itself_in_each_artifact_format_shows_no_change(cases):
    for fmt in ("word-pdf", "word-layout"):
        same = noise_floor(cases[0].old_doc, fmt, fmt)
        assert not same.has_changes and same.terms == ()


@needs_poppler
@pytest.mark.parametrize("pair", [pytest.param(p, id="~".join(p)) for p in NOISE_PAIRS])
def test_one_edition_in_two_formats_gives_nothing_to_read(cases, pair):
    assert to_read(noise_floor(cases[0].old_doc, *pair)) == []


@needs_poppler
@pytest.mark.parametrize("fmt", ["word-pdf", "word-layout"])
def test_heavy_targets_hold_for_word_exports(cases, fmt):
    run = run_case(cases[0], fmt)
    assert check("heavy", run.score) == []


def test_tables_and_figure_blocks_are_written_as_word_tables_and_text_boxes():
    """Table rows become one Word table (a note cited in a row stays a Word footnote); a block of
    kind figure is a text box; the Word reader takes the table back row by row."""
    note = Block(id="n1", kind="footnote", text="See section 11 of the Children Act 2004.", number="1")
    rows = (Block(id="r1", kind="table-row", text="Agency | Duty", cells=("Agency", "Duty"), header=True),
            Block(id="r2", kind="table-row", text="Police | Share information", cells=("Police", "Share information"),
                  notes=(note,)),
            Block(id="r3", kind="table-row", text="Schools | Name a lead", cells=("Schools", "Name a lead")))
    chart = Block(id="f1", kind="figure", text="Concern raised then referral made within one working day")
    doc = Document(title="Duties by agency", children=(
        Section(id="s1", title="Who does what", level=1, children=(
            Block(id="p1", kind="paragraph", text="Each agency has duties.", number="1"), *rows, chart)),))
    docx = to_word(doc)
    body = parts(docx)["word/document.xml"]
    assert body.count("<w:tbl>") == 1 and body.count("<w:tr>") + body.count("<w:tr ") == 3
    assert re.findall(r'<w:footnoteReference w:id="(\d+)"/>', body) == ["1"]
    assert "<wps:txbx><w:txbxContent>" in body and chart.text in body
    parsed = read_bytes(docx, source="duties.docx", format="docx")
    assert [b.cells for b in parsed.blocks() if b.kind == "table-row"] == [r.cells for r in rows]


@needs_poppler
def test_a_long_flow_chart_text_keeps_every_word_in_the_pdf():
    """A figure block's text is drawn in boxes as tall as their text needs, several boxes when it
    is long: LibreOffice clips what overflows a fixed-size box, and the harness must not lose words
    the reader could never find."""
    steps = " ".join(f"Step {k}: the lead practitioner records the decision and informs the referrer "
                     f"within one working day." for k in range(1, 21))
    chart = Block(id="f1", kind="figure", text=steps)
    doc = Document(title="Flow charts", children=(
        Section(id="s1", title="What happens after a referral", level=1, children=(
            Block(id="p1", kind="paragraph", text="The chart below sets out each step.", number="1"), chart)),))
    body = parts(to_word(doc))["word/document.xml"]
    assert body.count("<wps:txbx>") >= 3
    text = layout_text(to_word_pdf(doc))
    assert set(words(steps)) <= set(words(text))
