"""One edition, two paged forms: a Word export and its ``pdftotext -layout`` text read to the same words.

Statutory guidance reaches users as the PDF Word exported and, often, as the
text poppler's ``pdftotext -layout`` makes of it. The two readers must give the
same blocks and the same footnotes for the same edition, or a comparison of
one with the other reports changes that are not there. These tests state the
reading rules on files the tests make themselves: Word documents written with
python-docx (real footnotes, long notes that LibreOffice carries over a page
break, lists running over page breaks), turned into PDF by LibreOffice and into
layout text by pdftotext; and small layout texts and PDFs for each artefact.
"""

from __future__ import annotations

import collections
import os
import shutil
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wtdiff.readers import layouttext, pdf
from wtdiff.readers.lines import SENTENCE_END, text_pages

from . import docgen

_LONG_NOTE = (
    "The duty applies to every maintained school, academy and independent school, and to colleges in the "
    "further education sector. Governing bodies and proprietors should read it together with the local "
    "multi-agency safeguarding arrangements, which set out how the safeguarding partners will work with "
    "education settings. Where an arrangement is agreed between two or more local areas, the lead area "
    "should publish the arrangement and tell each school which procedures apply to its pupils. The "
    "arrangements should be reviewed each year, and any change should be explained to staff before it "
    "takes effect, so that no child is left without the help the arrangements promise.")


def notes_spec() -> docgen.Spec:
    """An edition whose footnotes are long enough to be carried over page breaks, with lists
    that run over page breaks after paragraphs citing notes."""
    paras: list[docgen.Block] = []
    for n in range(1, 41):
        text = (f"Safeguarding partners must agree how the {n} local agencies in their area will share "
                "information, and each agency should record the reasons for its decisions[fn] so that the "
                "plan for the child can be reviewed when circumstances change.")
        notes = (f"Note {n}. " + _LONG_NOTE,) if n % 3 == 0 else (f"Children Act 2004, section {n}.",)
        paras.append(docgen.Para(text, notes=notes))
        if n % 4 == 0:
            paras.append(docgen.Bullets(tuple(
                docgen.Bullet(f"the {k} agency named in the arrangements should keep a record of each referral "
                              "it makes and of the outcome;") for k in ("first", "second", "third", "fourth",
                                                                          "fifth", "sixth"))))
    return docgen.Spec("Keeping Records Together", (
        docgen.Chapter("Chapter 1: Records and notes", blocks=tuple(paras)),))


def _tools() -> None:
    missing = [name for name, found in (("LibreOffice", docgen.soffice()), ("pdftotext", shutil.which("pdftotext")))
               if not found]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"{', '.join(missing)} missing in CI: .ci/run should have installed it")
        pytest.skip(f"{', '.join(missing)} not installed")


def _layout_text(pdf_path) -> bytes:
    return subprocess.run(["pdftotext", "-layout", str(pdf_path), "-"], check=True, capture_output=True).stdout


def _blocks(items) -> list[tuple[str, str | None, str]]:
    return [(i.kind, i.number, " ".join((i.text or " | ".join(i.cells)).split())) for i in items]


# --- a Word export and its layout text -------------------------------------------------------

@pytest.fixture(scope="module")
def word_export(tmp_path_factory):
    _tools()
    out = tmp_path_factory.mktemp("notes")
    docgen.build_docx(notes_spec(), out / "edition.docx")
    path = docgen.convert_to_pdf(out / "edition.docx", out)
    assert path is not None
    return path.read_bytes(), _layout_text(path)


def test_a_word_export_and_its_layout_text_give_the_same_blocks_and_notes(word_export):
    data, text = word_export
    from_pdf, from_text = _blocks(pdf.items(data)), _blocks(layouttext.items(text))
    assert from_pdf == from_text
    notes = [b for b in from_pdf if b[0] == "footnote"]
    # every note whole, long ones carried over a page break included, none taken for a running foot
    want = [(str(n), f"Note {n}. {_LONG_NOTE}" if n % 3 == 0 else f"Children Act 2004, section {n}.")
            for n in range(1, 41)]
    assert sorted((b[1], b[2]) for b in notes) == sorted(want)
    assert text.count(b"\f") > 5 and b"\xe2\x80\xa2" not in text  # pdftotext dropped the bullet glyphs
    items = [b for b in from_text if b[0] == "list-item"]
    assert len(items) == 60  # lists carried over page breaks, their items each a block


def test_a_long_word_export_and_its_layout_text_give_the_same_words_and_notes(tmp_path):
    _tools()
    docgen.build_docx(docgen.long_spec(150), tmp_path / "long.docx")
    path = docgen.convert_to_pdf(tmp_path / "long.docx", tmp_path)
    assert path is not None
    a, b = pdf.items(path.read_bytes()), layouttext.items(_layout_text(path))

    def words(items, notes: bool) -> list[str]:
        return [w for i in items if (i.kind == "footnote") == notes for w in (i.text or " ".join(i.cells)).split()]

    assert words(a, False) == words(b, False)
    assert collections.Counter(i.text for i in a if i.kind == "footnote") == \
        collections.Counter(i.text for i in b if i.kind == "footnote")
    assert sum(i.kind == "footnote" for i in a) >= 10


# --- layout text, artefact by artefact --------------------------------------------------------

def _page(body: list[str], notes: list[str], label: int) -> str:
    """One page of layout text: body lines, a gap, the notes, the page number at the foot."""
    return "\n".join(["", *body, "", "", *notes, "", f"{'':40}{label}", ""])


def _read_text(*pages: str):
    from wtdiff.readers import read_bytes

    return read_bytes("\f".join(pages).encode() + b"\f", source="edition.txt", format="layout")


def _paras(doc) -> dict[str, tuple[str, list[str]]]:
    return {b.number: (b.text, [n.text for n in b.notes]) for b in doc.blocks() if b.kind == "paragraph"}


def test_word_hidden_footnote_reference_tokens_never_reach_the_text():
    """Word exports each note reference's bookmark as 1-point text ("0F", "F"); pdftotext
    prints it on a line of its own under the cited line, or after a gap in the line."""
    doc = _read_text(_page([
        "1.    Schools should keep a written record of every concern 1 and the",
        "                                        0F",
        "action taken, however small it seems at the time.",
        "2.    Colleges should do the same for their students.2         F",
        "3.    Each record should be kept for as long as the law requires.",
    ], ["1 Records are described in the data protection guidance.", "2 Section 175 of the Education Act 2002."], 4))
    paras = _paras(doc)
    assert paras["1"] == ("Schools should keep a written record of every concern and the action taken, however "
                          "small it seems at the time.", ["Records are described in the data protection guidance."])
    assert paras["2"] == ("Colleges should do the same for their students.", ["Section 175 of the Education Act 2002."])


def test_a_footnote_marker_is_cut_out_wherever_pdftotext_glued_it():
    doc = _read_text(_page([
        "1.    Staff should be ready to identify children who may benefit from early",
        "help.1 Early help means support as soon as a problem emerges.",
        "2.    Schools must follow the Human Rights Act 19982, the Equality Act 20103 and",
        "the guidance on child criminal exploitation (CCE)4 in full.",
        "3.    This applies to everyone under the age of 25.5 See paragraph 3.16 for more.",
    ], ["1 See the early help guidance.", "2 Human Rights Act 1998.", "3 Equality Act 2010.",
        "4 Criminal exploitation guidance.", "5 Care leavers are supported to 25."], 8))
    paras = _paras(doc)
    assert paras["1"][0] == ("Staff should be ready to identify children who may benefit from early help. Early "
                             "help means support as soon as a problem emerges.")
    assert paras["2"][0] == ("Schools must follow the Human Rights Act 1998, the Equality Act 2010 and the "
                             "guidance on child criminal exploitation (CCE) in full.")
    assert paras["3"] == ("This applies to everyone under the age of 25. See paragraph 3.16 for more.",
                          ["Care leavers are supported to 25."])
    assert [len(paras[n][1]) for n in "12"] == [1, 3]


def test_a_number_in_a_heading_or_reference_is_not_taken_for_a_marker():
    items = layouttext.items(_page([
        "Chapter 1: Working together",
        "",
        "1.    Partners should publish their arrangements each year.1",
    ], ["1 Children Act 2004, section 16E."], 3).encode() + b"\f")
    assert [(i.kind, i.text, i.refs) for i in items] == [
        ("heading", "Chapter 1: Working together", ()),
        ("paragraph", "Partners should publish their arrangements each year.", ("1",)),
        ("footnote", "Children Act 2004, section 16E.", ())]


def test_a_note_printed_above_its_number_or_glued_to_it_is_read_whole():
    """A raised marker may land on the line below its note's first line (that line still set
    in by the marker's width), or be glued to the note's first word."""
    doc = _read_text(_page([
        "1.    Staff can call the advice line, and the email address is given below.1",
        "2.    The regulated activity rules apply to all staff.2",
    ], [" Alternatively, staff can write to the helpline at its office,",
        "1", "", "Weston House, 42 Curtain Road, London.",
        "2The Safeguarding Vulnerable Groups Act 2006 sets out the period condition."], 5))
    paras = _paras(doc)
    assert paras["1"][1] == ["Alternatively, staff can write to the helpline at its office, Weston House, "
                             "42 Curtain Road, London."]
    assert paras["2"][1] == ["The Safeguarding Vulnerable Groups Act 2006 sets out the period condition."]


def test_body_text_running_on_to_a_raised_note_number_stays_body():
    """With no blank line between the body and a note number set alone above its text (the
    marker is raised), the lines above the number are body, not the rest of an earlier note."""
    page = "\n".join([
        "", "1.    Each agency should record its decisions.1",
        "", "      the first agency should keep a record of each referral;",
        "      the second agency should keep a record of each outcome;",
        "1", "    Children Act 2004, section 11.", "", f"{'':40}2", ""])
    items = layouttext.items((page + "\f").encode())
    body = " ".join(i.text for i in items if i.kind != "footnote")
    assert body.endswith("the first agency should keep a record of each referral; "
                         "the second agency should keep a record of each outcome;")
    assert [(i.number, i.text) for i in items if i.kind == "footnote"] == [("1", "Children Act 2004, section 11.")]


def test_a_line_starting_with_a_dash_under_a_paragraph_carries_it_on():
    doc = _read_text(_page([
        "1.    Children say they value practitioners who are honest about what they can",
        "      – and who treat them with respect. This matters most at the first visit.",
        "2.    Practitioners should make sure that the child is seen and heard at every stage,",
        "that the child's own words are recorded, and that the plan is explained to the child",
        "in a way the child can understand. At the first visit practitioners should:",
        "",
        "      – listen to the child;",
        "      – record what the child says.",
    ], [], 2))
    blocks = [(b.kind, b.text) for b in doc.blocks()]
    assert blocks[0] == ("paragraph", "Children say they value practitioners who are honest about what they can – "
                                      "and who treat them with respect. This matters most at the first visit.")
    assert [k for k, _ in blocks[1:]] == ["paragraph", "list-item", "list-item"]


def test_hidden_token_lines_take_no_room_on_the_page():
    pages = text_pages("one line of the body\n                0F\nthe next line of the body\n\f")
    assert [(ln.text, ln.top) for ln in pages[0].lines] == [("one line of the body", 0.0),
                                                            ("the next line of the body", 1.0)]
    # the token's glyphs spaced out, with the punctuation set in its type, after a gap
    assert [ln.text for ln in text_pages("for the specific role.69 70    ,6 F\n\f")[0].lines] == [
        "for the specific role.69 70"]
    # a statute's section with a letter is text
    assert text_pages("under section 141F of the Act\n\f")[0].lines[0].text == "under section 141F of the Act"


_TOKEN_ROWS = ["", "", "", ""]  # the blank rows pdftotext leaves below a hidden token's line


def test_a_sentence_broken_by_a_hidden_token_s_blank_rows_reads_on():
    """pdftotext leaves the bookmark's height blank below the line it marks, in mid-sentence too:
    the paragraph, the list item and the cross-reference read on across those rows."""
    doc = _read_text(_page([
        "12.   Governing bodies should make sure that the designated safeguarding lead 1 and",
        "                                        0F",
        *_TOKEN_ROWS,
        "their deputies are given the time they need to carry out the role.",
        "13.   Staff should know what to look out for, including:",
        "      •   harmful sexual behaviour such as sexual comments, remarks, jokes and online",
        "                                        1F",
        *_TOKEN_ROWS,
        "          sexual harassment, which may be part of a wider pattern of abuse",
        "      •   online bullying.",
        "14.   A member of staff moving into a post that involves teaching must be checked again",
        "(see paragraph 21), as a new member of staff would be.",
        "15.   All required pre-employment checks must be carried 2F",
        *_TOKEN_ROWS,
        "out before the person starts work (see paragraph 238).",
    ], ["1 And any deputy designated safeguarding leads."], 6))
    paras = _paras(doc)
    assert paras["12"] == ("Governing bodies should make sure that the designated safeguarding lead and their "
                           "deputies are given the time they need to carry out the role.",
                           ["And any deputy designated safeguarding leads."])
    assert paras["15"][0] == "All required pre-employment checks must be carried out before the person starts work " \
                             "(see paragraph 238)."
    items = [b.text for b in doc.blocks() if b.kind == "list-item"]
    assert items == ["harmful sexual behaviour such as sexual comments, remarks, jokes and online sexual "
                     "harassment, which may be part of a wider pattern of abuse", "online bullying."]
    assert sorted(paras) == ["12", "13", "14", "15"]  # no stray block of a sentence's rest


def test_a_hidden_token_s_blank_rows_below_a_finished_sentence_keep_their_room():
    """Below a line that ends a sentence the rows may be the gap before the notes or the next
    paragraph: they stay, as every other blank row does."""
    pages = text_pages("\n".join(["the designated safeguarding lead.", "            6F", *_TOKEN_ROWS,
                                  "Alternatively, staff can write to the helpline.", "\f"]))
    assert [(ln.text, ln.top) for ln in pages[0].lines] == [("the designated safeguarding lead.", 0.0),
                                                            ("Alternatively, staff can write to the helpline.", 5.0)]


@pytest.mark.parametrize("lines, read", [
    # glued, with the blank rows below and the sentence going on: the bookmark
    (["checks must be carried 2F", *_TOKEN_ROWS, "out before the person starts."],
     ["checks must be carried", "out before the person starts."]),
    # a statute's section at the end of a line, the sentence going on below it: text
    (["under section 141F", "of the Education Act 2002."], ["under section 141F", "of the Education Act 2002."]),
    # ... or a new paragraph after a gap: text
    (["as set out in section 141F", "", "Schools should follow it."],
     ["as set out in section 141F", "Schools should follow it."]),
])
def test_a_token_glued_to_a_line_s_last_word_is_the_bookmark_only_above_its_blank_rows(lines, read):
    assert [ln.text for ln in text_pages("\n".join([*lines, "\f"]))[0].lines] == read


@pytest.fixture(scope="module")
def typeset_edition() -> tuple[str, list[tuple[str, str]]]:
    """A generated edition (23 pages: chapters, numbered paragraphs, lists, tables, notes) typeset
    onto pages as ``pdftotext -layout`` text, and its blocks read back."""
    from wtdiff.eval.generate import SIZES, generate, to_document

    from . import pagegen

    doc, _ = to_document(generate(7, words=SIZES["small"][0], blocks=SIZES["small"][1]), source="edition")
    text = pagegen.layout_text(pagegen.typeset(doc))
    return text, _kinds_and_texts(text)


def _kinds_and_texts(text: str) -> list[tuple[str, str]]:
    from wtdiff.readers import read_bytes

    doc = read_bytes(text.encode("utf-8"), source="edition.txt", format="layout")
    return [(b.kind, b.text) for b in doc.blocks()]


@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_word_s_hidden_tokens_and_their_blank_rows_change_no_block_of_an_edition(typeset_edition, data):
    """Wherever Word's bookmarks fall at the end of a line that stops mid-sentence — on a line of
    their own or glued to its last word, each with the blank rows pdftotext leaves below it — the
    edition reads as it does without them: the same blocks, the same words."""
    text, blocks = typeset_edition
    rows = text.split("\n")
    # lines of running text that stop mid-sentence, with the sentence going on in lower case below
    places = [k for k in range(len(rows) - 1) if rows[k].strip() and "\f" not in rows[k + 1]
              and not rows[k].rstrip().endswith(SENTENCE_END) and rows[k + 1].lstrip()[:1].islower()]
    chosen = data.draw(st.lists(st.sampled_from(places), min_size=1, max_size=6, unique=True))
    for k in sorted(chosen, reverse=True):
        token = f"{data.draw(st.integers(0, 199))}F"
        if data.draw(st.booleans()):
            rows[k] = f"{rows[k]} {token}"
            rows[k + 1:k + 1] = _TOKEN_ROWS
        else:
            rows[k + 1:k + 1] = [" " * 40 + token, *_TOKEN_ROWS]
    assert _kinds_and_texts("\n".join(rows)) == blocks


# --- PDF -------------------------------------------------------------------------------------

def test_text_too_small_to_read_is_not_text_of_the_pdf(tmp_path):
    """Word's hidden footnote-reference bookmarks come out as 1-point type glued to the cited word."""
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "hidden.pdf"
    c = Canvas(str(path), invariant=1)
    for k in range(3):
        y = 760 - 40 * k
        c.setFont("Helvetica", 11)
        c.drawString(72, y, f"{k + 1}.")
        word = f"Schools should keep a written record of every concern {k + 1}"
        c.drawString(100, y, word)
        x = 100 + c.stringWidth(word, "Helvetica", 11)
        c.setFont("Helvetica", 1)
        c.drawString(x, y, f"{k}F")
        c.setFont("Helvetica", 11)
        c.drawString(x + 2, y, " and of the action taken.")
    c.showPage()
    c.save()
    texts = [i.text for i in pdf.items(path.read_bytes()) if i.kind == "paragraph"]
    assert texts == [f"Schools should keep a written record of every concern {k} and of the action taken."
                     for k in (1, 2, 3)]


@pytest.mark.parametrize("first, second", [(1, 2), (9, 10), (173, 174)])
def test_the_markers_of_two_notes_cited_at_one_place_are_both_cut_out_of_a_pdf(tmp_path, first, second):
    """Word sets the markers of notes cited together side by side in small raised type
    ("safeguarding.¹²", "area.¹⁷³¹⁷⁴"), which a PDF holds as one superscript number. It is read
    as the page's notes when it is no note of the page itself and splits into consecutive
    notes of it — even on a paragraph's short last line, where the marker's digits outnumber
    the line's letters."""
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "glued.pdf"
    c = Canvas(str(path), invariant=1)
    c.setFont("Helvetica", 12)
    c.drawString(72, 760, "1.")
    c.drawString(100, 760, "Partners should agree how they will prevent and reduce serious violence in their")
    c.drawString(100, 745, "area.")
    c.setFont("Helvetica", 7)
    c.drawString(100 + c.stringWidth("area.", "Helvetica", 12), 750, f"{first}{second}")
    c.setFont("Helvetica", 12)
    c.drawString(72, 715, "2.")
    c.drawString(100, 715, "Each partner should publish the arrangements it has agreed with the others.")
    c.line(72, 120, 200, 120)
    for k, (n, text) in enumerate(((first, "Police, Crime, Sentencing and Courts Act 2022."),
                                   (second, "Section 13 of that Act says what violence includes."))):
        y = 105 - 14 * k
        c.setFont("Helvetica", 6)
        c.drawString(72, y + 3, str(n))
        c.setFont("Helvetica", 9)
        c.drawString(72 + c.stringWidth(str(n), "Helvetica", 6) + 2, y, text)
    c.showPage()
    c.save()
    items = pdf.items(path.read_bytes())
    [para] = [i for i in items if i.kind == "paragraph" and i.number == "1"]
    assert para.text.endswith("in their area.") and para.refs == (str(first), str(second))
    assert [(i.number, i.text) for i in items if i.kind == "footnote"] == [
        (str(first), "Police, Crime, Sentencing and Courts Act 2022."),
        (str(second), "Section 13 of that Act says what violence includes.")]


def test_notes_cited_together_and_printed_at_the_foot_of_the_next_page_are_found(tmp_path):
    """A page full to its foot has no room for the notes its last lines cite: the word processor
    prints them under the next page's text. Their markers, glued together, are still read as
    those notes."""
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "pushed.pdf"
    c = Canvas(str(path), invariant=1)
    c.setFont("Helvetica", 12)
    c.drawString(72, 760, "1.")
    c.drawString(100, 760, "Schools must tell the local authority when a child leaves the school roll.")
    c.setFont("Helvetica", 7)
    c.drawString(100 + c.stringWidth("Schools must tell the local authority when a child leaves the school roll.",
                                     "Helvetica", 12), 765, "6263")
    c.setFont("Helvetica", 12)
    c.drawCentredString(300, 40, "Page 1")
    c.showPage()
    c.setFont("Helvetica", 12)
    c.drawString(72, 760, "2.")
    c.drawString(100, 760, "The local authority should record what it is told and by whom.")
    c.line(72, 120, 200, 120)
    for k, (n, text) in enumerate(((62, "Education Act 1996, section 436A."), (63, "Pupil registration regulations."))):
        y = 105 - 14 * k
        c.setFont("Helvetica", 6)
        c.drawString(72, y + 3, str(n))
        c.setFont("Helvetica", 9)
        c.drawString(82, y, text)
    c.setFont("Helvetica", 12)
    c.drawCentredString(300, 40, "Page 2")
    c.showPage()
    c.save()
    items = pdf.items(path.read_bytes())
    [para] = [i for i in items if i.kind == "paragraph" and i.number == "1"]
    assert para.text.endswith("the school roll.") and para.refs == ("62", "63")


@pytest.mark.parametrize("digits, page_notes, read", [
    ("12", ["1", "2"], ["1", "2"]),
    ("12", ["12"], ["12"]),               # a note of the page: that note
    ("12", ["1", "2", "12"], ["12"]),
    ("13", ["1", "3"], ["13"]),           # short and not consecutive: one number
    ("910", ["9", "10"], ["9", "10"]),
    ("160161", ["160", "161"], ["160", "161"]),
    ("4748", ["47", "48", "49"], ["47", "48"]),
    ("45", [], ["45"]),
])
def test_a_superscript_splits_into_the_page_s_notes_only_as_the_rule_says(digits, page_notes, read):
    from wtdiff.readers.layout.footnotes import _unglue

    assert _unglue(digits, page_notes) == read


def test_notes_numbered_again_from_1_on_one_page_are_read_and_the_run_resumes():
    """A figure or box may number its own notes from 1; two in sequence tell them from a
    line that happens to begin with "1", and the document's own numbering carries on."""
    first = _page(["1.    Partners should publish their arrangements.1"], ["1 Children Act 2004."], 1)
    figure = _page(["Figure 1: what happens after a referral 1 and the assessment 2"],
                   ["1 In cases which also involve an allegation against staff, see Part four.",
                    "2 Early help means support as soon as a problem emerges."], 2)
    last = _page(["2.    Each agency should record its decisions.2"], ["2 Children Act 1989."], 3)
    items = layouttext.items(("\f".join([first, figure, last]) + "\f").encode())
    assert [(i.number, i.text) for i in items if i.kind == "footnote"] == [
        ("1", "Children Act 2004."),
        ("1", "In cases which also involve an allegation against staff, see Part four."),
        ("2", "Early help means support as soon as a problem emerges."),
        ("2", "Children Act 1989.")]


@pytest.mark.parametrize("last_note", ["Domestic abuse statutory guidance", "Domestic abuse statutory guidance."])
def test_a_paragraph_running_to_the_foot_of_a_page_is_body_even_after_a_note_without_a_full_stop(last_note):
    """In layout text the rest of a note carried over a page break stands above the next page's
    notes, at their margin, with no gap — and so does the last paragraph of a page full to its
    foot. The rest of a note ends the note (a full stop, a title, an address); lines that stop
    on a word no sentence ends on ("… manipulate or") go on over the page break, and are the
    body's, full stop or not in the note before them."""
    first = "\n".join([
        "",
        "Emotional abuse - The persistent emotional maltreatment of a child so as to cause",
        "severe and persistent adverse effects on the child's emotional development.12",
        "",
        "Extra-familial harm - Children may be at risk of harm in contexts outside their",
        "families, from adults or from other children.",
        "1",
        "      Domestic Abuse Act 2021",
        "2",
        f"      {last_note}",
        "", f"{'':40}147", ""])
    second = "\n".join([
        "",
        "Family network - A group of people close to a child made up of relatives and",
        "friends who have a connection with the child.3",
        "",
        "Financial exploitation - Financial exploitation can take many forms. In this",
        "context, we use the term to describe exploitation which takes place for the",
        "purpose of money laundering, when criminals coerce, control, manipulate or",
        "3",
        "      The Care Planning, Placement and Case Review (England) Regulation 24",
        "", f"{'':40}148", ""])
    third = "\n".join([
        "",
        "deceive children into moving illicit funds for them.",
        "",
        "Kinship care - Kinship care is any situation in which a child is raised by a friend",
        "or family member who is not their parent.",
        "", f"{'':40}149", ""])
    cover = "\n".join(["", "Glossary of the guidance", "", "The terms used in this guidance are defined below.",
                        "", f"{'':40}146", ""])
    doc = _read_text(cover, first, second, third)
    notes = {b.number: b.text for b in doc.blocks() if b.kind == "footnote"}
    assert notes["2"] == last_note
    [money] = [b for b in doc.blocks() if b.text.startswith("Financial exploitation")]
    assert money.text.endswith("manipulate or deceive children into moving illicit funds for them.")


def test_the_rest_of_a_note_carried_over_a_page_break_stays_with_its_note():
    """The rest of a note that did not fit under its page — a line of links, after a blank gap
    on the next page — is the note's, not a heading or a paragraph of the body."""
    first = "\n".join([
        "",
        "1.    Schools should check whether a volunteer will be in regulated activity.1",
        "1",
        "      See the guidance on regulated activity, which can be found at:",
        "Regulated activity with children in England - GOV.UK (www.gov.uk)",
        "", f"{'':40}10", ""])
    second = "\n".join([
        "",
        "2.    Children under the age of 16 cannot be checked.2",
        "", "", "",
        "Guidance leaflets on checks",
        "2",
        "      Under the Police Act 1997, an applicant must be 16 or over.",
        "", f"{'':40}11", ""])
    doc = _read_text(first, second)
    notes = [(b.number, b.text) for b in doc.blocks() if b.kind == "footnote"]
    assert notes == [("1", "See the guidance on regulated activity, which can be found at: Regulated activity with "
                           "children in England - GOV.UK (www.gov.uk) Guidance leaflets on checks"),
                     ("2", "Under the Police Act 1997, an applicant must be 16 or over.")]


def test_markers_of_several_notes_cited_at_one_place_are_cut_out_wherever_pdftotext_glued_them():
    """Word prints the markers of notes cited together side by side ("forces.²⁰²¹"), and
    pdftotext prints them as one number: a run of the page's consecutive note numbers is read
    as a list wherever one marker may stand — glued to a word, to the punctuation closing a
    word, or after a space; a short run ("12": notes 1 and 2, or twelve?) only where no
    number of the text stands, after a sentence's end at the end of its line."""
    first = _page(["1.    Paragraph 1 of the guidance cites two notes at once. 12"]
                  + [f"{k}.    Paragraph {k} of the guidance cites a note of its own.{k + 1}" for k in range(2, 9)],
                  [f"{k} Note {k} of the guidance." for k in range(1, 10)], 8)
    doc = _read_text(first, _page([
        "9.    Partners should name their leads, who are the chief officers of the police",
        "forces.1011 The leads were first named in 2021 and each must work with the child1213",
        "10.   Every agency should keep its own records of the decisions it takes (the processes).141516",
        "11.   This applies to all schools and colleges in the area. 171819",
    ], ["10 Police Act 1996.", "11 Local Government Act 1972.", "12 The family network guidance.",
        "13 Family group conferences.", "14 Record keeping guidance.", "15 Data protection guidance.",
        "16 Retention schedules.", "17 Schools guidance.", "18 Colleges guidance.", "19 Academies guidance."], 9))
    paras = _paras(doc)
    assert paras["1"] == ("Paragraph 1 of the guidance cites two notes at once.", ["Note 1 of the guidance.",
                                                                                   "Note 2 of the guidance."])
    paras = {str(int(n) - 8): v for n, v in paras.items() if int(n) >= 9}
    assert paras["1"][0] == ("Partners should name their leads, who are the chief officers of the police forces. "
                             "The leads were first named in 2021 and each must work with the child")
    assert len(paras["1"][1]) == 4
    assert paras["2"][0].endswith("(the processes).") and len(paras["2"][1]) == 3
    assert paras["3"][0].endswith("in the area.") and len(paras["3"][1]) == 3



def test_a_short_run_of_markers_glued_to_a_sentences_end_at_the_end_of_its_line_is_cut_out():
    """pdftotext may glue the markers of two notes straight to the full stop that ends a sentence
    at the end of its line ("… Barring Service.78"): no number of the text stands there (a
    decimal has a digit before its point), so a short run of the page's notes is read as a list
    there too; "paragraph 3.12" keeps its number."""
    doc = _read_text(_page([
        "1.    An organisation that removes a person from regulated activity should make a referral",
        "      to the Disclosure and Barring Service.12",
        "2.    The designated officer should read paragraph 3.12 of the procedures before acting.",
    ], ["1 Regulated activity in relation to children: scope.", "2 Making barring referrals to the DBS."], 6))
    paras = _paras(doc)
    assert paras["1"] == ("An organisation that removes a person from regulated activity should make a referral "
                          "to the Disclosure and Barring Service.",
                          ["Regulated activity in relation to children: scope.", "Making barring referrals to the DBS."])
    assert paras["2"] == ("The designated officer should read paragraph 3.12 of the procedures before acting.", [])


# A note too long for its page goes on at the foot of the next page, which may cite no notes of
# its own. Page one: paragraph 7 cites note 1, which stops mid-sentence on a full line; page two:
# paragraph 8 runs on, then, after a gap, the rest of the note.
_BODY_1 = ["7.   Safeguarding partners must agree how the local agencies in their area will share",
           "     information, and each agency should record the reasons for its decisions.1"]
_NOTE_1 = ["1",
           "  The duty applies to every maintained school, academy and independent school, and to colleges",
           "in the further education sector. Governing bodies and proprietors should read it together with"]
_BODY_2 = ["8.   The plan for the child should be reviewed when circumstances change, and the lead",
           "     practitioner should tell the family what was decided and why, in words they understand."]
_REST = ["the local multi-agency safeguarding arrangements, which set out how the partners will work",
         "with education settings."]
_WHOLE = ("The duty applies to every maintained school, academy and independent school, and to colleges in "
          "the further education sector. Governing bodies and proprietors should read it together with the "
          "local multi-agency safeguarding arrangements, which set out how the partners will work with "
          "education settings.")


def _pdf_pages(pages: list[tuple[list[str], list[str]]]):
    """Pages as the PDF reader gives them: body lines in 12-point type at the margin (a
    paragraph's number, then its text at the indent), notes in 8-point type, the note's number
    raised and smaller, positions in points and body line heights."""
    from wtdiff.readers.lines import Line, Page, Span

    out = []
    for n, (body, foot) in enumerate(pages, 1):
        lines, top = [], 2.0
        for text in body:
            spans = []
            for k, piece in enumerate(text.split("   ")):
                piece = piece.strip()
                if piece:
                    x = 72.0 + 5.5 * (len(text) - len(text.lstrip())) if k == 0 else 100.0
                    if piece.endswith(".1"):  # a raised note marker after the full stop
                        spans += [Span(piece[:-1], x, x + 5.5 * len(piece), 12.0),
                                  Span("1", x + 5.5 * len(piece), x + 5.5 * len(piece) + 4, 7.0, superscript=True)]
                    else:
                        spans.append(Span(piece, x, x + 5.5 * len(piece), 12.0))
            lines.append(Line(page=n, top=top, spans=spans))
            top += 1.0
        top += 3.0
        for text in foot:
            if text.strip().isdigit():
                marker = Span(text.strip(), 72.0, 76.0, 6.0, superscript=True)
                continue
            spans = [Span(text.strip(), 72.0 + (6.0 if text.startswith("  ") else 0.0),
                          72.0 + 4.9 * len(text), 8.0)]
            if text.startswith("  "):
                spans.insert(0, marker)
            lines.append(Line(page=n, top=top, spans=spans))
            top += 0.7
        out.append(Page(number=n, lines=lines, width=595.0, height=842.0, has_fonts=True))
    return out


@pytest.mark.parametrize("reading", ["pdf", "layout text"])
def test_the_rest_of_a_note_on_a_page_with_no_notes_of_its_own_is_the_notes(reading):
    """The run of lines at the foot of a page that cites no notes — in small type in a PDF, after
    the last gap in layout text, each line starting at one edge — is the rest of the last page's
    note when that note stopped mid-sentence on a full line (the first word of the rest would not
    have fit on it). The note is whole, and the paragraph above keeps exactly its own words."""
    from wtdiff.readers import layout

    if reading == "pdf":
        items = layout.analyse(_pdf_pages([(_BODY_1, _NOTE_1), (_BODY_2, _REST)]))
    else:
        items = layout.analyse(text_pages(_page(_BODY_1, _NOTE_1, 14) + "\f" + _page(_BODY_2, _REST, 15) + "\f"))
    got = _blocks(items)
    assert [b for b in got if b[0] == "footnote"] == [("footnote", "1", _WHOLE)]
    assert [b[2] for b in got if b[0] == "paragraph"] == [
        " ".join(" ".join(_BODY_1).split()[1:])[:-1], " ".join(" ".join(_BODY_2).split()[1:])]


@pytest.mark.parametrize("reading", ["pdf", "layout text"])
def test_a_short_note_without_a_full_stop_takes_nothing_from_the_next_page(reading):
    """A note that is a title ends short of the line's end, without a full stop: it goes on
    nowhere, and a paragraph standing alone at the foot of the next page is the body's."""
    from wtdiff.readers import layout

    note = ["1", "  Working together to safeguard children"]
    alone = ["Partners should publish their arrangements and review them every year with the",
             "practitioners who use them."]
    if reading == "pdf":
        pages = _pdf_pages([(_BODY_1, note), (_BODY_2, [])])
        from wtdiff.readers.lines import Line, Span
        top = pages[1].lines[-1].top + 3.0
        pages[1].lines += [Line(page=2, top=top + k, spans=[Span(t, 72.0, 72.0 + 5.5 * len(t), 12.0)])
                           for k, t in enumerate(alone)]
        items = layout.analyse(pages)
    else:
        items = layout.analyse(text_pages(_page(_BODY_1, note, 14) + "\f" + _page(_BODY_2 + ["", "", ""] + alone, [], 15)
                                          + "\f"))
    got = _blocks(items)
    assert [b for b in got if b[0] == "footnote"] == [("footnote", "1", "Working together to safeguard children")]
    assert ("paragraph", None, " ".join(" ".join(alone).split())) in got, got


def test_body_run_straight_on_to_the_notes_is_not_taken_for_the_last_pages_note():
    """Body text may run straight on to the page's first note, no gap between. When the last
    page's note ended without a full stop (a title), the lines above the marker are its rest only
    if they are set as notes are: their lines but the last run as far right as the page's notes,
    not stopping where the body's lines do."""
    first = _page(["12.  Reviews should be sent to the panel within fifteen working days of the incident.1"],
                  ["1", "    Child Safeguarding Practice Review Panel guidance for safeguarding partners"], 40)
    second = "\n".join([
        "",
        "Statutory requirements",
        "When a child dies, in any circumstances, it is important for parents and families",
        "to understand what has happened and whether there are any lessons to be learnt.2",
        "2",
        "    When a child dies: a guide for parents and carers, published by the department and kept up to",
        "date with each edition of the statutory guidance on child death reviews.",
        "", f"{'':40}41", ""])
    doc = _read_text(first, second)
    notes = [(b.number, b.text) for b in doc.blocks() if b.kind == "footnote"]
    assert notes[0] == ("1", "Child Safeguarding Practice Review Panel guidance for safeguarding partners")
    [para] = [b for b in doc.blocks() if b.text.startswith("When a child dies, in any")]
    assert para.text.endswith("any lessons to be learnt.")


def test_a_charts_arrow_set_right_above_the_notes_is_no_line_of_a_note():
    """A flow chart's arrow may stand right above the page's first note marker with no gap: a
    line with no words is never the first line of a note printed above its number, and the notes
    keep exactly their own texts."""
    page = "\n".join([
        "",
        "381. The child death review process covers children, regardless of the cause of",
        "     death.12",
        "",
        "",
        "                      social services                          police",
        "",
        "",
        "                                       \u2193",
        "1",
        "    Children Act 2004 Section 65 - a child is defined as a person under 18 years of age",
        "2",
        "    This will include the death of any liveborn baby where a death certificate has been issued.",
        "", f"{'':40}38", ""])
    doc = _read_text(page)
    notes = [(b.number, b.text) for b in doc.blocks() if b.kind == "footnote"]
    assert notes == [("1", "Children Act 2004 Section 65 - a child is defined as a person under 18 years of age"),
                     ("2", "This will include the death of any liveborn baby where a death certificate has been "
                             "issued.")]
