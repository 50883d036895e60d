"""The register diff on generated revisions: every modal verb the edit script changed is found,
with its direction (the edit script's truth is read from the revision, not from wtdiff)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from wtdiff.duties import compare_duties
from wtdiff.duties.extract import STRENGTHS
from wtdiff.eval import base_edition, make_case
from wtdiff.eval.edits import sentences as script_sentences
from wtdiff.eval.generate import generate

_MODAL = re.compile(r"\b(must|should|may)\b(?! not)")


def _truth(case) -> Counter[tuple[str, str, str]]:
    """(new block id, old modal, new modal) for each modal the script changed: a kept block's
    sentence that differs from one of its base's only in a modal verb."""
    old_text = {b.uid: b.text for b in case.revision.old.blocks()}
    out: Counter[tuple[str, str, str]] = Counter()
    for b in case.revision.new.blocks():
        if len(b.origin) != 1 or b.origin[0] not in old_text or b.kind == "footnote":
            continue
        olds = {_MODAL.sub("MODAL", s): s for s in script_sentences(old_text[b.origin[0]])}
        for s in script_sentences(b.text):
            o = olds.get(_MODAL.sub("MODAL", s))
            if o is not None and o != s:
                out.update((b.uid, a, n) for a, n in zip(_MODAL.findall(o), _MODAL.findall(s)) if a != n)
    return out


@pytest.mark.parametrize("seed", range(1, 11))
def test_every_generated_modal_change_is_found_with_its_direction(seed: int) -> None:
    _check(make_case(generate(seed, words=7000, blocks=150), "heavy", seed))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_modal_change_to_the_real_2023_text_is_found(real_dir: Path, seed: int) -> None:
    _check(make_case(base_edition("real", seed, real=real_dir / "wt-2023.txt"), "heavy", seed))


def _check(case) -> None:
    truth = _truth(case)
    assert truth, "the edit script changed no modal verb: the test would prove nothing"
    print(f"\n{case.revision.seed}: {sum(truth.values())} modal changes made by the edit script")
    result = compare_duties(case.old_doc, case.new_doc)
    found: Counter[tuple[str, str, str]] = Counter()
    for c in result.changes:
        if c.new is not None and c.old is not None and c.kind in ("strengthened", "weakened"):
            old, new = c.change.split(" → ")
            found[(c.new.place.block, old, new)] += 1
    for (block, old, new), n in truth.items():
        assert found[(block, old, new)] >= n, f"{old} → {new} in {block} not found"
        direction = "strengthened" if STRENGTHS[new] > STRENGTHS[old] else "weakened"
        assert any(c.kind == direction for c in result.changes
                   if c.new is not None and c.new.place.block == block)
