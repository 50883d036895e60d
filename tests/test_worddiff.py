from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wtdiff import worddiff
from wtdiff.worddiff import diff_words, new_text, old_text, tokens

VOCAB = ["safeguarding", "partners", "must", "should", "may", "publish", "the", "a", "local", "authority",
         "child", "children's", "multi-agency", "arrangements", "Integrated", "Care", "Boards", "1989", "s.47",
         "“report”", "–", ",", ".", ";", "(", ")", "\u00a0", "ﬁnance", "of", "and"]


def test_tokens_are_lossless_and_keep_compound_words_whole():
    text = "Multi-agency work, the child’s plan (section 47)."
    assert "".join(tokens(text)) == text
    assert "Multi-agency" in tokens(text) and "child’s" in tokens(text)


def test_a_modal_swap_reads_like_a_redline():
    assert diff_words("Partners should publish the report.", "Partners must publish the report.") == [
        ("=", "Partners "), ("-", "should"), ("+", "must"), ("=", " publish the report.")]


def test_long_shared_words_are_not_swallowed_by_small_edits_around_them():
    ops = diff_words("Partners should publish their arrangements.",
                     "Partners must publish their local arrangements in full.")
    assert ("=", " arrangements") in ops and ("+", " local") in ops


def test_glue_between_two_replacements_joins_them():
    ops = diff_words("Local Safeguarding Children Board of the area", "Integrated Care Board for the area")
    assert ops[0] == ("-", "Local Safeguarding Children") and ops[1] == ("+", "Integrated Care")


def test_identical_and_empty_texts():
    assert diff_words("same text", "same text") == [("=", "same text")]
    assert diff_words("", "") == []
    assert diff_words("", "new") == [("+", "new")]
    assert diff_words("old", "") == [("-", "old")]


texts = st.lists(st.sampled_from(VOCAB), max_size=40).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(texts, texts)
def test_diff_rebuilds_both_texts_exactly(old, new):
    ops = diff_words(old, new)
    assert old_text(ops) == old
    assert new_text(ops) == new
    assert all(text for _, text in ops)
    # Runs are merged: never two equalities in a row, and a deletion comes before its insertion.
    for (op1, _), (op2, _) in zip(ops, ops[1:]):
        assert op1 != op2
        assert (op1, op2) != ("+", "-")


@settings(max_examples=100, deadline=None)
@given(texts)
def test_diff_is_deterministic(text):
    edited = text.replace("should", "must")
    assert diff_words(text, edited) == diff_words(text, edited)


# The compiled engine and the pure-Python one must give the same diff: reports are byte-identical
# whichever is installed. Sequences over a small alphabet have many equally short diffs, so any
# difference in how the two break ties shows up here.
@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from("abcdef"), max_size=60), st.lists(st.sampled_from("abcdef"), max_size=60))
def test_the_compiled_and_the_python_diff_agree(a: list[str], b: list[str]):
    from wtdiff import worddiff

    if worddiff._fast is None:
        pytest.skip("fast-diff-match-patch is not installed")
    x, y = "".join(a), "".join(b)
    assert worddiff._diff(x, y) == worddiff._diff(x, y, fast=False)


def test_the_compiled_and_the_python_diff_agree_on_the_specimens_words():
    from wtdiff import worddiff
    from wtdiff.sources import specimen_path

    if worddiff._fast is None:
        pytest.skip("fast-diff-match-patch is not installed")
    table: dict[str, str] = {}
    reverse: list[str] = []
    a = worddiff._encode(tokens(specimen_path("specimen-a").read_text("utf-8")), table, reverse)
    b = worddiff._encode(tokens(specimen_path("specimen-b").read_text("utf-8")), table, reverse)
    assert worddiff._diff(a, b) == worddiff._diff(a, b, fast=False)


_VOCAB = [f"w{k}" for k in range(40)]


@settings(max_examples=60, deadline=None)
@given(a=st.lists(st.sampled_from(_VOCAB), max_size=300), b=st.lists(st.sampled_from(_VOCAB), max_size=300),
       limit=st.sampled_from([0, 100, 10_000]))
def test_common_runs_of_long_sequences_cut_at_unique_tokens_are_common_and_in_order(a, b, limit):
    """Above ANCHOR_ABOVE, equal_runs cuts the sequences at tokens both hold once before diffing:
    every run it gives is common to both, in order, not overlapping, and touching runs are joined."""
    saved, worddiff.ANCHOR_ABOVE = worddiff.ANCHOR_ABOVE, limit
    try:
        runs = worddiff.equal_runs(a, b)
    finally:
        worddiff.ANCHOR_ABOVE = saved
    ends = (0, 0)
    for i, j, n in runs:
        assert n > 0 and a[i:i + n] == b[j:j + n]
        assert i >= ends[0] and j >= ends[1]
        assert (i, j) != ends or (i, j) == (0, 0)  # touching runs would have been joined
        ends = (i + n, j + n)


def test_two_long_texts_sharing_little_are_diffed_through_their_unique_common_words(monkeypatch):
    """Two 4,000-word texts with a shared passage in different places: the shared passage is found
    whole whichever way the diff goes, and below the threshold the result is the bisecting diff's own."""
    shared = [f"s{k}" for k in range(300)]
    a = [f"a{k % 97}" for k in range(2000)] + shared + [f"a{k % 89}" for k in range(2000)]
    b = [f"b{k % 83}" for k in range(3000)] + shared + [f"b{k % 79}" for k in range(1000)]
    runs = worddiff.equal_runs(a, b)
    assert (2000, 3000, 300) in runs
    monkeypatch.setattr(worddiff, "ANCHOR_ABOVE", 10**12)
    assert worddiff.equal_runs(a, b) == runs


@settings(max_examples=40, deadline=None)
@given(a=st.lists(st.sampled_from(_VOCAB), max_size=300), b=st.lists(st.sampled_from(_VOCAB), max_size=300),
       limit=st.sampled_from([0, 100, 10_000]))
def test_pieces_diffed_in_threads_give_the_runs_of_pieces_diffed_one_after_the_other(a, b, limit):
    """The pieces between unique common tokens are diffed side by side in threads when long: the
    runs are the same, in the same order, as when they are diffed one after the other."""
    saved = worddiff.ANCHOR_ABOVE, worddiff.PARALLEL_ABOVE
    try:
        worddiff.ANCHOR_ABOVE, worddiff.PARALLEL_ABOVE = limit, 0
        threaded = worddiff.equal_runs(a, b)
        worddiff.PARALLEL_ABOVE = 10**18
        assert worddiff.equal_runs(a, b) == threaded
    finally:
        worddiff.ANCHOR_ABOVE, worddiff.PARALLEL_ABOVE = saved


@settings(max_examples=40, deadline=None)
@given(pairs=st.lists(st.tuples(st.lists(st.sampled_from(_VOCAB), max_size=200),
                                st.lists(st.sampled_from(_VOCAB), max_size=200)), max_size=6),
       limit=st.sampled_from([0, 100, 10_000]), thread=st.sampled_from([0, 50, 10**18]))
def test_many_pairs_diffed_together_give_each_pair_its_own_runs(pairs, limit, thread):
    """equal_runs_many diffs the pieces of several independent pairs together, the long ones in
    threads, the others meanwhile: each pair's runs are those it gets diffed alone, one piece
    after the other — whichever pieces went to threads."""
    saved = worddiff.ANCHOR_ABOVE, worddiff.PARALLEL_ABOVE, worddiff.THREAD_ABOVE
    try:
        worddiff.ANCHOR_ABOVE, worddiff.PARALLEL_ABOVE, worddiff.THREAD_ABOVE = limit, 10**18, thread
        alone = [worddiff.equal_runs(a, b) for a, b in pairs]
        worddiff.PARALLEL_ABOVE = 0
        assert worddiff.equal_runs_many(pairs) == alone
    finally:
        worddiff.ANCHOR_ABOVE, worddiff.PARALLEL_ABOVE, worddiff.THREAD_ABOVE = saved


def test_a_long_record_with_many_changes_is_cut_into_token_ranges_by_bisection():
    """termwords.record finds each change's tokens by bisecting the tokens' ends: every hunk of a
    record whose every other word changed is one word on each side, at its own place."""
    from wtdiff.termwords import record

    old = " ".join(f"old{k} same{k}" for k in range(400))
    new = " ".join(f"new{k} same{k}" for k in range(400))
    rec = record(diff_words(old, new))
    assert rec.hunks == [(2 * k, 2 * k + 1, 2 * k, 2 * k + 1) for k in range(400)]
