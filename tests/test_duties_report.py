"""The duties in the comparison's reports: the change log's "Duties" part (the register diff by
actor, with places in both editions, linked to the change log's entries), the list of amendments'
lines for duties made stronger or weaker, and ``--for AUDIENCE`` on every format of ``compare``
and on ``duties``. Fixtures are paragraphs written for these tests in the style of the guidance."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from wtdiff import compare, parse
from wtdiff.cli import main
from wtdiff.duties import compare_duties, load_vocabulary
from wtdiff.duties.audience import comparison_for
from wtdiff.duties.diff import KINDS
from wtdiff.report import FORMATS, render
from wtdiff.report.duties import duties_part, strength_lines

from .test_duties import NEW, OLD, doc, para

MODALS = ("must", "should", "may")


def _duties_section(page: str) -> lxml_html.HtmlElement:
    tree = lxml_html.fromstring(page)
    found = tree.xpath('//section[h2[@id="duties"]]')
    assert len(found) == 1, "the change log has one Duties part"
    return tree, found[0]


def test_the_change_log_has_a_duties_part_grouped_by_actor_then_kind() -> None:
    page = compare(OLD, NEW).to_html()
    tree, part = _duties_section(page)
    actors = [h.text_content().split()[0] for h in part.xpath("h3")]
    assert actors[0] == "Schools"  # the actor with most changes first
    police = part.xpath('h3[starts-with(@id, "duties-police")]')[0]
    kind = police.getnext()
    assert kind.tag == "p" and kind.text_content().startswith("Strengthened")
    line = kind.getnext().xpath("li")[0].text_content()
    assert line.startswith("may → must — paragraph 4")
    assert "(also reworded)" in line
    assert "The police [deleted: may][inserted: must] attend the meeting [inserted: in person]." in line
    # the rewording is redlined as in the change log itself
    assert [e.text_content() for e in kind.getnext().xpath(".//ins")] == ["[inserted: must]", "[inserted: in person]"]
    text = part.text_content()
    for title in ("Strengthened", "Weakened", "Given to another actor", "Added", "Removed"):
        assert title in text
    assert "was: practitioners; now: designated safeguarding lead" in text


def test_each_duty_change_links_to_the_entry_of_its_block_and_gives_both_places() -> None:
    old = doc(para("p1", "Schools should keep a record of every concern.", "1"),
              para("p2", "The board should meet every quarter.", "2"),
              para("p3", "Local authorities should publish the threshold document every year.", "3"))
    new = doc(para("p2", "The board should meet every quarter.", "1"),
              para("p3", "Local authorities must publish the threshold document every year.", "2"),
              para("p1", "Schools should keep a record of every concern.", "3"))
    page = compare(old, new).to_html()
    tree, part = _duties_section(page)
    ids = set(tree.xpath("//@id"))
    links = part.xpath(".//a/@href")
    assert links and all(h.startswith("#") and h[1:] in ids for h in links)
    strengthened = part.xpath('.//ul[@data-kind="strengthened"]/li')[0].text_content()
    assert "should → must — old edition: paragraph 3; new edition: paragraph 2" in strengthened
    href = part.xpath('.//ul[@data-kind="strengthened"]//a/@href')[0]
    change = tree.xpath(f'//*[@id="{href[1:]}"]')[0]
    assert "[deleted: should][inserted: must] publish the threshold document" in change.text_content()


def test_a_change_log_without_duty_changes_says_so() -> None:
    same = doc(para("p1", "Schools should keep a record of every concern.", "1"))
    tree, part = _duties_section(compare(same, same).to_html())
    assert "No duty changed." in part.text_content()
    assert "1 duty in the old edition, 1 in the new; 0 duties changed, 1 unchanged" in \
        " ".join(part.text_content().split())


_ACTORS = ("Schools", "Local authorities", "The police", "Health practitioners", "Safeguarding partners")
_ACTIONS = ("keep a record of every referral", "publish the local threshold document",
            "attend the strategy discussion", "share information with the designated safeguarding lead",
            "review the arrangements each year")


@st.composite
def _pair(draw: st.DrawFn) -> tuple[object, object, list[tuple[str, str, str]]]:
    """Two editions of a few duty paragraphs; some modals changed (the truth returned)."""
    n = draw(st.integers(min_value=1, max_value=5))
    olds, news, truth = [], [], []
    for k in range(n):
        actor, action = _ACTORS[k], _ACTIONS[draw(st.integers(0, len(_ACTIONS) - 1))]
        a, b = draw(st.sampled_from(MODALS)), draw(st.sampled_from(MODALS))
        olds.append(para(f"p{k}", f"{actor} {a} {action}.", str(k + 1)))
        news.append(para(f"p{k}", f"{actor} {b} {action}.", str(k + 1)))
        if a != b:
            truth.append((str(k + 1), a, b))
    return doc(*olds), doc(*news), truth


@settings(max_examples=25, deadline=None)
@given(_pair())
def test_every_modal_change_is_in_the_duties_part_and_every_link_resolves(pair) -> None:
    old, new, truth = pair
    page = compare(old, new).to_html()
    tree, part = _duties_section(page)
    ids = set(tree.xpath("//@id"))
    assert all(h[1:] in ids for h in part.xpath(".//a/@href"))
    lines = [" ".join(li.text_content().split()) for li in part.xpath(".//li")]
    for number, a, b in truth:
        assert any(x.startswith(f"{a} → {b} — paragraph {number}") for x in lines), (number, a, b, lines)
    assert len(lines) == len(truth)
    assert compare(old, new).to_html() == page  # same inputs, same bytes


# --- the list of amendments ------------------------------------------------------------------

def test_the_amendments_name_each_duty_strengthened_or_weakened_by_actor() -> None:
    lines = [str(x) for x in strength_lines(compare(OLD, NEW))]
    assert lines == ["Paragraph 1: schools and colleges must now (was: should) "
                     "keep a record of every concern",
                     "Paragraph 2: local authority may now (was: should) reply within one working day",
                     "Paragraph 4: police must now (was: may) attend the meeting in person"]
    text = compare(OLD, NEW).to_amendments()
    part = text[text.index("## Duties strengthened or weakened"):]
    assert "- Paragraph 1: schools and colleges must now (was: should) keep a record" in part
    assert part.index("Paragraph 1:") < part.index("Paragraph 2:") < part.index("Paragraph 4:")


def test_a_strengthened_duty_with_no_actor_named_is_quoted() -> None:
    old = doc(para("p1", "A written record should be kept of every decision.", "7"))
    new = doc(para("p1", "A written record must be kept of every decision.", "7"))
    line, = strength_lines(compare(old, new))
    assert str(line) == "Paragraph 7: “A written record must be kept of every decision.” — now must (was: should)"


def test_amendments_without_duties_strengthened_or_weakened_have_no_such_part() -> None:
    old = doc(para("p1", "Schools should keep a record.", "1"))
    new = doc(para("p1", "Schools should keep a written record.", "1"))
    assert "Duties strengthened or weakened" not in compare(old, new).to_amendments()


# --- one audience, every format --------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_compare_for_an_audience_narrows_every_format(fmt: str) -> None:
    whole = compare(OLD, NEW)
    police = comparison_for(whole, "police")
    text, every = render(police, fmt), render(whole, fmt)
    assert text != every
    assert "schools must now" not in text.lower()
    assert render(comparison_for(whole, "police"), fmt) == text


def test_compare_for_an_audience_narrows_the_word_document() -> None:
    from wtdiff.report import render_bytes

    whole = compare(OLD, NEW)
    police = comparison_for(whole, "police")
    assert render_bytes(police, "docx") != render_bytes(whole, "docx")


def test_the_duties_part_for_an_audience_lists_only_its_changes() -> None:
    police = comparison_for(compare(OLD, NEW), "police")
    part = duties_part(police, [c.id for c in police.changes])
    assert part.audience == "The police"
    actors = [a for a, _, _ in part.actors]
    assert "police" in actors and "schools-and-colleges" not in actors and "local-authority" not in actors
    assert [str(x) for x in strength_lines(police)] == [
        "Paragraph 4: police must now (was: may) attend the meeting in person"]
    page = police.to_html()
    assert "that concern the police" in page


def test_the_duties_part_for_an_audience_pairs_duties_along_the_whole_alignment() -> None:
    """Leaving out another audience's paragraphs does not make a moved duty look added."""
    a, b = parse("specimen-a"), parse("specimen-b")
    vocab = load_vocabulary()
    whole = compare_duties(a, b, vocab)
    for audience in ("schools", "police", "health"):
        chosen = comparison_for(compare(a, b), audience, vocab).duties
        assert chosen is not None
        assert {(c.kind, c.old.id if c.old else None, c.new.id if c.new else None) for c in chosen.changes} <= \
            {(c.kind, c.old.id if c.old else None, c.new.id if c.new else None) for c in whole.changes}


def test_compare_for_on_the_command_line_reaches_every_format(tmp_path: Path) -> None:
    runner = CliRunner()
    for fmt in ("md", "json", "csv", "html", "amendments", "table"):
        whole = runner.invoke(main, ["compare", "specimen-a", "specimen-b", "-f", fmt])
        police = runner.invoke(main, ["compare", "specimen-a", "specimen-b", "-f", fmt, "--for", "police"])
        assert whole.exit_code == police.exit_code == 0, police.output
        assert len(police.stdout) < len(whole.stdout), fmt
    out = tmp_path / "changes.docx"
    done = runner.invoke(main, ["compare", "specimen-a", "specimen-b", "--for", "police", "-o", str(out)])
    assert done.exit_code == 0 and out.stat().st_size > 0


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "json"])
def test_duties_for_an_audience_keeps_only_its_duties_for_one_edition_and_two(fmt: str) -> None:
    runner = CliRunner()
    for args in (["specimen-b"], ["specimen-a", "specimen-b"]):
        whole = runner.invoke(main, ["duties", *args, "-f", fmt])
        police = runner.invoke(main, ["duties", *args, "-f", fmt, "--for", "police"])
        assert whole.exit_code == police.exit_code == 0
        assert len(police.stdout) < len(whole.stdout)
    one = json.loads(runner.invoke(main, ["duties", "specimen-b", "-f", "json", "--for", "police"]).stdout)
    assert one["audience"] == "police" and one["duties"]
    rows = list(csv.DictReader(io.StringIO(
        runner.invoke(main, ["duties", "specimen-a", "specimen-b", "-f", "csv", "--for", "police"]).stdout
        .lstrip("\ufeff"))))
    assert rows and all(r["kind"] in KINDS for r in rows)


def test_the_amendments_part_quotes_nothing_unescaped() -> None:
    old = doc(para("p1", "Schools should check *every* <b>record</b>.", "1"))
    new = doc(para("p1", "Schools must check *every* <b>record</b>.", "1"))
    text = compare(old, new).to_amendments()
    line = next(x for x in text.splitlines() if x.startswith("- Paragraph 1: schools"))
    assert re.search(r"\\\*every\\\* \\<b\\>record\\</b\\>", line), line
