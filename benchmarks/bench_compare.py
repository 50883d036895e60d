"""Time the pipeline on the specimen pair and on larger pairs made from it.

Run on demand (not part of the test suite):

    python benchmarks/bench_compare.py [--sizes 1,2,4,8] [--repeat 3]

For each size it builds an old and a new edition by repeating the specimen
pair's chapters N times (each copy's headings and paragraph numbers made
distinct), then times: reading both Markdown files, aligning and diffing
(``wtdiff.compare``), and rendering JSON. As a reference point it times
difflib's SequenceMatcher (autojunk off) on the two editions' paragraph lists
— the standard library's line-level diff, which neither finds moves nor
word-level changes — and prints wtdiff's ratio to it.
"""

from __future__ import annotations

import argparse
import difflib
import re
import statistics
import sys
import time
import tracemalloc

import wtdiff
from wtdiff.readers import read_bytes
from wtdiff.sources import specimen_path


def enlarge(text: str, times: int) -> str:
    """The specimen with its body repeated ``times`` times, numbering running on."""
    head, _, body = text.partition("\n## ")
    body = "## " + body
    out = [head.rstrip("\n"), ""]
    number = 0
    for copy in range(1, times + 1):
        part = re.sub(r"^(##+ .*)$", lambda m: f"{m.group(1)} (part {copy})" if copy > 1 else m.group(1),
                      body, flags=re.M)

        def renumber(m: re.Match[str]) -> str:
            nonlocal number
            number += 1
            return f"{number}. "

        part = re.sub(r"^\d+\. ", renumber, part, flags=re.M)
        part = re.sub(r"\[\^(\d+)\]", lambda m: f"[^{copy}x{m.group(1)}]", part)
        out.append(part)
    return "\n".join(out)


def best(fn, repeat: int) -> tuple[float, object]:
    times = []
    result = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times), result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1,2,4,8")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    a_text = specimen_path("specimen-a").read_text("utf-8")
    b_text = specimen_path("specimen-b").read_text("utf-8")
    print(f"wtdiff {wtdiff.__version__}, Python {sys.version.split()[0]}; best of {args.repeat} runs\n")
    print(f"{'size':>4} {'words old':>9} {'blocks':>6} {'read s':>7} {'compare s':>9} {'json s':>7} "
          f"{'total s':>7} {'difflib s':>9} {'ratio':>6} {'peak MiB':>8}")
    base_total = None
    for size in (int(s) for s in args.sizes.split(",")):
        old_src, new_src = enlarge(a_text, size), enlarge(b_text, size)
        t_read, docs = best(lambda: (read_bytes(old_src.encode(), source="a", format="markdown"),
                                     read_bytes(new_src.encode(), source="b", format="markdown")), args.repeat)
        old, new = docs  # type: ignore[misc]
        t_cmp, result = best(lambda: wtdiff.compare(old, new), args.repeat)
        t_json, _ = best(lambda: result.to_json(), args.repeat)  # type: ignore[attr-defined]
        paras_a = [b.text for b in old.blocks()]
        paras_b = [b.text for b in new.blocks()]
        t_difflib, _ = best(lambda: difflib.SequenceMatcher(None, paras_a, paras_b, autojunk=False).get_opcodes(),
                            args.repeat)
        tracemalloc.start()
        wtdiff.compare(old, new).to_json()
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        words = sum(len(t.split()) for t in paras_a)
        total = t_read + t_cmp + t_json
        base_total = base_total or total
        print(f"{size:>4} {words:>9} {len(paras_a):>6} {t_read:>7.3f} {t_cmp:>9.3f} {t_json:>7.3f} "
              f"{total:>7.3f} {t_difflib:>9.3f} {total / t_difflib:>6.1f} {peak:>8.1f}")
    print("\nratio = wtdiff total / difflib paragraph-list diff (which finds no moves, splits or word changes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
