"""How fast wtdiff compares editions, how it scales, and how it stands against other differs.

Run on demand (not part of the test suite; timings on a shared machine are noisy, so each
figure is the best of --repeat runs):

    python benchmarks/bench_align.py [--sizes 1,2,4,8] [--repeat 3] [--timeout 120] [--others-at 1]

For each size N the evaluation generator (:mod:`wtdiff.eval`) writes a base edition of about
N × 60,000 words and revises it with the heavy edit profile (about 10 % of blocks moved, 5 %
split or merged, 10 % inserted, 10 % deleted, 20 % reworded, 3 document-wide term
replacements, chapters reordered and renamed); both editions are written as Markdown and
parsed. The time measured is what the issue asks for: from the two parsed trees to the JSON
report, ``wtdiff.compare(old, new).to_json()`` — alignment, word diffs, term mining,
categories, JSON. Peak memory is that step's peak of Python allocations (tracemalloc).

At the sizes in --others-at, the same two editions, as plain text, go to other differs, each
in a subprocess with a time limit (a limit hit is shown as ``>LIMIT``):

* difflib.SequenceMatcher over paragraph lines (autojunk off): a line diff — no moves,
  no word-level changes;
* difflib.SequenceMatcher over the word tokens of each whole edition (autojunk off): a
  whole-document word diff;
* difflib.HtmlDiff().make_file over paragraph lines: the standard library's side-by-side report;
* redlines (PyPI, ``Redlines(old, new).output_markdown``): a word-level redline;
* ``git diff --no-index --word-diff=porcelain``.

"ratio" is wtdiff's time divided by the other tool's (below 1: wtdiff is faster). The
"align" columns time :func:`wtdiff.align.align` alone, the step this benchmark is about.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from timing import best  # benchmarks/timing.py, beside this script

import wtdiff
from wtdiff.align import align
from wtdiff.eval import PROFILES
from wtdiff.eval.edits import revise
from wtdiff.eval.generate import generate, to_document
from wtdiff.eval.render import round_trip, to_text
from wtdiff.model import Document

WORDS_1X = 60_000
BLOCKS_1X = 1_000
#: the same three term replacements at every size, so that every size has the same share of
#: modified blocks (the edit profile would otherwise draw them, and some terms are commoner)
TERMS = [("Youth Offending Teams", "youth justice services"), ("early help assessment", "family help assessment"),
         ("independent scrutineer", "independent reviewer of the arrangements")]

# Each other tool runs as ``python -c CODE OLD NEW`` and prints the seconds its work took.
_OTHERS: dict[str, str] = {
    "difflib lines": """
import difflib, sys, time
a, b = (open(p, encoding="utf-8").read().splitlines() for p in sys.argv[1:3])
t = time.perf_counter()
difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
print(time.perf_counter() - t)
""",
    "difflib words": """
import difflib, re, sys, time
a, b = (re.findall(r"\\w+|[^\\w\\s]", open(p, encoding="utf-8").read()) for p in sys.argv[1:3])
t = time.perf_counter()
difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
print(time.perf_counter() - t)
""",
    "difflib HtmlDiff": """
import difflib, sys, time
a, b = (open(p, encoding="utf-8").read().splitlines() for p in sys.argv[1:3])
t = time.perf_counter()
difflib.HtmlDiff().make_file(a, b)
print(time.perf_counter() - t)
""",
    "redlines": """
import sys, time
from redlines import Redlines
a, b = (open(p, encoding="utf-8").read() for p in sys.argv[1:3])
t = time.perf_counter()
Redlines(a, b).output_markdown
print(time.perf_counter() - t)
""",
}


def make_pair(size: int, seed: int) -> tuple[Document, Document, str, str]:
    """Two parsed editions of about ``size`` × 60,000 words, and their plain text."""
    base = generate(seed, words=WORDS_1X * size, blocks=BLOCKS_1X * size)
    rev = revise(base, PROFILES["heavy"], seed, terms=TERMS)
    old_doc, _ = to_document(rev.old, source="old.md")
    new_doc, _ = to_document(rev.new, source="new.md")
    old = round_trip(old_doc, "markdown", source="old.md").parsed
    new = round_trip(new_doc, "markdown", source="new.md").parsed
    return old, new, to_text(old_doc), to_text(new_doc)


def peak_mib(fn: Callable[[], object]) -> float:
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def run_other(name: str, old_path: Path, new_path: Path, timeout: float) -> float | None:
    """Seconds the tool took (best effort), or None when it hit the time limit."""
    if name == "git diff --word-diff":
        if not shutil.which("git"):
            return float("nan")
        t0 = time.perf_counter()
        try:
            subprocess.run(["git", "diff", "--no-index", "--word-diff=porcelain", str(old_path), str(new_path)],
                           capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            return None
        return time.perf_counter() - t0
    try:
        out = subprocess.run([sys.executable, "-c", _OTHERS[name], str(old_path), str(new_path)],
                             capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return None
    if out.returncode != 0:
        return float("nan")
    return float(out.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1,2,4,8", help="multiples of 60,000 words (default 1,2,4,8)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per timing; the best is kept")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=120.0, help="time limit per other tool, seconds")
    ap.add_argument("--others-at", default="1", help="sizes at which to time the other tools ('' for none)")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    others_at = {int(s) for s in args.others_at.split(",") if s.strip()}
    print(f"wtdiff {wtdiff.__version__}, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; "
          f"best of {args.repeat} runs; heavy edit profile, seed {args.seed}")
    print("time = wtdiff.compare(old, new).to_json() on parsed trees\n")
    head = (f"{'size':>4} {'words old':>9} {'words new':>9} {'blocks':>11} {'time s':>7} {'x 1x':>6} "
            f"{'ms/10k words':>12} {'align s':>7} {'x 1x':>6} {'peak MiB':>8}")
    print(head)
    print("-" * len(head))
    rows: list[tuple[int, int, float]] = []
    align_rows: list[float] = []
    texts: dict[int, tuple[str, str]] = {}
    for size in sizes:
        old, new, old_text, new_text = make_pair(size, args.seed)
        words = sum(len(b.text.split()) for b in old.blocks())
        words_new = sum(len(b.text.split()) for b in new.blocks())
        blocks = f"{sum(1 for _ in old.blocks())}->{sum(1 for _ in new.blocks())}"
        def report(old: Document = old, new: Document = new) -> str:
            return wtdiff.compare(old, new).to_json()

        def aligned(old: Document = old, new: Document = new) -> object:
            return align(old, new)

        seconds = best(report, args.repeat)
        aligning = best(aligned, args.repeat)
        peak = peak_mib(report)
        rows.append((size, words, seconds))
        align_rows.append(aligning)
        print(f"{size:>4} {words:>9} {words_new:>9} {blocks:>11} {seconds:>7.3f} {seconds / rows[0][2]:>6.2f} "
              f"{seconds / words * 1e4 * 1e3:>12.1f} {aligning:>7.3f} {aligning / align_rows[0]:>6.2f} {peak:>8.1f}")
        if size in others_at:
            texts[size] = (old_text, new_text)
    first, last = rows[0], rows[-1]
    print()
    if first[0] == 1:
        print(f"1x ({first[1]} words): {first[2]:.3f} s — target <= 1 s: {'met' if first[2] <= 1 else 'MISSED'}")
    if len(rows) > 1:
        words_x = last[1] / first[1]
        time_x = last[2] / first[2]
        print(f"{last[0]}x vs {first[0]}x: {words_x:.1f}x the words, {time_x:.1f}x the time — "
              f"target <= {1.25 * words_x:.1f}x: {'met' if time_x <= 1.25 * words_x else 'MISSED'} "
              f"(alignment alone: {align_rows[-1] / align_rows[0]:.1f}x)")
    for size, (old_text, new_text) in texts.items():
        wt = next(s for z, _, s in rows if z == size)
        print(f"\nOther tools at {size}x, same two editions as plain text "
              f"({len(old_text.split())} and {len(new_text.split())} words), time limit {args.timeout:.0f} s:")
        print(f"{'tool':<22} {'time s':>8} {'ratio':>8}   (ratio = wtdiff {wt:.3f} s / tool)")
        with tempfile.TemporaryDirectory() as tmp:
            old_path, new_path = Path(tmp, "old.txt"), Path(tmp, "new.txt")
            old_path.write_text(old_text, "utf-8")
            new_path.write_text(new_text, "utf-8")
            for name in [*_OTHERS, "git diff --word-diff"]:
                results = [run_other(name, old_path, new_path, args.timeout)
                           for _ in range(1 if name in ("difflib words", "redlines") else args.repeat)]
                if any(r is None for r in results):
                    print(f"{name:<22} {'>' + format(args.timeout, '.0f'):>8} {'<' + format(wt / args.timeout, '.4f'):>8}")
                    continue
                t = min(r for r in results if r is not None)
                print(f"{name:<22} {t:>8.3f} {wt / t:>8.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
