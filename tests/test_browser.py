"""The HTML report in a real browser: headless Chromium (Debian's ``chromium``) driven by Playwright.

No browser is downloaded (no ``playwright install``): Playwright drives the
system Chromium through ``executable_path``. Each launch gets a fresh, empty
profile (Playwright makes one per launch), and the flags keep Chromium from
reaching for the network. The tests are skipped, with the reason, only where
Playwright or Chromium is not installed — and never in CI (``CI`` set), where
that is a failure, since CI installs both.

Screenshots and a PDF go to ``test-artifacts/`` (git-ignored) for people to look at.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import wtdiff
from wtdiff.report.html import filter_categories, is_editorial, types
from wtdiff.report.site import write_site
from wtdiff.report.view import view

from .helpers import compare_md
from .test_html_report import HOSTILE_NEW, HOSTILE_OLD

CHROMIUM = Path(os.environ.get("WTDIFF_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium")
#: as the machine notes say Chromium must run here: headless, as root without the sandbox,
#: and with the background services that would try the network turned off
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def _unavailable() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install playwright; no browser download is needed)"
    if not CHROMIUM.is_file():
        return f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    reason = _unavailable()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"the browser tests must run in CI, but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


class Opened:
    """A page with everything it said and asked for recorded."""

    def __init__(self, browser: Any, url: str, **context: Any) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 1000}, **context)
        self.page = self.context.new_page()
        self.console: list[str] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(url)

    def quiet(self) -> None:
        """No console message, no error, no dialog, and no request beyond the file itself."""
        assert self.console == [] and self.errors == [] and self.dialogs == []
        assert all(u.startswith(("file:", "data:", "about:")) for u in self.requests), self.requests

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="module")
def specimen() -> wtdiff.Comparison:
    return wtdiff.compare("specimen-a", "specimen-b")


@pytest.fixture(scope="module")
def report(specimen, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("report") / "changes.html"
    path.write_text(specimen.to_html(), "utf-8")
    return path


@pytest.fixture
def opened(browser, report) -> Iterator[Opened]:
    o = Opened(browser, report.as_uri())
    yield o
    o.close()


def shown(page: Any) -> list[str]:
    """The ids of the changes on view."""
    return page.eval_on_selector_all("article.wt-change:not([hidden])", "els => els.map(e => e.id)")


def artifact(name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name


def test_report_opens_quietly_and_is_screenshotted(opened, specimen):
    page = opened.page
    v = view(specimen)
    entries = [e for g in v.groups for e in g.entries]
    assert len(shown(page)) == len(entries)
    assert page.is_visible("#wt-navigator") and page.is_visible("#filters")
    assert page.text_content("#wt-status") == f"Showing all {len(entries)} changes."
    # The summary, the chart and the first redline, in one picture from the top of the page.
    first = page.locator("article.wt-change").first.bounding_box()
    page.screenshot(path=artifact("specimen-report.png"), full_page=True,
                    clip={"x": 0, "y": 0, "width": 1280, "height": first["y"] + first["height"] + 20})
    page.screenshot(path=artifact("specimen-report-first-screen.png"))
    opened.quiet()


def test_next_and_previous_move_through_the_changes(opened):
    page = opened.page
    ids = shown(page)
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.id") == ids[0]
    assert page.evaluate("location.hash") == f"#{ids[0]}"
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.id") == ids[1]
    assert page.text_content("#wt-position") == f"Change 2 of {len(ids)}"
    page.keyboard.press("k")
    assert page.evaluate("document.activeElement.id") == ids[0]
    page.click("#wt-next")
    page.click("#wt-next")
    assert page.evaluate("document.activeElement.id") == ids[2]
    top = page.evaluate("document.activeElement.getBoundingClientRect().top")
    assert 0 <= top < 60  # brought to the top of the screen
    page.click("#wt-prev")
    assert page.evaluate("document.activeElement.id") == ids[1]
    # The focused change is plainly marked (GOV.UK's yellow and black).
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineColor")
    assert outline == "rgb(255, 221, 0)"
    # Shortcuts can be turned off (WCAG 2.1.4), and never fire while typing in a control.
    page.uncheck("#wt-keys")
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement === document.body")
    opened.quiet()


def test_filters_choose_what_is_shown(opened, specimen):
    page = opened.page
    entries = [e.change for g in view(specimen).groups for e in g.entries]
    total = len(entries)
    # Only additions.
    for box in page.query_selector_all('input[name="wt-type"]'):
        if box.get_attribute("value") != "added":
            box.uncheck()
    added = [f"change-{c.id}" for c in entries if "added" in types(c)]
    assert shown(page) == added
    assert page.text_content("#wt-status") == f"Showing {len(added)} of {total} changes."
    # Chapters with nothing left on view are hidden, and their count in the contents says 0.
    hidden_groups = page.eval_on_selector_all("section.wt-group[hidden]", "els => els.length")
    assert hidden_groups == sum(1 for g in view(specimen).groups
                                if not any("added" in types(e.change) for e in g.entries))
    page.click("#wt-reset")
    assert len(shown(page)) == total
    # One category.
    for box in page.query_selector_all('input[name="wt-cat"]'):
        if box.get_attribute("value") != "obligation":
            box.uncheck()
    expected = [f"change-{c.id}" for c in entries
                if ("obligation" in filter_categories(c)) or is_editorial(c)]
    assert shown(page) == expected
    page.click("#wt-reset")
    # Hide editorial changes.
    page.check("#wt-hide-editorial")
    assert shown(page) == [f"change-{c.id}" for c in entries if not is_editorial(c)]
    page.click("#wt-reset")
    # One chapter.
    group = view(specimen).groups[2]
    page.select_option("#wt-chapter", group.anchor)
    assert shown(page) == [f"change-{e.change.id}" for e in group.entries]
    assert page.text_content(f'[data-count-for="{group.anchor}"]') == str(len(group.entries))
    # Next/previous keep to what is shown.
    page.evaluate("window.scrollTo(0, 0); document.activeElement.blur()")
    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.id") == f"change-{group.entries[0].change.id}"
    page.click("#wt-reset")
    assert len(shown(page)) == total
    opened.quiet()


def test_side_by_side_shows_old_left_and_new_right(opened, specimen):
    page = opened.page
    first = page.locator("article.wt-change--modified").first
    assert first.locator(".wt-sbs").count() == 0
    page.check("#wt-view-sbs")
    assert not first.locator("> .wt-text").is_visible()
    old, new = first.locator(".wt-sbs__col--old"), first.locator(".wt-sbs__col--new")
    assert old.is_visible() and new.is_visible()
    assert old.locator("del").count() > 0 and old.locator("ins").count() == 0
    assert new.locator("ins").count() > 0 and new.locator("del").count() == 0
    assert old.bounding_box()["x"] < new.bounding_box()["x"]
    assert old.locator(".wt-sbs__label").text_content().startswith("Old edition: paragraph")
    # The text of each column is exactly that edition's text.
    change = next(e.change for g in view(specimen).groups for e in g.entries if e.change.status == "modified")
    def words(locator: Any) -> str:
        text = locator.evaluate("e => { const c = e.cloneNode(true); c.querySelectorAll('.vh').forEach("
                                "n => n.remove()); return c.textContent; }")
        return " ".join(text.split())
    assert words(old.locator(".wt-text")) == " ".join(change.old_text.split())
    assert words(new.locator(".wt-text")) == " ".join(change.new_text.split())
    added = page.locator("article.wt-change--added").first
    assert added.locator(".wt-sbs__col--old .wt-sbs__none").text_content() == "Not in the old edition."
    first.evaluate("e => e.scrollIntoView()")
    page.mouse.move(0, 0)
    page.screenshot(path=artifact("specimen-report-side-by-side.png"))
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("v")
    assert first.locator("> .wt-text").is_visible() and not old.is_visible()
    assert page.is_checked("#wt-view-inline")
    opened.quiet()


def test_a_permalink_opens_at_its_change(browser, report, specimen):
    entries = [e.change for g in view(specimen).groups for e in g.entries]
    target = entries[10]
    o = Opened(browser, f"{report.as_uri()}#change-{target.id}")
    try:
        box = o.page.locator(f"[id=\"change-{target.id}\"]").bounding_box()
        assert 0 <= box["y"] < 60
        assert o.page.text_content("#wt-position") == f"Change 11 of {len(entries)}"
        o.page.keyboard.press("j")
        assert o.page.evaluate("document.activeElement.id") == f"change-{entries[11].id}"
        o.quiet()
    finally:
        o.close()


def test_without_javascript_everything_is_shown(browser, report, specimen):
    o = Opened(browser, report.as_uri(), java_script_enabled=False)
    try:
        total = sum(len(g.entries) for g in view(specimen).groups)
        assert o.page.locator("article.wt-change").count() == total
        assert all(o.page.locator("article.wt-change").nth(k).is_visible() for k in (0, total // 2, total - 1))
        assert not o.page.is_visible("#filters") and not o.page.is_visible("#wt-navigator")
        assert o.page.is_visible("svg.wt-chart") and o.page.is_visible("svg.wt-map")
        o.quiet()
    finally:
        o.close()


def test_a_hostile_document_cannot_run_code(browser, tmp_path):
    c = compare_md(HOSTILE_OLD, HOSTILE_NEW)
    path = tmp_path / "hostile.html"
    path.write_text(c.to_html(), "utf-8")
    o = Opened(browser, path.as_uri())
    try:
        page = o.page
        page.hover("article.wt-change")
        page.check("#wt-view-sbs")  # the side-by-side columns are clones of the escaped text
        for link in page.query_selector_all("article a"):
            link.click()
        assert page.evaluate("window.pwned") is None
        assert page.locator("article script, article img, article iframe, article svg").count() == 0
        assert "<script>window.pwned=4</script>" in page.inner_text("main")
        o.quiet()  # not even a blocked attempt: nothing got as far as the policy
    finally:
        o.close()


def test_accessibility_checks_pass(opened):
    """axe-core's WCAG 2.2 A and AA rules, in both views."""
    try:
        from axe_playwright_python.base import AXE_SCRIPT
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("axe-playwright-python (which ships axe-core) must be installed in CI")
        pytest.skip("axe-playwright-python (which ships axe-core) is not installed")
    page = opened.page
    page.evaluate(AXE_SCRIPT)  # evaluated by the test driver: the report's policy still allows no script
    options = {"runOnly": {"type": "tag", "values": WCAG}, "resultTypes": ["violations"]}
    for view_id in ("#wt-view-inline", "#wt-view-sbs"):
        page.check(view_id)
        result = page.evaluate("options => axe.run(document, options)", options)
        problems = [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
        assert problems == [], problems


def test_keyboard_users_can_reach_and_see_everything(opened):
    page = opened.page
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    assert page.is_visible(".govuk-skip-link")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.tagName + ' ' + document.activeElement.className")
    assert focused.startswith(("A ", "BUTTON ", "INPUT ")), focused
    # Links show GOV.UK's focus state: yellow behind, a black bar beneath.
    page.focus(".wt-contents a")
    style = page.evaluate("(s => [s.backgroundColor, s.boxShadow])(getComputedStyle(document.activeElement))")
    assert style[0] == "rgb(255, 221, 0)" and "rgb(11, 12, 12)" in style[1]


def test_prints_on_a4_without_the_controls(opened):
    page = opened.page
    page.emulate_media(media="print")
    assert not page.is_visible(".wt-sidebar") and not page.is_visible("#filters")
    assert not page.is_visible(".wt-permalink")
    assert page.locator("article.wt-change").first.is_visible()
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF")
    artifact("specimen-report.pdf").write_bytes(pdf)
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    assert 10 <= pages <= 60, pages


def test_site_pages_work_the_same(browser, specimen, tmp_path):
    files = write_site(specimen, tmp_path / "site")
    o = Opened(browser, files[0].as_uri())
    try:
        with o.page.expect_navigation(wait_until="load"):
            o.page.click(f'a[href="{files[3].name}"] >> nth=0')
        assert o.page.url.endswith(files[3].name)
        o.page.wait_for_selector("#wt-navigator:not([hidden])")
        o.page.keyboard.press("j")
        assert o.page.evaluate("document.activeElement.tagName") == "ARTICLE"
        with o.page.expect_navigation(wait_until="load"):
            o.page.click("a[rel=next]")
        assert o.page.url.endswith(files[4].name)
        o.page.screenshot(path=artifact("specimen-site-chapter.png"))
        o.quiet()
    finally:
        o.close()
