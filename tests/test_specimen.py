"""The bundled specimen pair against the ground truth written with it (tests/specimen_truth.toml).

The specimen exercises every kind of change real editions make; the truth file
lists each one with the paragraph numbers of both editions, and maps every
paragraph of edition A to where its text went in edition B.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

import wtdiff
from wtdiff.termrules import key_phrase

TRUTH = tomllib.loads((Path(__file__).parent / "specimen_truth.toml").read_text("utf-8"))


@pytest.fixture(scope="module")
def result() -> wtdiff.Comparison:
    return wtdiff.compare("specimen-a", "specimen-b")


def paragraph_records(result):
    """Old paragraph number -> (sorted new paragraph numbers, record)."""
    out = {}
    for ch in result.changes:
        news = sorted((b.number for b in ch.new if b.kind == "paragraph" and b.number), key=int)
        for b in ch.old:
            if b.kind == "paragraph" and b.number:
                out[b.number] = (news, ch)
    return out


def test_specimens_parse_with_every_numbered_paragraph_and_footnote():
    a, b = wtdiff.parse("specimen-a"), wtdiff.parse("specimen-b")
    summary = TRUTH["summary"]
    for doc, paras, notes in ((a, summary["paragraphs_a"], summary["footnotes_a"]),
                              (b, summary["paragraphs_b"], summary["footnotes_b"])):
        numbers = [x.number for x in doc.blocks() if x.kind == "paragraph" and x.number]
        assert numbers == [str(n) for n in range(1, paras + 1)]
        assert sum(1 for x in doc.blocks() if x.kind == "footnote") == notes
        assert all(x.kind != "footnote" or x.id.split(".fn")[0] for x in doc.blocks())


def test_every_paragraph_is_paired_with_its_true_successors(result):
    got = paragraph_records(result)
    wrong = {old: (sorted(new, key=int), got.get(old, ([], None))[0])
             for old, new in TRUTH["map"].items() if sorted(new, key=int) != got.get(old, ([], None))[0]}
    assert wrong == {}


def test_moved_paragraphs_are_exactly_the_true_ones(result):
    truth = {n for ch in TRUTH["change"] if ch["kind"] == "moved" for n in ch["old"]}
    got = {b.number for ch in result.changes if ch.moved for b in ch.old if b.kind == "paragraph"}
    assert got == truth


def test_the_reordered_chapter_is_one_moved_section(result):
    [truth] = [ch for ch in TRUTH["change"] if ch["kind"] == "chapter-moved"]
    moved = [s for s in result.sections if s.moved]
    assert [(s.old[0].title, s.new[0].title) for s in moved] == [(truth["old_title"], truth["new_title"])]


@pytest.mark.parametrize("kind, status", [("split", "split"), ("merged", "merged")])
def test_splits_and_merges(result, kind, status):
    got = paragraph_records(result)
    for ch in (c for c in TRUTH["change"] if c["kind"] == kind):
        news, record = got[ch["old"][0]]
        assert record.status == status
        assert news == sorted(ch["new"], key=int)
        assert sorted((b.number for b in record.old), key=int) == sorted(ch["old"], key=int)


def test_every_term_replacement_is_mined_once_with_its_variants(result):
    # Singular and plural of one name are one rename (issue 13): one rule, one count.
    got = {(key_phrase(t.old), key_phrase(t.new)): t for t in result.terms}
    truth: dict[tuple[tuple[str, ...], tuple[str, ...]], int] = {}
    for term in TRUTH["term"]:
        k = (key_phrase(term["old"]), key_phrase(term["new"]))
        truth[k] = truth.get(k, 0) + term["count"]
    assert {k: t.count for k, t in got.items()} == truth
    assert [(t.old, t.new, t.remaining) for t in result.terms] == [
        ("Clinical Commissioning Groups", "Integrated Care Boards", ()),
        ("designated professional", "designated practitioner", ())]


def test_obligation_changes_have_the_true_direction(result):
    got = paragraph_records(result)
    rank = {"may": 1, "should": 2, "must": 3}
    for ch in (c for c in TRUTH["change"] if c["kind"] == "obligation" and "from" in c and "to" in c):
        _, record = got[ch["old"][0]]
        assert "obligation" in record.categories
        pairs = [(o.old, o.new) for o in record.obligations]
        assert (ch["from"], ch["to"]) in pairs
        direction = "strengthened" if rank[ch["to"]] > rank[ch["from"]] else "weakened"
        assert any(o.direction == direction for o in record.obligations)


def test_editorial_only_changes_are_not_called_substantive(result):
    got = paragraph_records(result)
    for ch in (c for c in TRUTH["change"] if c["kind"] == "editorial"):
        _, record = got[ch["old"][0]]
        assert "substantive" not in record.categories, (ch, record.diff)


def test_legislation_updates_are_flagged(result):
    got = paragraph_records(result)
    flagged = []
    for ch in (c for c in TRUTH["change"] if c["kind"] == "legislation"):
        _, record = got[ch["old"][0]]
        notes_changed = any(c.status != "unchanged" and c.new and c.new[0].kind == "footnote"
                            and c.new[0].id.startswith(record.new[0].id + ".")
                            and "legislation" in c.categories for c in result.changes)
        flagged.append("legislation" in record.categories or notes_changed)
    assert all(flagged)
