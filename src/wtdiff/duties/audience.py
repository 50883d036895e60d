"""Only what concerns one audience (``--for schools``): duties, duty changes and compared blocks.

A duty concerns an audience when one of its actors belongs to the audience
(actors every audience shares — practitioners, staff, agencies in general —
concern each of them), when its sentence (with its lead-in) names one of the
audience's own actors ("safeguarding partners should enable all schools to…"),
or when it sits in a section addressed to the audience. A section (a chapter,
or any heading below it) is addressed to an audience when its heading names one
of the audience's own actors ("Working with schools and colleges"), or when at
least :data:`MIN_NAMED` of its duties name a specific actor (not one every
audience shares) and at least half of those fall on the audience's own actors
(a chapter on the police's responsibilities; KCSIE's part on safer
recruitment) — so that its duties with no actor named ("a DBS certificate must
be obtained") concern the audience too. A duty change concerns an audience when
its old or new duty does; a block of a comparison when its text or heading
names one of the audience's own actors, it is in a section addressed to it, or
one of its duties concerns it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ..comparison import Change, Comparison
from ..model import Block
from .diff import RegisterDiff, compare_duties
from .extract import Register, Statement, statements
from .vocabulary import EVERYONE, Vocabulary, load_vocabulary

__all__ = ["MIN_NAMED", "addressed_sections", "duty_concerns", "register_for", "diff_for", "comparison_for"]

#: how many duties with a specific actor a section needs before its duties say whom it addresses
MIN_NAMED = 3


def _own(actor_id: str, audience: str, vocab: Vocabulary) -> bool:
    found = vocab.actor(actor_id)
    return found is not None and audience in found.audiences


def _specific(actor_id: str, vocab: Vocabulary) -> bool:
    found = vocab.actor(actor_id)
    return found is not None and EVERYONE not in found.audiences


def addressed_sections(duties: Iterable[Statement], audience: str, vocab: Vocabulary) -> set[tuple[str, ...]]:
    """The heading paths (and their prefixes) whose duties say they address ``audience``."""
    own: dict[tuple[str, ...], int] = {}
    named: dict[tuple[str, ...], int] = {}
    for d in duties:
        specific = [a for a in d.actors if _specific(a, vocab)]
        if not d.is_duty or not specific:
            continue
        mine = any(_own(a, audience, vocab) for a in specific)
        for k in range(1, len(d.place.path) + 1):
            named[d.place.path[:k]] = named.get(d.place.path[:k], 0) + 1
            own[d.place.path[:k]] = own.get(d.place.path[:k], 0) + mine
    return {p for p, n in named.items() if n >= MIN_NAMED and 2 * own[p] >= n}


def _addressed(path: tuple[str, ...], audience: str, vocab: Vocabulary, sections: set[tuple[str, ...]]) -> bool:
    return (any(path[:k] in sections for k in range(1, len(path) + 1))
            or any(vocab.names_audience(title, audience) for title in path))


def duty_concerns(duty: Statement, audience: str, vocab: Vocabulary,
                  sections: set[tuple[str, ...]] | None = None) -> bool:
    """Whether ``duty`` concerns ``audience`` (see the module doc); ``sections`` are those
    :func:`addressed_sections` found in its edition."""
    return (any(vocab.concerns(a, audience) for a in duty.actors)
            or vocab.names_audience(duty.context, audience)
            or _addressed(duty.place.path, audience, vocab, sections or set()))


def register_for(register: Register, audience: str, vocab: Vocabulary) -> Register:
    """``register`` with only the duties that concern ``audience``."""
    vocab.check_audience(audience)
    sections = addressed_sections(register.duties, audience, vocab)
    return replace(register, duties=tuple(d for d in register.duties
                                          if duty_concerns(d, audience, vocab, sections)))


def diff_for(diff: RegisterDiff, audience: str, vocab: Vocabulary) -> RegisterDiff:
    """``diff`` with only the changes whose old or new duty concerns ``audience``."""
    vocab.check_audience(audience)
    old_sections = addressed_sections(diff.old.duties, audience, vocab)
    new_sections = addressed_sections(diff.new.duties, audience, vocab)
    keep = tuple(c for c in diff.changes
                 if (c.old is not None and duty_concerns(c.old, audience, vocab, old_sections))
                 or (c.new is not None and duty_concerns(c.new, audience, vocab, new_sections)))
    return replace(diff, changes=keep, audience=audience,
                   same=tuple(s for s in diff.same if duty_concerns(s, audience, vocab, new_sections)),
                   old=register_for(diff.old, audience, vocab), new=register_for(diff.new, audience, vocab))


def comparison_for(result: Comparison, audience: str, vocab: Vocabulary | None = None) -> Comparison:
    """``result`` with only the block records that concern ``audience`` (sections and terms kept),
    and with only its duty changes that concern it attached (``duties``, worked out along the
    whole alignment before the records are left out)."""
    vocab = vocab or load_vocabulary()
    vocab.check_audience(audience)
    duties = diff_for(compare_duties(result.old, result.new, vocab, result=result), audience, vocab)
    sides = []
    for doc in (result.old, result.new):  # block ids of the two editions may coincide
        found = [s for s in statements(doc, vocab) if s.is_duty]
        sections = addressed_sections(found, audience, vocab)
        sides.append(({s.place.block for s in found if duty_concerns(s, audience, vocab, sections)}, sections))

    def block_concerns(b: Block, side: int) -> bool:
        concerned, sections = sides[side]
        return (b.id in concerned or vocab.names_audience(b.text, audience)
                or _addressed(b.path, audience, vocab, sections))

    def keep(c: Change) -> bool:
        return any(block_concerns(b, 0) for b in c.old) or any(block_concerns(b, 1) for b in c.new)

    return replace(result, changes=tuple(c for c in result.changes if keep(c)), duties=duties)
