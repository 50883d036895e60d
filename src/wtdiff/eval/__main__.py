"""``python -m wtdiff.eval``: print the alignment scorecard.

For each base edition (generated text, and the real 2023 edition when
``../shared/real/wt-2023.txt`` is present), each profile and each seed, the
edit script revises the base, both editions are written in every input format
— and as real-world artefacts: a Word file, its LibreOffice PDF and poppler's
layout text, when those tools are installed — read back, compared, and scored
against the truth. The noise floor: every unchanged edition compared with
itself in each format, and with itself in another format (the pairs of
:data:`~wtdiff.eval.NOISE_PAIRS`), must show no change to read. Exits 0 when
every run meets its profile's targets and every noise-floor row holds, else 1.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from .. import __version__
from . import (
    NOISE_PAIRS,
    PROFILES,
    SIZES,
    TARGETS,
    Case,
    artifact_formats,
    base_edition,
    formats,
    make_case,
    noise_floor,
    real_path,
    run_case,
    to_read,
    zero_change,
)
from .render import RENDERERS


def make_up(case: Case) -> str:
    """The true edits of a case as shares of its old edition's blocks."""
    t = case.truth
    n = max(1, sum(1 for _ in case.old_doc.blocks()))
    moved = sum(len(olds) for (olds, news), m in zip(t.groups, t.moved) if m)
    split = sum(len(olds) for (olds, news), st in zip(t.groups, t.status) if st in ("split", "merged"))
    added = sum(len(news) for (olds, news), st in zip(t.groups, t.status) if st == "added")
    deleted = sum(len(olds) for (olds, news), st in zip(t.groups, t.status) if st == "deleted")
    modified = sum(1 for st in t.status if st == "modified")
    log = case.revision.log
    return (f"moved {moved / n:.1%}, split or merged {split / n:.1%}, inserted {added / n:.1%}, "
            f"deleted {deleted / n:.1%}, modified in place {modified / n:.1%} (reworded {log['block reworded'] / n:.1%}), "
            f"{len(case.revision.terms)} term(s) replaced, {log['chapter moved']} chapter(s) and "
            f"{log['section moved']} section(s) moved, {log['section split'] + log['section merged']} section(s) "
            f"split or merged")


def _print_renames(rows: list[tuple[str, str, int, str, Any, list[str]]]) -> None:
    """The term-rule scores of the runs with renames, and what was missed."""
    print("\nRenames (targets: every rename made in 3+ places found as exactly one rule naming the whole "
          "names; 0 fragments; 0 degenerate rules; every straggler listed):")
    head = (f"{'base':<9} {'profile':<7} {'seed':>4} {'format':<20} {'found':>7} {'fragments':>9} "
            f"{'degenerate':>10} {'unmatched':>9} {'stragglers':>10}  verdict")
    print(head)
    print("-" * len(head))
    for base, prof, seed, fmt, s, fails in rows:
        print(f"{base:<9} {prof:<7} {seed:>4} {fmt:<20} {s.renames_found:>3}/{s.renames_true:<3} "
              f"{s.renames_extra:>9} {s.rules_degenerate:>10} {s.rules_spurious:>9} "
              f"{s.stragglers_found:>5}/{s.stragglers_true:<4}  {'PASS' if not fails else 'FAIL'}")
        for miss in s.rename_misses:
            print(f"    {miss}")
    found = sum(s.renames_found for *_, s, _ in rows)
    true = sum(s.renames_true for *_, s, _ in rows)
    straggled = sum(s.stragglers_found for *_, s, _ in rows)
    stragglers = sum(s.stragglers_true for *_, s, _ in rows)
    print(f"all runs: renames found {found}/{true}, fragments {sum(s.renames_extra for *_, s, _ in rows)}, "
          f"degenerate rules {sum(s.rules_degenerate for *_, s, _ in rows)}, rules matching no rename "
          f"{sum(s.rules_spurious for *_, s, _ in rows)}, stragglers listed {straggled}/{stragglers}")


def _list(text: str) -> list[str]:
    return [x.strip() for x in text.split(",") if x.strip()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m wtdiff.eval", description=__doc__.splitlines()[0])
    ap.add_argument("--base", default="generated,real", help="generated and/or real (default: both)")
    ap.add_argument("--size", default="large", choices=sorted(SIZES), help="size of generated bases")
    ap.add_argument("--profiles", default="heavy,light,renames", help=f"of {', '.join(PROFILES)}")
    ap.add_argument("--seeds", default="1,2,3")
    ap.add_argument("--formats", default=",".join(formats() + artifact_formats()),
                    help="reader formats and real-world renderer paths (word, word-pdf, word-layout) to render to")
    ap.add_argument("--real", default=None, help="path of wt-2023.txt (default: ../shared/real)")
    ap.add_argument("--no-noise", action="store_true",
                    help="skip the noise floor (unchanged editions compared with themselves)")
    args = ap.parse_args(argv)
    seeds = [int(s) for s in _list(args.seeds)]
    fmts = _list(args.formats)
    have = formats() + artifact_formats()
    unknown = [f for f in fmts if f not in have or f not in RENDERERS]
    if unknown:
        ap.error(f"no renderer for {', '.join(unknown)} (have: {', '.join(have)})")
    bases = _list(args.base)
    real = real_path(args.real)
    if "real" in bases and real is None:
        print("note: the real 2023 edition is not present; its runs are skipped")
        bases.remove("real")
    print(f"wtdiff {__version__} alignment evaluation; formats: {', '.join(fmts)}")
    print("targets: " + "; ".join(f"{p}: " + ", ".join(f"{k} >= {v}" for k, v in t.items())
                                  for p, t in TARGETS.items()))
    head = (f"{'base':<9} {'profile':<7} {'seed':>4} {'format':<20} {'blocks':>11} {'words':>6} "
            f"{'P':>6} {'R':>6} {'F1':>6} {'mvP':>6} {'mvR':>6} {'moved':>5} {'smR':>6} {'s/m':>4} "
            f"{'status':>6} {'terms':>5} {'lost':>4} {'figW':>5} {'secs':>5}  verdict")
    print()
    print(head)
    print("-" * len(head))
    failed = 0
    worst: dict[str, dict[str, float]] = {}
    t_start = time.perf_counter()
    make_ups: list[str] = []
    renames: list[tuple[str, str, int, str, Any, list[str]]] = []
    for base_name in bases:
        for seed in seeds:
            base = base_edition(base_name, seed, size=args.size, real=real)
            if not args.no_noise and (base_name == "generated" or seed == seeds[0]):
                # Unchanged documents must give zero changes, in every format.
                case0 = make_case(base, "none", seed, name=base_name)
                for fmt in fmts:
                    same = zero_change(case0.old_doc, fmt)
                    ok = not same.has_changes and not same.terms
                    failed += not ok
                    print(f"{base_name:<9} {'none':<7} {seed:>4} {fmt:<20} "
                          f"{sum(1 for _ in case0.old_doc.blocks()):>11} "
                          f"{'':>6} unchanged edition vs itself: "
                          f"{'no changes' if ok else 'CHANGES REPORTED'}  {'PASS' if ok else 'FAIL'}")
                # The same edition in two formats: words decide, so nothing to read.
                for fa, fb in NOISE_PAIRS:
                    if fa in fmts and fb in fmts:
                        found = to_read(noise_floor(case0.old_doc, fa, fb))
                        failed += bool(found)
                        print(f"{base_name:<9} {'none':<7} {seed:>4} {fa + '~' + fb:<20} "
                              f"{sum(1 for _ in case0.old_doc.blocks()):>11} {'':>6} same edition, two formats: "
                              f"{len(found)} record(s) to read (target 0)  {'PASS' if not found else 'FAIL'}")
            for prof in _list(args.profiles):
                case = make_case(base, prof, seed, name=base_name)
                words = sum(len(b.text.split()) for b in case.old_doc.blocks())
                make_ups.append(f"{base_name:<9} {prof:<7} {seed:>4}  {make_up(case)}")
                for fmt in fmts:
                    run = run_case(case, fmt)
                    s = run.score
                    fails = run.failures
                    failed += bool(fails)
                    w = worst.setdefault(prof, {})
                    for metric in ("f1", "moved_precision", "moved_recall", "sm_recall", "status_accuracy",
                                   "term_recall"):
                        w[metric] = min(w.get(metric, 1.0), getattr(s, metric))
                    blocks = f"{sum(1 for _ in case.old_doc.blocks())}->{sum(1 for _ in case.new_doc.blocks())}"
                    if case.revision.renames:
                        renames.append((base_name, prof, seed, fmt, s, fails))
                    print(f"{base_name:<9} {prof:<7} {seed:>4} {fmt:<20} {blocks:>11} {words:>6} "
                          f"{s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f} {s.moved_precision:>6.3f} "
                          f"{s.moved_recall:>6.3f} {s.moved_true:>5} {s.sm_recall:>6.3f} {s.sm_true:>4} "
                          f"{s.status_accuracy:>6.3f} {s.terms_found:>2}/{s.terms_true:<2} {s.lost_blocks:>4} "
                          f"{s.figure_recall if s.figure_words else float('nan'):>5.2f} "
                          f"{run.seconds:>5.2f}  {'PASS' if not fails else 'FAIL: ' + '; '.join(fails)}")
    print()
    print("P/R/F1: block pairing precision/recall/F1; mvP/mvR: moved precision/recall over the 'moved' true "
          "pairs; smR: split/merge recall over 's/m' true groups; status: share of blocks given their true "
          "status; terms: injected term replacements reported; lost: blocks the round trip lost; figW: share "
          "of the words of flow charts (scored by words, not paired) read back; secs: compare() time. "
          "word: a Word file (python-docx: footnotes, text-box flow charts); word-pdf: it converted by "
          "LibreOffice; word-layout: that PDF through pdftotext -layout; A~B: one edition as A and as B")
    if renames:
        _print_renames(renames)
    print("\nWhat each revision did (truth; shares of the old edition's blocks):")
    print("\n".join(make_ups))
    for prof, w in worst.items():
        print(f"worst {prof}: " + ", ".join(f"{k} {v:.3f}" for k, v in w.items()))
    print(f"{'all targets met' if not failed else f'{failed} run(s) missed a target'} "
          f"({time.perf_counter() - t_start:.0f} s)")
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(main())
