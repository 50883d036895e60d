"""The duties part of the change log and of the list of amendments: the register diff of a comparison.

:func:`duties_part` lays out the duty changes of a comparison
(:func:`wtdiff.duties.diff.duties_of`) for the HTML change log's "Duties" part:
grouped by actor (a change with several actors under each, actors with most
changes first), then by kind in :data:`~wtdiff.duties.diff.KINDS` order, each
change with its place in both editions and a link to the change-log entry of
each block it is in — the entry of its new block where the change log lists
it, else of its old block, else no link (an editorial change left out, or a
block another audience's). :func:`strength_lines` drafts one line per duty
strengthened, weakened or reversed, naming its actors, in the DfE's style
("Paragraph 42: safeguarding partners must now (was: should) publish…").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..comparison import Comparison
from ..duties.diff import KIND_TITLES, KINDS, DutyChange, RegisterDiff, duties_of
from ..duties.extract import Place, Statement
from ..duties.vocabulary import UNSPECIFIED, Vocabulary, load_vocabulary

__all__ = ["DutyEntry", "DutiesPart", "duties_part", "StrengthLine", "strength_lines"]



@dataclass(frozen=True)
class DutyEntry:
    """One duty change as the change log lists it."""

    change: DutyChange
    #: the place in the old and the new edition ("" on the side it is not in)
    old_place: str
    new_place: str
    #: the change-log anchor ("#change-…") of the block it is in, when the log lists that block
    href: str | None
    #: "was: practitioners; now: safeguarding partners", when it was given to another actor
    actors_note: str


@dataclass(frozen=True)
class DutiesPart:
    """The duties part of a change log: counts, and the changes by actor, then kind."""

    diff: RegisterDiff
    #: (actor id, actor name, [(kind, kind title, entries)])
    actors: list[tuple[str, str, list[tuple[str, str, list[DutyEntry]]]]]
    #: the audience's name ("schools, colleges and early years settings") when chosen for one
    audience: str | None

    @property
    def counts(self) -> list[tuple[str, int]]:
        """(kind, how many) for each kind with a change, in :data:`KINDS` order."""
        return [(k, n) for k, n in self.diff.counts().items() if n]


def _anchors(result: Comparison, listed: set[str]) -> tuple[dict[str, str], dict[str, str]]:
    """Block id -> the anchor of the listed change record holding it, for each edition (block
    ids of the two editions may coincide)."""
    old: dict[str, str] = {}
    new: dict[str, str] = {}
    for rec in result.changes:
        if rec.id in listed:
            old.update((b.id, f"#change-{rec.id}") for b in rec.old)
            new.update((b.id, f"#change-{rec.id}") for b in rec.new)
    return old, new


def _href(c: DutyChange, anchors: tuple[dict[str, str], dict[str, str]]) -> str | None:
    """The anchor of the entry holding the change's new block, else its old block."""
    return ((anchors[1].get(c.new.place.block) if c.new else None)
            or (anchors[0].get(c.old.place.block) if c.old else None))


def _actors_note(c: DutyChange, vocab: Vocabulary) -> str:
    if "reassigned" not in c.kinds or c.old is None or c.new is None:
        return ""
    return (f"was: {', '.join(vocab.name(a) for a in c.old.actors)}; "
            f"now: {', '.join(vocab.name(a) for a in c.new.actors)}")


def duties_part(result: Comparison, listed: Iterable[str], vocab: Vocabulary | None = None) -> DutiesPart:
    """The duty changes of ``result`` laid out for the change log; ``listed`` are the ids of the
    change records the log lists (the links go only to those)."""
    vocab = vocab or load_vocabulary()
    diff = duties_of(result)
    anchors = _anchors(result, set(listed))
    entries = {id(c): DutyEntry(change=c, old_place=c.old.place.label if c.old else "",
                                new_place=c.new.place.label if c.new else "", href=_href(c, anchors),
                                actors_note=_actors_note(c, vocab)) for c in diff.changes}
    actors = []
    for actor, changes in diff.by_actor().items():
        kinds = [(k, KIND_TITLES[k], [entries[id(c)] for c in changes if c.kind == k]) for k in KINDS]
        actors.append((actor, vocab.name(actor), [k for k in kinds if k[2]]))
    audience = vocab.audiences.get(diff.audience, diff.audience) if diff.audience else None
    return DutiesPart(diff=diff, actors=actors, audience=audience)


# --- the list of amendments ----------------------------------------------------------------


@dataclass(frozen=True)
class StrengthLine:
    """A drafted line for one duty made stronger or weaker."""

    #: "Paragraph 42" (or the page, or the heading, when the edition has no numbers)
    place: str
    text: str
    change: DutyChange

    def __str__(self) -> str:
        return f"{self.place}: {self.text}"


def _place(p: Place) -> str:
    label = p.label
    return label[:1].upper() + label[1:]


def _names(actors: Iterable[str], vocab: Vocabulary) -> str:
    names = [vocab.name(a) for a in actors if a != UNSPECIFIED]
    if not names:
        return ""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _line(c: DutyChange, vocab: Vocabulary) -> str:
    """"safeguarding partners must now (was: should) publish…": the actors, the new form with
    "now", the old form, the action. A duty with no actor named, or whose changed form is not the
    one that places it, is quoted whole: "“A record must be kept.” — now must (was: should)"."""
    assert c.old is not None and c.new is not None
    was, now = c.change.split(" → ")
    new: Statement = c.new
    who = _names(new.actors, vocab)
    action = new.action.rstrip(" .;:")
    if who and new.form is not None and new.strength == now:
        return f"{who} {now} now (was: {was}) {action}".rstrip()
    return f"“{new.context.rstrip()}” — now {now} (was: {was})"


def strength_lines(result: Comparison, vocab: Vocabulary | None = None) -> list[StrengthLine]:
    """One line per duty of ``result`` strengthened, weakened or reversed, in the new edition's
    reading order (see the module doc)."""
    vocab = vocab or load_vocabulary()
    out = []
    for c in duties_of(result).changes:
        if c.kind in ("strengthened", "weakened", "reversed") and c.old is not None and c.new is not None:
            out.append(StrengthLine(place=_place(c.new.place), text=_line(c, vocab), change=c))
    return out
