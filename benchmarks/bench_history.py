"""Time ``history`` over a chain of generated editions, first run and cached run.

Run on demand (not part of the test suite), from the checkout:

    python benchmarks/bench_history.py [--editions 6] [--words 60000] [--profile heavy] [--repeat 3]

The chain is built with the evaluation generator (:mod:`wtdiff.eval`): a
seeded base edition of about ``--words`` words, then each later edition a
revision of the one before (the ``heavy`` profile: moves, splits, merges,
insertions, deletions, rewording, term replacements). Every edition is
written as Markdown and read back, so documents have real SHA-256s, exactly
as files would. It prints, for the first run (empty alignment cache) and
the cached runs (best of ``--repeat``): building the chain's alignments,
the lineage of every block, and rendering JSON; then ``blame`` of the newest
edition and the concordance of the oldest with the newest, from the cache.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from wtdiff import __version__, track
from wtdiff.eval.edits import PROFILES, revise
from wtdiff.eval.generate import generate, to_document
from wtdiff.eval.render import round_trip
from wtdiff.model import Document


def editions(n: int, words: int, profile: str, seed: int) -> list[Document]:
    base = generate(seed, words=words, blocks=max(150, words // 60))
    docs, cur = [], base
    for k in range(n):
        if k:
            cur = revise(cur, PROFILES[profile], seed + k).new
        doc, _ = to_document(cur, source=f"edition-{k + 1}")
        docs.append(round_trip(doc, "markdown", source=f"edition-{k + 1}.md").parsed)
    return docs


def aligned(docs: list[Document]) -> track.Chain:
    """A chain with its links made (or read from the cache)."""
    chain = track.Chain(docs)
    chain.restorations  # noqa: B018 - the alignments, restorations and successors, made or read
    return chain


def timed(fn):  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--editions", type=int, default=6)
    ap.add_argument("--words", type=int, default=60_000)
    ap.add_argument("--profile", default="heavy", choices=sorted(PROFILES))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    docs = editions(args.editions, args.words, args.profile, args.seed)
    sizes = [sum(len(b.text.split()) for b in d.blocks()) for d in docs]
    blocks = [sum(1 for _ in d.blocks()) for d in docs]
    print(f"wtdiff {__version__}, Python {sys.version.split()[0]}; {args.editions} editions "
          f"({args.profile} revisions), {min(sizes):,}–{max(sizes):,} words, {min(blocks):,}–{max(blocks):,} blocks")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["WTDIFF_CACHE_DIR"] = tmp
        os.environ.pop("WTDIFF_NO_CACHE", None)
        rows = []
        for _ in range(1 + args.repeat):
            t_align, chain = timed(lambda: aligned(docs))
            t_hist, hist = timed(lambda c=chain: track.history(c))
            t_json, _ = timed(hist.to_json)
            rows.append((t_align, t_hist, t_json))
        first, cached = rows[0], min(rows[1:], key=sum)
        print(f"\n{'run':<8} {'align s':>8} {'lineage s':>9} {'json s':>7} {'total s':>8}")
        for name, (a, h, j) in (("first", first), ("cached", cached)):
            print(f"{name:<8} {a:>8.3f} {h:>9.3f} {j:>7.3f} {a + h + j:>8.3f}")
        print(f"\nhistory: {len(hist.lineages):,} blocks traced, {len(hist.removals):,} removals, "
              f"{sum(s.counts['restored'] for s in hist.steps)} restorations")
        chain = track.Chain(docs)
        t_blame, bl = timed(lambda: track.blame(chain))
        t_conc, conc = timed(lambda: track.concordance(chain))
        print(f"blame of the newest edition (cached alignments): {t_blame:.3f} s, {len(bl.blocks):,} blocks")
        print(f"concordance first → last (cached alignments):   {t_conc:.3f} s, {len(conc.rows):,} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
