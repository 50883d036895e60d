"""Rules of the paged readers (PDF and ``pdftotext -layout`` text) stated for any edition.

Each test typesets a generated edition (tests/pagegen.py), bends one thing the way official
Word exports do, and reads it back from the PDF and from its layout text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

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
