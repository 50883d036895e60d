"""Time the HTML report on large editions: rendering it, and opening it in Chromium.

Run on demand (not part of the test suite; timings on a shared machine are noisy, so
each figure is the best of several runs):

    python benchmarks/bench_html.py [--size 9] [--repeat 5] [--chromium /usr/bin/chromium]

The editions are the specimen pair enlarged as in ``bench_compare.py`` (size 9 gives
two editions of about 60,000 words each). The comparison itself is made once and not
timed here. Then:

* render — ``Comparison.to_html()`` (the one-file report), and ``write_site`` (the site);
* open — in headless Chromium driven by Playwright: from ``page.goto`` until the load
  event, with the page's own navigation timing (DOM ready, load, first contentful paint);
* use — switching to side by side, applying a filter, and the next-change key.

The targets (issue 8): render in ≤ 2 s and open in ≤ 2 s.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import tempfile
import time
from pathlib import Path

import wtdiff
from wtdiff.readers import read_bytes
from wtdiff.report.site import write_site
from wtdiff.sources import specimen_path

HERE = Path(__file__).parent
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _enlarge():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bench_compare", HERE / "bench_compare.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.enlarge


def best(fn, repeat: int) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times), result


def browser_figures(path: Path, chromium: str, repeat: int) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    figures: dict[str, list[float]] = {}

    def note(name: str, value: float) -> None:
        figures.setdefault(name, []).append(value)

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS, headless=True)
        for _ in range(repeat):
            context = browser.new_context(viewport={"width": 1280, "height": 1000})
            page = context.new_page()
            t0 = time.perf_counter()
            page.goto(path.as_uri(), wait_until="load")
            note("goto → load event (s)", time.perf_counter() - t0)
            nav = page.evaluate("""() => {
                const n = performance.getEntriesByType('navigation')[0];
                const p = performance.getEntriesByType('paint').find(e => e.name === 'first-contentful-paint');
                return [n.domContentLoadedEventEnd / 1000, n.loadEventEnd / 1000, p ? p.startTime / 1000 : 0];
            }""")
            note("page: DOM ready (s)", nav[0])
            note("page: load event (s)", nav[1])
            note("page: first contentful paint (s)", nav[2])
            t0 = time.perf_counter()
            page.check("#wt-view-sbs")
            page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
            note("switch to side by side (s)", time.perf_counter() - t0)
            t0 = time.perf_counter()
            page.uncheck("#wt-type-modified")
            page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
            note("apply a filter (s)", time.perf_counter() - t0)
            page.evaluate("document.activeElement.blur()")
            t0 = time.perf_counter()
            page.keyboard.press("j")
            page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
            note("next change key (s)", time.perf_counter() - t0)
            context.close()
        browser.close()
    return {name: min(values) for name, values in figures.items()} | {
        "goto → load event, median (s)": statistics.median(figures["goto → load event (s)"])}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=9)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    args = ap.parse_args()
    enlarge = _enlarge()
    a = enlarge(specimen_path("specimen-a").read_text("utf-8"), args.size)
    b = enlarge(specimen_path("specimen-b").read_text("utf-8"), args.size)
    old = read_bytes(a.encode(), source="a.md", format="markdown")
    new = read_bytes(b.encode(), source="b.md", format="markdown")
    words = [sum(len(x.text.split()) for x in d.blocks()) for d in (old, new)]
    print(f"wtdiff {wtdiff.__version__}, Python {sys.version.split()[0]}; best of {args.repeat} runs")
    print(f"editions: {words[0]:,} and {words[1]:,} words (specimen pair × {args.size})")
    t0 = time.perf_counter()
    c = wtdiff.compare(old, new)
    print(f"compare (not part of the report's time): {time.perf_counter() - t0:.2f} s")
    listed = sum(1 for ch in c.changes if ch.is_change)
    t_html, html = best(c.to_html, args.repeat)
    size = len(str(html).encode())
    print(f"\nrender one-file report: {t_html:.3f} s, {size / 1e6:.2f} MB, {listed:,} changed records")
    with tempfile.TemporaryDirectory() as d:
        t_site, files = best(lambda: write_site(c, Path(d) / "site"), args.repeat)
        pages = list(files)  # type: ignore[call-overload]
        biggest = max(p.stat().st_size for p in pages)
        print(f"write site: {t_site:.3f} s, {len(pages)} pages, largest {biggest / 1e6:.2f} MB")
        path = Path(d) / "changes.html"
        path.write_text(str(html), "utf-8")
        try:
            figures = browser_figures(path, args.chromium, args.repeat)
        except Exception as e:  # noqa: BLE001 - a benchmark reports and goes on
            print(f"\nbrowser: not measured ({e.__class__.__name__}: {e})")
            return 0
    print("\nin Chromium (one-file report):")
    for name, value in figures.items():
        print(f"  {name:<36} {value:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
