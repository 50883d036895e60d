"""Alignment is symmetric in what it pairs: comparing B with A pairs the same blocks as A with B."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from wtdiff.align import align

from . import corpus
from .helpers import parse_md

KEYS = sorted(corpus.P)


def pairs(a, b, *, swap: bool = False) -> set[tuple[frozenset[str], frozenset[str]]]:
    result = align(b, a) if swap else align(a, b)
    out = set()
    for m in result.blocks:
        olds, news = frozenset(x.id for x in m.old), frozenset(x.id for x in m.new)
        if olds and news:
            out.add((news, olds) if swap else (olds, news))
    return out


@settings(max_examples=40, deadline=None)
@given(st.permutations(KEYS).map(lambda p: p[:12]), st.permutations(KEYS).map(lambda p: p[:12]),
       st.sampled_from(["must", "should", "may"]))
def test_pairs_are_the_same_both_ways(old_keys, new_keys, modal):
    old = parse_md(corpus.render([["Chapter 1: Duties", [["Section", list(old_keys)]]]]))
    new = parse_md(corpus.render([["Chapter 1: Duties", [["Section", list(new_keys)]]]]).replace(
        " should ", f" {modal} "))
    assert pairs(old, new) == pairs(old, new, swap=True)


def test_the_specimen_pair_aligns_the_same_both_ways():
    import wtdiff

    a, b = wtdiff.parse("specimen-a"), wtdiff.parse("specimen-b")
    assert pairs(a, b) == pairs(a, b, swap=True)
