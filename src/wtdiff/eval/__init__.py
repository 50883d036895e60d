"""The alignment evaluation: generated revisions with a known true mapping, scored.

``python -m wtdiff.eval`` runs it and prints the scorecard (see ``--help``).
The pieces, in pipeline order:

* :mod:`.generate` — a base edition: guidance-style text the project writes
  (any size, seeded), or the real 2023 edition when ``../shared/real`` has it;
* :mod:`.edits` — seeded edit scripts that restructure and reword it the way
  real revisions do, recording where every node came from;
* :mod:`.render` — both editions written in every input format and read back;
* :mod:`.word` — real-world artefacts: a Word file with footnotes and flow charts, its
  LibreOffice PDF and poppler's layout text of that PDF;
* :mod:`.score` — the comparison scored against the truth: block pairing
  precision / recall / F1, moved precision / recall, split and merge recall,
  status accuracy, term-replacement recall; for the ``renames`` profile (renames of
  every shape, some partial, from :mod:`.renames`) rename recall, fragments,
  degenerate rules and stragglers found.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from ..comparison import Comparison, compare
from ..model import Document
from .edits import PROFILES, Profile, Revision, revise
from .generate import SIZES, GDoc, from_document, generate, to_document
from .render import READS_AS, artifact_formats, formats, round_trip
from .score import Score, Truth, score, score_renames, truth

__all__ = [
    "LIMITS",
    "NOISE_PAIRS",
    "PROFILES",
    "QUIET",
    "SIZES",
    "TARGETS",
    "Case",
    "Run",
    "base_edition",
    "artifact_formats",
    "check",
    "formats",
    "noise_floor",
    "make_case",
    "real_path",
    "run_case",
    "to_read",
    "zero_change",
]

#: What each profile must reach: metric name -> minimum.
TARGETS: dict[str, dict[str, float]] = {
    "heavy": {"f1": 0.97, "moved_precision": 0.95, "moved_recall": 0.95, "sm_recall": 0.90, "term_recall": 1.0},
    "light": {"f1": 0.995, "moved_precision": 0.95, "term_recall": 1.0},
    "renames": {"f1": 0.97, "rename_recall": 1.0, "straggler_recall": 1.0},
}
#: What each profile must not exceed: metric name -> maximum.
LIMITS: dict[str, dict[str, float]] = {
    "renames": {"renames_extra": 0, "rules_degenerate": 0},
}


def real_path(explicit: str | Path | None = None) -> Path | None:
    """The real 2023 edition as text, if it is here: ``explicit``, ``$WTDIFF_REAL_DIR``, or ``../shared/real``."""
    if explicit:
        candidates = [Path(explicit)]
    elif os.environ.get("WTDIFF_REAL_DIR"):
        candidates = [Path(os.environ["WTDIFF_REAL_DIR"]) / "wt-2023.txt"]
    else:
        candidates = [Path.cwd().parent / "shared" / "real" / "wt-2023.txt",
                      Path(__file__).resolve().parents[4] / "shared" / "real" / "wt-2023.txt"]
    return next((p for p in candidates if p.is_file()), None)


def base_edition(base: str, seed: int, *, size: str = "large", real: Path | None = None) -> GDoc:
    """``base`` is ``generated`` (of a named size from :data:`SIZES`) or ``real``."""
    if base == "real":
        from ..readers import read

        path = real or real_path()
        if path is None:
            raise FileNotFoundError("the real 2023 edition (wt-2023.txt) is not present")
        return from_document(read(path))
    words, blocks = SIZES[size]
    return generate(seed, words=words, blocks=blocks)


@dataclass
class Case:
    """One revision of one base, with the truth and the editions as trees."""

    name: str
    revision: Revision
    old_doc: Document
    new_doc: Document
    truth: Truth


def make_case(base: GDoc, profile: Profile | str, seed: int, *, name: str = "generated") -> Case:
    prof = PROFILES[profile] if isinstance(profile, str) else profile
    rev = revise(base, prof, seed)
    old_doc, _ = to_document(rev.old, source="old")
    new_doc, _ = to_document(rev.new, source="new")
    return Case(name=name, revision=rev, old_doc=old_doc, new_doc=new_doc,
                truth=truth(rev.new, old_doc, new_doc))


@dataclass
class Run:
    """One case compared in one format."""

    case: Case
    format: str
    score: Score
    result: Comparison
    seconds: float

    @property
    def failures(self) -> list[str]:
        return check(self.case.revision.profile.name, self.score)


def _ext(fmt: str) -> str:
    fmt = READS_AS.get(fmt, fmt)
    return {"markdown": "md", "text": "txt", "html": "html"}.get(fmt, fmt)


def run_case(case: Case, fmt: str) -> Run:
    """Render both editions as ``fmt``, read them back, compare, score."""
    ext = _ext(fmt)
    old_rt = round_trip(case.old_doc, fmt, source=f"old.{ext}")
    new_rt = round_trip(case.new_doc, fmt, source=f"new.{ext}")
    t0 = time.perf_counter()
    result = compare(old_rt.parsed, new_rt.parsed)
    seconds = time.perf_counter() - t0
    sc = score(result, case.truth, old_rt, new_rt, case.old_doc, case.new_doc, case.revision.terms)
    if case.revision.renames:
        score_renames(sc, result, case.revision.renames, new_rt)
    return Run(case=case, format=fmt, score=sc, result=result, seconds=seconds)


def check(profile: str, sc: Score) -> list[str]:
    """The targets of ``profile`` that ``sc`` misses, as ``"metric 0.93 < 0.95"``."""
    out = []
    for metric, minimum in TARGETS.get(profile, {}).items():
        value = getattr(sc, metric)
        if value < minimum - 1e-12:
            out.append(f"{metric} {value:.3f} < {minimum}")
    for metric, maximum in LIMITS.get(profile, {}).items():
        value = getattr(sc, metric)
        if value > maximum:
            out.append(f"{metric} {value} > {maximum}")
    return out


def zero_change(doc: Document, fmt: str) -> Comparison:
    """An edition compared with itself after a round trip through ``fmt`` (must show no change)."""
    return noise_floor(doc, fmt, fmt)


#: Categories of change that are not words of the edition changing: counted, not read.
QUIET = frozenset({"editorial", "layout", "terminology"})

#: The same edition in two formats, compared for the noise floor: the Word file and its PDF, the
#: PDF and its layout text, the plain Word writer's file and the LibreOffice PDF.
NOISE_PAIRS = (("word", "word-pdf"), ("word-pdf", "word-layout"), ("docx", "word-pdf"), ("docx", "word-layout"))


def to_read(result: Comparison) -> list:
    """The records a reader must read: not unchanged (or moved), with a category other than
    :data:`QUIET` — the measure ``../shared/tools/realcheck`` applies to the real files."""
    return [c for c in result.changes if c.is_change and set(c.categories) - QUIET]


def noise_floor(doc: Document, fmt_a: str, fmt_b: str) -> Comparison:
    """One edition rendered as ``fmt_a`` and as ``fmt_b``, read back and compared: the result
    must hold nothing :func:`to_read` keeps (and, for one format twice, no change at all)."""
    a = round_trip(doc, fmt_a, source=f"a.{_ext(fmt_a)}").parsed
    b = round_trip(doc, fmt_b, source=f"b.{_ext(fmt_b)}").parsed
    return compare(a, b)
