"""Flow charts and diagram boxes are read as one ``figure`` block (words kept, order not trusted).

The documents are written here: a page of guidance with a flow chart of
boxes and arrows between ordinary paragraphs, drawn with reportlab, read as
a PDF and as the text ``pdftotext -layout`` makes of it; and layout text
written by hand. The rule is in :mod:`wtdiff.readers.figures`.
"""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from wtdiff.readers import docx, layout, pdf
from wtdiff.readers.figures import is_caption
from wtdiff.readers.lines import text_pages

from . import docgen
from .figuregen import build_flow_chart_docx, build_vml_docx

BEFORE = [
    "1. Local authorities should publish a clear description of how a referral is made and who",
    "decides what happens next, so that practitioners and families know where to turn.",
    "2. The flow chart below shows the steps taken once a referral has been received by",
    "children's social care and the decisions that follow within one working day.",
]
AFTER = [
    "3. Practitioners should record each decision and the reasons for it, and share the",
    "record with the family unless doing so would place the child at risk of harm.",
]
# (x centre, top, lines) of each box, in points from the left and from the top
BOXES = [
    (297, 300, ["A child's case is referred", "to children's social care"]),
    (170, 370, ["A practice supervisor", "decides on the next course", "of action within one day"]),
    (424, 370, ["Social care tells the", "referrer what will happen"]),
    (120, 460, ["They have concerns", "about immediate", "safety"]),
    (297, 460, ["They decide that", "further assessment", "is necessary"]),
    (474, 460, ["No further action", "by social care but", "other help may be", "necessary"]),
]
FIGURE_WORDS = Counter(w for _, _, lines in BOXES for line in lines for w in line.split())


def _draw(path: Path, *, caption: bool, after: list[str] = AFTER,
          before: list[list[tuple[float, str]]] | None = None) -> None:
    """A page: paragraphs, a flow chart, paragraphs. ``before`` gives the lines above the chart
    as pieces set at a distance from the left margin (a number, then its text at the indent)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    height = A4[1]
    c.setFont("Helvetica", 11)
    y = 80.0
    for pieces in before if before is not None else [[(0.0, line)] for line in BEFORE]:
        for x, text in pieces:
            if text:
                c.drawString(72 + x, height - y, text)
        y += 14 if pieces else 28
    if caption:
        c.setFont("Helvetica", 11)
        c.drawString(72, height - 270, "Figure 1: What happens after a referral")
    for x, top, lines in BOXES:
        w, h = 150, 14 * len(lines) + 10
        c.rect(x - w / 2, height - top - h + 10, w, h)
        for k, line in enumerate(lines):
            c.drawCentredString(x, height - top - 14 * k, line)
    # arrows from the first box to the row below
    for x in (170, 424):
        c.line(297, height - 330, x, height - 355)
    y = 560.0
    for line in after:
        c.drawString(72, height - y, line)
        y += 14
    c.save()


def _figures(items):
    return [it for it in items if it.kind == "figure"]


def _read(path: Path, reading: str) -> list:
    """The items of the drawn page, read from the PDF or from the text pdftotext makes of it."""
    if reading == "pdf":
        return list(pdf.items(path.read_bytes()))
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext is not installed")
    text = path.with_suffix(".txt")
    subprocess.run(["pdftotext", "-layout", str(path), str(text)], check=True)
    return list(layout.analyse(text_pages(text.read_text("utf-8"))))


@pytest.mark.parametrize("caption", [True, False], ids=["with caption", "without caption"])
def test_a_drawn_flow_chart_is_one_figure_in_the_pdf_and_in_its_layout_text(tmp_path: Path, caption: bool) -> None:
    path = tmp_path / "chart.pdf"
    _draw(path, caption=caption)
    readings = {"pdf": pdf.items(path.read_bytes())}
    if shutil.which("pdftotext"):
        subprocess.run(["pdftotext", "-layout", str(path), str(tmp_path / "chart.txt")], check=True)
        readings["layout text"] = layout.analyse(text_pages((tmp_path / "chart.txt").read_text("utf-8")))
    for name, items in readings.items():
        figures = _figures(items)
        assert len(figures) == 1, name
        assert Counter(figures[0].text.split()) == FIGURE_WORDS, name
        assert figures[0].page == 1
        paragraphs = {it.number: it.text for it in items if it.kind == "paragraph" and it.number}
        assert paragraphs == {"1": " ".join(BEFORE[:2])[3:], "2": " ".join(BEFORE[2:])[3:],
                              "3": " ".join(AFTER)[3:]}, name
        texts = [it.text for it in items]
        assert (("Figure 1: What happens after a referral" in texts) == caption), name


LEAD_IN = ["The lead practitioner should:",
           "\u2022   see the child within a timescale that suits the concerns raised",
           "\u2022   agree with the family what will happen next and record it"]


@pytest.mark.parametrize("reading", ["pdf", "layout text"])
def test_a_line_leading_into_a_list_below_a_flow_chart_is_text_not_part_of_the_chart(
        tmp_path: Path, reading: str) -> None:
    """A short line at the text's left margin is often a box of a chart (the left box of a row);
    one that ends on a colon leads into what follows it ("The lead practitioner should:") and is
    body text, however close below the chart it stands."""
    path = tmp_path / "chart.pdf"
    _draw(path, caption=False, after=LEAD_IN)
    items = _read(path, reading)
    [figure] = _figures(items)
    assert Counter(figure.text.split()) == FIGURE_WORDS
    assert [(it.kind, it.text) for it in items][-3:] == [
        ("paragraph", "The lead practitioner should:"),
        ("list-item", "see the child within a timescale that suits the concerns raised"),
        ("list-item", "agree with the family what will happen next and record it")]


@pytest.mark.parametrize("reading", ["pdf", "layout text"])
def test_a_line_leading_into_the_next_page_below_a_flow_chart_is_text_not_part_of_the_chart(
        tmp_path: Path, reading: str) -> None:
    """A line at the margin that ends on a colon at the foot of a page, below a chart, leads into
    what the next page holds (its list): body text, as it is above a list on the same page."""
    path = tmp_path / "chart.pdf"
    _draw(path, caption=False, after=["The conference chair:"])
    items = _read(path, reading)
    [figure] = _figures(items)
    assert Counter(figure.text.split()) == FIGURE_WORDS
    assert (items[-1].kind, items[-1].text) == ("paragraph", "The conference chair:")


# What stands right above a chart, set as Word sets it: a numbered paragraph whose lines go on at
# its hanging indent (the last one short), a list item's last word alone on its line, a short line
# at the margin leading into the chart ("The core group should:") with a gap below it.
ABOVE_A_CHART = {
    "hanging indent": ([[(0, "12."), (30, "The safeguarding partners should promptly undertake a rapid review of the")],
                        [(30, "case, in line with any guidance published by the national panel. The aim of")],
                        [(30, "this review is to enable them to:")]],
                       "The safeguarding partners should promptly undertake a rapid review of the case, in line "
                       "with any guidance published by the national panel. The aim of this review is to enable "
                       "them to:"),
    "list item's last word": ([[(0, "13."), (30, "The partnership's delegated leads are responsible for:")],
                               [],
                               [(30, "\u2022"), (54, "overseeing the quality of practice and local outcomes for children")],
                               [(54, "and families")]],
                              "overseeing the quality of practice and local outcomes for children and families"),
    "lead-in with a gap below": ([[(0, "The core group should:")]], "The core group should:"),
}


@pytest.mark.parametrize("shape", sorted(ABOVE_A_CHART))
@pytest.mark.parametrize("reading", ["pdf", "layout text"])
def test_the_text_right_above_a_chart_is_not_the_charts(tmp_path: Path, reading: str, shape: str) -> None:
    """A chart's first line stands apart from the text above it. Lines set at the hanging indent
    of the numbered paragraph or list item above — where its words start, after the number or
    bullet — going on line after line to a gap, are that paragraph's, however short the last;
    and a line at the margin that ends on a colon with a gap below leads into the chart: body
    text, as it would be above a list. The chart keeps exactly its own words."""
    before, text = ABOVE_A_CHART[shape]
    path = tmp_path / "chart.pdf"
    _draw(path, caption=False, before=before)
    items = _read(path, reading)
    [figure] = _figures(items)
    assert Counter(figure.text.split()) == FIGURE_WORDS
    above = [it for it in items[:items.index(figure)] if it.kind != "heading"]
    assert above[-1].text == text, [(it.kind, it.text) for it in items]


@pytest.mark.parametrize("reading", ["pdf", "layout text"])
def test_a_heading_set_right_on_top_of_the_text_under_a_chart_is_not_the_charts(tmp_path: Path, reading: str) -> None:
    """A short line at the margin, apart from the chart above it and right on top of a paragraph
    ("Geography" / "3. Practitioners should …"), heads the text below: a chart's last box stands
    apart from the text under it. The chart keeps exactly its words; the heading stays a heading."""
    path = tmp_path / "chart.pdf"
    _draw(path, caption=False, after=["Geography"] + AFTER)
    items = _read(path, reading)
    [figure] = _figures(items)
    assert Counter(figure.text.split()) == FIGURE_WORDS
    after = items[items.index(figure) + 1:]
    assert [(it.kind, it.text) for it in after][:1] == [("heading", "Geography")]
    assert after[1].number == "3"


def _row_lines(page: int, top: float, rows: list[tuple[str, str]], sizes: float = 9.0) -> list:
    """Lines of two boxes side by side (PDF points): the left box's lines centred in it, the right
    box's set flush left, as pdftotext and PDFium give a Word text box's lines."""
    from wtdiff.readers.lines import Line, Span

    out = []
    for k, (a, b) in enumerate(rows):
        x = 200.0 - 2.25 * len(a)
        spans = [Span(a, x, x + 4.5 * len(a), sizes)] if a else []
        spans += [Span(b, 315.0, 315.0 + 4.5 * len(b), sizes)] if b else []
        out.append(Line(page=page, top=top + 0.8 * k, spans=spans))
    return out


@pytest.mark.parametrize("arrow", ["\u2193", ""])
def test_boxes_side_by_side_with_an_arrow_between_their_rows_are_a_flow_chart(arrow: str) -> None:
    """Boxes whose lines are set flush left share where their lines start, as a table's cells
    do; an arrow printed on a line of its own between the rows ("↓") makes them a flow chart."""
    from wtdiff.readers.figures import figure_runs
    from wtdiff.readers.lines import Line, Span

    first = _row_lines(5, 10.0, [("meet within ten working days", "develop the outline plan"),
                                 ("of the first conference", "and set out what must change"),
                                 ("", "and by when")])
    second = _row_lines(5, 14.0, [("decide what steps are needed", "share what services there are"),
                                  ("to complete the assessment", "and agree what is provided"),
                                  ("", "and who pays for it")])
    middle = [Line(page=5, top=12.5, spans=[Span(arrow, 300.0, 306.0, 12.0)])] if arrow else []
    lines = first + middle + second
    runs = figure_runs(lines, left=90.0, right=516.0, has_fonts=True, body_size=12.0)
    assert runs == ([(0, len(lines))] if arrow else [])


def test_a_row_of_boxes_set_flush_left_is_not_taken_for_set_in_text() -> None:
    """Two boxes side by side whose lines each start at one place (a flush-left box), reaching
    across the page together: a line of two fragments apart by a wide gap is boxes, never a
    column of set-in text, so the row stays in the chart above its arrow and the box below."""
    from wtdiff.readers.figures import figure_runs
    from wtdiff.readers.lines import Line, Span

    def line(top: float, *spans: tuple[str, float, float, float]) -> Line:
        return Line(page=3, top=top, spans=[Span(t, a, b, size) for t, a, b, size in spans])

    lines = [
        line(13.0, ("services should record the reasons for it. The director of", 118.0, 472.0, 12.0)),
        line(14.0, ("children's services should:", 118.0, 258.0, 12.0)),
        line(17.6, ("work with care providers to decide", 109.0, 288.0, 9.0),
             ("whether children held in custody need help with", 319.0, 508.0, 9.0)),
        line(18.4, ("whether the child is at risk of harm;", 108.0, 289.0, 9.0),
             ("independent visitors and sexual health;", 336.0, 492.0, 9.0)),
        line(22.1, ("\u2193", 303.0, 309.0, 12.0)),
        line(25.7, ("put in place suitable support for babies under one", 208.0, 405.0, 9.0)),
        line(26.4, ("year old in a manner proportionate to the risk.", 215.0, 397.0, 9.0)),
        line(30.1, ("628.", 90.0, 110.0, 12.0), ("Records of the plan may show what was decided about", 118.0, 513.0, 12.0)),
    ]
    assert figure_runs(lines, left=118.0, right=516.5, has_fonts=True, body_size=12.0) == [(2, 7)]


# Two boxes side by side at the foot of a page, the right one's single line set on a row of its
# own between the left one's lines.
BOX_LINE_BETWEEN = """\
482. The long-term plan should be shared with the independent scrutineer and kept under
     review, with particular regard to the needs of young carers. Health visitors
     should:



    the views of children educated at home about
                                                       what help children in custody will be offered;
    emergency protection orders and attachment;




                                                   \u2193
"""


def test_a_boxs_last_line_under_the_box_set_beside_it_is_the_charts() -> None:
    """The last line of a left box, set at the margin right under the line pdftotext gave the box
    beside it, and starting where the box's first line starts, is the box's: the chart is one
    figure, and the paragraph above keeps exactly its words."""
    items = layout.analyse(text_pages(BOX_LINE_BETWEEN))
    assert [it.kind for it in items] == ["paragraph", "figure"], [(it.kind, it.text) for it in items]
    assert items[0].text.endswith("Health visitors should:")
    assert Counter(items[1].text.split()) == Counter(
        "the views of children educated at home about what help children in custody will be offered; "
        "emergency protection orders and attachment; \u2193".split())


PAGE = """\
4. Each partnership should agree the steps below and publish them so that practitioners
know what to expect once a concern has been raised about a child.

                               A concern is raised
                          with the designated lead



        The lead talks to the             The lead decides the               No further action
          family and records             concern meets the                 is needed but the
            what was said               threshold for a referral          family is offered help



5. The designated lead should review each decision within one month and record the
outcome in the child's file.
"""


def test_layout_text_boxes_between_paragraphs_are_one_figure_read_box_by_box() -> None:
    items = layout.analyse(text_pages(PAGE))
    kinds = [it.kind for it in items]
    assert kinds == ["paragraph", "figure", "paragraph"]
    figure = items[1]
    assert items[0].number == "4" and items[0].text.endswith("raised about a child.")
    # read box by box: each box's lines together, boxes side by side left to right
    assert figure.text == (
        "A concern is raised with the designated lead "
        "The lead talks to the family and records what was said "
        "The lead decides the concern meets the threshold for a referral "
        "No further action is needed but the family is offered help")
    assert items[2].number == "5" and items[2].text.startswith("The designated lead should review")


TABLE = """\
6. The table sets out who does what.

   Agency               Role                          Contact
   Police               Investigate crime             Local police station
   Health               Assess the child's health     The named nurse
                        and wellbeing
   Education            Share information             The designated lead

7. Partners should keep this table up to date.
"""

HANGING = """\
8. Where a child is at risk, the practitioner should:

      •   tell the designated lead at once, and record what was said
          and by whom, in the child's own words where possible
      •   not promise the child that the concern will be kept secret
          from others who need to know in order to protect them
      •   follow the local procedures for making a referral

9. Records should be kept securely.
"""


@pytest.mark.parametrize("text", [TABLE, HANGING], ids=["table", "hanging list"])
def test_tables_and_indented_lists_are_not_figures(text: str) -> None:
    items = layout.analyse(text_pages(text))
    assert not _figures(items)


@pytest.mark.parametrize("line, expected", [
    ("Figure 1: Assessment framework", True),
    ("Flow chart 3: Immediate protection", True),
    ("Diagram 2", True),
    ("flow chart 3 on immediate protection", False),
    ("Figures for the year show a rise", False),
])
def test_a_caption_is_a_capitalised_numbered_label(line: str, expected: bool) -> None:
    assert is_caption(line) is expected


# (x, y, width, height in points, lines) of each text box of a flow chart drawn in Word
WORD_BOXES = [
    (150, 0, 180, 50, ["A child's case is referred", "to social care"]),
    (20, 90, 180, 70, ["A practice supervisor", "decides on the next course", "of action within one day"]),
    (260, 90, 180, 70, ["Social care tells the", "referrer what will happen"]),
]
WORD_FIGURE = Counter(w for *_, lines in WORD_BOXES for line in lines for w in line.split())


def _word_chart(tmp_path: Path) -> Path:
    path = tmp_path / "chart.docx"
    build_flow_chart_docx(path, [" ".join(BEFORE[:2]), " ".join(BEFORE[2:])], WORD_BOXES, [" ".join(AFTER)],
                          caption="Figure 1: What happens after a referral")
    return path


def _outline(items) -> list[tuple[str, str | None]]:
    return [(it.kind, it.number) for it in items if it.kind != "heading"]


def test_a_word_flow_chart_of_text_boxes_is_one_figure_after_its_anchor_paragraph(tmp_path: Path) -> None:
    items = docx.items(_word_chart(tmp_path).read_bytes())
    assert _outline(items) == [("paragraph", "1"), ("paragraph", "2"), ("paragraph", None), ("figure", None),
                               ("paragraph", "3")]
    assert Counter(_figures(items)[0].text.split()) == WORD_FIGURE


def test_vml_text_boxes_in_a_fallback_branch_are_one_figure(tmp_path: Path) -> None:
    path = tmp_path / "vml.docx"
    build_vml_docx(path, "1. Before the chart.", [["Referral", "received"], ["Decision within", "one day"]],
                   "2. After the chart.")
    items = docx.items(path.read_bytes())
    assert [(it.kind, it.text) for it in items] == [
        ("paragraph", "Before the chart."), ("figure", "Referral received Decision within one day"),
        ("paragraph", "After the chart.")]


@pytest.mark.skipif(docgen.soffice() is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice or pdftotext is not installed")
def test_the_word_flow_chart_is_the_same_figure_in_its_pdf_and_layout_text(tmp_path: Path) -> None:
    source = _word_chart(tmp_path)
    made = docgen.convert_to_pdf(source, tmp_path)
    assert made is not None
    subprocess.run(["pdftotext", "-layout", str(made), str(tmp_path / "chart.txt")], check=True)
    readings = {"docx": docx.items(source.read_bytes()), "pdf": pdf.items(made.read_bytes()),
                "layout text": layout.analyse(text_pages((tmp_path / "chart.txt").read_text("utf-8")))}
    for name, items in readings.items():
        assert _outline(items) == [("paragraph", "1"), ("paragraph", "2"), ("paragraph", None),
                                   ("figure", None), ("paragraph", "3")], name
        assert Counter(_figures(items)[0].text.split()) == WORD_FIGURE, name
        assert [it.text for it in items if it.number == "3"] == [" ".join(AFTER)[3:]], name


def test_the_real_edition_gives_the_same_figures_from_its_pdf_and_its_layout_text(real_dir: Path) -> None:
    from_pdf = _figures(pdf.items((real_dir / "wt-2023.pdf").read_bytes()))
    from_text = _figures(layout.analyse(text_pages((real_dir / "wt-2023.txt").read_text("utf-8"))))
    assert len(from_pdf) >= 6
    assert [f.page for f in from_pdf] == [f.page for f in from_text]
    for a, b in zip(from_pdf, from_text):
        assert Counter(a.text.split()) == Counter(b.text.split()), a.page


def test_a_figure_is_kept_in_the_xml_tree_and_written_out_as_a_paragraph_of_its_words(tmp_path: Path) -> None:
    import wtdiff
    from wtdiff.export import to_html, to_markdown
    from wtdiff.xmlio import from_xml, to_xml

    doc = wtdiff.parse(_word_chart(tmp_path))
    figures = [b for b in doc.blocks() if b.kind == "figure"]
    assert len(figures) == 1 and figures[0].id.endswith("fig1")
    assert from_xml(to_xml(doc)) == doc
    assert figures[0].text in to_markdown(doc).replace("\n", " ")
    assert "A practice supervisor" in to_html(doc)


# A row of two boxes side by side, all a page break left of a chart: the right box's one line is
# centred against the left box's two, so pdftotext sets it on a row of its own between them.
ROW_OF_BOXES = """\
6. Where a referral is made, partners should agree who leads the assessment and
   record the decision in the child's file within one working day.

7. The steps that follow are:


    the duty team records the concern and checks
                                                                the family is told what happens next;
        what is already known about the child;


                                                         \u2193


8. The designated lead should review each decision within one month and record the
   outcome in the child's file.
"""

# The same row after body lines pdftotext set a few columns right of the page's margin (it may
# do so for part of a page), with no gap between the last of them and the row.
SET_IN_THEN_ROW = """\
9. Partners should publish their arrangements and review them every year, drawing
   on what children and families have said about the help they received.

        and so on: the rest of a paragraph carried over from the page before, which
        pdftotext set four columns right of where the body's lines stand on other
        pages, line after line, before the chart:
                                        the practitioner meets the family
             the lead agrees the plan;
                                                               within five working days;

10. Records should be kept securely and shared only with those who need them.
"""


@pytest.mark.parametrize("text, before, words", [
    (ROW_OF_BOXES, "7", "the duty team records the concern and checks what is already known about the child; "
                        "the family is told what happens next;"),
    (SET_IN_THEN_ROW, "9", "the practitioner meets the family the lead agrees the plan; within five working days;"),
], ids=["row of two boxes", "after set-in body lines"])
def test_a_single_row_of_boxes_side_by_side_is_a_figure(text: str, before: str, words: str) -> None:
    """Two boxes side by side are set in both halves of the text column at once, which no body
    text is: even one row of them (two or three lines) is a figure, with the arrow below it;
    lines set in line after line at one column before it are body, not boxes."""
    items = layout.analyse(text_pages(text))
    figures = _figures(items)
    assert len(figures) == 1
    assert Counter(figures[0].text.split()) == Counter(words.split() + ["\u2193"] * (text == ROW_OF_BOXES))
    numbered = [it for it in items if it.kind == "paragraph" and it.number]
    assert [it.number for it in numbered] == [before, str(int(before) + 1)] if text == SET_IN_THEN_ROW else \
        [str(int(before) - 1), before, str(int(before) + 1)]
    assert not any("agrees the plan" in it.text or "duty team" in it.text for it in numbered)


CHART_THEN_CHAPTER = """\
11. Partners should agree the steps below before the plan is closed.

            agree the lead agency                        record the decision
                 for the child;                         in the child's file;
                                        \u2193
                          tell the family what happens next.
Chapter 3: Working with families
12. Practitioners should build a relationship with the whole family.
"""


def _chart_then_chapter_pdf(path: Path) -> None:
    """The same page drawn: boxes in small type, then a chapter heading in large bold type."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    h = A4[1]
    c.setFont("Helvetica", 11)
    c.drawString(72, h - 80, "11.")
    c.drawString(100, h - 80, "Partners should agree the steps below before the plan is closed.")
    c.setFont("Helvetica", 9)
    for x, y, text in ((170, 120, "agree the lead agency"), (170, 131, "for the child;"),
                       (400, 120, "record the decision"), (400, 131, "in the child's file;"),
                       (297, 150, "\u2193"), (297, 170, "tell the family what happens next.")):
        c.drawCentredString(x, h - y, text)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(72, h - 192, "Practice with families")
    c.setFont("Helvetica", 11)
    c.drawString(72, h - 215, "12.")
    c.drawString(100, h - 215, "Practitioners should build a relationship with the whole family.")
    c.save()


def test_a_chart_set_just_before_a_heading_does_not_take_it_in(tmp_path: Path) -> None:
    """A labelled heading ("Chapter 3: …") is never a box, nor in a PDF a line set larger than
    the body; a chart set straight above one leaves it a heading."""
    items = layout.analyse(text_pages(CHART_THEN_CHAPTER))
    assert [it.kind for it in items] == ["paragraph", "figure", "heading", "paragraph"]
    assert items[2].text == "Chapter 3: Working with families"
    path = tmp_path / "chart.pdf"
    _chart_then_chapter_pdf(path)
    items = pdf.items(path.read_bytes())
    assert [it.kind for it in items] == ["paragraph", "figure", "heading", "paragraph"]
    assert items[2].text == "Practice with families"


# Two boxes side by side, their lines centred in each box, some of which pdftotext set starting at
# one column — where lines start repeats, as in a table's cells — with the chart's arrow printed
# under them.
ALIGNED_BOXES = """\
12. Partners should agree the expectations for direct practice below, and review them
    with practitioners and with the children and families they work with every year.

  Collaborate: practitioners working with the same                 Learn: practitioners learn together by drawing on
child and family share information to get a complete               the best available evidence from their own fields
 picture of what life is like for the child. Together,           and sharing their different views during regular
they make sure the child is heard and that the right             shared reflection on the child's progress, health
              support is provided early                                      and outcomes

                                                             \u2193

13. The designated lead should record each decision and the reasons for it in the child's
    file, and tell the family what was decided and why, in words they can understand.
"""

# A box's line that pdftotext set at the page's margin, reaching across half the column, between
# lines of the same box set in from it: a chart's line, not a paragraph's.
MARGIN_LINE_IN_A_BOX = """\
14. The lead practitioner should follow the steps below and record each decision taken
    about the child, with the reasons for it, in the child's file.

   A lead practitioner convenes a strategy
                                                      the police decide whether a crime
     discussion and records the decisions
                                                      has been committed and tell the lead
    taken, and tells the family what happens
  next, recording what they agreed and why, in
order to decide whether the child is referred to flow chart 4
       and the family is told what happens next

15. Records should be kept securely and shared only with those who need them.
"""


@pytest.mark.parametrize("text, number", [(ALIGNED_BOXES, "12"), (MARGIN_LINE_IN_A_BOX, "14")],
                         ids=["arrow under aligned boxes", "box line at the margin"])
def test_every_line_of_a_chart_set_beside_another_box_is_the_charts(text: str, number: str) -> None:
    """A flow chart's arrow on a line of its own makes a figure of the boxes side by side above
    it, whether it stands between their rows or under the last (a page break may put the next
    box overleaf). And a box's line pdftotext happened to set at the margin — under a line of
    the chart and over another set in from the margin, stopping well short of the right edge,
    which no line of a paragraph with more of it below does — is the chart's: the chart is one
    figure, no paragraph between its lines."""
    items = layout.analyse(text_pages(text))
    assert [it.kind for it in items] == ["paragraph", "figure", "paragraph"], \
        [(it.kind, it.text[:40]) for it in items]
    assert [items[0].number, items[2].number] == [number, str(int(number) + 1)]
    before, *chart, after = text.strip().split("\n\n")
    assert items[0].text == " ".join(before.split()[1:])
    assert items[2].text == " ".join(after.split()[1:])
    assert Counter(items[1].text.split()) == Counter(" ".join(chart).split())
