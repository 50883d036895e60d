"""The table of changes and reasons (``--format table``), the CSV, annotations, the HTML brief
and the command line for them."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from click.testing import CliRunner
from lxml import html as lxml_html

import wtdiff
from wtdiff.annotations import loads
from wtdiff.cli import main
from wtdiff.errors import InputError
from wtdiff.report.amendments import draft
from wtdiff.report.csv import COLUMNS
from wtdiff.report.table import HEADER

from .test_amendments import CASE, load


@pytest.fixture(scope="module")
def dfe() -> wtdiff.Comparison:
    return wtdiff.compare(load("old.md"), load("new.md"))


def rows(table: str) -> list[tuple[str, str]]:
    """The table's body rows as (clarification/update, reason)."""
    out = []
    for line in table.splitlines():
        if line.startswith("| ") and not line.startswith(f"| {HEADER[0]}"):
            update, reason = line[2:-2].split(" | ")
            out.append((update.replace("\\", ""), reason))
    return out


# --- the table -------------------------------------------------------------------------------


def test_table_has_the_dfe_columns_and_a_row_per_line(dfe):
    table = dfe.to_table()
    assert f"| {HEADER[0]} | {HEADER[1]} |" in table and HEADER == ("Clarification/Update", "Reason for change")
    assert len(rows(table)) == len(draft(dfe).items)
    assert wtdiff.report.render(dfe, "annex", show_editorial=False) == table


@pytest.mark.parametrize("update, reason", [
    ("Replacement of ‘Clinical Commissioning Groups’ with ‘Integrated Care Boards’", "Updated to reflect changes in naming"),
    ("Replacement of reference to the Data Protection Act 1998", "Updated to reflect changes in legislation"),
    ("Addition of reference to the Special Educational Needs and Disability Code of Practice 2015",
     "Updated to reflect changes in legislation"),
    ("Link added (gov.uk/guidance/report-a-serious-child-safeguarding-incident)", "Updated to reflect new guidance"),
    ("Obligation strengthened from ‘should’ to ‘must’: ‘Where a child has died",
     "To strengthen existing requirements"),
    ("New definition of ‘Domestic abuse’", "Updated to reflect new definitions"),
    ("Heading ‘Contextual safeguarding’ changed to ‘Assessment of risk outside the home’",
     "Updated to reflect changes in naming"),
    ("New section ‘Homelessness duty’", "Updated to reflect changes to policy"),
])
def test_reasons_are_inferred_from_the_category(dfe, update, reason):
    [(found, got)] = [r for r in rows(dfe.to_table()) if r[0].startswith(update)]
    assert got == reason, found


def test_editorial_noise_stays_out_of_the_table(dfe):
    table = dfe.to_table()
    assert "organization" not in table and "Editorial correction" not in table
    assert "4 editorial changes" in table
    assert "Editorial correction" in dfe.to_table(show_editorial=True)


# --- annotations -----------------------------------------------------------------------------

NOTES = """\
# reasons the DfE would give
- match: "secure schools"
  reason: "Updated to reflect changes in naming"
- match: "public health england"     # case and typography do not matter
  reason: "Updated to reflect closure of Public Health England"
- id: "appB.p27"
  text: "Additions to further sources of information relating to homelessness"
- match: "Service welfare organisations"
  hide: true
- match: "a phrase no line has"
  reason: "Never used"
"""


def test_annotations_override_reasons_reword_and_hide(dfe):
    notes = loads(NOTES, source="reasons.yaml")
    d = draft(dfe, annotations=notes)
    got = dict(rows(dfe.to_table(annotations=notes)))
    secure = next(k for k in got if "‘secure children's homes’" in k)
    assert got[secure] == "Updated to reflect changes in naming"
    phe = next(k for k in got if "Public Health England" in k)
    assert got[phe] == "Updated to reflect closure of Public Health England"
    assert "Additions to further sources of information relating to homelessness (paragraph 27)" in got
    assert not any("Service welfare organisations" in k for k in got)
    assert d.hidden_by_annotation == 1 and "1 line hidden by the annotations file." in dfe.to_table(annotations=notes)
    assert [(a.where, a.match) for a in d.unmatched] == [("reasons.yaml, line 10", "a phrase no line has")]
    # The same notes apply to the list of amendments.
    text = dfe.to_amendments(annotations=notes)
    assert "- Additions to further sources of information relating to homelessness (paragraph 27)\n" in text


def test_annotations_matched_by_text_survive_a_newer_comparison(dfe):
    """Comparing the new edition with a later one renumbers everything; text matches still apply."""
    notes = loads(NOTES, source="reasons.yaml")
    later = (CASE / "new.md").read_text("utf-8").replace(
        "secure children's homes or secure schools", "secure children's homes, secure schools or 16 to 19 academies")
    later = later.replace("## Chapter 1: Assessing need and providing help\n", "## Chapter 1: Assessing need and "
                          "providing help\n\n### Scope\n\n1. This chapter applies to every agency.\n", 1)
    later = re.sub(r"^(\d+)\. ", lambda m: f"{int(m.group(1)) + 1}. ", later, flags=re.MULTILINE).replace(
        "2. This chapter applies", "1. This chapter applies")
    from .helpers import parse_md

    c = wtdiff.compare(load("new.md"), parse_md(later, source="later.md"))
    got = dict(rows(c.to_table(annotations=notes)))
    [secure] = [k for k in got if "16 to 19 academies" in k]
    assert got[secure] == "Updated to reflect changes in naming"


@pytest.mark.parametrize("text, message", [
    ("- match: x\n  resaon: y\n", "reasons.yaml, line 2: unknown key 'resaon'. Use id, match, reason, text, hide."),
    ("- reason: y\n", "reasons.yaml, line 1: an entry needs exactly one of 'id' or 'match'."),
    ("- match: x\n", "reasons.yaml, line 1: the entry changes nothing."),
    ("- match: x\n  hide: maybe\n", "reasons.yaml, line 2: 'hide' must be true or false."),
    ("match: x\n", "reasons.yaml, line 1: expected a list of entries"),
    ("- match: [x\n", "reasons.yaml, line 2:"),
])
def test_bad_annotations_are_errors_naming_the_file_and_line(text, message):
    with pytest.raises(InputError) as info:
        loads(text, source="reasons.yaml")
    assert str(info.value).startswith(message)


def test_empty_annotations_file_is_no_annotations():
    assert loads("# nothing yet\n", source="a.yaml") == ()


# --- CSV -------------------------------------------------------------------------------------


def test_csv_has_every_change_with_both_editions_and_the_drafted_line(dfe):
    text = dfe.to_csv()
    assert text.startswith("\ufeff") and "\r\n" in text
    table = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert list(table[0].keys()) == list(COLUMNS)
    assert [r["id"] for r in table] == [c.id for c in dfe.changes if c.is_change]
    mod = next(r for r in table if r["new_numbers"] == "19")
    assert mod["status"] == "modified" and mod["old_numbers"] == "16" and mod["categories"] == "obligation"
    assert mod["obligations"] == "should → must (strengthened)"
    assert mod["new_path"] == "Chapter 3: Learning from serious child safeguarding incidents › Notifying serious incidents"
    assert mod["summary"].startswith("Obligation strengthened from ‘should’ to ‘must’")
    assert mod["reason"] == "To strengthen existing requirements"
    assert "must share" in mod["new_text"] and "should share" in mod["old_text"]
    # Editorial and terminology-only changes are rows too, with the line that covers them.
    spelling = next(r for r in table if "organization" in r["old_text"])
    assert spelling["categories"] == "editorial" and spelling["summary"].startswith("Editorial change")
    term = next(r for r in table if r["new_numbers"] == "11")
    assert term["summary"].startswith("Replacement of ‘Clinical Commissioning Groups’")


def test_csv_pages_when_the_source_has_pages():
    c = wtdiff.compare(load("old.md", paged=True), load("new.md", paged=True))
    table = list(csv.DictReader(io.StringIO(c.to_csv().lstrip("\ufeff"))))
    first = next(r for r in table if r["new_numbers"] == "1")
    assert (first["new_pages"], first["old_pages"]) == ("3", "3")


# --- the HTML change log's brief ------------------------------------------------------------


def test_html_brief_links_each_line_to_its_change(dfe):
    page = dfe.to_html(show_editorial=False)
    tree = lxml_html.document_fromstring(page)
    [section] = tree.xpath("//section[@aria-labelledby='amendments']")
    items = section.xpath(".//li")
    assert len(items) == len(draft(dfe).items)
    articles = {a.get("id") for a in tree.xpath("//article[contains(@class, 'wt-change')]")}
    links = [a.get("href") for a in section.xpath(".//a")]
    assert links and all(h == "#terms" or h[1:] in articles for h in links)
    ministry = next(li for li in items if "Ministry of Defence" in li.text_content())
    assert ministry.xpath(".//a/@href") == ["#change-ch2.s3.p15"] and ministry.xpath(".//a/text()") == [
        "paragraph 15; previously paragraph 12"]
    # Editorial changes are counted, not listed, unless asked for.
    assert "4 editorial changes (punctuation, case, spelling or numbering only) are not listed" in \
        " ".join(tree.text_content().split())
    assert "organization" not in section.text_content()
    shown = lxml_html.document_fromstring(dfe.to_html(show_editorial=True))
    assert any("organization" in a.text_content() for a in shown.xpath("//article"))


# --- the command line --------------------------------------------------------------------------


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def files(tmp_path):
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text((CASE / "old.md").read_text("utf-8"), "utf-8")
    new.write_text((CASE / "new.md").read_text("utf-8"), "utf-8")
    return str(old), str(new)


def test_cli_formats(runner, files, tmp_path):
    r = runner.invoke(main, ["compare", *files, "--format", "amendments"])
    assert r.exit_code == 0 and r.stdout.startswith("# Amendments to Working together: fixture edition (after)")
    r = runner.invoke(main, ["compare", *files, "-f", "annex"])
    assert r.exit_code == 0 and "| Clarification/Update | Reason for change |" in r.stdout
    out = tmp_path / "changes.csv"
    r = runner.invoke(main, ["compare", *files, "-o", str(out)])
    assert r.exit_code == 0 and out.read_text("utf-8-sig").startswith("id,chapter,status")


def test_cli_show_editorial(runner, files):
    hidden = runner.invoke(main, ["compare", *files, "-f", "md"]).stdout
    shown = runner.invoke(main, ["compare", *files, "-f", "md", "--show-editorial"]).stdout
    assert "4 editorial changes" in hidden and "organization" not in hidden.split("## Changes")[1]
    assert "organization" in shown and "editorial changes" not in shown
    assert "Editorial change: ‘organization’ → ‘organisation’" in runner.invoke(
        main, ["compare", *files, "-f", "amendments", "--show-editorial"]).stdout


def test_cli_annotations(runner, files, tmp_path):
    notes = tmp_path / "reasons.yaml"
    notes.write_text(NOTES, "utf-8")
    r = runner.invoke(main, ["compare", *files, "-f", "table", "--annotations", str(notes)])
    assert r.exit_code == 0
    assert "Updated to reflect closure of Public Health England" in r.stdout
    assert f"wtdiff: note: {notes}, line 10: this annotation matches no line." in r.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text("- match: x\n  resaon: y\n", "utf-8")
    r = runner.invoke(main, ["compare", *files, "-f", "table", "--annotations", str(bad)])
    assert r.exit_code == 3 and r.stderr == f"wtdiff: error: {bad}, line 2: unknown key 'resaon'. " \
        "Use id, match, reason, text, hide.\n"
    r = runner.invoke(main, ["compare", *files, "-f", "json", "--annotations", str(notes)])
    assert r.exit_code == 2 and "--annotations does not apply to --format json." in r.stderr
    r = runner.invoke(main, ["compare", *files, "-f", "table", "--annotations", str(tmp_path / "none.yaml")])
    assert r.exit_code == 3 and "no such annotations file" in r.stderr


def test_json_is_unchanged_by_the_new_options(runner, files):
    plain = json.loads(runner.invoke(main, ["compare", *files, "-f", "json"]).stdout)
    shown = json.loads(runner.invoke(main, ["compare", *files, "-f", "json", "--show-editorial"]).stdout)
    assert plain == shown
