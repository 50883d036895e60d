"""Byte-identity check: the SHA-256 of every report ``wtdiff compare`` writes, in every format.

Run on demand (not part of the test suite), from the checkout, before and after a change that
must not change behaviour, and compare the two files:

    PYTHONPATH=src python benchmarks/identity.py -o before.sha256
    ... change the code ...
    PYTHONPATH=src python benchmarks/identity.py -o after.sha256
    diff before.sha256 after.sha256

The pairs: the bundled specimens; two editions the evaluation generates (seeded, heavy profile)
written as Markdown and typeset as PDF; and, when ``../shared/real/`` (or ``--real DIR``) holds
them, KCSIE 2024 PDF against the 2025 layout text and the 2023 edition's PDF against its layout
text. Each pair is compared by the real command, ``python -m wtdiff compare`` in a subprocess,
once per format (``html md json csv amendments table annex docx site``, and ``md html
amendments`` again with ``--show-editorial``), with the parse cache in a fresh temporary folder
(so every edition is read by the code under test, once). ``wtdiff parse -f json`` of every
input is hashed too. A ``site`` folder is hashed file by file.

The Word-made inputs (when LibreOffice and ``pdftotext`` are installed, as for the evaluation's
``word`` formats, :mod:`wtdiff.eval.word`): two generated editions (seed 3, heavy profile) written
as Word files by the project, those converted to PDF by LibreOffice, and that PDF made layout text
by ``pdftotext -layout`` — read as DOCX, as PDF and as layout text. For these only ``parse -f
json`` and ``compare -f json`` are hashed: the other formats render the same comparison, which the
pairs above already cover. LibreOffice's PDFs are cached by the Word file's content (the
evaluation's cache, ``WTDIFF_EVAL_CACHE``), so two runs read the same bytes; the Word files'
zip entries are given one fixed time stamp, since ``parse -f json`` records each input's SHA-256.

Each ``docx`` is written twice and the two hashed: a line ``nondeterministic`` would say the
Word output depends on the run (a zip time stamp, say). Lines that contain wtdiff's version
are marked, since a version bump alone would change them.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

FORMATS = ["html", "md", "json", "csv", "amendments", "table", "annex", "docx", "site"]
EDITORIAL = ["md", "html", "amendments"]
_EXT = {"html": "html", "md": "md", "json": "json", "csv": "csv", "amendments": "md", "table": "md",
        "annex": "md", "docx": "docx"}


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def generated_pairs(folder: Path) -> list[tuple[str, Path, Path]]:
    """Two generated revisions (seeds 1 and 2, heavy profile), as Markdown and as typeset PDF."""
    from wtdiff import export
    from wtdiff.eval import PROFILES
    from wtdiff.eval.edits import revise
    from wtdiff.eval.generate import generate, to_document

    pairs = []
    for seed in (1, 2):
        base = generate(seed, words=12_000, blocks=250)
        rev = revise(base, PROFILES["heavy"], seed)
        old, _ = to_document(rev.old, source="old")
        new, _ = to_document(rev.new, source="new")
        for fmt in ("md", "pdf"):
            paths = []
            for name, doc in (("old", old), ("new", new)):
                path = folder / f"gen{seed}-{name}.{fmt}"
                if fmt == "md":
                    path.write_text(export.to_markdown(doc), encoding="utf-8")
                else:
                    try:
                        from wtdiff.eval.render import to_pdf
                    except ImportError:  # pragma: no cover - reportlab missing
                        break
                    path.write_bytes(to_pdf(doc))
                paths.append(path)
            if len(paths) == 2:
                pairs.append((f"generated-{seed}-{fmt}", paths[0], paths[1]))
    return pairs


def _fixed_zip(data: bytes) -> bytes:
    """A zip package with the same entries, in the same order, each stamped 1980-01-01 00:00."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = info.compress_type
            dst.writestr(fixed, src.read(info))
    return out.getvalue()


def word_pairs(folder: Path) -> list[tuple[str, Path, Path]]:
    """Two generated revisions (seed 3, heavy profile) as Word files, as LibreOffice's PDFs of
    them and as the layout text of those; none when LibreOffice or ``pdftotext`` is missing."""
    from wtdiff.eval import PROFILES
    from wtdiff.eval.edits import revise
    from wtdiff.eval.generate import generate, to_document
    from wtdiff.eval.word import to_word, to_word_layout, to_word_pdf, word_tools

    tools = word_tools()
    base = generate(3, words=12_000, blocks=250)
    rev = revise(base, PROFILES["heavy"], 3)
    docs = [to_document(rev.old, source="old")[0], to_document(rev.new, source="new")[0]]
    writers = [("docx", "word", lambda doc: _fixed_zip(to_word(doc))), ("pdf", "word-pdf", to_word_pdf),
               ("txt", "word-layout", to_word_layout)]
    pairs = []
    for ext, tool, write in writers:
        if tool not in tools:
            continue
        paths = []
        for name, doc in zip(("old", "new"), docs):
            path = folder / f"word3-{name}.{ext}"
            data = write(doc)
            if isinstance(data, str):
                path.write_text(data, encoding="utf-8")
            else:
                path.write_bytes(data)
            paths.append(path)
        pairs.append((f"word-3-{ext}", paths[0], paths[1]))
    return pairs


def real_pairs(real: Path) -> list[tuple[str, Path, Path]]:
    wanted = [("kcsie-2024-pdf_kcsie-2025-txt", "kcsie-2024.pdf", "kcsie-2025.txt"),
              ("wt-2023-pdf_wt-2023-txt", "wt-2023.pdf", "wt-2023.txt")]
    return [(name, real / a, real / b) for name, a, b in wanted if (real / a).is_file() and (real / b).is_file()]


def run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    out = subprocess.run([sys.executable, "-m", "wtdiff", "-q", *args], capture_output=True, env=env, cwd=cwd,
                         check=False)
    if out.returncode not in (0, 1) or b"error:" in out.stderr:  # 1 is also an internal error's code
        raise SystemExit(f"wtdiff {' '.join(args)} failed ({out.returncode}): {out.stderr.decode(errors='replace')}")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--output", type=Path, required=True, help="file to write the hashes to")
    ap.add_argument("--real", type=Path, default=ROOT.parent / "shared" / "real",
                    help="folder with the real files (default ../shared/real)")
    ap.add_argument("--no-generated", action="store_true", help="skip the generated pairs (Word-made ones too)")
    args = ap.parse_args()
    src = ROOT / "src"
    sys.path.insert(0, str(src))
    from wtdiff import __version__

    lines: list[str] = []
    t_start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="wtdiff-identity-") as tmp_name:
        tmp = Path(tmp_name)
        env = {**os.environ, "WTDIFF_CACHE_DIR": str(tmp / "cache"),
               "PYTHONPATH": os.pathsep.join([str(src), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)}
        env.pop("WTDIFF_NO_CACHE", None)  # the cache is fresh, so each input is read once by this code
        inputs = tmp / "inputs"
        inputs.mkdir()
        pairs: list[tuple[str, str, str]] = [("specimens", "specimen-a", "specimen-b")]
        word: list[tuple[str, str, str]] = []
        if not args.no_generated:
            # named from the folder they are in: reports quote their inputs' paths, and the folder's
            # name changes from run to run
            pairs += [(n, a.name, b.name) for n, a, b in generated_pairs(inputs)]
            word = [(n, a.name, b.name) for n, a, b in word_pairs(inputs)]
            pairs += word
        pairs += [(n, str(a), str(b)) for n, a, b in real_pairs(args.real)]
        parsed: set[str] = set()
        for name, old, new in pairs:
            t0 = time.perf_counter()
            for source in (old, new):
                if source in parsed:
                    continue
                parsed.add(source)
                out = run(["parse", source, "-f", "json"], env, inputs)
                lines.append(f"{_sha(out.stdout)}  parse {Path(source).name} -f json")
            for fmt in (["json"] if (name, old, new) in word else FORMATS):
                if fmt == "site":
                    folder = tmp / f"{name}-site"
                    run(["compare", old, new, "-f", "site", "-o", str(folder)], env, inputs)
                    for page in sorted(folder.rglob("*")):
                        if page.is_file():
                            lines.append(f"{_sha(page.read_bytes())}  {name} site/{page.relative_to(folder)}")
                    continue
                target = tmp / f"{name}.{fmt}.{_EXT[fmt]}"
                run(["compare", old, new, "-f", fmt, "-o", str(target)], env, inputs)
                data = target.read_bytes()
                mark = "  (contains the version)" if __version__.encode() in data and fmt != "docx" else ""
                lines.append(f"{_sha(data)}  {name} {fmt}{mark}")
                if fmt == "docx":
                    again = tmp / f"{name}.again.docx"
                    run(["compare", old, new, "-f", fmt, "-o", str(again)], env, inputs)
                    if again.read_bytes() != data:
                        lines.append(f"nondeterministic  {name} docx (two runs differ)")
            for fmt in ([] if (name, old, new) in word else EDITORIAL):
                target = tmp / f"{name}.{fmt}.editorial.{_EXT[fmt]}"
                run(["compare", old, new, "-f", fmt, "--show-editorial", "-o", str(target)], env, inputs)
                lines.append(f"{_sha(target.read_bytes())}  {name} {fmt} --show-editorial")
            print(f"{name}: {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} hashes written to {args.output} in {time.perf_counter() - t_start:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
