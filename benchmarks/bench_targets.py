"""The three speed targets, each measured side by side with its yardstick in one run.

Run on demand (not part of the test suite), from the checkout:

    python benchmarks/bench_targets.py [--repeat 3] [--real ../shared/real]

1. **Cold compare of two official PDFs** (``--pdf-repeat`` runs; reading alone, in process
   with :func:`wtdiff.readers.read_all`, is timed too, best of ``--repeat``) — ``wtdiff compare kcsie-2024.pdf wt-2023.pdf -f json``,
   the whole command in a fresh process with the parse cache off (``WTDIFF_NO_CACHE=1``),
   against the **per-character floor**: PDFium's box (``FPDFText_GetCharBox``) and font size
   (``FPDFText_GetFontSize``) of every character of both files, through pypdfium2's own
   bindings, one file after the other, in one process. Target: within 1.5× the floor.
2. **Warm compare of a 54,000-word pair** — two editions the evaluation generates (seed 1, heavy
   profile: moves, splits, merges, rewording, renames), written as Markdown;
   ``wtdiff compare OLD NEW -f json`` as a command, with both trees already in the parse cache,
   against ``git diff --no-index --word-diff`` on the same two files. Target: within 25×.
3. **``wtdiff --help``**, the whole command. Target: under 0.1 s.

Each figure is the best of ``--repeat`` runs (a shared machine only ever adds time; other work
on it slows both sides of a ratio alike, but not always equally). The commands run as
``python -m wtdiff`` with this checkout's ``src`` first on the path, compiled to bytecode first
as an installed package is (whatever ``PYTHONDONTWRITEBYTECODE`` the shell sets).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from timing import best  # benchmarks/timing.py, beside this script

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
sys.path.insert(0, str(SRC))


def char_floor(paths: list[Path]) -> int:
    """Every character's box and font size, file after file; returns the characters seen."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    seen = 0
    for path in paths:
        pdf = pdfium.PdfDocument(str(path))
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            for k in range(raw.FPDFText_CountChars(textpage)):
                raw.FPDFText_GetCharBox(textpage, k, left, right, bottom, top)
                raw.FPDFText_GetFontSize(textpage, k)
                seen += 1
            textpage.close()
            page.close()
        pdf.close()
    return seen


def wtdiff_command(args: list[str], env: dict[str, str], timeout: float | None = None) -> Callable[[], None]:
    def run() -> None:
        out = subprocess.run([sys.executable, "-m", "wtdiff", "-q", *args], env=env, capture_output=True,
                             check=False, timeout=timeout)
        if out.returncode not in (0, 1):
            raise SystemExit(f"wtdiff {' '.join(args)} failed: {out.stderr.decode(errors='replace')}")
    return run


def markdown_pair(folder: Path, words: int) -> tuple[Path, Path, int]:
    from wtdiff import export
    from wtdiff.eval import PROFILES
    from wtdiff.eval.edits import revise
    from wtdiff.eval.generate import generate, to_document
    from wtdiff.normalize import words as words_of

    rev = revise(generate(1, words=words, blocks=words // 60), PROFILES["heavy"], 1)
    paths = []
    count = 0
    for name, gdoc in (("old", rev.old), ("new", rev.new)):
        doc, _ = to_document(gdoc, source=name)
        text = export.to_markdown(doc)
        count = max(count, len(words_of(text)))
        path = folder / f"{name}.md"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths[0], paths[1], count


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3, help="runs per figure; the best is kept")
    ap.add_argument("--real", type=Path, default=ROOT.parent / "shared" / "real",
                    help="folder holding kcsie-2024.pdf and wt-2023.pdf")
    ap.add_argument("--pdf-repeat", type=int, default=1,
                    help="runs of the cold PDF compare (each takes minutes: see the README)")
    ap.add_argument("--pdf-timeout", type=float, default=900.0, help="time limit of a cold PDF compare, seconds")
    ap.add_argument("--words", type=int, default=54_000, help="size of the Markdown pair")
    args = ap.parse_args()
    import wtdiff

    print(f"wtdiff {wtdiff.__version__}, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; "
          f"best of {args.repeat} runs\n")
    rows: list[tuple[str, float, str, float, float, str]] = []
    with tempfile.TemporaryDirectory(prefix="wtdiff-bench-") as tmp_name:
        tmp = Path(tmp_name)
        # The commands run as an installed wtdiff does, from compiled bytecode (pip compiles a
        # package when it installs it): compiled here once, into the run's own folder, and never
        # left uncompiled by a PYTHONDONTWRITEBYTECODE set in the caller's shell, which would have
        # every command compile the whole package from source before it starts.
        env = {**os.environ, "WTDIFF_CACHE_DIR": str(tmp / "cache"), "PYTHONPYCACHEPREFIX": str(tmp / "pycache"),
               "PYTHONPATH": os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")]))}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(SRC)], env=env, check=True)
        pdfs = [args.real / "kcsie-2024.pdf", args.real / "wt-2023.pdf"]
        if all(p.is_file() for p in pdfs):
            from wtdiff.readers import file_job, read_all, read_bytes

            cold_env = {**env, "WTDIFF_NO_CACHE": "1"}
            floor = best(lambda: char_floor(pdfs), args.repeat)
            jobs = [file_job(p, cache=False) for p in pdfs]
            reading = best(lambda: read_all(jobs), args.repeat)
            one_by_one = best(lambda: [read_bytes(j.data, source=j.source, format=j.format) for j in jobs],
                              args.repeat)
            try:
                cold = best(wtdiff_command(["compare", *map(str, pdfs), "-f", "json", "-o", str(tmp / "cold.json")],
                                           cold_env, args.pdf_timeout), args.pdf_repeat)
            except subprocess.TimeoutExpired:
                cold = float("inf")  # printed as "inf": the limit was reached
            rows.append(("both PDFs read to trees, one after the other", one_by_one,
                         "PDFium boxes + sizes of every character", floor, 1.5, "×"))
            rows.append(("both PDFs read to trees, side by side", reading,
                         "PDFium boxes + sizes of every character", floor, 1.5, "×"))
            rows.append(("cold compare, kcsie-2024.pdf vs wt-2023.pdf", cold,
                         "PDFium boxes + sizes of every character", floor, 1.5, "×"))
        else:
            print(f"{args.real}: kcsie-2024.pdf or wt-2023.pdf missing; the PDF figure is skipped\n")
        old, new, count = markdown_pair(tmp, args.words)
        compare = wtdiff_command(["compare", str(old), str(new), "-f", "json", "-o", str(tmp / "warm.json")], env)
        compare()  # fills the parse cache
        warm = best(compare, args.repeat)
        if shutil.which("git"):
            git = best(lambda: subprocess.run(["git", "diff", "--no-index", "--word-diff", str(old), str(new)],
                                              capture_output=True, check=False), args.repeat)
            rows.append((f"warm compare, {count:,}-word Markdown pair", warm,
                         "git diff --no-index --word-diff", git, 25.0, "×"))
        help_time = best(wtdiff_command(["--help"], env), max(args.repeat, 5))
        rows.append(("wtdiff --help", help_time, "target", 0.1, 1.0, "s"))
    print(f"{'wtdiff':<46} {'time':>7}   {'yardstick':<40} {'time':>7} {'ratio':>7} {'target':>7}")
    for name, ours, other_name, other, target, unit in rows:
        ratio = ours / other
        goal = f"≤ {target:g}{unit}" if unit == "×" else f"< {other:g} s"
        verdict = "met" if ratio <= target else "NOT met"
        print(f"{name:<46} {ours:6.2f}s   {other_name:<40} {other:6.3f}s {ratio:6.2f}× {goal:>7}  {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
