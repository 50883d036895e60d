"""Word-level diff of two texts, the way a person marks up a redline.

The texts are cut into tokens (words with their internal hyphens and
apostrophes, single punctuation marks, and runs of white space), each distinct
token is mapped to one private character (the ``linesToChars`` trick of
diff-match-patch, applied to words), the character strings are diffed with
``Diff_Timeout = 0`` — the default one-second cut-off would make the result
depend on the machine's speed — and diff-match-patch's semantic-cleanup rule,
applied to whole tokens and measured in characters (:func:`_semantic_merge`),
merges the tiny equalities that make redlines unreadable. Joining the ``=`` and ``-`` parts
gives the old text back exactly; the ``=`` and ``+`` parts the new text.
"""

from __future__ import annotations

import bisect
import os
import re
from collections.abc import Sequence
from typing import Literal

from diff_match_patch import diff_match_patch

try:  # the same algorithm compiled (C++): the same diffs, tens of times faster on long regions
    import fast_diff_match_patch as _fast
except ImportError:  # pragma: no cover - a platform without its wheel
    _fast = None

__all__ = ["Op", "diff_words", "tokens", "old_text", "new_text", "equal_runs", "equal_runs_many", "coalesce", "change_spans", "increasing"]

Op = tuple[Literal["=", "-", "+"], str]

_TOKEN = re.compile(r"\w+(?:[-\u2010\u2011'\u2019]\w+)*|\s+|[^\w\s]")
_WORD = re.compile(r"\w+")
_OPS: dict[int, Literal["=", "-", "+"]] = {0: "=", -1: "-", 1: "+"}


def tokens(text: str) -> list[str]:
    """Cut ``text`` into word, white-space and punctuation tokens (lossless)."""
    return _TOKEN.findall(text)


def _engine() -> diff_match_patch:
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    return dmp


_DMP = _engine()
_FAST_OPS = {"=": 0, "-": -1, "+": 1}


def _diff(a: str, b: str, *, fast: bool = True) -> list[tuple[int, int]]:
    """diff-match-patch's diff of two strings, ``Diff_Timeout = 0``, as (operation, length):
    0 equal, -1 deleted, 1 inserted. fast-diff-match-patch is the same code in C++ (its
    bisection, prefix and suffix steps; no half-match without a timeout) and gives the same
    diff (``tests/test_worddiff.py`` checks the two agree); the pure-Python one is the fallback."""
    if fast and _fast is not None:
        return [(_FAST_OPS[op], n) for op, n in _fast.diff(a, b, timelimit=0, checklines=False, cleanup="No",
                                                             counts_only=True)]
    return [(code, len(chars)) for code, chars in _DMP.diff_main(a, b, False)]


def _encode(toks: list[str], table: dict[str, str], reverse: list[str]) -> str:
    out = []
    for t in toks:
        ch = table.get(t)
        if ch is None:
            code = len(reverse) + 0xE000 if len(reverse) < 0x1900 else len(reverse) + 0xF0000 - 0x1900
            ch = chr(code)
            table[t] = ch
            reverse.append(t)
        out.append(ch)
    return "".join(out)


def diff_words(old: str, new: str) -> list[Op]:
    """The word-level diff of ``old`` → ``new`` as ``[("=", text), ("-", text), ("+", text), …]``.

    Adjacent operations of the same kind are merged; a deletion comes before
    the insertion that replaces it.
    """
    if old == new:
        return [("=", old)] if old else []
    table: dict[str, str] = {}
    reverse: list[str] = []
    a = _encode(tokens(old), table, reverse)
    b = _encode(tokens(new), table, reverse)
    diffs = []
    i = j = 0
    for code, n in _diff(a, b):
        if code == 1:
            diffs.append((code, b[j:j + n]))
            j += n
        else:
            diffs.append((code, a[i:i + n]))
            i += n
            j += n if code == 0 else 0
    base = 0xE000

    def decode(s: str) -> str:
        return "".join(
            reverse[ord(c) - base] if ord(c) < 0xF0000 else reverse[ord(c) - 0xF0000 + 0x1900]
            for c in s
        )

    return _semantic_merge([(_OPS[code], decode(chars)) for code, chars in diffs if chars])


#: above this product of the two lengths, :func:`equal_runs` first cuts the sequences at the
#: tokens both hold once (see :func:`_plan`)
ANCHOR_ABOVE = 4_000_000
#: above this sum of the products of their lengths, the pieces left to the bisecting diff are
#: diffed side by side in threads (the compiled diff lets go of the interpreter while it works)
PARALLEL_ABOVE = 2_000_000
#: ... and of those, each piece whose product is above this is given to a thread of its own
THREAD_ABOVE = 50_000


def equal_runs(a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int, int]]:
    """The runs two token sequences have in common, as (start in a, start in b, length), in
    order: the same diff as :func:`diff_words`, on tokens given rather than cut from text.

    Long sequences that share little (two different documents, a chapter rewritten whole)
    make the bisecting diff take time growing with the product of their lengths; above
    :data:`ANCHOR_ABOVE` they are first cut at their unique common tokens (patience diff),
    and the pieces between are diffed in turn (:func:`_plan`), touching runs joined.

    Both sequences are encoded once, one character per distinct token: the diff sees only
    which tokens are equal, so a piece diffed as a slice of these strings gives the runs it
    would give encoded on its own. The pieces are independent; when there are several and
    they are long (:data:`PARALLEL_ABOVE`) they are diffed in threads, and their runs put
    back in order, so the result does not depend on which finishes first.
    """
    return equal_runs_many([(a, b)])[0]


def equal_runs_many(pairs: Sequence[tuple[Sequence[str], Sequence[str]]]) -> list[list[tuple[int, int, int]]]:
    """:func:`equal_runs` of each pair, in order — the pieces of all of them diffed together
    (:func:`_diff_pieces`), so that independent diffs, of many regions or of two streams, run
    side by side when they are long enough to be worth it. Each pair's runs are exactly those
    :func:`equal_runs` gives it alone."""
    plans: list[tuple[list[tuple[int, int, str, str]], list[tuple[int, int, int]]]] = []
    for a, b in pairs:
        pieces: list[tuple[int, int, str, str]] = []
        singles: list[tuple[int, int, int]] = []
        if a and b:
            table: dict[str, str] = {}
            reverse: list[str] = []
            ea = _encode(list(a), table, reverse)
            eb = _encode(list(b), table, reverse)
            _plan(ea, eb, 0, 0, pieces, singles)
        plans.append((pieces, singles))
    found = iter(_diff_pieces([(pa, pb) for pieces, _ in plans for _, _, pa, pb in pieces]))
    return [_runs(pieces, singles, [next(found) for _ in pieces]) for pieces, singles in plans]


def _runs(pieces: list[tuple[int, int, str, str]], singles: list[tuple[int, int, int]],
          found: list[list[tuple[int, int]]]) -> list[tuple[int, int, int]]:
    """One pair's common runs from its pieces' diffs and its unique common tokens, in order,
    touching runs joined."""
    runs = list(singles)
    for (i0, j0, _, _), diffs in zip(pieces, found, strict=True):
        i = j = 0
        for code, n in diffs:
            if code == 0:
                runs.append((i0 + i, j0 + j, n))
                i += n
                j += n
            elif code == -1:
                i += n
            else:
                j += n
    if not singles:
        return runs  # one piece, diffed whole: the bisecting diff's runs as they are
    runs.sort()
    joined: list[tuple[int, int, int]] = []
    for i, j, n in runs:
        if joined and joined[-1][0] + joined[-1][2] == i and joined[-1][1] + joined[-1][2] == j:
            pi, pj, pn = joined[-1]
            joined[-1] = (pi, pj, pn + n)
        else:
            joined.append((i, j, n))
    return joined


def increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of pairs (sorted by the first) increasing in the second
    (patience sorting)."""
    tails: list[int] = []
    tail_idx: list[int] = []
    prev = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        p = bisect.bisect_left(tails, j)
        if p == len(tails):
            tails.append(j)
            tail_idx.append(k)
        else:
            tails[p] = j
            tail_idx[p] = k
        prev[k] = tail_idx[p - 1] if p else -1
    out = []
    k = tail_idx[-1] if tail_idx else -1
    while k >= 0:
        out.append(pairs[k])
        k = prev[k]
    return out[::-1]


def _plan(a: str, b: str, i0: int, j0: int, pieces: list[tuple[int, int, str, str]],
          singles: list[tuple[int, int, int]]) -> None:
    """Patience diff's first step, repeated: cut ``a`` and ``b`` (encoded tokens; they start at
    ``i0`` and ``j0`` in the whole sequences) at the tokens that occur exactly once in each,
    kept in the longest order both agree on — each a common run of one, added to ``singles``
    — and cut the stretches between them the same way while the product of their lengths is
    above :data:`ANCHOR_ABOVE`. What is left, short enough or sharing no such token, is added
    to ``pieces`` for the bisecting diff."""
    if not a or not b:
        return
    if len(a) * len(b) > ANCHOR_ABOVE:
        count_a: dict[str, int] = {}
        count_b: dict[str, int] = {}
        for t in a:
            count_a[t] = count_a.get(t, 0) + 1
        for t in b:
            count_b[t] = count_b.get(t, 0) + 1
        where_b = {t: j for j, t in enumerate(b) if count_b[t] == 1 and count_a.get(t) == 1}
        pairs = [(i, where_b[t]) for i, t in enumerate(a) if t in where_b]
        if pairs:
            start_i = start_j = 0
            for i, j in increasing(pairs) + [(len(a), len(b))]:
                _plan(a[start_i:i], b[start_j:j], i0 + start_i, j0 + start_j, pieces, singles)
                if i < len(a):
                    singles.append((i0 + i, j0 + j, 1))
                start_i, start_j = i + 1, j + 1
            return
    pieces.append((i0, j0, a, b))


def _diff_pieces(pieces: list[tuple[str, str]]) -> list[list[tuple[int, int]]]:
    """:func:`_diff` of each pair, in order. When they add up to more than
    :data:`PARALLEL_ABOVE` (the products of their lengths), the long ones
    (:data:`THREAD_ABOVE`) are diffed in threads, the others in this thread meanwhile."""
    if len(pieces) > 1 and _fast is not None and sum(len(a) * len(b) for a, b in pieces) > PARALLEL_ABOVE:
        long = sorted((k for k, (a, b) in enumerate(pieces) if len(a) * len(b) > THREAD_ABOVE),
                      key=lambda k: -len(pieces[k][0]) * len(pieces[k][1]))
        if long:
            from concurrent.futures import ThreadPoolExecutor

            out: list[list[tuple[int, int]] | None] = [None] * len(pieces)
            with ThreadPoolExecutor(max_workers=min(len(long), os.cpu_count() or 1)) as pool:
                futures = {k: pool.submit(_diff, *pieces[k]) for k in long}
                for k, (a, b) in enumerate(pieces):
                    if k not in futures:
                        out[k] = _diff(a, b)
                for k, future in futures.items():
                    out[k] = future.result()
            return out  # type: ignore[return-value]
    return [_diff(a, b) for a, b in pieces]


def change_spans(ops: Sequence[Op] | Sequence[Sequence[str]]) -> list[tuple[int, int, int, int]]:
    """Each change of a word diff (a run of deletions and insertions between equal
    parts) as (old start, old end, new start, new end) offsets in the two texts."""
    out: list[tuple[int, int, int, int]] = []
    po = pn = 0
    so, sn = po, pn
    in_change = False
    for op, text in list(ops) + [("=", "")]:
        if op == "=":
            if in_change:
                out.append((so, po, sn, pn))
                in_change = False
            po += len(text)
            pn += len(text)
            so, sn = po, pn
        else:
            in_change = True
            if op == "-":
                po += len(text)
            else:
                pn += len(text)
    return out


def _semantic_merge(raw: list[Op]) -> list[Op]:
    """Fold small equalities into the changes around them, measured in characters.

    This is diff-match-patch's semantic cleanup rule applied to whole tokens: an
    equality no longer than the larger side of the change before it *and* of the
    change after it is turned into a deletion plus an insertion. Only "glue" is
    folded — white space, punctuation or one word of up to three letters — so
    ``-should +must`` next to ``-co-operate +cooperate`` keeps the shared words
    between them, while ``-Local +Integrated = -Board +Care Board`` reads as one
    replacement. Lengths are counted in characters of the real text.
    """
    ops = coalesce(raw)
    changed = True
    while changed:
        changed = False
        for i, (op, text) in enumerate(ops):
            if op != "=" or i == 0 or i == len(ops) - 1:
                continue
            before = _change_size(ops, i, -1)
            after = _change_size(ops, i, +1)
            if before and after and len(text) <= min(before, after) and _is_glue(text):
                ops = coalesce(ops[:i] + [("-", text), ("+", text)] + ops[i + 1:])
                changed = True
                break
    return ops


def _is_glue(text: str) -> bool:
    """White space, punctuation, or one short word such as "of" or "the"."""
    found = _WORD.findall(text)
    return not found or (len(found) == 1 and len(found[0]) <= 3)


def _change_size(ops: list[Op], i: int, step: int) -> int:
    """The larger of deleted and inserted characters next to ``ops[i]`` on one side."""
    dels = ins = 0
    j = i + step
    while 0 <= j < len(ops) and ops[j][0] != "=":
        if ops[j][0] == "-":
            dels += len(ops[j][1])
        else:
            ins += len(ops[j][1])
        j += step
    return max(dels, ins)


def coalesce(ops: list[Op]) -> list[Op]:
    """Merge runs: within each stretch between equalities, all deletions then all insertions."""
    out: list[Op] = []
    dels: list[str] = []
    ins: list[str] = []

    def flush() -> None:
        if dels:
            out.append(("-", "".join(dels)))
            dels.clear()
        if ins:
            out.append(("+", "".join(ins)))
            ins.clear()

    for op, text in ops:
        if not text:
            continue
        if op == "=":
            flush()
            if out and out[-1][0] == "=":
                out[-1] = ("=", out[-1][1] + text)
            else:
                out.append(("=", text))
        elif op == "-":
            dels.append(text)
        else:
            ins.append(text)
    flush()
    return out


def old_text(ops: list[Op] | list[list[str]]) -> str:
    """The old text a diff was made from."""
    return "".join(t for op, t in ops if op != "+")


def new_text(ops: list[Op] | list[list[str]]) -> str:
    """The new text a diff was made from."""
    return "".join(t for op, t in ops if op != "-")
