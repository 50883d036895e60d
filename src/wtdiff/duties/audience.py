"""Only what concerns one audience (``--for schools``): duties, duty changes and compared blocks.

A duty concerns an audience when one of its actors belongs to the audience
(actors every audience shares — practitioners, staff, agencies in general —
concern each of them), when its sentence (with its lead-in) names one of the
audience's own actors ("safeguarding partners should enable all schools to…"),
or when it sits in a section whose heading names one ("Working with schools
and colleges": a section addressed to it). A duty change concerns it when its
old or new duty does; a block of a comparison when its text or heading names one
of the audience's own actors or one of its duties concerns it.
"""

from __future__ import annotations

from dataclasses import replace

from ..comparison import Change, Comparison
from ..model import Block
from .diff import RegisterDiff
from .extract import Register, Statement, statements
from .vocabulary import Vocabulary, load_vocabulary

__all__ = ["duty_concerns", "register_for", "diff_for", "comparison_for"]


def _addressed(path: tuple[str, ...], audience: str, vocab: Vocabulary) -> bool:
    return any(vocab.names_audience(title, audience) for title in path)


def duty_concerns(duty: Statement, audience: str, vocab: Vocabulary) -> bool:
    """Whether ``duty`` concerns ``audience`` (see the module doc)."""
    return (any(vocab.concerns(a, audience) for a in duty.actors)
            or vocab.names_audience(duty.context, audience)
            or _addressed(duty.place.path, audience, vocab))


def register_for(register: Register, audience: str, vocab: Vocabulary) -> Register:
    """``register`` with only the duties that concern ``audience``."""
    vocab.check_audience(audience)
    return replace(register, duties=tuple(d for d in register.duties if duty_concerns(d, audience, vocab)))


def diff_for(diff: RegisterDiff, audience: str, vocab: Vocabulary) -> RegisterDiff:
    """``diff`` with only the changes whose old or new duty concerns ``audience``."""
    vocab.check_audience(audience)
    keep = tuple(c for c in diff.changes
                 if any(s is not None and duty_concerns(s, audience, vocab) for s in (c.old, c.new)))
    return replace(diff, changes=keep, same=tuple(s for s in diff.same if duty_concerns(s, audience, vocab)),
                   old=register_for(diff.old, audience, vocab),
                   new=register_for(diff.new, audience, vocab))


def comparison_for(result: Comparison, audience: str, vocab: Vocabulary | None = None) -> Comparison:
    """``result`` with only the block records that concern ``audience`` (sections and terms kept)."""
    vocab = vocab or load_vocabulary()
    vocab.check_audience(audience)
    concerned = [{s.place.block for s in statements(doc, vocab) if s.is_duty and duty_concerns(s, audience, vocab)}
                 for doc in (result.old, result.new)]  # block ids of the two editions may coincide

    def block_concerns(b: Block, side: int) -> bool:
        return (b.id in concerned[side] or vocab.names_audience(b.text, audience)
                or _addressed(b.path, audience, vocab))

    def keep(c: Change) -> bool:
        return any(block_concerns(b, 0) for b in c.old) or any(block_concerns(b, 1) for b in c.new)

    return replace(result, changes=tuple(c for c in result.changes if keep(c)))
