"""The HTML report as markup: self-contained, allowed only what it inlines, escaped, in order.

What it does in a browser is tested in ``test_browser.py``.
"""

from __future__ import annotations

import base64
import hashlib
import re
from itertools import pairwise
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from lxml import html as lxml_html

import wtdiff
from wtdiff.report import html as report_html
from wtdiff.report.site import render_site, write_site
from wtdiff.report.view import view

from .helpers import compare_md

ASSETS = Path(report_html.__file__).parent / "assets"

#: a document trying everything: markup, handlers, script URLs, a closing style tag, in
#: the title, the headings (which reach the SVG charts), the paragraphs and the terms
HOSTILE_OLD = """# Title </title><script>window.pwned=1</script>

## Chapter 1: Safe <b onmouseover="window.pwned=2">chapter</b>

1. Safe text about the Clinical Commissioning Group and its duties.

2. The Clinical Commissioning Group should act.

3. Another paragraph that stays.
"""
HOSTILE_NEW = """# Title </title><script>window.pwned=1</script>

## Chapter 1: Safe <svg onload="window.pwned=3"> </style><style>*{x:1}</style>

1. Safe text about the Integrated Care Board and its duties <script>window.pwned=4</script>
<img src=x onerror="window.pwned=5"> [click](javascript:window.pwned=6) <a href="javascript:alert(1)">a</a>.

2. The Integrated Care Board must act. <iframe src="https://example.org/"></iframe>

3. Another paragraph that stays.
"""


@pytest.fixture(scope="module")
def specimen() -> wtdiff.Comparison:
    return wtdiff.compare("specimen-a", "specimen-b")


@pytest.fixture(scope="module")
def page(specimen) -> str:
    return specimen.to_html()


@pytest.fixture(scope="module")
def hostile() -> wtdiff.Comparison:
    return compare_md(HOSTILE_OLD, HOSTILE_NEW)


def sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def check_page(text: str, *, pages: set[str] = frozenset()) -> lxml_html.HtmlElement:
    """The checks every page of a report passes; returns the parsed page."""
    tree = lxml_html.document_fromstring(text)
    assert text.startswith("<!DOCTYPE html>")
    assert tree.get("lang") == "en"
    # The policy is the first thing in <head> after the charset and viewport, and allows
    # exactly the one inline style sheet and the one inline script, by hash.
    metas = tree.xpath("//meta[@http-equiv='Content-Security-Policy']")
    assert len(metas) == 1
    policy = dict(part.strip().split(" ", 1) for part in metas[0].get("content").split(";"))
    styles, scripts = tree.xpath("//style"), tree.xpath("//script")
    assert len(styles) == 1 and len(scripts) == 1
    assert policy == {
        "default-src": "'none'",
        "style-src": f"'{sha256(styles[0].text)}'",
        "script-src": f"'{sha256(scripts[0].text)}'",
        "base-uri": "'none'",
        "form-action": "'none'",
    }
    assert scripts[0].getparent().tag == "body" and not scripts[0].get("src")
    # Nothing is fetched: no element that loads, no address that leaves the page or the site.
    assert not tree.xpath("//link | //img | //iframe | //object | //embed | //video | //audio | //source | //base")
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on"), (el.tag, name)
            assert name.lower() != "style", el.tag
            if name in ("href", "src", "action", "formaction", "xlink:href"):
                parts = urlsplit(value)
                assert not parts.scheme and not parts.netloc, value
                assert not parts.path or parts.path in pages, value
    assert re.findall(r"url\((?!#)[^)]*\)", styles[0].text) == []
    assert "@import" not in styles[0].text and "@font-face" not in styles[0].text
    # Headings in order: one h1 first, and no level skipped on the way down.
    levels = [int(h.tag[1]) for h in tree.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in pairwise(levels)), levels
    # Every id is unique; every in-page link has a target.
    ids = [el.get("id") for el in tree.iter() if isinstance(el.tag, str) and el.get("id")]
    assert len(ids) == len(set(ids))
    for el in tree.iter("a"):
        href = el.get("href", "")
        if href.startswith("#"):
            assert href[1:] in ids, href
    return tree


def test_specimen_report_is_one_self_contained_page(page):
    tree = check_page(page)
    assert tree.xpath("//main[@id='main-content']") and tree.xpath("//a[@href='#main-content']")
    assert len(page.encode()) < 350_000, len(page.encode())


def test_the_policy_hashes_follow_the_assets(page):
    a = report_html.assets()
    assert f"style-src '{sha256(a.css)}'" in page and f"script-src '{sha256(a.js)}'" in page
    assert f"<style>{a.css}</style>" in page and f"<script>{a.js}</script>" in page


def test_every_change_is_listed_with_a_permalink_and_filter_data(specimen, page):
    tree = lxml_html.document_fromstring(page)
    v = view(specimen)
    entries = [e for g in v.groups for e in g.entries]
    articles = tree.xpath("//article[contains(@class, 'wt-change')]")
    assert [a.get("id") for a in articles] == [f"change-{e.change.id}" for e in entries]
    for a, e in zip(articles, entries):
        assert a.xpath(f".//a[@href='#change-{e.change.id}']"), a.get("id")
        assert a.get("data-types").split() == report_html.types(e.change)
        assert a.get("data-old").startswith("Old edition") and a.get("data-new").startswith("New edition")
        assert a.get("hidden") is None  # without the script, everything shows
        assert a.xpath(".//p[@class='wt-text']")


def test_redlines_mark_insertions_and_deletions_without_colour(page):
    tree = lxml_html.document_fromstring(page)
    marks = tree.xpath("//article//ins | //article//del")
    assert marks
    for m in marks:
        hidden = m.xpath("./span[@class='vh']/text()")
        assert hidden[0] == ("[inserted: " if m.tag == "ins" else "[deleted: ") and hidden[-1] == "]"
    css = report_html.assets().css
    assert re.search(r"\bins\{[^}]*text-decoration:underline", css)
    assert re.search(r"\bdel\{[^}]*text-decoration:line-through", css)


def test_summary_chart_and_map_are_inline_svg_with_text_alternatives(specimen, page):
    tree = lxml_html.document_fromstring(page)
    v = view(specimen)
    chart, = tree.xpath("//svg[contains(@class, 'wt-chart')]")
    assert chart.get("role") == "img" and chart.xpath("./title") and chart.xpath("./desc")
    assert len(chart.xpath(".//g[@class='wt-chart__row']")) == len(v.chapters)
    rows = tree.xpath("//table[contains(@class, 'wt-chapters')]/tbody/tr")
    assert len(rows) == len(v.chapters)
    smap, = tree.xpath("//svg[contains(@class, 'wt-map')]")
    assert smap.get("role") == "img" and smap.xpath("./title") and smap.xpath("./desc")
    assert len(smap.xpath(".//path[contains(@class, 'wt-map__ribbon--moved')]")) >= 1
    # The reordered chapter is told in words, not only drawn.
    assert "was Chapter 4" in page
    assert len(tree.xpath("//table[contains(@class, 'wt-headings')]/tbody/tr")) == len(v.sections)
    text = tree.text_content()
    assert "89 changes to read in 8 chapters" in " ".join(text.split())


def test_controls_wait_for_the_script(page):
    tree = lxml_html.document_fromstring(page)
    for el in tree.xpath("//*[@data-wt-js]"):
        assert el.get("hidden") is not None, el.get("id")
    # Every control has a label.
    for control in tree.xpath("//input | //select"):
        assert tree.xpath(f"//label[@for='{control.get('id')}']"), control.get("id")


def test_hostile_documents_cannot_add_markup_or_script(hostile):
    for text in [hostile.to_html(), *render_site(hostile).values()]:
        tree = check_page(text, pages=set(render_site(hostile)))
        assert "<script>window" not in text and "javascript:" not in text and "<iframe" not in text
        assert "&lt;script&gt;window.pwned=4&lt;/script&gt;" in text or "window.pwned=4" not in text
        assert "pwned" not in " ".join(tree.xpath("//script/text()"))
        assert tree.xpath("//style")[0].text == report_html.assets().css
        # The policy would stop a script that got in anyway: no 'unsafe-inline' anywhere.
        assert "unsafe" not in tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]


def test_output_is_deterministic(specimen):
    again = wtdiff.compare("specimen-a", "specimen-b")
    assert again.to_html() == specimen.to_html()
    assert render_site(again) == render_site(specimen)


def test_site_has_an_index_and_a_page_per_chapter_all_linked(specimen, tmp_path):
    written = write_site(specimen, tmp_path / "site")
    names = [p.name for p in written]
    v = view(specimen)
    assert names[0] == "index.html" and len(names) == 1 + len(v.groups)
    pages = set(names)
    trees = {p.name: check_page(p.read_text("utf-8"), pages=pages) for p in written}
    ids = {name: {el.get("id") for el in t.iter() if isinstance(el.tag, str) and el.get("id")}
           for name, t in trees.items()}
    for name, tree in trees.items():
        for href in tree.xpath("//a/@href"):
            target, _, fragment = href.partition("#")
            assert (target or name) in pages, href
            if fragment:
                assert fragment in ids[target or name], (name, href)
    # Each chapter page holds exactly that chapter's changes, and links to its neighbours.
    for k, (g, name) in enumerate(zip(v.groups, names[1:])):
        tree = trees[name]
        assert tree.xpath("//h1")[0].text_content().strip() == g.title
        assert [a.get("id") for a in tree.xpath("//article")] == [f"change-{e.change.id}" for e in g.entries]
        assert bool(tree.xpath("//a[@rel='prev']")) == (k > 0)
        assert bool(tree.xpath("//a[@rel='next']")) == (k < len(v.groups) - 1)
    assert not trees["index.html"].xpath("//article")


def test_no_changes_is_said_plainly():
    same = wtdiff.compare("specimen-b", "specimen-b")
    text = same.to_html()
    check_page(text)
    assert "No changes." in text and "<article" not in text
    assert list(render_site(same)) == ["index.html"]


def test_vendored_govuk_frontend_is_licensed_and_uses_no_gov_uk_font():
    css = (ASSETS / "govuk-frontend.min.css").read_text("utf-8")
    assert css.startswith("/*! govuk-frontend ") and "GDS Transport" not in css and "@font-face" not in css
    assert "url(" not in css.replace("background-image:none", "")
    licence = (ASSETS / "LICENSE-govuk-frontend.txt").read_text("utf-8")
    assert "MIT License" in licence and "Crown Copyright" in licence


def test_a_site_that_cannot_be_written_says_so(specimen, tmp_path):
    from wtdiff.errors import OutputError

    blocker = tmp_path / "taken"
    blocker.write_text("a file, not a folder")
    with pytest.raises(OutputError, match="cannot make the folder"):
        write_site(specimen, blocker / "site")
