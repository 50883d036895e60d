"""Duty detection and actor resolution, measured against sentences labelled by hand.

The written cases (tests/data/duties_written.toml) are always scored; the real editions'
sentences (tests/data/duties_real_labels.toml: paragraph, hash of the words, label — never the
text) are scored when ../shared/real is present. The targets hold on everything labelled
together: precision and recall of duty detection at least 0.95, actors right for at least 0.9
of the duties found. Run with ``-s`` to see the figures the README quotes.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from wtdiff import sources
from wtdiff.duties import load_vocabulary
from wtdiff.eval.duties import Label, case_pairs, load_cases, parse_label, predict_document, score

from .helpers import REAL

DATA = Path(__file__).parent / "data"
TARGETS = {"precision": 0.95, "recall": 0.95, "actor_accuracy": 0.9}


def _written() -> list[tuple[Label, Label]]:
    cases = load_cases(tomllib.loads((DATA / "duties_written.toml").read_text("utf-8")))
    return [(truth, got) for _, truth, got in case_pairs(cases)]


def _real(held_out: bool | None = None) -> list[tuple[Label, Label]]:
    data = tomllib.loads((DATA / "duties_real_labels.toml").read_text("utf-8"))
    vocab = load_vocabulary()
    pairs, predicted = [], {}
    for edition in data["edition"]:
        if held_out is not None and edition.get("held_out", False) != held_out:
            continue
        name = edition["file"]
        if name not in predicted:
            predicted[name] = predict_document(sources.load(REAL / name), vocab)
        for _, key, label in edition["sentences"]:
            assert key in predicted[name], f"{name}: no sentence with key {key} (the reader changed?)"
            pairs.append((parse_label(label), predicted[name][key]))
    return pairs


def _check(pairs: list[tuple[Label, Label]], name: str) -> None:
    result = score(pairs)
    print(f"\n{name}: {result.line()}")
    for metric, minimum in TARGETS.items():
        assert getattr(result, metric) >= minimum, f"{name}: {metric} {getattr(result, metric):.3f} < {minimum}"


def test_the_written_sample_meets_the_targets() -> None:
    pairs = _written()
    assert len(pairs) >= 150
    _check(pairs, "written")


def test_everything_labelled_meets_the_targets(real_dir: Path) -> None:
    real = _real()
    print(f"\nreal, development: {score(_real(held_out=False)).line()}")
    print(f"real, held out: {score(_real(held_out=True)).line()}")
    print(f"real, all: {score(real).line()}")
    pairs = _written() + real
    assert len(pairs) >= 200
    _check(pairs, "all labelled")


@pytest.mark.parametrize("text", ["-", "should: police", "must not: schools-and-colleges, police"])
def test_labels_read_back(text: str) -> None:
    assert parse_label(str(parse_label(text))) == parse_label(text)
