"""The drafted list of amendments (``--format amendments``) and what it is made of.

The fixture pair ``tests/cases/dfe-briefing`` reproduces, in its own words,
each kind of change the DfE listed in its December 2020 list of amendments to
*Working Together* and in Annex B of the 2023 consultation: additions of a
phrase, a point or a paragraph, a new section, a renamed heading, legislation
updated (Data Protection Act 1998 → 2018) or newly cited, a term replaced
throughout (Clinical Commissioning Groups → Integrated Care Boards), duties
strengthened (should → must), links added and replaced, a footnote removed,
glossary definitions added and updated — and, as noise, editorial changes
(punctuation, case, spelling, a cross-reference that follows renumbering).
Each test asserts the line drafted for one of those changes.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

import wtdiff
from wtdiff.readers import read_bytes
from wtdiff.report import amendments, phrases
from wtdiff.report.amendments import REASONS, draft
from wtdiff.report.places import Places

from . import pagegen
from .helpers import REAL, parse_md

CASE = Path(__file__).parent / "cases" / "dfe-briefing"
UPDATE = os.environ.get("WTDIFF_UPDATE_SNAPSHOTS") == "1"


def load(name: str, *, paged: bool = False) -> wtdiff.Document:
    doc = parse_md((CASE / name).read_text("utf-8"), source=name)
    if not paged:
        return doc
    # Typeset onto pages and read back as `pdftotext -layout` text, so blocks have pages.
    text = pagegen.layout_text(pagegen.typeset(doc))
    return read_bytes(text.encode("utf-8"), source=name.replace(".md", ".txt"), format="layout")


@pytest.fixture(scope="module")
def dfe() -> wtdiff.Comparison:
    return wtdiff.compare(load("old.md"), load("new.md"))


@pytest.fixture(scope="module")
def paged() -> wtdiff.Comparison:
    return wtdiff.compare(load("old.md", paged=True), load("new.md", paged=True))


def lines(c: wtdiff.Comparison, **options: object) -> list[str]:
    """The drafted bullets, as written (not the closing lines on duties strengthened or weakened)."""
    text = c.to_amendments(**options).split("\n## Duties strengthened or weakened\n")[0]  # type: ignore[arg-type]
    return [x[2:] for x in text.splitlines() if x.startswith("- ")]


def line_with(c: wtdiff.Comparison, text: str, **options: object) -> str:
    found = [x for x in lines(c, **options) if text in x]
    assert len(found) == 1, (text, found)
    return found[0]


# --- each kind of change in the DfE's two lists ---------------------------------------------


def test_a_phrase_added_is_quoted(dfe):
    # 2020: "Additions to include reference to children being vulnerable from domestic abuse,
    # including controlling or coercive behaviour"
    assert "Addition of ‘domestic abuse, including controlling or coercive behaviour’ (paragraph 1)" in lines(dfe)


def test_a_point_added_to_a_list_is_placed_by_its_paragraph(dfe):
    # 2020: "alert to early help when a parent/carer is in custody"; "defines an additional point"
    assert "New point: ‘has a parent or carer in custody’ (list in paragraph 2)" in lines(dfe)
    assert ("New point: ‘behaved or may have behaved in a way that indicates they may not be suitable to "
            "work with children’ (list in paragraph 10)") in lines(dfe)


def test_a_long_paragraph_added_is_told_by_its_key_phrases(dfe):
    # 2020: "For schools to be aware of mental health problems and the presenting behaviours"
    assert "New paragraph on mental health problems and presenting behaviours (paragraph 3)" in lines(dfe)


def test_legislation_replaced_and_newly_cited(dfe):
    # 2020: "The Data Protection Act 2018 and GDPR"; Annex B: "Domestic Abuse Act 2021",
    # "Special Educational Needs and Disability Code of Practice"
    assert line_with(dfe, "Data Protection Act").startswith(
        "Replacement of reference to the Data Protection Act 1998 with the Data Protection Act 2018;")
    assert "New paragraph on the Domestic Abuse Act 2021 (paragraph 22)" in lines(dfe)
    assert ("Addition of reference to the Special Educational Needs and Disability Code of Practice 2015 "
            "(paragraph 23; previously paragraph 19)") in lines(dfe)


def test_a_renamed_heading_is_a_change_of_naming(dfe):
    # 2020: "The change of reference from Contextual Safeguarding to 'Assessment of risk outside the home'"
    d = draft(dfe)
    [item] = [i for i in d.items if i.text.startswith("Heading ‘Contextual safeguarding’")]
    assert item.text == "Heading ‘Contextual safeguarding’ changed to ‘Assessment of risk outside the home’"
    assert item.reason == REASONS["terminology"] == "Updated to reflect changes in naming"


def test_a_new_section_is_one_line_not_one_per_paragraph(dfe):
    # 2020: "Homelessness Duty: overview on what public authorities have a duty to refer"
    assert line_with(dfe, "New section").startswith("New section ‘Homelessness duty’: ")
    assert line_with(dfe, "New section").endswith("(paragraphs 8–9)")
    assert not any(x.startswith("New paragraph") and "(paragraph 8)" in x for x in lines(dfe))


def test_a_new_duty_is_told_with_the_sentence_that_carries_it(dfe):
    # 2020: "The requirement for Local authorities to notify the Ministry of Defence"
    assert line_with(dfe, "Ministry of Defence").startswith(
        "Obligation strengthened from ‘should’ to ‘must’: ‘The local authority must notify the Ministry of Defence")
    # Annex B: "Child death review partners must share child death data with the National Child Mortality Database"
    assert ("Obligation strengthened from ‘should’ to ‘must’: ‘Where a child has died, child death review partners "
            "must share the information they hold about the death with the National Child Mortality Database’ "
            "(paragraph 19; previously paragraph 16)") in lines(dfe)
    item = next(i for i in draft(dfe).items if "National Child Mortality" in i.text)
    assert item.categories == ("obligation",) and item.reason == "To strengthen existing requirements"


def test_a_duty_that_goes_is_told_with_the_sentence_that_went():
    # The paragraph keeps one sentence with "should" and loses another: the line quotes the lost one,
    # and a duty that comes is quoted from the sentence that came, not from one both editions share.
    def doc(extra: str) -> wtdiff.Document:
        return parse_md("# Part one\n\n## Supporting children\n\n"
                        "12. When supporting a child, schools should take a cautious approach and consider "
                        f"the child's wider needs.{extra}\n", source="x.md")
    kept = doc("")
    more = doc(" Schools should refer to the guidance on children's needs when deciding how to proceed.")
    gone = lines(wtdiff.compare(more, kept))
    assert any("by removing ‘should’: ‘Schools should refer to the guidance" in x for x in gone), gone
    came = lines(wtdiff.compare(kept, more))
    assert any("by adding ‘should’: ‘Schools should refer to the guidance" in x for x in came), came


def test_links_added_and_replaced(dfe):
    # 2020: "The link to the Child Safeguarding online Notification form"; Annex B: "Replace links of
    # out-of-date guidance on forced marriage. Add links to new resource packs"
    assert line_with(dfe, "report-a-serious").startswith(
        "Link added (gov.uk/guidance/report-a-serious-child-safeguarding-incident); "
        "addition of ‘using the Child Safeguarding Online Notification form’")
    forced = line_with(dfe, "forced-marriage-resource-pack")
    assert forced.startswith("Link updated from gov.uk/government/publications/the-right-to-choose-government-"
                             "guidance-on-forced-marriage to gov.uk/government/publications/the-right-to-choose-"
                             "government-guidance-on-forced-marriage-2023; link added (gov.uk/government/"
                             "publications/forced-marriage-resource-pack)")
    item = next(i for i in draft(dfe).items if "forced-marriage-resource-pack" in i.text)
    assert item.reason == "Updated to reflect new guidance"


def test_a_term_replaced_throughout_is_one_line(dfe):
    # Annex B: "Deletion of references to Clinical Commissioning Groups and replace with Integrated Care Boards"
    assert lines(dfe)[0] == ("Replacement of ‘Clinical Commissioning Groups’ with ‘Integrated Care Boards’ "
                             "throughout (2 places: paragraphs 11–12)")
    # The paragraphs changed by nothing else have no line of their own.
    assert not any("(paragraph 11" in x or "(paragraph 12" in x for x in lines(dfe)[1:])
    assert draft(dfe).items[0].reason == "Updated to reflect changes in naming"


def test_words_replaced_in_place(dfe):
    # Annex B: "the designated doctor for child deaths should be a senior doctor and remove previous
    # reference of senior paediatrician"; "Removing reference to secure colleges and referencing secure
    # children's homes and secure schools"
    assert "‘paediatrician’ replaced with ‘doctor’ (paragraph 14; previously paragraph 11)" in lines(dfe)
    assert ("Addition of ‘secure children's homes’; ‘colleges’ replaced with ‘schools’ "
            "(paragraph 17; previously paragraph 14)") in lines(dfe)


def test_deletions(dfe):
    # Annex B: "Deletion of references to Public Health England"; "remove reference and footnote to the
    # previous guidance Child Death Overview Panel"
    assert "Public Health England" in line_with(dfe, "Public Health England")
    assert ("Deletion of the footnote ‘Child Death Overview Panels: guidance for local areas (2010)’ "
            "(previously footnote 1 to paragraph 17)") in lines(dfe)
    assert "Deletion of the paragraph on Service welfare organisations and local authority (previously paragraph 13)" \
        in lines(dfe)


def test_glossary_definitions(dfe):
    # 2020: "Updates to the Glossary … the definition of abuse to include harm experienced by the impact of
    # domestic abuse … and the definition of domestic abuse"
    assert ("Updated definition of ‘Abuse’: addition of ‘including harm from seeing or hearing the ill-treatment "
            "of another as in cases of domestic abuse’") in lines(dfe)
    assert "New definition of ‘Domestic abuse’" in lines(dfe)
    assert line_with(dfe, "‘Safeguarding and promoting the welfare of children’").startswith(
        "Updated definition of ‘Safeguarding and promoting the welfare of children’: addition of ‘mental and physical’")
    reasons = {i.text.split(":")[0]: i.reason for i in draft(dfe).items if "definition" in i.text}
    assert set(reasons.values()) == {"Updated to reflect new definitions"}


def test_further_sources_added(dfe):
    # 2020: "Additions to further sources of information in Appendix B relating to homelessness"
    d = draft(dfe)
    chapter, items = d.groups[-1]
    assert chapter == "Appendix B: Further sources of information"
    assert [i.text for i in items] == [("New paragraph: ‘Guidance on the duty to refer people who may be homeless "
                                        "is available in Homelessness duty to refer’")]


# --- editorial noise --------------------------------------------------------------------------


def test_editorial_changes_are_counted_not_listed(dfe):
    text = dfe.to_amendments()
    assert "4 editorial changes (punctuation, case, spelling, numbering or layout only) are not listed" in text
    for noise in ("organization", "Local Authority", "although,", "Editorial"):
        assert noise not in "\n".join(lines(dfe)), noise
    # Asked for, they are listed: the renumbered cross-reference is numbering, not a change of reference.
    shown = lines(dfe, show_editorial=True)
    assert ("Editorial change: ‘Local Authority’ → ‘local authority’, ‘4’ → ‘5’ "
            "(paragraph 24; previously paragraph 20)") in shown
    assert "Editorial change: ‘organization’ → ‘organisation’ (paragraph 25; previously paragraph 21)" in shown
    assert len(shown) == len(lines(dfe)) + 4
    assert all(i.reason == "Editorial correction" for i in draft(dfe, show_editorial=True).items if i.editorial)


def test_a_cross_reference_that_follows_renumbering_is_editorial(dfe):
    record = next(ch for ch in dfe.changes if ch.new and ch.new[0].number == "24")
    assert record.categories == ("editorial",)


# --- places -------------------------------------------------------------------------------------


def test_lines_give_the_new_editions_pages_when_it_has_pages(paged):
    got = lines(paged)
    assert "Addition of ‘domestic abuse, including controlling or coercive behaviour’ (page 3, paragraph 1)" in got
    assert ("Replacement of ‘Clinical Commissioning Groups’ with ‘Integrated Care Boards’ throughout "
            "(2 places: page 4)") in got
    assert "New definition of ‘Domestic abuse’ (page 6)" in got
    assert "Places are the new edition’s page numbers" in paged.to_amendments()


def test_every_line_refers_to_blocks_of_both_editions(dfe, paged):
    for c in (dfe, paged):
        d = draft(c, show_editorial=True)
        old_ids = {b.id for b in c.old.blocks()}
        new_ids = {b.id for b in c.new.blocks()}
        at = Places(d)
        for item in d.items:
            assert {b.id for b in item.old} <= old_ids and {b.id for b in item.new} <= new_ids
            # every record a line covers is one of the comparison's, and its blocks are the line's
            for ch in item.changes:
                assert ch in c.changes
                assert set(ch.new) <= set(item.new) and set(ch.old) <= set(item.old)
            if item.kind not in ("term", "section"):
                assert item.old or item.new, item
            if item.kind not in ("term", "section", "definition"):  # a definition is named by its term
                assert at(item), item
            if item.old and item.new and item.kind != "term":
                assert "previously" in at(item) or at(item) == Places(d)(item)


def test_each_block_record_is_told_once(dfe):
    d = draft(dfe, show_editorial=True)
    told = [ch.id for i in d.items for ch in i.changes]
    assert len(told) == len(set(told))
    assert set(told) == {ch.id for ch in dfe.changes if ch.is_change}
    # a paragraph changed only by a term replaced throughout is told by the term's line
    [term] = [i for i in d.items if i.kind == "term"]
    assert {b.number for ch in term.changes for b in ch.new} == {"11", "12"}


def test_the_draft_is_deterministic(dfe):
    again = wtdiff.compare(load("old.md"), load("new.md"))
    assert again.to_amendments() == dfe.to_amendments()
    assert again.to_table() == dfe.to_table()


def test_case_snapshots(dfe):
    for name, text in (("expected-amendments.md", dfe.to_amendments()), ("expected-table.md", dfe.to_table())):
        path = CASE / name
        if UPDATE or not path.exists():
            path.write_text(text, "utf-8")
            if not UPDATE:
                pytest.fail(f"{name} was missing and has been written; run the tests again")
        assert text == path.read_text("utf-8"), f"{name} changed; set WTDIFF_UPDATE_SNAPSHOTS=1 to accept"


def test_specimen_amendments(tmp_path):
    c = wtdiff.compare("specimen-a", "specimen-b")
    text = c.to_amendments()
    assert text.startswith("# Amendments to Working Together to Safeguard Children — specimen edition B (2024)")
    assert "- Chapter ‘Multi-agency safeguarding arrangements’ moved to become Chapter 2 (previously Chapter 4)\n" \
        in text
    assert ("- Replacement of ‘designated professional’ with ‘designated practitioner’ throughout "
            "(7 places: paragraphs 32, 87, 108–111 and 132)\n") in text
    assert "fictional texts written by the wtdiff project" in text


# --- key phrases -------------------------------------------------------------------------------


def test_key_phrases_are_noun_runs_scored_by_degree_over_frequency():
    text = ("Practitioners should be alert to children living with domestic abuse, including controlling "
            "or coercive behaviour and economic abuse, and to the impact of domestic abuse on their wellbeing.")
    assert [p.text for p in phrases.candidates(text)] == [
        "Practitioners", "alert", "children living", "domestic abuse", "controlling", "coercive behaviour",
        "economic abuse", "impact", "domestic abuse", "wellbeing"]
    # "children living", "domestic abuse", "coercive behaviour" and "economic abuse" all score 4
    # (2 + 2; "abuse" is in three phrases of two words): ties go to the earlier phrase
    assert phrases.key_phrases(text, 2) == ["children living", "domestic abuse"]
    # weighted by rarity, the words the rest of the document also uses count for less
    weight = phrases.rarity([text, "Children living at home.", "Children living away."])
    assert phrases.key_phrases(text, 2, weight=weight) == ["domestic abuse", "coercive behaviour"]


def test_titles_stay_whole():
    text = "Read it with the Secretary of State for Education's advice and the Data Protection Act 2018."
    assert "Secretary of State for Education's advice" in [p.text for p in phrases.candidates(text)]
    assert "Data Protection Act 2018" in [p.text for p in phrases.candidates(text)]


def test_trim_keeps_closing_brackets():
    assert phrases.trim(" and the statutory guidance (2023), ") == "statutory guidance (2023)"
    assert phrases.join(["a", "b", "c"]) == "a, b and c"


# --- the real thing ------------------------------------------------------------------------------

KCSIE_OLD, KCSIE_NEW = REAL / "kcsie-2024.pdf", REAL / "kcsie-2025.txt"


def annex_f(doc: wtdiff.Document) -> list[tuple[str, tuple[int, ...], tuple[int, ...]]]:
    """The changes KCSIE 2025's Annex F lists: (what, pages, paragraphs), one per "Para" it names
    (a row can name two) and one per Annex B page."""
    items: list[tuple[str, tuple[int, ...], tuple[int, ...]]] = []
    pages: tuple[int, ...] = ()
    for b in doc.blocks(notes=False):
        if not b.id.startswith("annexF"):
            continue
        head, body = (b.cells + ("", ""))[:2] if b.kind == "table-row" else ("", b.text)
        found = [int(x) for x in re.findall(r"\d+", " ".join(re.findall(r"Pages?\s+[\d\s&–-]+", head)))]
        if found:
            pages = tuple(range(min(found), max(found) + 1))
        for m in re.finditer(r"Paras?\s+(\d+)(?:\s*-\s*(\d+))?", body):
            first, last = int(m.group(1)), int(m.group(2) or m.group(1))
            items.append((body[m.start():m.start() + 60], pages, tuple(range(first, last + 1))))
        for m in re.finditer(r"Annex B\s*[–-]\s*[Pp]age\s+(\d+)(?:\s*&\s*(\d+))?", b.text):
            items.append((m.group(0), tuple(int(x) for x in m.groups() if x), ()))
    return items


def covered(c: wtdiff.Comparison, d: amendments.Draft, pages: tuple[int, ...], paras: tuple[int, ...]) -> list[str]:
    """Lines on one of ``pages`` of the new edition and, when the row names paragraphs, at one of them
    or next to it (the DfE names a list by the paragraph after it). A deletion stands where it was."""
    from wtdiff.report.places import Anchors

    anchors = Anchors(c.new)
    out = []
    for item in d.items:
        blocks = list(item.new)
        k = item.order
        while not blocks and k >= 0:
            blocks, k = list(c.changes[k].new), k - 1
        at_pages = {b.page for b in blocks if b.page}
        at_paras = set()
        for b in blocks:
            n = b.number if b.kind == "paragraph" else anchors.number.get(b.id) or anchors.cited_by.get(b.id)
            if n and n.isdigit():
                at_paras.add(int(n))
        if at_pages & set(pages) and (not paras or any(abs(x - y) <= 1 for x in at_paras for y in paras)):
            out.append(item.text)
    return out


@pytest.mark.real
@pytest.mark.skipif(not (KCSIE_OLD.is_file() and KCSIE_NEW.is_file()), reason="../shared/real is absent")
def test_kcsie_2025_annex_f_changes_are_all_in_the_draft():
    c = wtdiff.compare(KCSIE_OLD, KCSIE_NEW)
    d = draft(c)
    rows = annex_f(c.new)
    assert len(rows) == 21
    missing = [what for what, pages, paras in rows if not covered(c, d, pages, paras)]
    assert missing == []
    # The lines the DfE's own words call for, among them:
    text = c.to_amendments()
    for expected in (
        "Addition of ‘revised for introduction September 2026’ (page 36, paragraph 129)",
        "Split into 2 paragraphs (page 52, paragraphs 189–190; previously page 51, paragraph 191)",
        "Deletion of ‘spectrum disorder’ (page 56, paragraph 205; previously page 55, paragraph 206)",
    ):
        assert f"- {expected}\n" in text
    assert "misinformation, disinformation (including fake news) and conspiracy theories" in text
    # Next to nothing where the DfE says nothing changed (Summary and Part one): what is left are
    # differences between reading the PDF and the layout text (see the README).
    quiet = [i for chapter, items in d.groups if chapter.startswith(("Summary", "Part one")) for i in items]
    assert len(quiet) <= 12
