"""Finding citations of the guidance in a local procedure: every style, and the distractors refused."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wtdiff.cite import find_citations, find_mentions


def one(text: str) -> tuple:
    found = find_citations(text)
    assert len(found) == 1, found
    c = found[0]
    return c.kind, c.guidance, c.year, c.numbers or c.pages or (c.annex,), c.chapter, c.by


@pytest.mark.parametrize("text, want", [
    ("as Working Together 2018, paragraph 31 sets out", ("paragraph", "wt", "2018", ("31",), None, "named")),
    ("see WT 2018 para 3.16 for the duty", ("paragraph", "wt", "2018", ("3.16",), None, "named")),
    ("(Working Together, 2018, p. 45)", ("page", "wt", "2018", ("45",), None, "named")),
    ("KCSIE 2024 paragraph 135 requires it", ("paragraph", "kcsie", "2024", ("135",), None, "named")),
    ("Working Together (2018), chapter 2, paragraph 12", ("paragraph", "wt", "2018", ("12",), "2", "named")),
    ("Working Together to Safeguard Children (HM Government, 2018) (paragraph 9)",
     ("paragraph", "wt", "2018", ("9",), None, "named")),
    ("paragraph 31 of the 2018 Working Together", ("paragraph", "wt", "2018", ("31",), None, "named")),
    ("paragraph 31 of the 2018 edition of Working Together", ("paragraph", "wt", "2018", ("31",), None, "named")),
    ("Annex B of Keeping children safe in education 2023", ("annex", "kcsie", "2023", ("B",), None, "named")),
    ("KCSIE 2024, Annex B", ("annex", "kcsie", "2024", ("B",), None, "named")),
    ("Working Together 2023, pp. 45–46", ("page", "wt", "2023", ("45", "46"), None, "named")),
    ("WTSC 2015 ¶ 7", ("paragraph", "wt", "2015", ("7",), None, "named")),
])
def test_each_citation_style_is_found_with_its_edition(text, want):
    assert one(text) == want


def test_a_range_is_expanded_and_takes_the_year_named_elsewhere():
    text = "We follow Working Together 2018. See paragraphs 40–45 of Working Together."
    (c,) = find_citations(text)
    assert c.numbers == ("40", "41", "42", "43", "44", "45") and c.year == "2018" and c.by == "named"
    assert c.text == "paragraphs 40–45"


@pytest.mark.parametrize("listed, numbers", [
    ("paragraphs 12, 14 and 16", ("12", "14", "16")),
    ("paras 3.16-3.18", ("3.16", "3.17", "3.18")),
    ("paragraphs 3.16 to 18", ("3.16", "3.17", "3.18")),
    ("paragraphs 7 & 9", ("7", "9")),
])
def test_lists_and_ranges(listed, numbers):
    (c,) = find_citations(f"Working Together 2018, {listed}.")
    assert c.numbers == numbers


def test_a_bare_paragraph_cites_the_edition_the_document_names():
    text = ("This policy follows Keeping Children Safe in Education 2024.\n\n"
            "Staff must read paragraph 31 and Annex B.")
    found = find_citations(text)
    assert [(c.text, c.guidance, c.year, c.by) for c in found] == [
        ("paragraph 31", "kcsie", "2024", "context"), ("Annex B", "kcsie", "2024", "context")]


def test_a_bare_paragraph_in_a_document_that_names_no_guidance_is_not_a_citation():
    assert find_citations("Staff must read paragraph 31 and Annex B before the meeting.") == []


@pytest.mark.parametrize("distractor", [
    "Information sharing advice 2018, paragraph 12 covers consent.",
    "Paragraph 4 of Schedule 2 to the Children Act 1989 sets the duty.",
    "See paragraph 5 of this procedure.",
    "as paragraph 7 above explains",
    "See page 4 of this procedure, and p. 12.",
    "The panel met on 31 March 2024 and again at 10:30.",
    "Section 11 of the Children Act 2004 applies, as does section 175 of the Education Act 2002.",
    "Working together to improve school attendance (2022), paragraph 20, covers absence.",
    "the Education (Independent School Standards) Regulations 2014, paragraph 7",
    "Agencies working together with families should meet on 4 July 2018.",
    "paragraph 3 of the Children's Social Care National Framework",
])
def test_distractors_are_not_citations(distractor):
    context = "This procedure follows Working Together 2023.\n\n"
    assert find_citations(context + distractor) == []


def test_mentions_give_the_year_and_where_it_is():
    text = "the 2018 Working Together and KCSIE (2024) and Working Together"
    got = [(m.guidance, m.year, text[m.year_start:m.year_start + 4] if m.year_start is not None else None)
           for m in find_mentions(text)]
    assert got == [("wt", "2018", "2018"), ("kcsie", "2024", "2024"), ("wt", None, None)]


_STYLES = [
    "Working Together {y}, paragraph {n}",
    "WT {y} para {n}",
    "paragraph {n} of Working Together {y}",
    "(Working Together, {y}, paragraph {n})",
    "KCSIE {y} paragraph {n}",
]


@given(style=st.sampled_from(_STYLES), year=st.integers(2006, 2030), number=st.integers(1, 999),
       before=st.sampled_from(["", "As set out in ", "Staff should read "]),
       after=st.sampled_from(["", ".", ", and the local arrangements", " above all"]))
def test_any_number_and_year_in_any_style_is_found_exactly(style, year, number, before, after):
    text = before + style.format(y=year, n=number) + after
    (c,) = find_citations(text)
    assert c.numbers == (str(number),) and c.year == str(year) and c.by == "named"
    assert text[c.start:c.end] == c.text and c.text.endswith(str(number))


@given(day=st.integers(1, 28), month=st.sampled_from(["January", "March", "July", "December"]),
       year=st.integers(2000, 2030), page=st.integers(1, 300))
def test_dates_and_the_documents_own_pages_are_never_citations(day, month, year, page):
    text = (f"This procedure follows Working Together {year}. It was agreed on {day} {month} {year} "
            f"and reviewed on {day}/{(day % 12) + 1}/{year}; see page {page} and p. {page} of this procedure.")
    assert find_citations(text) == []
