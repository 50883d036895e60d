"""The reports: the JSON contract, determinism, and what a person sees in Markdown and HTML."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import wtdiff
from wtdiff import export
from wtdiff.report.json import schema
from wtdiff.worddiff import new_text, old_text

from . import corpus
from .helpers import compare_md, parse_md

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("WTDIFF_UPDATE_SNAPSHOTS") == "1"


@pytest.fixture(scope="module")
def specimen() -> wtdiff.Comparison:
    return wtdiff.compare("specimen-a", "specimen-b")


@pytest.fixture(scope="module")
def specimen_html() -> wtdiff.Comparison:
    """The specimen pair as GOV.UK-style HTML publications."""
    a = parse_md(export.to_html(wtdiff.parse("specimen-a")), format="html", source="a.html")
    b = parse_md(export.to_html(wtdiff.parse("specimen-b")), format="html", source="b.html")
    return wtdiff.compare(a, b)


def check_contract(data: dict) -> None:
    jsonschema.validate(data, schema())
    for rec in data["blocks"]:
        if rec["old"] and rec["new"]:
            # Joining the "=" and "-" parts gives the old text of the joined refs; "=" and "+" the new.
            assert old_text(rec["diff"]) == " ".join(r["text"] for r in rec["old"])
            assert new_text(rec["diff"]) == " ".join(r["text"] for r in rec["new"])
        if rec["status"] == "unchanged":
            assert rec["categories"] == [] and rec["similarity"] == 1
    s = data["summary"]
    assert s["moved"] == sum(r["moved"] for r in data["blocks"])
    for status in ("unchanged", "modified", "added", "deleted", "split", "merged"):
        assert s[status] == sum(r["status"] == status for r in data["blocks"])
    old_ids = [r["id"] for rec in data["blocks"] for r in rec["old"]]
    new_ids = [r["id"] for rec in data["blocks"] for r in rec["new"]]
    assert len(old_ids) == len(set(old_ids)) == s["blocks_old"]
    assert len(new_ids) == len(set(new_ids)) == s["blocks_new"]


def test_markdown_pair_json_meets_the_contract(specimen):
    check_contract(json.loads(specimen.to_json()))


def test_html_pair_json_meets_the_contract_and_agrees_with_markdown(specimen, specimen_html):
    data = json.loads(specimen_html.to_json())
    check_contract(data)
    assert data["summary"] == json.loads(specimen.to_json())["summary"]
    assert data["terms"] == json.loads(specimen.to_json())["terms"]


def test_blocks_follow_the_new_edition_with_deletions_after_their_old_predecessor(specimen):
    new_order = [b.id for ch in specimen.changes for b in ch.new]
    assert new_order == [b.id for b in specimen.new.blocks()]
    old_pos = {b.id: k for k, b in enumerate(specimen.old.blocks())}
    records = list(specimen.changes)
    for k, ch in enumerate(records):
        if ch.status != "deleted" or k == 0:
            continue
        before = old_pos[ch.old[0].id] - 1
        prev = records[k - 1]
        # The record just before is the old predecessor's (or another deletion after it).
        assert prev.old and max(old_pos[b.id] for b in prev.old) <= before


def test_json_is_byte_identical_across_runs(specimen):
    again = wtdiff.compare("specimen-a", "specimen-b")
    assert again.to_json() == specimen.to_json()
    assert again.to_html() == specimen.to_html()
    assert again.to_markdown() == specimen.to_markdown()


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(sorted(corpus.P)), min_size=1, max_size=8, unique=True),
       st.lists(st.sampled_from(sorted(corpus.P)), min_size=1, max_size=8, unique=True),
       st.sampled_from(["should", "must", "may"]))
def test_any_pair_of_editions_meets_the_contract(old_keys, new_keys, modal):
    old = corpus.render([["Chapter 1: Duties", [["Section", old_keys]]]])
    new = corpus.render([["Chapter 1: Duties", [["Section", new_keys]]]]).replace(" should ", f" {modal} ")
    check_contract(json.loads(compare_md(old, new).to_json()))


def test_self_comparison_is_empty(specimen):
    same = wtdiff.compare("specimen-b", "specimen-b")
    data = json.loads(same.to_json())
    assert {r["status"] for r in data["blocks"]} == {"unchanged"}
    assert not any(r["moved"] for r in data["blocks"]) and data["terms"] == []
    assert "No changes." in same.to_markdown()


def snapshot(name: str, text: str) -> None:
    path = SNAPSHOTS / name
    if UPDATE or not path.exists():
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, "utf-8")
        if not UPDATE:
            pytest.fail(f"snapshot {name} was missing and has been written; run the tests again")
    assert text == path.read_text("utf-8"), f"{name} changed; set WTDIFF_UPDATE_SNAPSHOTS=1 to accept"


def test_markdown_report_snapshot(specimen):
    snapshot("specimen.md", specimen.to_markdown())


def test_markdown_report_reads_like_a_briefing(specimen):
    md = specimen.to_markdown()
    assert "“Clinical Commissioning Groups” → “Integrated Care Boards” (17 places)" in md
    assert "Obligation strengthened: should → must" in md
    assert "Moved from Chapter" in md
    assert "~~" in md and "**" in md


def test_html_report_is_self_contained_accessible_and_escaped(specimen):
    html = specimen.to_html()
    assert html.startswith("<!DOCTYPE html>") and '<html lang="en">' in html
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    # The only script is the report's own, inline, and the policy allows exactly it by its hash.
    scripts = re.findall(r"<script>(.*?)</script>", html, flags=re.S)
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode() if scripts else ""
    assert len(scripts) == 1 and html.count("<script") == 1 and f"script-src 'sha256-{digest}'" in html
    # The style sheet loads nothing (it names "http://" only in GOV.UK's print rule for links).
    head = html.split("</style>")[0]
    assert "unsafe-inline" not in html and "@import" not in head and not re.search(r"url\((?!#)", head)
    assert "<del><span class=\"vh\">[deleted: </span>" in html and "<ins><span class=\"vh\">[inserted: </span>" in html
    assert "Open Government Licence" not in html  # the specimens are not Crown copyright
    assert "fictional texts written by the wtdiff project" in html
    # Headings in order: one h1, then h2 and h3 only.
    assert html.count("<h1") == 1 and "<h4" not in html


def test_hostile_text_cannot_run_in_the_html_report():
    old = "# T\n\n## Chapter 1: A\n\n1. Safe text.\n"
    new = ("# T\n\n## Chapter 1: A\n\n1. Safe text <script>alert('x')</script> "
           "<img src=x onerror=alert(1)> [click](javascript:alert(2)).\n")
    html = compare_md(old, new).to_html()
    assert "<script>alert" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "javascript:" not in html


def test_official_editions_carry_the_ogl_attribution():
    c = compare_md("# T\n\n1. One.\n", "# T\n\n1. Two.\n")
    assert "Open Government Licence v3.0" in c.to_html()
    assert "Open Government Licence v3.0" in c.to_markdown()
    assert "Open Government Licence v3.0" in json.loads(c.to_json())["attribution"]
