"""Compare the duties of two editions: what changed for whom.

:func:`compare_duties` pairs the deontic sentences (:class:`~.extract.Statement`)
of the two editions, then says how each pair differs:

1. **Pairing.** The editions' blocks are aligned by :func:`wtdiff.compare`
   (so a duty follows its paragraph when the paragraph moves, splits or
   merges); inside each aligned group, sentences are paired best first by the
   similarity of their words with every deontic form masked (so "should" →
   "must" alone leaves a sentence identical; a lead-in ending with a colon is
   compared with its list items after it), at least :data:`PAIR_MIN` (or
   whatever it is when each block of the group has just one);
   sentences left over anywhere are then paired across the editions at
   :data:`MOVE_MIN` — a duty moved into another paragraph. Equally similar
   candidates (a lead-in such as "Safeguarding partners should:" set more than
   once) are paired nearest first in relative reading order.
2. **Kinds.** A pair is *strengthened* or *weakened* when its strength rank
   (:data:`~.extract.STRENGTHS`; a sentence without a duty ranks by its forms)
   goes up or down — the first of its forms that changed in place, when it has
   as many as before, else its duty's form (a form that comes or goes with a
   clause is a rewording); *reversed* when a requirement became a prohibition or back;
   *reassigned* ("given to another actor") when its actors differ; *reworded*
   when its words differ beyond the forms and the numbers of its
   cross-references ("see paragraph 262" → "261" is renumbering, not a new
   wording) and the terms :func:`wtdiff.compare` found replaced throughout — with
   the word redline; *moved*
   when its paragraph moved or it changed paragraph. A pair gets every kind
   that applies; its first in :data:`KINDS` order is the one it is listed under.
   Pairs where neither side places a duty are reported only when a form
   changed strength ("whether enquiries must be made" → "should be made").
3. Duties not paired are *added* or *removed*.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from ..classify import _XREF
from ..comparison import Comparison, compare
from ..model import Document
from ..normalize import fold
from ..worddiff import Op, diff_words
from .extract import _FORM, STRENGTHS, Register, Statement, statements
from .vocabulary import UNSPECIFIED, Vocabulary, load_vocabulary

__all__ = ["KINDS", "KIND_TITLES", "DutyChange", "RegisterDiff", "compare_duties", "duties_of", "PAIR_MIN", "MOVE_MIN"]

#: the kinds of change, in the order a change is listed under its first
KINDS = ("reversed", "strengthened", "weakened", "reassigned", "reworded", "moved", "added", "removed")
#: what each kind is called in a report
KIND_TITLES = {"reversed": "Reversed (a requirement became a prohibition, or back)",
               "strengthened": "Strengthened", "weakened": "Weakened", "reassigned": "Given to another actor",
               "reworded": "Reworded", "moved": "Moved", "added": "Added", "removed": "Removed"}
#: similarity (0..1, words with forms masked) for two sentences of aligned paragraphs to be one duty
PAIR_MIN = 0.6
#: similarity for two sentences of paragraphs that were not aligned to be one duty moved
MOVE_MIN = 0.8


@dataclass(frozen=True, slots=True)
class DutyChange:
    """One duty that changed between the editions."""

    kinds: tuple[str, ...]
    old: Statement | None
    new: Statement | None
    #: the word redline of the sentence (with its lead-in), when reworded
    diff: tuple[Op, ...] | None = None

    @property
    def kind(self) -> str:
        """The kind the change is listed under."""
        return self.kinds[0]

    @property
    def actors(self) -> tuple[str, ...]:
        """The actors concerned: the new duty's, then any the old one had and the new has not
        (:data:`~.vocabulary.UNSPECIFIED` for a sentence that places no duty on either side)."""
        out = list(self.new.actors if self.new else ())
        out += [a for a in (self.old.actors if self.old else ()) if a not in out]
        return tuple(out) or (UNSPECIFIED,)

    @property
    def change(self) -> str:
        """"should → must" for a change of strength, else the kind."""
        if self.old is not None and self.new is not None and self.kind in ("strengthened", "weakened", "reversed"):
            o, n = _changed_forms(self.old, self.new)
            return f"{o or 'none'} → {n or 'none'}"
        return self.kind


@dataclass(frozen=True)
class RegisterDiff:
    """The duties registers of two editions compared."""

    old: Register
    new: Register
    changes: tuple[DutyChange, ...]
    #: the duties found unchanged in both editions (as in the new edition)
    same: tuple[Statement, ...] = ()
    #: the audience the changes were chosen for (:func:`.audience.diff_for`), if any
    audience: str | None = None

    @property
    def unchanged(self) -> int:
        """How many duties are unchanged."""
        return len(self.same)

    def by_actor(self) -> dict[str, list[DutyChange]]:
        """The changes under each actor concerned (a change with several actors under each)."""
        out: dict[str, list[DutyChange]] = {}
        for c in self.changes:
            for a in c.actors:
                out.setdefault(a, []).append(c)
        return {a: out[a] for a in sorted(out, key=lambda a: (-len(out[a]), a))}

    def counts(self) -> dict[str, int]:
        """How many changes are listed under each kind."""
        return {k: sum(1 for c in self.changes if c.kind == k) for k in KINDS}


def _masked(text: str) -> list[str]:
    """The words of ``text`` with its deontic forms and its cross-references' numbers masked."""
    text = _XREF.sub(lambda m: "N" if m.group(0)[:1].isdigit() else m.group(0).split()[0] + " N", fold(text))
    return re.findall(r"\w+", _FORM.sub(" FORM ", text).lower())


def _similarity(a: Statement, b: Statement, texts: tuple[dict[str, str], dict[str, str]]) -> float:
    return Indel.normalized_similarity(_masked(texts[0].get(a.id, a.text)), _masked(texts[1].get(b.id, b.text)))


def _with_items(doc: Document, found: list[Statement]) -> dict[str, str]:
    """Statement id -> the text it is paired by, for the sentence ending a block with a colon: that
    sentence followed by the list items after its block (two "Safeguarding partners should:"
    differ by their lists), whether or not the items place duties."""
    lists: dict[str, list[str]] = {}
    head: str | None = None
    for b in doc.blocks(notes=False):
        if b.kind == "list-item" and head is not None:
            lists.setdefault(head, []).append(b.text)
        elif b.kind != "footnote":
            head = b.id if b.text.rstrip().endswith(":") else None
    return {s.id: " ".join([s.text, *lists[s.place.block]]) for s in found
            if s.text.rstrip().endswith(":") and s.place.block in lists}


def _pair(olds: list[Statement], news: list[Statement], minimum: float, taken: set[str],
          texts: tuple[dict[str, str], dict[str, str]], *, aligned: bool = False) -> list[tuple[Statement, Statement]]:
    """Greedy best-first pairing of the statements not yet ``taken`` (ties: the pair nearer in
    relative reading order — its place in its edition's list against the other's — then reading
    order); when
    one of each is all there is, of two aligned blocks, they are paired whatever their similarity."""
    if aligned and len(olds) == len(news) == 1 and olds[0].id not in taken \
            and "new:" + news[0].id not in taken:
        taken.update({olds[0].id, "new:" + news[0].id})
        return [(olds[0], news[0])]
    cands = []
    for i, o in enumerate(olds):
        if o.id in taken:
            continue
        for j, n in enumerate(news):
            if "new:" + n.id in taken:
                continue
            s = _similarity(o, n, texts)
            if s >= minimum:
                # equally similar: the nearer in relative reading order ("Safeguarding partners
                # should:" set twice, one of them deleted, the other now "must:")
                cands.append((-s, abs(i / len(olds) - j / len(news)), i, j))
    out = []
    for _, _, i, j in sorted(cands):
        o, n = olds[i], news[j]
        if o.id in taken or "new:" + n.id in taken:
            continue
        taken.update({o.id, "new:" + n.id})
        out.append((o, n))
    return out


def _rank(strength: str | None) -> int:
    return STRENGTHS.get(strength or "", 0)


def _changed_forms(o: Statement, n: Statement) -> tuple[str | None, str | None]:
    """The strengths that differ: the first form that changed in place when the sentence has as
    many forms as before, else its duty's (a form that comes or goes with a clause is a rewording)."""
    if len(o.forms) == len(n.forms):
        return next(((a, b) for a, b in zip(o.forms, n.forms) if a != b), (o.strength, n.strength))
    return o.strength, n.strength


def _renamed(words: list[str], terms: list[tuple[str, str]]) -> str:
    """The masked words as one string, with the editions' term replacements applied."""
    text = f" {' '.join(words)} "
    for old, new in terms:
        text = text.replace(f" {old} ", f" {new} ")
    return text


def _kinds(o: Statement, n: Statement, moved: bool, terms: list[tuple[str, str]]) -> tuple[str, ...]:
    kinds = []
    a, b = _changed_forms(o, n)
    if a != b:
        if a and b and a.endswith(" not") != b.endswith(" not"):
            kinds.append("reversed")
        elif _rank(b) > _rank(a):
            kinds.append("strengthened")
        elif _rank(b) < _rank(a):
            kinds.append("weakened")
    if set(o.actors) != set(n.actors) and o.actors and n.actors:
        kinds.append("reassigned")
    if _renamed(_masked(o.context), terms) != _renamed(_masked(n.context), []) or (a != b and not kinds):
        kinds.append("reworded")
    if moved:
        kinds.append("moved")
    return tuple(kinds)


def compare_duties(old: Document, new: Document, vocab: Vocabulary | None = None, *,
                   result: Comparison | None = None) -> RegisterDiff:
    """The duties of ``old`` and ``new`` compared (see the module doc); ``result`` is their
    :func:`wtdiff.compare`, when already made (its blocks align the duties)."""
    vocab = vocab or load_vocabulary()
    olds, news = list(statements(old, vocab)), list(statements(new, vocab))
    by_old: dict[str, list[Statement]] = {}
    by_new: dict[str, list[Statement]] = {}
    for s in olds:
        by_old.setdefault(s.place.block, []).append(s)
    for s in news:
        by_new.setdefault(s.place.block, []).append(s)
    taken: set[str] = set()
    texts = (_with_items(old, olds), _with_items(new, news))
    pairs: list[tuple[Statement, Statement, bool]] = []
    result = result if result is not None else compare(old, new)
    # a term replaced throughout (a renamed body) is not a rewording of each duty using it
    terms = [(" ".join(_masked(t.old)), " ".join(_masked(t.new))) for t in result.terms]
    for c in result.changes:
        if not c.old or not c.new:
            continue
        group_old = [s for b in c.old for s in by_old.get(b.id, [])]
        group_new = [s for b in c.new for s in by_new.get(b.id, [])]
        pairs += [(o, n, c.moved) for o, n in _pair(group_old, group_new, PAIR_MIN, taken, texts, aligned=True)]
    pairs += [(o, n, True) for o, n in _pair(olds, news, MOVE_MIN, taken, texts)]
    changes: list[DutyChange] = []
    same: list[Statement] = []
    for o, n, moved in pairs:
        kinds = _kinds(o, n, moved, terms)
        if not (o.is_duty or n.is_duty) and not {"strengthened", "weakened", "reversed"} & set(kinds):
            continue
        if not kinds:
            same.append(n)
            continue
        diff = tuple(diff_words(o.context, n.context)) if "reworded" in kinds else None
        changes.append(DutyChange(kinds=_ordered(kinds), old=o, new=n, diff=diff))
    changes += [DutyChange(("removed",), s, None) for s in olds if s.is_duty and s.id not in taken]
    changes += [DutyChange(("added",), None, s) for s in news if s.is_duty and "new:" + s.id not in taken]
    order = {s.id: k for k, s in enumerate(news)}
    order_old = {s.id: k for k, s in enumerate(olds)}
    changes.sort(key=lambda c: (0, order[c.new.id]) if c.new else (1, order_old[c.old.id] if c.old else 0))
    return RegisterDiff(old=Register.of(old, olds), new=Register.of(new, news), changes=tuple(changes),
                        same=tuple(same))


def _ordered(kinds: Iterable[str]) -> tuple[str, ...]:
    return tuple(k for k in KINDS if k in set(kinds))



def duties_of(result: Comparison) -> RegisterDiff:
    """The duty changes of a comparison: those a step before attached to it (``compare --for``
    attaches only its audience's, :func:`.audience.comparison_for`), else its editions' duties
    compared along its alignment with the built-in vocabulary."""
    if isinstance(result.duties, RegisterDiff):
        return result.duties
    return compare_duties(result.old, result.new, result=result)
