"""An edition's own table of changes is read as published, not compared entry by entry.

Each edition of statutory guidance may end with a table of what changed since the last
one; the next edition replaces that table whole. Compared row by row, the two tables
would report every row of both as a change of the guidance. wtdiff sets such a section's
body aside (its heading is still compared) and every report points the reader to it.
"""

from __future__ import annotations

import json

import jsonschema
import pytest

from wtdiff.apparatus import is_own_changes, set_aside
from wtdiff.report.json import schema

from .helpers import compare_md, parse_md

READ = {"substantive", "obligation", "legislation", "reference"}


@pytest.mark.parametrize("title", [
    "Annex F: Table of changes from September 2024 version",
    "Annex F: Table of substantive changes from September 2023",
    "Summary of changes",
    "Appendix C: Summary of main changes",
    "List of amendments",
    "Annex B: Changes since the 2018 edition",
    "Changes from the previous version",
    "Amendments made to the 2020 update",
    "What has changed",
    "What’s changed",
])
def test_titles_naming_a_table_of_changes(title):
    assert is_own_changes(title)


@pytest.mark.parametrize("title", [
    "Changes in a child’s circumstances",
    "Responding to change in family life",
    "Children who have changed schools",
    "Managing changes to placements",
    "Annex A: Further information",
    "Safeguarding partners’ yearly report",
])
def test_titles_that_are_guidance(title):
    assert not is_own_changes(title)


def edition(year: int, rows: list[tuple[str, str]], extra: str = "") -> str:
    table = "\n".join(f"| {where} | {what} |" for where, what in rows)
    return f"""# Guidance on keeping children safe {year}

## Part one: Duties

1. Every school should have a designated safeguarding lead.

2. The designated safeguarding lead should keep written records of every concern.
{extra}
## Annex C: Table of changes from the {year - 1} edition

This table explains where we made changes.

| Place | Change |
|---|---|
{table}
"""


OLD = edition(2024, [("Paragraph 4", "Wording on referrals amended"), ("Paragraph 9", "New text on records"),
                     ("Annex A", "Links updated")])
NEW = edition(2025, [("Paragraph 3", "New paragraph on training"), ("Paragraph 12", "Cross-reference corrected")],
              extra="\n3. All staff must complete safeguarding training every year.\n")


def test_the_tables_rows_are_not_changes_of_the_guidance():
    c = compare_md(OLD, NEW)
    to_read = [ch for ch in c.changes if ch.is_change and set(ch.categories) & READ]
    # the one real change: the new paragraph 3
    assert [[b.number for b in ch.new] for ch in to_read] == [["3"]]
    # no record holds a block of either table
    held = {b.id for ch in c.changes for b in ch.old + ch.new}
    own_old, own_new = c.own_changes
    assert own_old and own_new
    assert not held & {b.id for s in own_old + own_new for b in s.blocks()}
    # the heading is still compared: its new title is a change of a heading
    renamed = [s for s in c.sections if s.renamed]
    assert [(s.old[0].title, s.new[0].title) for s in renamed] == [
        ("Annex C: Table of changes from the 2023 edition", "Annex C: Table of changes from the 2024 edition")]
    # the editions are still whole, tables included
    assert any("Cross-reference corrected" in b.text for b in c.new.blocks())


def test_every_report_points_to_the_new_table():
    c = compare_md(OLD, NEW)
    md = c.to_markdown()
    assert "own table of changes, ‘Annex C: Table of changes from the 2024 edition’ (2 rows)" in md
    assert "own table of changes" in c.to_amendments()
    assert "own table of changes" in c.to_html()
    data = json.loads(c.to_json())
    jsonschema.validate(data, schema())
    assert [x["heading"]["text"] for x in data["own_changes"]["new"]] == [
        "Annex C: Table of changes from the 2024 edition"]
    assert any("Cross-reference corrected" in b["text"] for b in data["own_changes"]["new"][0]["blocks"])
    assert data["own_changes"]["old"][0]["heading"]["text"] == "Annex C: Table of changes from the 2023 edition"


def test_without_such_a_table_nothing_is_set_aside():
    doc = parse_md(OLD.split("## Annex C")[0])
    same, found = set_aside(doc)
    assert same is doc and found == ()
    c = compare_md(OLD.split("## Annex C")[0], NEW.split("## Annex C")[0])
    assert c.own_changes == ((), ())
    assert json.loads(c.to_json())["own_changes"] == {"old": [], "new": []}
    assert "own table of changes" not in c.to_markdown()


def test_notes_no_block_cites_stay_in_the_edition():
    """A reader that cannot tell which block cites a note leaves it at the end of the edition:
    inside the table's section, but not part of the table."""
    from dataclasses import replace

    from wtdiff.model import Block

    doc = parse_md(NEW)
    annex = doc.children[-1].children[-1] if len(doc.children) == 1 else doc.children[-1]
    note = Block(id="orphan.fn1", kind="footnote", text="Children Act 1989, section 17.", number="1")
    with_note = replace(annex, children=annex.children + (note,))

    def swap(children):
        return tuple(with_note if x is annex else (replace(x, children=swap(x.children))
                                                  if hasattr(x, "children") else x) for x in children)

    doc = replace(doc, children=swap(doc.children), _index={})
    body, found = set_aside(doc)
    assert note.id in {b.id for b in body.blocks()}
    assert note.id not in {b.id for s in found for b in s.blocks()}
