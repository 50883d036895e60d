"""Rules of the paged readers (PDF and ``pdftotext -layout`` text) stated for any edition.

Each test typesets a generated edition (tests/pagegen.py), bends one thing the way official
Word exports do, and reads it back from the PDF and from its layout text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wtdiff.model import Document
from wtdiff.readers import read_bytes

from . import pagegen
from .helpers import parse_md

pytest.importorskip("reportlab")

EDITION = """# Guidance for schools on keeping children safe

## Part one: What staff should do

### Early help

1. Any child may benefit from early help, and all staff should be alert to its need.

2. Staff should discuss early help requirements with the designated safeguarding lead.

#### What will the local authority do?

3. Within one working day of a referral, a social worker should acknowledge its receipt.

4. The referrer should follow up if this information is not forthcoming.

#### Why is all of this important?

5. It is important for children to receive the right help at the right time.

## Annex A: Further information

### Table of contents

### Child abduction

6. Child abduction is the unauthorised removal or retention of a minor from a parent.

### County lines

7. County lines describes gangs that export illegal drugs using dedicated phone lines.

### Domestic abuse

8. Domestic abuse can encompass a wide range of behaviours and may be a single incident.
"""


def read_both(ts: pagegen.Typesetter, tmp_path: Path) -> dict[str, Document]:
    pdf = tmp_path / "edition.pdf"
    pagegen.write_pdf(ts, pdf)
    return {"pdf": read_bytes(pdf.read_bytes(), source="edition.pdf", format="pdf"),
            "layout": read_bytes(pagegen.layout_text(ts).encode(), source="edition.txt", format="layout")}


def titles(doc: Document) -> list[str]:
    return [s.title for s in doc.sections()]


def test_a_question_standing_as_a_heading_is_a_heading(tmp_path):
    """Guidance titles sections with questions; the contents do not list those below level 2,
    and layout text has no fonts: a short question on its own line before a numbered
    paragraph is a heading, in both readers."""
    ts = pagegen.typeset(parse_md(EDITION))
    for fmt, doc in read_both(ts, tmp_path).items():
        assert "What will the local authority do?" in titles(doc), fmt
        assert "Why is all of this important?" in titles(doc), fmt
        assert not any(b.text.endswith("?") for b in doc.blocks()), fmt


def _page_with(ts: pagegen.Typesetter, text: str) -> tuple[pagegen.PageModel, int]:
    for page in ts.pages[2:]:  # the body, after the cover and the contents
        for k, ln in enumerate(page.lines):
            if ln.text.startswith(text):
                return page, k
    raise AssertionError(text)


def test_a_contents_list_inside_an_annex_is_not_body_text(tmp_path):
    """An annex that opens with its own "Table of contents" (entries with page numbers, one
    wrapping onto a second line) keeps only its real headings and paragraphs."""
    ts = pagegen.typeset(parse_md(EDITION))
    page, k = _page_with(ts, "Table of contents")
    y = page.lines[k].y
    entries = [("Child abduction", "7"), ("County lines and other forms of exploitation of children by", ""),
               ("criminal gangs", "7"), ("Domestic abuse", "8")]
    page.lines[k + 1:k + 1] = [
        pagegen.Placed(pagegen.LEFT, y + 14 * (n + 1), title, columns=[(520.0, p)] if p else [])
        for n, (title, p) in enumerate(entries)]
    for ln in page.lines[k + 1 + len(entries):]:
        ln.y += 14 * len(entries)
    for fmt, doc in read_both(ts, tmp_path).items():
        texts = [b.text for b in doc.blocks()]
        assert not any("abduction 7" in t or "criminal gangs" in t or t.endswith(" 8") for t in texts), fmt
        assert [t for t in titles(doc) if t in ("Child abduction", "County lines", "Domestic abuse")] == [
            "Child abduction", "County lines", "Domestic abuse"], fmt
        assert "Table of contents" not in titles(doc), fmt


def test_a_bold_sentence_over_two_lines_is_a_paragraph(tmp_path):
    """Official PDFs set some sentences in bold. Lines in one style are judged together: a bold
    run that ends as a sentence is body text, and so is each of its lines — not a heading."""
    sentence = ("Where a child is suffering, or is likely to suffer from harm, it is important that a referral "
                "to local authority children's social care is made immediately.")
    ts = pagegen.typeset(parse_md(EDITION.replace(
        "### Table of contents\n", f"{sentence}\n\n### Table of contents\n")))
    page, k = _page_with(ts, "Where a child is suffering")
    lines = [ln for ln in page.lines if ln.y >= page.lines[k].y][:2]
    assert sentence.endswith(lines[1].text.split()[-1])
    for ln in lines:
        ln.bold = True
    for fmt, doc in read_both(ts, tmp_path).items():
        assert not any(t.startswith("Where a child") for t in titles(doc)), fmt
        assert sentence.replace("'", "’") in [b.text.replace("'", "’") for b in doc.blocks()], fmt


def test_a_list_item_carried_over_a_page_break_of_layout_text_stays_in_its_list():
    """pdftotext sets each page's left edge anew, so a list item going on at the top of the
    next page may stand left of where its text stood; a line going on in lower case carries
    the item on, and the next lines of that page are measured from it — a number that a
    hyphenated range pushed to the start of a line ("paras 10-" / "11.") is not a paragraph."""
    page1 = "\n".join([
        "1.    The following principles should shape decisions about supporting the",
        "alleged perpetrator:",
        "      •   Consider the age and the developmental stage of the alleged perpetrator",
        "          and the nature and frequency of the allegations.",
        "      •   Consider the proportionality of the response. Support should be",
        "          considered case by case, since harmful behaviour may be a symptom of",
        "          their own abuse or of exposure to abusive",
        "",
        "",
        "",
        "                                             14",
    ])
    page2 = "\n".join([
        "        practices and or materials. More information can be found at paras 459-",
        "        462. Advice should be taken from local authority children's social care.",
        "    •   A national charity runs a confidential helpline for young people.",
        "    •   Schools can use a self-assessment toolkit to review their approach.",
        "2.   It is important that the alleged perpetrator is also given support.",
        "",
        "",
        "                                             15",
    ])
    doc = read_bytes(("\f" + page1 + "\f" + page2 + "\f").encode(), source="kept.txt", format="layout")
    blocks = [b for b in doc.blocks(notes=False)]
    assert [b.number for b in blocks if b.kind == "paragraph"] == ["1", "2"]
    items = [b.text for b in blocks if b.kind == "list-item"]
    assert len(items) == 4
    assert items[1].endswith("exposure to abusive practices and or materials. More information can be found "
                             "at paras 459- 462. Advice should be taken from local authority children's social care.")
    assert items[2].startswith("A national charity")


@pytest.mark.parametrize("shift", [0, 3], ids=["same columns", "columns set anew"])
def test_a_paragraph_going_on_over_a_page_break_at_its_hanging_indent_stays_one(shift):
    """A paragraph whose last line on a page is full and ends a sentence may go on at the top of
    the next: its lines hang right of its number, and the next page's first line is set right of
    where the number stands — at the hanging indent, or a few columns off it, as pdftotext sets
    each page's columns anew. A line at the number's place starts a new block."""
    page1 = "\n".join([
        "12.  Local authorities should publish a clear description of how a referral is made",
        "     and who decides what happens next, so that practitioners and families know",
        "     where to turn when they are worried about a child, and what will follow.",
        "",
        "",
        "                                             14",
    ])
    page2 = "\n".join([
        " " * (5 + shift) + "Any decision not to accept a referral must be recorded, with the reasons",
        " " * (5 + shift) + "for it, and shared with the referrer within one working day.",
        "",
        "13.  Practitioners should record each decision and the reasons for it.",
        "",
        "Feedback to referrers",
        "Referrers should be told the outcome of each referral they make.",
        "",
        "                                             15",
    ])
    doc = read_bytes(("\f" + page1 + "\f" + page2 + "\f").encode(), source="kept.txt", format="layout")
    blocks = [(b.number, b.text) for b in doc.blocks(notes=False)]
    assert blocks[0] == ("12", "Local authorities should publish a clear description of how a referral is made "
                               "and who decides what happens next, so that practitioners and families know "
                               "where to turn when they are worried about a child, and what will follow. Any "
                               "decision not to accept a referral must be recorded, with the reasons for it, "
                               "and shared with the referrer within one working day.")
    assert [n for n, _ in blocks] == ["12", "13", None]


CONTENTS_PAGE = "\n".join([
    "Contents",
    "Part three: Safer recruitment                                                          1",
    "  iii. Other checks that may be necessary for staff, volunteers and others, including the",
    "  responsibilities on schools and colleges for children in other settings              2",
    "Part four: Allegations made about staff                                                3",
    "Annex A: Further information                                                           3",
    "",
])


def test_a_heading_the_contents_list_may_wrap_onto_three_lines_of_layout_text():
    """pdftotext keeps a long heading's line breaks; the contents entry (itself wrapped) names it."""
    body1 = "\n".join([
        "Part three: Safer recruitment",
        "",
        "1.    Schools should keep a single central record of the checks they make.",
        "2.    The record should cover every member of staff, whatever their contract.",
        "      •   the checks that may be necessary for staff, volunteers and others, including the",
        "          iii. other checks listed in the next section, are recorded there too.",
        "",
        "",
        "                                             1",
    ])
    body2 = "\n".join([
        "iii. Other checks that may be necessary for staff, volunteers",
        "and others, including the responsibilities on schools and",
        "colleges for children in other settings",
        "3.    This section sets out other legal requirements for individuals who have lived",
        "outside the UK, agency staff, contractors and volunteers.",
        "",
        "",
        "                                             2",
    ])
    body3 = "\n".join([
        "Part four: Allegations made about staff",
        "",
        "4.    Allegations should be dealt with quickly, fairly and consistently.",
        "",
        "Annex A: Further information",
        "",
        "5.    Further information is published on GOV.UK.",
        "",
        "                                             3",
    ])
    doc = read_bytes(("\f".join(["Guidance on safer recruitment", CONTENTS_PAGE, body1, body2, body3]) + "\f").encode(),
                     source="wrapped.txt", format="layout")
    assert "iii. Other checks that may be necessary for staff, volunteers and others, including the " \
           "responsibilities on schools and colleges for children in other settings" in titles(doc)
    para3 = [b for b in doc.blocks() if b.number == "3"][0]
    assert para3.text.startswith("This section sets out")
    # a list item whose words happen to follow a heading's is not a heading: headings start capitalised
    assert not any(t.startswith("iii. other") for t in titles(doc))


def test_a_note_marker_pushed_onto_a_line_of_its_own_marks_the_line_above():
    """Word may push a footnote's reference number off the line it marks; pdftotext prints it
    alone on the next line. It is the marker of the line above (here a heading, whose notes
    go with the first paragraph under it), not text and not a block."""
    page = "\n".join([
        "Prohibitions and restrictions",
        "",
        "Secretary of State teacher prohibition orders 1",
        "2",
        "",
        "",
        "1.    Teacher prohibition orders prevent a person from carrying out teaching work in",
        "schools and other settings.",
        "",
        "",
        "",
        "1",
        "    Prohibition orders are made by the Secretary of State under the Education Act 2002.",
        "2",
        "    The Teachers' Disciplinary (England) Regulations 2012 apply to schools and colleges.",
        "",
        "                                             7",
    ])
    doc = read_bytes(("\f" + page + "\f").encode(), source="marker.txt", format="layout")
    assert "Secretary of State teacher prohibition orders" in titles(doc)
    para = [b for b in doc.blocks(notes=False) if b.number == "1"][0]
    assert [n.number for n in para.notes] == ["1", "2"]
    assert not any(b.text in ("1", "2") or b.text.endswith(" 2") for b in doc.blocks(notes=False))


def test_a_bare_number_in_small_type_on_a_line_of_its_own_is_not_a_heading(tmp_path):
    """In a PDF the same marker is a number in small type alone on a line: never a heading
    (even in bold), never a block."""
    ts = pagegen.typeset(parse_md(EDITION))
    page, k = _page_with(ts, "What will the local authority do?")
    y = page.lines[k].y
    page.lines.insert(k + 1, pagegen.Placed(pagegen.LEFT, y + 9, "81", 8.0, True))
    pdf = tmp_path / "marker.pdf"
    pagegen.write_pdf(ts, pdf)
    doc = read_bytes(pdf.read_bytes(), source="marker.pdf", format="pdf")
    assert "81" not in titles(doc)
    assert not any(b.text == "81" for b in doc.blocks())
    assert "What will the local authority do?" in titles(doc)


_PUBLISHERS = ("DfE advice", "Home Office guidance", "DfE statutory guidance", "NSPCC resource",
               "HM Government campaign", "Department of Health and Social Care guidance")
_TITLE_WORDS = ("Safeguarding", "children", "online", "harm", "missing", "education", "preventing",
                "exploitation", "support", "for", "parents", "and", "carers", "schools", "violence", "abuse")


_ANNEX_CONTENTS = ("Contents\nAnnex A: Words used in this guidance" + " " * 52 + "1\n"
                   "Annex B: Further information" + " " * 60 + "1\n"
                   "Annex C: Contacts" + " " * 71 + "3\n")
_ANNEX_C = "Annex C: Contacts\n\n1.    Each local authority publishes the contacts for its children's services.\n"
_ANNEX_A = "Annex A: Words used in this guidance\n\nChild: anyone who has not yet reached their 18th birthday.\n\n"


def _resource_page(headings_and_entries: list[tuple[str, list[str]]], number: int) -> str:
    """A page of an annex of further information as pdftotext sets it: each heading on its
    own line and a blank line below it, then its publications one to a line (a long one
    wrapping onto a second line), a blank line after each list; a closing note at the foot."""
    out = []
    for heading, entries in headings_and_entries:
        out += [heading, ""]
        for entry in entries:
            if len(entry) > 86:
                cut = entry.rfind(" ", 0, 86)
                out += [entry[:cut], entry[cut + 1:]]
            else:
                out.append(entry)
        out.append("")
    out += ["Last updated when this edition was published; the list is reviewed each year.", ""]
    return "\n".join(out + ["", f"{' ' * 44}{number}"])


@given(lists=st.lists(st.lists(st.tuples(st.lists(st.sampled_from(_TITLE_WORDS), min_size=2, max_size=14),
                                         st.sampled_from(_PUBLISHERS)), min_size=2, max_size=6),
                      min_size=1, max_size=4))
@settings(max_examples=40, deadline=None)
def test_publications_listed_one_to_a_line_are_not_headings(lists):
    """An annex of further information lists publications one to a line, with no bullets
    ("Preventing bullying – DfE advice"): short lines, one under the other. In layout text
    (no fonts) a heading is a short line standing on its own; the first line of such a list,
    and every line after it, is an entry of the list, not a heading — while the annex's real
    headings, each followed by a blank line, stay headings."""
    topics = ["Bullying", "Online safety", "Children missing education", "Serious violence"][:len(lists)]
    sections = [(topic, [f"{' '.join(words).capitalize()} – {publisher}" for words, publisher in entries])
                for topic, entries in zip(topics, lists)]
    intro = _ANNEX_A + "\n".join([
        "Annex B: Further information",
        "",
        "1.    There is a wealth of information available to support schools and colleges. The",
        "following list is not exhaustive but should provide a useful starting point.",
        "",
        "",
        f"{' ' * 44}1",
    ])
    text = "\f".join(["Further information for schools", _ANNEX_CONTENTS, intro, _resource_page(sections, 2), _ANNEX_C]) + "\f"
    doc = read_bytes(text.encode(), source="annex.txt", format="layout")
    assert titles(doc) == ["Annex A: Words used in this guidance", "Annex B: Further information", *topics,
                           "Annex C: Contacts"]
    for (topic, entries), section in zip(sections, list(doc.sections())[2:]):
        assert " ".join(b.text for b in section.blocks()).startswith(" ".join(entries))


def test_a_heading_still_tops_a_paragraph_a_sub_heading_or_a_list_of_publications_after_a_page_break():
    """What the rule above leaves alone: a short line over a paragraph whose lines run to the
    margin, a heading and its sub-heading one under the other, and paragraphs that follow
    each other with no blank line between; and a list of publications that opens a page
    after a paragraph is read as entries too."""
    body = _ANNEX_A + "\n".join([
        "Annex B: Further information",
        "",
        "Purpose",
        "The purpose of a strategy discussion is to share information and to plan rapid future",
        "action where there is reasonable cause to suspect a child is suffering harm.",
        "Practitioners should record the decisions made:",
        "",
        "Recording information",
        "Single central record",
        "",
        "1.    Schools must keep a single central record of the checks made on their staff.",
        "",
        "Abuse",
        "",
        "Specialist centres have published new resources to help education professionals",
        "respond to concerns of child sexual abuse.",
        "",
        "",
        f"{' ' * 44}1",
    ])
    page2 = "\n".join([
        "What to do if you are worried a child is being abused – DfE advice",
        "Domestic abuse: information and guidance – Home Office advice",
        "Together we can stop child sexual abuse – HM Government campaign",
        "",
        "Bullying",
        "",
        "Preventing bullying – DfE advice",
        "",
        f"{' ' * 44}2",
    ])
    doc = read_bytes(("\f".join(["Further information", _ANNEX_CONTENTS, body, page2, _ANNEX_C]) + "\f").encode(),
                     source="annex.txt", format="layout")
    assert titles(doc) == ["Annex A: Words used in this guidance", "Annex B: Further information", "Purpose", "Recording information",
                           "Single central record", "Abuse", "Bullying", "Annex C: Contacts"]
    abuse = list(doc.sections())[5]
    assert [b.text for b in abuse.blocks()][1:] == [
        "What to do if you are worried a child is being abused – DfE advice Domestic abuse: information and "
        "guidance – Home Office advice Together we can stop child sexual abuse – HM Government campaign"]


def _footed(lines: list[str], number: int) -> str:
    """A page of layout text: its lines, a blank line, and its number at the foot."""
    return "\n".join([*lines, "", f"{' ' * 44}{number}"])


def _read_layout(title: str, contents: list[tuple[str, str]], *pages: str) -> Document:
    """Layout text of a cover, a contents page (title, page) and the given pages."""
    toc = "\n".join(["Contents"] + [f"{t}{' ' * (86 - len(t))}{n}" for t, n in contents])
    return read_bytes(("\f".join([title, toc, *pages]) + "\f").encode(), source="edition.txt", format="layout")


def test_an_annexs_own_contents_names_its_headings_there_and_only_there():
    """An annex that opens with its own contents list names its sections: a title there that
    the body wraps onto two lines, straight above its text, is a heading of the annex — while
    the same words elsewhere in the edition, at the foot of a paragraph's run, are judged on
    their own. A short line heading the top of a page, after a list that stopped short at the
    foot of the last, heads what follows instead of carrying that list on."""
    chapter = _footed([
        "Part one: What staff should know",
        "",
        "1.    Staff should read the guidance on abuse between children in full, including:",
        "Sexual violence and sexual harassment between children in schools",
        "and colleges",
        "which sets out how schools and colleges should respond to reports.",
    ], 1)
    annex = _footed([
        "Annex B: Further information",
        "",
        "Table of contents",
        "Child abduction and community safety incidents" + " " * 40 + "2",
        "Sexual violence and sexual harassment between children in schools and",
        "colleges" + " " * 78 + "2",
        "Further reading" + " " * 71 + "3",
        "Homelessness" + " " * 74 + "4",
        "",
        "Child abduction and community safety incidents",
        "Child abduction is the unauthorised removal or retention of a child from a parent or",
        "anyone with legal responsibility for them.",
        "",
        "Sexual violence and sexual harassment between children in schools",
        "and colleges",
        "Sexual violence and sexual harassment can occur between two children of any age and",
        "sex, in person or online.",
    ], 2)
    reading = _footed([
        "Further reading",
        "",
        "Mental health in schools – DfE advice",
        "Supporting pupils with medical conditions – DfE statutory guidance",
        "Fabricated or induced illness – NHS advice",
        "",
    ], 3)
    housing = _footed([
        "Homelessness",
        "",
        "Homelessness code of guidance for local authorities – DLUHC guidance",
    ], 4)
    doc = _read_layout("Keeping children safe", [("Part one: What staff should know", "1"),
                                                 ("Annex B: Further information", "2"), ("Annex C: Contacts", "5")],
                       chapter, annex, reading, housing, _ANNEX_C)
    wrapped = "Sexual violence and sexual harassment between children in schools and colleges"
    assert titles(doc) == ["Part one: What staff should know", "Annex B: Further information",
                           "Child abduction and community safety incidents", wrapped, "Further reading",
                           "Homelessness", "Annex C: Contacts"]
    para1 = [b for b in doc.blocks() if b.number == "1"][0]
    assert wrapped in para1.text
    housing_blocks = [b.text for b in list(doc.sections())[5].blocks()]
    assert housing_blocks == ["Homelessness code of guidance for local authorities – DLUHC guidance"]


def test_a_heading_set_straight_below_a_paragraph_is_a_heading():
    """Layout text may set a heading straight below a paragraph's last line, with no blank
    line between: that last line stops short and ends a sentence, so the short line under it
    starts something new — a heading, when it stands like one. A sentence broken early before
    a long address ("… secretariat, at" / "Mailbox@…") is not one: no title ends on "at"."""
    body = _footed([
        "Part two: Looked after children",
        "",
        "1.    A previously looked after child potentially remains vulnerable and all staff",
        "should have the skills, knowledge and understanding to keep previously looked after",
        "children safe, and all agencies should act promptly when necessary to safeguard this",
        "vulnerable group.",
        "The designated teacher",
        "",
        "2.    Governing bodies of maintained schools must appoint a designated teacher who",
        "promotes the educational achievement of registered pupils who are looked after.",
        "Rapid reviews should be sent to the national panel's secretariat, at",
        "Mailbox.NationalPanel@education.example.gov.uk.",
    ], 1)
    doc = _read_layout("Looked after children", [("Part two: Looked after children", "1"),
                                                  ("Annex C: Contacts", "2"), ("Annex D: Glossary", "2")],
                       body, _ANNEX_C)
    assert titles(doc) == ["Part two: Looked after children", "The designated teacher", "Annex C: Contacts"]
    texts = [b.text for b in doc.blocks()]
    assert texts[0].endswith("safeguard this vulnerable group.")
    assert texts[1].endswith("looked after. Rapid reviews should be sent to the national panel's secretariat, at "
                             "Mailbox.NationalPanel@education.example.gov.uk.") or texts[2].startswith("Rapid reviews")
    assert not any(t.startswith("Rapid reviews") for t in titles(doc))


def test_headings_set_left_of_hanging_text_and_a_chapter_after_an_unfinished_block():
    """Some editions hang each paragraph's text right of its number, so most lines start well in
    from the margin: a heading set at the margin, left of that edge, is still a heading. And a
    chapter heading the contents list is one even straight below a block that stops
    mid-sentence (a flow chart's boxes read as lines)."""
    body = _footed([
        "32.    Practitioners must have due regard to the data protection principles which",
        "       allow them to share personal information, as the Data Protection Act 2018",
        "       provides for, and should record what they share and why.",
        "",
        "Common myths that hinder effective information sharing",
        "",
        "33.    Practitioners should aim to be as transparent as possible with families about",
        "       what information they are sharing and with whom, where it is safe to do so.",
        "The lead practitioner convenes a review conference within three months and records",
        "whether the child remains the subject of a plan, initiating pre-proceedings where needed",
        "Chapter 4: Organisational responsibilities",
        "",
        "34.    A range of organisations working with children have specific statutory duties to",
        "       promote the welfare of children and protect them from harm.",
    ], 1)
    doc = _read_layout("Working together", [("Chapter 3: Sharing information", "1"),
                                            ("Chapter 4: Organisational responsibilities", "1"),
                                            ("Annex C: Contacts", "2")],
                       "Chapter 3: Sharing information\n\n" + body, _ANNEX_C)
    assert titles(doc) == ["Chapter 3: Sharing information", "Common myths that hinder effective information sharing",
                           "Chapter 4: Organisational responsibilities", "Annex C: Contacts"]
    assert [b.number for b in doc.blocks() if b.number] == ["32", "33", "34", "1"]


def test_the_rest_of_a_note_carried_over_a_page_break_is_not_taken_with_the_body_above_it():
    """Word carries a long footnote on to the foot of the next page, where pdftotext may print
    it straight below the page's last body line, with no blank line between: the rest of the
    note stands at the notes' margin, and the lines above it set in from that margin (a
    numbered paragraph's hanging lines) stay body."""
    page1 = "\n".join([
        "1.   Each partner agency should name a lead for safeguarding and publish the name",
        "     on its website so that families know whom to contact.1",
        "",
        "",
        "1",
        "  The lead should be a senior member of staff with the authority to commit the",
        "",
        "                                             3",
    ])
    page2 = "\n".join([
        "Reviewing the arrangements",
        "",
        "2.   Partners should review the arrangements every year and publish what they",
        "     found, including how the views of children were sought and what changed as",
        "     a result of them",
        "agency's resources and to speak for it at meetings of the partnership.",
        "2",
        "  The annual report is sent to the local safeguarding children board.",
        "",
        "                                             4",
    ])
    doc = read_bytes(("\f" + page1 + "\f" + page2 + "\f").encode(), source="carried.txt", format="layout")
    paras = {b.number: b for b in doc.blocks(notes=False) if b.kind == "paragraph"}
    assert set(paras) == {"1", "2"}
    assert paras["2"].text.endswith("what changed as a result of them")
    notes = {n.number: n.text for b in doc.blocks(notes=False) for n in b.notes}
    assert notes["1"] == ("The lead should be a senior member of staff with the authority to commit the "
                          "agency's resources and to speak for it at meetings of the partnership.")


def test_the_title_opening_a_first_page_that_is_no_cover_is_the_title_not_body():
    """A Word document's header repeats its title on every page; with no cover, the first page
    opens with the title set large — wrapped otherwise than in the header — which layout text
    cannot tell from body type: lines whose words are the running head's are the title."""
    head = "                                   Guidance for local partners on early help"
    pages = [[head, "", "", "", "Guidance for local partners on", "early help", "Introduction",
              "1.   Partners should agree how early help is offered and by whom in their area.", "",
              "2.   Each partner should name a lead for early help.", "", "", "             Page 1"]]
    for n in range(2, 5):
        pages.append([head, "", "", *([f"Chapter {n - 1}: Early help in practice"] if n == 2 else []),
                      f"{n + 1}.   Partners should review the offer of early help every year and",
                      "     publish what they found.", "", "", f"             Page {n}"])
    doc = read_bytes(("\f".join("\n".join(p) for p in pages) + "\f").encode(), source="titled.txt",
                     format="layout")
    assert doc.title == "Guidance for local partners on early help"
    assert not any("local partners on" in b.text for b in doc.blocks())
    assert "Introduction" in titles(doc)
    assert [b.number for b in doc.blocks() if b.kind == "paragraph"] == ["1", "2", "3", "4", "5"]


def _chart_over_notes_pdf(path: Path) -> None:
    """Two pages of a Word-like export: page 1 ends its note mid-sentence, carried on at the
    foot of page 2, where a row of two boxes in small centred type stands just above the notes."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    h = A4[1]

    def marked(x: float, y: float, text: str, marker: str) -> None:
        c.setFont("Helvetica", 12)
        c.drawString(x, h - y, text)
        c.setFont("Helvetica", 7)
        c.drawString(x + c.stringWidth(text, "Helvetica", 12) + 1, h - y + 5, marker)

    def filler(first: int, y: float) -> None:
        for k in range(6):
            c.setFont("Helvetica", 12)
            c.drawString(72, h - y - 30 * k, f"{first + k}.")
            c.drawString(100, h - y - 30 * k, "The partnership should keep its arrangements under review.")

    def foot(marker: str, note: str, label: str) -> None:
        """A note (its raised number, its text in small type) and the page number."""
        c.setFont("Helvetica", 7)
        c.drawString(72, h - 742, marker)
        c.setFont("Helvetica", 9)
        c.drawString(78, h - 745, note)
        c.setFont("Helvetica", 10)
        c.drawCentredString(297, h - 800, label)

    c.setFont("Helvetica", 12)
    c.drawString(72, h - 80, "1.")
    marked(100, 80, "Partners should name a lead for safeguarding in each agency.", "1")
    c.drawString(72, h - 110, "2.")
    c.drawString(100, h - 110, "The lead should report to the partnership every year.")
    filler(3, 140)
    foot("1", "The lead should be a senior member of staff with the authority to commit the", "3")
    c.showPage()
    c.setFont("Helvetica", 12)
    filler(9, 80)
    c.drawString(72, h - 260, "15.")
    marked(100, 260, "Each agency should follow the steps below when a concern is raised.", "2")
    c.setFont("Helvetica", 9)
    for x, lines in ((190, ["The duty team records", "the concern at once"]), (400, ["The lead meets the family", "within five days"])):
        for k, line in enumerate(lines):
            c.drawCentredString(x, h - 690 - 11 * k, line)
    c.drawString(72, h - 730, "agency's resources and to speak for it at meetings of the partnership.")
    foot("2", "Steps are agreed by the safeguarding partners.", "4")
    c.save()


def test_a_charts_small_type_above_the_notes_is_not_taken_for_a_note_carried_over(tmp_path):
    """In a PDF the notes are the small type at the foot of the page; a note carried over from
    the previous page stands above the first marker, where the notes' lines start. A chart's
    boxes, set in small type just above the notes and centred, are not part of that note."""
    path = tmp_path / "chart.pdf"
    _chart_over_notes_pdf(path)
    doc = read_bytes(path.read_bytes(), source="chart.pdf", format="pdf")
    notes = {n.number: n.text for b in doc.blocks(notes=False) for n in b.notes}
    assert notes["1"] == ("The lead should be a senior member of staff with the authority to commit the "
                          "agency's resources and to speak for it at meetings of the partnership.")
    assert notes["2"] == "Steps are agreed by the safeguarding partners."
    body = " ".join(b.text for b in doc.blocks(notes=False))
    assert "The duty team records" in body and "within five days" in body


# --- the text block's right edge --------------------------------------------------------------

_PROSE = ("Every agency that works with children should know what it must do when it is\n"
          "worried about a child, and should record each decision it makes together with\n"
          "the reasons for it, so that others can see what was done and why it was done.\n")
# two boxes side by side, wider than the text block (a Word text box pair, as pdftotext sets it)
_WIDE = ("   Work together: leaders agree one plan for            Learn: leaders use what they find in practice in\n"
         "  how their services share the work to meet the         their area so that they know what is and is not\n"
         "                        goals                           working well for children and their families\n")
_CHART = ("      giving help and support to meet the needs of          keeping children safe from harm, whether that harm\n"
          "           children as soon as problems come up                 is inside or outside the home, including online\n"
          "\n\n                                                       \u2193\n\n\n"
          "                                                            making sure that children grow up in homes that\n"
          "      preventing harm to children\u2019s mental and            are consistent with the provision of safe and good\n"
          "             physical health or development                                      care\n")
_HEADED = ("Strategy meetings\n"
           "Whenever there is reason to think that a child is suffering or is likely to\n"
           "suffer serious harm, there should be a strategy meeting of the local authority\n"
           "children\u2019s social care, the police, health services and other bodies such as\n"
           "the school or the nursery, which should be held as soon as it can be arranged.\n")


def _two_pages(page1: str, page2: str) -> Document:
    """Two pages of layout text, each with its number at the foot, read."""
    text = page1 + "\n                                  1\n\f" + page2 + "\n                                  2\n\f"
    return read_bytes(text.encode(), source="edition.txt", format="layout")


@pytest.mark.parametrize("charts", [1, 2, 3])
def test_boxes_wider_than_the_text_block_do_not_widen_it_for_the_pages_after(charts):
    """Layout text has no fonts: a heading is a line that stops well short of the text block's
    right edge, above lines that run to it. Boxes set side by side (a flow chart's, a pair of
    text boxes) run wider than the text block; between two flow charts they are a stretch of
    their own, and taken for the text block's edge they made every later paragraph's lines look
    short — a list of entries — so a heading set straight above its paragraph ("Strategy
    meetings" / "Whenever there is …", as Word exports set a heading with little space after
    it) was read into the paragraph. The edge is taken over all the lines read so far."""
    page1 = "Guidance for agencies\n\n" + _WIDE + "\n" + "\n".join([_PROSE, _CHART] * charts) + "\n" + _PROSE
    page2 = _PROSE + "\n" + _HEADED + "\n" + _PROSE
    doc = _two_pages(page1, page2)
    assert [s.title for s in doc.sections()] == ["Guidance for agencies", "Strategy meetings"]
    [para] = [b for b in doc.blocks() if b.text.startswith("Whenever")]
    assert para.text.endswith("as soon as it can be arranged.") and para.path[-1] == "Strategy meetings"


def test_a_paragraph_broken_early_before_an_address_is_no_list_of_entries():
    """A heading set straight above its paragraph is told from the first of a list of entries
    (publications, contacts) by the lines below it: an entry's line stops short where the entry
    ends. A paragraph's line stops short too where the word below would not fit on it — an
    e-mail address, a link — and that is a paragraph still, under a heading."""
    page1 = "Guidance for review panels\n\n" + _PROSE + "\n" + _PROSE
    page2 = (_PROSE + "\n"
             "Local child safeguarding practice reviews\n"
             "Full reports must be sent to the panel and to the Secretary of State no later than\n"
             "seven working days before the date they are published. Reports, and the reasons\n"
             "for any delay, should be sent to\n"
             "Mailbox.NationalReviewPanel@education.gov.uk and\n"
             "Mailbox.ChildDeathsOverview@education.gov.uk. In addition, reports should be sent\n"
             "to the inspectorate at reviews@inspectorate.gov.uk.\n"
             "\n" + _PROSE)
    doc = _two_pages(page1, page2)
    [para] = [b for b in doc.blocks() if "Full reports must" in b.text]
    assert para.text.startswith("Full reports must") and para.text.endswith("reviews@inspectorate.gov.uk.")
    assert para.path[-1] == "Local child safeguarding practice reviews"


@pytest.mark.parametrize("first, second", [
    ("Specific responsibilities of relevant bodies in relation to a child", "death"),
    ("Assessment, support and planning for children under the", "Children Act 1989"),
])
def test_a_heading_wrapped_onto_a_second_line_straight_above_its_paragraph_is_one_heading(first, second):
    """A heading too long for its line goes on to a short second one, and a Word export may set
    the paragraph under it with no blank line: both lines are the heading, the paragraph is
    the paragraph's — and two lines that lead into a list of entries are no heading."""
    page1 = "Guidance for partners\n\n" + _PROSE + "\n" + _PROSE
    page2 = (_PROSE + "\n"
             f"{first}\n{second}\n"
             "Registrars of births and deaths must send the child death review partners the\n"
             "details of each death they register of a person who was under the age of 18 at\n"
             "the time of death, and must tell them when such an entry is corrected.\n"
             "\n" + _PROSE)
    doc = _two_pages(page1, page2)
    assert f"{first} {second}" in [s.title for s in doc.sections()]
    [para] = [b for b in doc.blocks() if "Registrars of births" in b.text]
    assert para.text.startswith("Registrars of births") and para.path[-1] == f"{first} {second}"
    # the same two lines above entries, one to a line, are entries
    entries = page2.replace("Registrars of births and deaths must send the child death review partners the\n"
                            "details of each death they register of a person who was under the age of 18 at\n"
                            "the time of death, and must tell them when such an entry is corrected.\n",
                            "Child death reviews \u2013 statutory guidance\nChild death review forms\n"
                            "Bereavement support for families \u2013 charity\n")
    doc = _two_pages(page1, entries)
    assert f"{first} {second}" not in [s.title for s in doc.sections()]


@pytest.mark.parametrize("second, one_heading", [("2024 version", True), ("What this annex is for", False)])
def test_an_annex_heading_goes_on_to_a_second_line_only_with_words_that_carry_it_on(second, one_heading):
    """An annex's heading that wraps ("Annex F: Checks made under the guidance of September" /
    "2024 version") is one heading; a capitalised short line under it is a heading of its own."""
    page1 = "Guidance for schools\n\nPart one: What staff should do\n\n" + _PROSE + "\n" + _PROSE
    page2 = ("Annex F: Checks made under the guidance of September\n"
             f"{second}\n"
             "This annex sets out the checks schools should make before anyone starts work with\n"
             "children, check by check, in the order in which the guidance sets them out.\n"
             "\n" + _PROSE)
    titles = [s.title for s in _two_pages(page1 + "\n\f" + page1, page2).sections()]
    if one_heading:
        assert "Annex F: Checks made under the guidance of September 2024 version" in titles
    else:
        assert "Annex F: Checks made under the guidance of September" in titles and second in titles
