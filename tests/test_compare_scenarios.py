"""Each kind of revision real editions make, and what wtdiff must report for it.

Every test builds the old and new edition from the same small corpus with one
kind of change applied; nothing else differs, so the report must contain that
change and nothing more.
"""

from __future__ import annotations

import pytest

from wtdiff import export

from . import corpus
from .helpers import by_number, changed, compare_md, parse_md


def run(old_doc, new_doc, *, texts_old=None, texts_new=None, format="markdown"):
    old = corpus.render(old_doc, texts=texts_old)
    new = corpus.render(new_doc, texts=texts_new)
    if format == "html":
        old = export.to_html(parse_md(old))
        new = export.to_html(parse_md(new))
    return compare_md(old, new, format=format)


@pytest.mark.parametrize("format", ["markdown", "html"])
def test_identical_editions_have_no_changes(format):
    c = run(corpus.base(), corpus.base(), format=format)
    assert changed(c) == []
    assert not c.has_changes
    assert c.terms == ()
    assert all(s.status == "unchanged" and not s.moved for s in c.sections)
    assert c.summary["unchanged"] == c.summary["blocks_old"] == c.summary["blocks_new"]


@pytest.mark.parametrize("format", ["markdown", "html"])
def test_reordered_and_renamed_chapter_is_one_moved_section_not_deletions(format):
    old = corpus.base()
    new = corpus.clone(old)
    last = new.pop()  # Chapter 4 becomes Chapter 2, renamed; 2 and 3 become 3 and 4
    last[0] = "Chapter 2: Learning from serious child safeguarding incidents"
    new[1][0] = "Chapter 3: Multi-agency safeguarding arrangements"
    new[2][0] = "Chapter 4: Assessing need and providing help"
    new.insert(1, last)
    c = run(old, new, format=format)
    s = c.summary
    assert (s["added"], s["deleted"], s["modified"]) == (0, 0, 0)
    # Paragraphs keep their place inside the chapter that moved: none is "moved" on its own.
    assert s["moved"] == 0
    assert s["renumbered"] == 24 - 6  # every paragraph after the first chapter's six
    moved = [x for x in c.sections if x.moved]
    assert len(moved) == 1
    assert moved[0].old[0].title == "Chapter 4: Learning from serious incidents"
    assert moved[0].new[0].title == "Chapter 2: Learning from serious child safeguarding incidents"
    assert moved[0].renamed and moved[0].status == "modified"
    assert sum(x.renamed for x in c.sections) == 3  # the number in every later chapter's title changed


def test_paragraph_moved_to_another_chapter_is_reported_once_as_moved():
    old = corpus.base()
    new = corpus.clone(old)
    corpus.paras(new, 0, 1).remove("records")   # from Chapter 1 › Information sharing
    corpus.paras(new, 2, 2).append("records")   # to Chapter 3 › Organisational duties
    c = run(old, new)
    records = [ch for ch in c.changes if any(b.text == corpus.P["records"] for b in ch.new + ch.old)]
    assert len(records) == 1
    rec = records[0]
    assert rec.status == "unchanged" and rec.moved and rec.renumbered
    assert rec.old[0].path == ("Chapter 1: A shared responsibility", "Information sharing")
    assert rec.new[0].path == ("Chapter 3: Assessing need and providing help", "Organisational duties")
    assert [ch.id for ch in changed(c)] == [rec.id]


def test_paragraph_out_of_order_within_its_section_is_moved():
    old = corpus.base()
    new = corpus.clone(old)
    paras = corpus.paras(new, 2, 1)
    paras.insert(0, paras.pop(3))  # "conference" to the front of Child protection
    c = run(old, new)
    moved = [ch for ch in c.changes if ch.moved]
    assert [ch.new[0].text for ch in moved] == [corpus.P["conference"]]


def test_split_paragraph_is_one_record_with_two_new_blocks():
    old = corpus.base()
    new = corpus.clone(old)
    paras = corpus.paras(new, 1, 0)
    idx = paras.index("partners")
    paras[idx:idx + 1] = ["partners-a", "partners-b"]
    texts = {
        "partners-a": "The three safeguarding partners for a local area are the local authority, the Clinical "
                      "Commissioning Groups for the area.",
        "partners-b": "The third partner is the chief officer of police for the area.",
    }
    c = run(old, new, texts_new=texts)
    split = [ch for ch in c.changes if ch.status == "split"]
    assert len(split) == 1
    assert [b.text for b in split[0].new] == [texts["partners-a"], texts["partners-b"]]
    assert split[0].old[0].text == corpus.P["partners"]
    assert c.summary["added"] == 0 and c.summary["deleted"] == 0


def test_merged_paragraphs_are_one_record_with_two_old_blocks():
    old = corpus.base()
    new = corpus.clone(old)
    paras = corpus.paras(new, 2, 1)
    idx = paras.index("strategy")
    paras[idx:idx + 2] = ["merged"]
    texts = {"merged": corpus.P["strategy"] + " " + corpus.P["conference"]}
    c = run(old, new, texts_new=texts)
    merged = [ch for ch in c.changes if ch.status == "merged"]
    assert len(merged) == 1
    assert [b.text for b in merged[0].old] == [corpus.P["strategy"], corpus.P["conference"]]
    assert c.summary["added"] == 0 and c.summary["deleted"] == 0


def test_term_replaced_throughout_is_mined_as_one_rule():
    old = corpus.base()
    texts_new = {k: v.replace("Clinical Commissioning Groups", "Integrated Care Boards") for k, v in corpus.P.items()}
    c = run(old, old, texts_new=texts_new)
    assert [(t.old, t.new, t.count) for t in c.terms] == [
        ("Clinical Commissioning Groups", "Integrated Care Boards", 3)]
    for ch in changed(c):
        assert ch.categories == ("terminology",), ch


def test_must_to_should_is_a_weakened_obligation():
    old = corpus.base()
    texts_new = {"yearly-report": corpus.P["yearly-report"].replace("must publish", "should publish")}
    c = run(old, old, texts_new=texts_new)
    [ch] = changed(c)
    assert ch.status == "modified" and ch.categories == ("obligation",)
    assert [(o.old, o.new, o.direction) for o in ch.obligations] == [("must", "should", "weakened")]
    assert list(ch.diff) == [
        ("=", "The partners "), ("-", "must"), ("+", "should"),
        ("=", corpus.P["yearly-report"].split("must", 1)[1]),
    ]


def test_should_to_must_is_strengthened_and_legislation_updates_are_flagged():
    texts_new = {
        "referral": corpus.P["referral"].replace("should make", "must make"),
        "section47": corpus.P["section47"].replace("Children Act 1989", "Children and Families Act 2014"),
    }
    c = run(corpus.base(), corpus.base(), texts_new=texts_new)
    referral = by_number(c, "15")
    assert referral.categories == ("obligation",)
    assert referral.obligations[0].direction == "strengthened"
    s47 = by_number(c, "16")
    assert s47.categories == ("legislation",)


def test_inserted_and_deleted_paragraphs_renumber_the_rest_without_changing_them():
    old = corpus.base()
    new = corpus.clone(old)
    corpus.paras(new, 0, 0).insert(1, "Practitioners should record the child's own words wherever they can.")
    corpus.paras(new, 3, 0).remove("learning")
    c = run(old, new)
    statuses = sorted((ch.status, ch.moved) for ch in changed(c))
    assert statuses == [("added", False), ("deleted", False)]
    assert c.summary["renumbered"] == 22  # every paragraph after the insertion, less the deleted one
    deleted = next(ch for ch in c.changes if ch.status == "deleted")
    # A deleted block stands right after the block that preceded it in the old edition.
    order = [ch.id for ch in c.changes]
    before = next(ch for ch in c.changes if ch.old and ch.old[0].text == corpus.P["reviews"])
    assert order.index(deleted.id) == order.index(before.id) + 1


def test_editorial_changes_are_told_apart_from_substance():
    texts_new = {
        "consent": corpus.P["consent"].replace("although", "although,"),
        "records": corpus.P["records"].replace("Each agency", "each agency"),
        "schools": corpus.P["schools"].replace("children's social care", "children\u2019s social care"),
    }
    c = run(corpus.base(), corpus.base(), texts_new=texts_new)
    assert [ch.categories for ch in changed(c)] == [("editorial",)] * 3


def test_reworded_sentence_is_substantive():
    texts_new = {"learning": corpus.P["learning"].replace(
        "unless there is a strong reason to keep them private", "within six months of the review starting")}
    c = run(corpus.base(), corpus.base(), texts_new=texts_new)
    [ch] = changed(c)
    assert ch.status == "modified" and ch.categories == ("substantive",)
    assert 0.5 < ch.similarity < 1


def test_short_block_with_one_word_changed_is_matched_by_position():
    old = "# T\n\n## Chapter 1: Duties\n\n1. A long first paragraph about what every agency must do.\n\n" \
          "2. Practitioners should:\n\n- see the child;\n- listen to them.\n"
    new = old.replace("Practitioners should:", "Practitioners must:")
    c = compare_md(old, new)
    [ch] = changed(c)
    assert ch.status == "modified" and ch.categories == ("obligation",)


def test_renumbered_cross_references_are_not_mined_as_terms():
    old = corpus.base()
    texts_old = {"learning": corpus.P["learning"] + " See paragraphs 12-14 and 20-21 and 30-31."}
    texts_new = {"learning": corpus.P["learning"] + " See paragraphs 13-15 and 21-22 and 31-32."}
    texts_old["reviews"] = corpus.P["reviews"] + " See paragraphs 12-14 and 20-21."
    texts_new["reviews"] = corpus.P["reviews"] + " See paragraphs 13-15 and 21-22."
    c = run(old, old, texts_old=texts_old, texts_new=texts_new)
    assert c.terms == ()


_SEE = ("# T\n\n## Chapter 1: Checks\n\n{extra}"
        "1. Schools should check the barred list before anyone starts work with children.\n\n"
        "2. The designated lead should keep a record of each check and its outcome.\n\n"
        "3. Where a check shows a concern, the school should act on it at once.\n\n"
        "4. Records should be kept for as long as the person works at the school (see {ref}).\n")


@pytest.mark.parametrize("old_ref, new_ref", [("1-2", "paras 2-3"), ("2", "paragraph 3"), ("1-2", "2–3")])
def test_a_bare_paragraph_range_after_see_that_follows_renumbering_is_editorial(old_ref, new_ref):
    """Guidance cites its own paragraphs by a bare number after "see" as well as by name
    ("(see 286-290)" / "(see paras 285-289)"): the same place, renumbered and spelt another way,
    is numbering — editorial, nothing to read."""
    from wtdiff.classify import xref_parts

    old = _SEE.format(extra="", ref=old_ref)
    new = _SEE.format(extra="1. Every school should name a designated safeguarding lead.\n\n", ref=new_ref)
    new = new.replace("\n1. Schools", "\n2. Schools").replace("\n2. The", "\n3. The").replace(
        "\n3. Where", "\n4. Where").replace("\n4. Records", "\n5. Records")
    c = compare_md(old, new)
    record = by_number(c, "5")
    assert record.categories == ("editorial",)
    assert xref_parts(old_ref) == ("paragraph", old_ref) and xref_parts("paras 2 \u2013 3") == ("paragraph", "2-3")


def test_a_bare_paragraph_range_pointing_somewhere_new_is_a_reference_and_told_as_paragraphs():
    old = _SEE.format(extra="", ref="1-2")
    new = _SEE.format(extra="", ref="paras 2-3")
    c = compare_md(old, new)
    assert by_number(c, "4").categories == ("reference",)
    assert "Cross-reference to paragraphs 1-2 changed to paras 2-3 (paragraph 4)" in c.to_amendments()


def test_a_reference_to_a_paragraph_merged_into_another_follows_it():
    """Paragraphs merged into one go to its number, so "see paragraph 3" → "see paragraph 2" where
    paragraph 3 was merged into paragraph 2 is numbering, editorial."""
    old = _SEE.format(extra="", ref="paragraph 3")
    new = old.replace("its outcome.\n\n3. Where", "its outcome. Where").replace("\n4. Records", "\n3. Records")
    new = new.replace("(see paragraph 3)", "(see paragraph 2)")
    c = compare_md(old, new)
    assert [ch.status for ch in changed(c) if ch.status != "unchanged"][:1] == ["merged"]
    assert by_number(c, "3").categories == ("editorial",)


def test_a_count_after_see_is_no_reference():
    old = _SEE.format(extra="", ref="paragraph 1").replace("(see paragraph 1)", "(see 3 examples in the annex)")
    new = old.replace("3 examples", "4 examples")
    c = compare_md(old, new)
    assert by_number(c, "4").categories == ("substantive",)


def test_a_partial_rename_is_one_line_that_names_where_the_old_name_remains():
    # Renamed everywhere, then the old name written again in one paragraph: a straggler.
    from wtdiff.report.amendments import draft

    old = corpus.base()
    texts_new = {k: v.replace("Clinical Commissioning Groups", "Integrated Care Boards") for k, v in corpus.P.items()}
    texts_new["learning"] = corpus.P["learning"] + " Clinical Commissioning Groups should take part."
    c = run(old, old, texts_new=texts_new)
    [rule] = c.terms
    straggler = next(b for b in c.new.blocks() if b.text.endswith("Clinical Commissioning Groups should take part."))
    assert (rule.old, rule.new, rule.count, rule.remaining) == (
        "Clinical Commissioning Groups", "Integrated Care Boards", 3, (straggler.id,))
    renamed = {ch.id for ch in changed(c) if ch.categories == ("terminology",)}
    assert len(renamed) == 3  # the paragraphs changed by nothing but the rename
    items = [i for _, group in draft(c).groups for i in group]
    [line] = [i for i in items if i.kind == "term"]
    assert line.text == "Replacement of ‘Clinical Commissioning Groups’ with ‘Integrated Care Boards’"
    assert line.where.startswith("3 of 4 places: paragraphs ")
    assert line.where.endswith(f"; the old name remains in paragraph {straggler.number}")
    # no other line tells the renamed paragraphs
    assert not [i for i in items if i is not line and renamed & {ch.id for ch in i.changes}]
    md = c.to_markdown()
    assert (f"“Clinical Commissioning Groups” → “Integrated Care Boards” (replaced in 3 of 4 places; "
            f"the old name remains in paragraph {straggler.number})") in md
    data = c.to_dict()
    assert [r["id"] for r in data["terms"][0]["remaining"]] == [straggler.id]


@pytest.mark.parametrize("label", ["Figure 2", "Table 3.", "Diagram 1a", "Flowchart 4", "figure 12:"])
def test_a_caption_number_added_on_its_own_is_numbering_not_substance(label):
    """A new edition that numbers its figures and tables adds lines like "Figure 2": numbering,
    which is editorial; a caption with words of its own is still a change to read."""
    old = ("# T\n\n## Chapter 1: Checks\n\n1. Schools should check the barred list before anyone starts.\n\n"
           "### The update service\n\n2. Staff may join the update service when their certificate is issued.\n")
    with_label = old.replace("### The update service\n\n", f"{label}\n\n### The update service\n\n")
    c = compare_md(old, with_label)
    [ch] = changed(c)
    assert ch.status == "added" and ch.categories == ("editorial",)
    from wtdiff.report.amendments import draft
    assert [i for _, group in draft(c).groups for i in group] == []  # counted with the editorial changes
    [ch] = changed(compare_md(old, old.replace("### The update service\n\n",
                                                f"{label} Checks made before appointment\n\n### The update service\n\n")))
    assert ch.categories == ("substantive",)


# A figure standing under a heading of its own, among paragraphs that do not change.
_FIGURE_OLD = ("# T\n\n## Chapter 1: Checks\n\n1. Schools should check the barred list before anyone starts.\n\n"
               "2. Staff should record each check in the single central record.\n\n"
               "### {title}\n\n"
               "### The update service\n\n3. Staff may join the update service when their certificate is issued.\n")


@pytest.mark.parametrize("title, caption", [
    ("What happens after a referral", "A flow chart showing what happens after a referral is made Figure 1"),
    ("What happens after a referral", "Figure 3: What happens after referrals"),
    ("Actions where there are concerns about a child",
     "Flowchart 1 Actions taken where there are concerns about a child"),
    ("The assessment framework", "Diagram 2a: the assessment framework triangle"),
])
@pytest.mark.parametrize("direction", ["heading to caption", "caption to heading"])
def test_a_figure_retitled_from_heading_to_caption_is_editorial(title, caption, direction):
    """One edition sets a figure under a heading; the next gives it a numbered caption that
    names the same thing ("… Figure 1"), or the other way round. The figure's title changed
    its form, not the guidance: editorial, wherever the reader puts heading and caption."""
    old = _FIGURE_OLD.format(title=title)
    new = old.replace(f"### {title}\n\n", f"{caption}\n\n")
    if direction == "caption to heading":
        old, new = new, old
    c = compare_md(old, new)
    assert [ch.categories for ch in changed(c)] == [("editorial",)]
    # the amendments draft has nothing to say: no new paragraph, no sections merged or split
    from wtdiff.report.amendments import draft
    d = draft(c)
    assert [i for _, group in d.groups for i in group] == [] and d.hidden_editorial >= 1
    # read as a paragraph, the title pairs with the caption: the same verdict
    as_text = _FIGURE_OLD.format(title=title).replace(f"### {title}", title)
    c = compare_md(as_text, new) if direction == "heading to caption" else compare_md(old, as_text)
    assert [ch.categories for ch in changed(c)] == [("editorial",)]


@pytest.mark.parametrize("caption", [
    # names something else
    "Figure 1: What happens after an allegation against staff",
    # gives a duty
    "Figure 1: What happens after a referral, which staff must follow",
    # no figure label: a new sentence, not a caption
    "A summary of what happens after a referral and who decides",
    # far more than a description of the figure
    "Figure 1: What happens after a referral to children's social care by the designated safeguarding "
    "lead and the police when a child is at risk of harm outside the home",
])
def test_a_caption_that_is_not_the_old_heading_retitled_is_still_a_change_to_read(caption):
    old = _FIGURE_OLD.format(title="What happens after a referral")
    new = old.replace("### What happens after a referral\n\n", f"{caption}\n\n")
    added = [ch for ch in changed(compare_md(old, new)) if ch.status in ("added", "modified")]
    assert added and all("editorial" not in ch.categories for ch in added)


def test_a_caption_retitles_only_the_heading_that_stood_where_it_stands():
    """A heading that vanished elsewhere in the edition does not make a new figure's caption editorial."""
    old = _FIGURE_OLD.format(title="What happens after a referral")
    new = old.replace("### What happens after a referral\n\n", "").replace(
        "### The update service\n\n3. Staff may join the update service when their certificate is issued.\n",
        "### The update service\n\n3. Staff may join the update service when their certificate is issued.\n\n"
        "Figure 1: What happens after a referral\n")
    [caption] = [ch for ch in changed(compare_md(old, new)) if ch.status == "added"]
    assert caption.categories == ("substantive",)
