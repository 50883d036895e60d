"""Align two editions: which blocks and sections of one became which of the other.

Paragraph numbers are not identity — editions renumber throughout — so blocks
are matched on content, and renumbering is reported separately. The design
borrows from known approaches: patience diff (unique lines as anchors, the
longest increasing subsequence for order), a line diff's habit of pairing
changed lines between unchanged ones, GumTree (match what is identical
first, then containers by the share of matched content they hold, ambiguous
ones by their parents and neighbours), and the move detectors of git and
redlines (a move must be unambiguous). Every step is near-linear: candidates
come from windows and an inverted index, never from comparing every block
with every other. Similarity is the Indel similarity of word sequences (each
word mapped to an integer; rapidfuzz), which renumbering does not touch and a
term replaced throughout changes only a little. The steps:

(a) **Anchors.** Blocks whose comparison text occurs exactly once in each
    edition are paired at once; repeated texts are paired in order when both
    editions repeat them equally often.
(b) **Blocks that kept their place.** An unpaired block is compared with the
    blocks in its *window* — between the counterparts of its paired
    neighbours — and with the block right next to the counterpart of each
    neighbour (so the lead-in of a list that moved goes with its items);
    pairs are taken from the most similar down over a low threshold, twice,
    as new pairs narrow the windows. Footnotes of paired blocks are paired
    with each other.
(c) **Splits and merges.** A block whose words are spread over several
    consecutive blocks of the other edition's section (each largely contained
    in it) is paired with all of them when that closes a good part of the
    gap the single pair leaves; pieces at the ends that add nothing are
    trimmed.
(c′) **Stretches re-cut.** Between two blocks paired with their own text, in order, a stretch
    whose blocks hold the same words in both editions (footnotes aside) is paired by where the
    words fall — pairs, splits and merges — whatever similarity had paired there: a paragraph
    broken at a page end next to two run together is no move and no change of wording
    (:mod:`~wtdiff.align.recut`; run after the gaps between paired neighbours are filled).
(d) **Blocks that moved.** Candidates come from an inverted index of each
    unpaired block's rarest word pairs (by frequency across both editions);
    a pair is made only when each block is the other's best candidate by a
    clear margin (or nearly identical and unique), and a short block only
    when nearly the same. Then windows once more; a footnote stays paired
    only if the blocks citing it are paired with each other; and leftovers
    standing between the same paired neighbours are paired on a much lower
    threshold, as a line diff pairs changed lines between anchors.
(e) **Sections.** Headings are paired by how much matched content they
    share (a Dice coefficient over matched words, of the whole subtree or of
    the blocks directly under the heading, whichever is higher, so that
    deleted and added blocks do not count against a pair and plain text's
    flattened heading levels do not either), plus title similarity; greedily,
    then again with a bonus for pairs whose neighbouring sections are paired,
    improved along augmenting paths. Leftovers with the same title, or
    sharing content under paired parents, are paired; a leaf section whose
    content went to several sibling leaves is split, several into one merged.
(f) **Moves.** A block is *moved* when its section's counterpart is not the
    section it now stands in, or when it is out of order inside its section
    pair (not on the heaviest increasing subsequence, weighted by words, so
    that of two things that swapped, the smaller is the one that moved). A
    section is moved when its parent changed or it is out of order among its
    siblings. A chapter that moved is one moved section: its paragraphs do
    not count as moved. A wrong "moved" costs a reader more than a missed
    one, so a moved pair must be convincing — four words or more, similar
    enough, a list item nearly the same — unless it moved with a neighbour
    or with the block citing it; else it is a deletion and an insertion.
(g) **Order.** Records follow the new edition; a deleted block stands just
    after the block that preceded it in the old edition.

``python -m wtdiff.eval`` measures all this against generated revisions with a
known true mapping; ``benchmarks/bench_align.py`` times it.
"""

from __future__ import annotations

from ..collector import paused
from ..model import Document
from .anchors import _anchor
from .base import Alignment, BlockMatch, SectionMatch, _Matching, _Side
from .moves import _block_moves, _doubtful_moves, _index_candidates, _move_pass, _section_moves
from .order import _order, _order_sections
from .recut import _recut
from .sections import _align_sections
from .splits import _split_merge
from .windows import _fill_gaps, _footnote_check, _footnote_pass, _window_pass

__all__ = ["Alignment", "BlockMatch", "SectionMatch", "align"]


def align(old: Document, new: Document) -> Alignment:
    """Pair the blocks and sections of ``old`` and ``new`` (see the module docstring)."""
    # Alignment makes hundreds of thousands of small lists, sets and tuples, none of them in
    # reference cycles; the cyclic collector would scan every live object again and again
    # (a fifth of the time on long editions), so it waits until the alignment is done.
    with paused():
        return _align(old, new)


def _align(old: Document, new: Document) -> Alignment:
    vocab: dict[str, int] = {}
    a, b = _Side(old, vocab), _Side(new, vocab)
    m = _Matching(a, b)
    _anchor(a, b, m)
    _window_pass(a, b, m)
    _window_pass(a, b, m)
    _footnote_pass(a, b, m)
    cands = _index_candidates(a, b, m, len(vocab) + 1)
    _split_merge(a, b, m, cands)
    _footnote_pass(a, b, m)
    _move_pass(a, b, m, cands)
    _footnote_pass(a, b, m)
    _window_pass(a, b, m)
    _footnote_check(a, b, m)
    groups = _recut(a, b, _fill_gaps(a, b, m.groups()))
    sec_groups, sec_of_old, sec_of_new = _align_sections(a, b, groups)
    moved = _block_moves(a, b, groups, sec_of_old, sec_of_new)
    groups, moved = _doubtful_moves(a, b, groups, moved, sec_of_old, sec_of_new)
    sec_moved = _section_moves(a, b, sec_groups)
    records = _order(a, b, groups, moved)
    section_records = _order_sections(a, b, sec_groups, sec_moved)
    return Alignment(old=old, new=new, blocks=tuple(records), sections=tuple(section_records))
