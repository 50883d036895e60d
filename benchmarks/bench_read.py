"""Time the PDF reader on a generated 150-page edition and on the real 2023 edition.

Run on demand (not part of the test suite), from the checkout:

    python benchmarks/bench_read.py [--pages 150] [--repeat 3] [--real ../shared/real/wt-2023.pdf]

For each PDF it prints: PDFium's bare text extraction (the floor: what the
library costs before any structure is found), the character-level extraction
wtdiff does (font, size, position of every character), wtdiff's full read to
a document tree, a read served from the parse cache, and pdfplumber's plain
text extraction when it is installed (the usual pure-Python alternative).
Target: a full read of a 150-page edition in 5 s or less on a 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timing import best  # noqa: E402 - benchmarks/timing.py, beside this script

import wtdiff  # noqa: E402
from wtdiff.readers import pdf as pdf_reader  # noqa: E402
from wtdiff.readers import read  # noqa: E402


def bare_text(path: Path) -> None:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    for page in doc:
        tp = page.get_textpage()
        tp.get_text_range()
        tp.close()
        page.close()
    doc.close()


def plumber_text(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(str(path)) as doc:
        for page in doc.pages:
            page.extract_text()
            page.close()


def generated(pages: int, out: Path) -> Path:
    """A specimen-based edition typeset to about ``pages`` pages."""
    from benchmarks.bench_compare import enlarge
    from tests import pagegen
    from wtdiff.readers import read_bytes
    from wtdiff.sources import specimen_path

    text = specimen_path("specimen-a").read_text("utf-8")
    times = 1
    while True:
        doc = read_bytes(enlarge(text, times).encode(), source="generated", format="markdown")
        ts = pagegen.typeset(doc)
        if len(ts.pages) >= pages or times > 40:
            break
        times = max(times + 1, int(times * pages / max(1, len(ts.pages))))
    path = out / f"generated-{len(ts.pages)}.pdf"
    pagegen.write_pdf(ts, path)
    return path


def report(path: Path, repeat: int) -> None:
    data = path.read_bytes()
    n = len(pdf_reader.pages_of(data))
    floor = best(lambda: bare_text(path), repeat)
    chars = best(lambda: pdf_reader.pages_of(data), repeat)
    full = best(lambda: read(path, cache=False), repeat)
    read(path)  # fill the cache
    cached = best(lambda: read(path), repeat)
    print(f"\n{path.name}: {n} pages, {len(data) / 2**20:.1f} MiB")
    print(f"  PDFium bare text extraction   {floor:7.2f} s   (floor)")
    print(f"  characters, fonts, positions  {chars:7.2f} s   {chars / floor:5.1f}x floor")
    print(f"  wtdiff full read to a tree    {full:7.2f} s   {full / floor:5.1f}x floor   "
          f"{n / full:5.0f} pages/s   target <= 5 s per 150 pages: {'met' if full * 150 / n <= 5 else 'NOT met'}")
    print(f"  read again from the cache     {cached:7.2f} s")
    try:
        plumber = best(lambda: plumber_text(path), 1)
        print(f"  pdfplumber plain text         {plumber:7.2f} s   (alternative; wtdiff is {plumber / full:4.1f}x faster)")
    except ImportError:
        print("  pdfplumber not installed: skipped")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=150)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--real", default=str(ROOT.parent / "shared" / "real" / "wt-2023.pdf"))
    args = ap.parse_args()
    print(f"wtdiff {wtdiff.__version__}, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; best of {args.repeat}")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["WTDIFF_CACHE_DIR"] = tmp
        report(generated(args.pages, Path(tmp)), args.repeat)
        real = Path(args.real)
        if real.is_file():
            report(real, args.repeat)
        else:
            print(f"\n{real} not found: real-edition figures skipped")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
