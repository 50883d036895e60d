"""Whom a deontic form's duty falls on: the subject of the form and the actors it names or points to.

The rules are stated in :mod:`.extract`'s module doc (actors, in the order they are tried);
this module holds their machinery: clause boundaries and the subject's start
(:func:`subject_start`), the actors of a subject, a passive's agent, a relative pronoun's
antecedent, pronouns and definite noun phrases that point back (:func:`resolve`, with the
:class:`Context` of the paragraph and section read so far), and impersonal assignments
("it is for X to…", :func:`assigned`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .vocabulary import Mention

__all__ = ["Context", "assigned", "groups", "heads", "ids", "resolve", "subject_start", "FINITE", "QUESTION",
           "SINGULAR_SUBJECT"]

# "do not need to" / "does not need to" / "not be required to": not a requirement
_MODIFIER = r"\b(?:of|in|at|for|with|from|to|by|on|within|across|about|into|who|which|\w+ing)\b"
_QUANTIFIER_OF = re.compile(r"\b(?:many|some|each|all|any|none|most|both|either|neither|one|two|three|few|several|"
                            r"every\s+one)\s+of\b", re.IGNORECASE)
_LEAD_PREPOSITION = r"\b(?:of|to|for|from|about|with|by|into|on)\b"
_RELATIVE = re.compile(r"\b(?:who|which|that)\s+(?:(?:also|themselves|itself|then|already|now|each|both|all)\s+)*$",
                       re.IGNORECASE)
QUESTION = re.compile(r"\b(?:what|how|whether|why)\s", re.IGNORECASE)
_BOUNDARY = re.compile(r"[,;:\u2013\u2014]\s|\b(?:that|if|when|whenever|where|so|but)\s|"
                       r"\band\s+(?=(?:they|it|he|she)\b)", re.IGNORECASE)
# a verb of the clause itself: a question word followed by one starts a clause inside the subject
FINITE = re.compile(r"\b(?:is|are|was|were|has|have|had|do|does|did|can|could|would|might)\b", re.IGNORECASE)
# segments that are asides, not the subject
_ASIDE = re.compile(r"\s*(?:such\s+as|including|especially|particularly|in\s+particular|for\s+example|e\.g\.|"
                    r"in\s+the\s+same\s+way|as\s+with|like|along\s+with|as\s+well\s+as|together\s+with|"
                    r"in\s+addition|as\s+\w+)\b", re.IGNORECASE)
# a definite noun phrase that points back ("these three partners", "those bodies", "the partners")
_DEFINITE = re.compile(r"(?:these|those|such|both|the)\s+(?:(?:two|three|four|five|several|various|above|same)\s+)*"
                       r"[a-z]+")
# what may stand between an impersonal assignment and its actor: a determiner, up to two modifiers
_NOUN_PHRASE_START = re.compile(r"\s*(?:(?:the|a|an|each|every|any|all|its|their|both)\s+)?"
                                r"(?:(?!(?:and|or|this|that|these|those)\s)[\w-]+\s+){0,2}", re.IGNORECASE)
_DISCRETION = re.compile(r"(?:decide|determine|choose|judge)\b", re.IGNORECASE)
# a sentence about "this", "that", "it" or "there": a plural pronoun after it points further back
SINGULAR_SUBJECT = re.compile(r"(?:this|that|it|there)\b", re.IGNORECASE)
_PRONOUN_WORDS = {"they", "it", "he", "she", "or", "and", "them", "their", "its", "his", "her", "each", "both",
                  "all", "of", "themselves", "itself", "also", "then", "in", "turn", "so", "therefore",
                  "too", "own", "we", "those", "these"}
_PRONOUN_HEADS = {"they", "it", "he", "she", "their", "its", "his", "her", "each", "both", "themselves"}
# words that may join the actors of a list without making it a new clause
_LIST_FILLER = {"and", "or", "the", "all", "other", "any", "each", "every", "local", "relevant", "also", "both",
                "a", "an", "their", "its", "as", "well", "including", "such", "in", "particular", "area", "england"}
_BE_PARTICIPLE = re.compile(r"^\s+(?:not\s+|never\s+|also\s+|then\s+|only\s+|always\s+)?be\s+"
                            r"(?:\w+ly\s+)?([a-z]+(?:ed|en)|told|given|sent|made|kept|seen|held|shown|heard|"
                            r"taken|known|done|brought|put|set|met|left|read|paid|found|sought|built|run|led)\b",
                            re.IGNORECASE)
# participles that describe the subject rather than something done to it
_ADJECTIVAL = {"prepared", "satisfied", "concerned", "equipped", "qualified", "experienced", "committed",
               "skilled", "interested", "confident", "involved", "engaged", "interested", "open", "alert",
               "assured", "minded", "focused", "focussed", "dedicated", "determined"}
_PASSIVE = re.compile(r"^\s+(?:not\s+|also\s+|then\s+)?be\s+[a-z]+(?:ed|en|t|n)\b[^.;:]{0,60}?\bby\s+", re.IGNORECASE)


def groups(mentions: list[Mention], text: str) -> list[list[Mention]]:
    """Mentions joined by commas, "and", "or" (a list of actors) grouped together."""
    out: list[list[Mention]] = []
    for m in mentions:
        if out:
            gap = text[out[-1][-1].end:m.start].strip(" ,").lower()
            if all(w in _LIST_FILLER for w in re.findall(r"\w+", gap)) and len(gap) < 30:
                out[-1].append(m)
                continue
        out.append([m])
    return out


def ids(mentions: Iterable[Mention]) -> tuple[str, ...]:
    """The actor ids of ``mentions``, each once, in order."""
    return tuple(dict.fromkeys(m.actor for m in mentions))


def _masked_parentheses(text: str) -> str:
    """``text`` with what is inside parentheses blanked out (same length), so that an aside's
    commas and semicolons are not clause boundaries."""
    out, depth = [], 0
    for ch in text:
        depth += ch == "("
        out.append(ch if depth == 0 else " ")
        depth -= ch == ")" and depth > 0
    return "".join(out)


def _cuts(sentence: str, at: int, mentions: list[Mention]) -> list[int]:
    """The clause boundaries before ``at``: punctuation, subordinators, and a question word
    ("what", "how", "whether") whose clause has no verb of its own before ``at`` — none inside the
    name of an actor ("voluntary, charity, social enterprise organisations")."""
    text = _masked_parentheses(sentence[:at])
    cuts = [m.end() for m in _BOUNDARY.finditer(text)]
    for m in QUESTION.finditer(text):
        if not FINITE.search(text[m.end():]):
            cuts.append(m.end())
    return sorted(c for c in cuts if not any(x.start < c < x.end for x in mentions))


def _only_actors(seg: str, offset: int, mentions: list[Mention]) -> bool:
    inside = [m for m in mentions if m.start >= offset and m.end <= offset + len(seg)]
    rest = seg
    for m in sorted(inside, key=lambda m: -m.start):
        rest = rest[:m.start - offset] + rest[m.end - offset:]
    return bool(inside) and all(w.lower() in _LIST_FILLER for w in re.findall(r"\w+", rest))


def subject_start(sentence: str, at: int, mentions: list[Mention]) -> int:
    """Start of the subject of the form at ``at``: after the last clause boundary; read back over
    an empty segment or an aside ("such as…", "in the same way as…", "especially…") and across
    commas while the segment before is a list of actors."""
    cuts = _cuts(sentence, at, mentions)
    start = cuts[-1] if cuts else 0
    while start > 0:
        seg = sentence[start:min([c for c in cuts if c > start] + [at])]
        if re.search(r"\w", seg) and not _ASIDE.match(seg):
            break
        start = max((c for c in cuts if c < start - 1), default=0)
    while start > 0:
        prev = max((c for c in cuts if c < start - 1), default=0)
        if not _only_actors(sentence[prev:start], prev, mentions):
            break
        start = prev
    return start


@dataclass
class Context:
    """What pronouns resolve to while reading one paragraph (or a list under its lead-in)."""

    last: tuple[str, ...] = ()
    lead: tuple[str, ...] = ()
    #: what "they" and "their" point to: as ``last``, but kept over a sentence whose subject is
    #: "this", "that", "it" or "there" and names no actor (a plural pronoun cannot point to it)
    plural: tuple[str, ...] = ()
    #: (actor, head noun) of every actor named so far in the section, most recent last
    recent: list[tuple[str, str]] = field(default_factory=list)


def _singular(word: str) -> str:
    """A noun without its possessive and plural ending ("partners'" → "partner", "bodies" → "body")."""
    word = re.sub(r"['\u2019]s?$", "", word.lower())
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def heads(sentence: str, mentions: list[Mention]) -> list[tuple[str, str]]:
    """(actor, head noun) of each mention: the last word of the words naming it."""
    return [(m.actor, _singular(re.findall(r"[\w'\u2019]+", sentence[m.start:m.end])[-1])) for m in mentions]


def _is_passive(after: str) -> bool:
    """Whether the words after a form make it passive ("should be informed"): ``be`` and a past
    participle that is not one of the adjectives that describe the subject ("be prepared to")."""
    m = _BE_PARTICIPLE.match(after)
    return bool(m) and m.group(1).lower() not in _ADJECTIVAL


def _agent(sentence: str, end: int, mentions: list[Mention]) -> tuple[str, ...]:
    """The actors of a passive's agent ("should be agreed by the LSPs"), if it names any."""
    passive = _PASSIVE.match(sentence[end:])
    if not passive:
        return ()
    after = passive.end() + end
    agent = [m for m in mentions if m.start >= after]
    gap = sentence[after:agent[0].start] if agent else ""
    if agent and all(w.lower() in _LIST_FILLER for w in re.findall(r"\w+", gap)):
        return ids(groups(agent, sentence)[0])
    return ()


def _antecedent(sentence: str, before: list[Mention], ctx: Context, plural: bool = False) -> tuple[str, ...]:
    """What a pronoun subject points to: the subject of an opening clause of the same sentence
    ("If a teacher finds…, they must"), else the previous sentence's subject — for a plural
    pronoun, the last subject that was not a singular "this", "it"… ("Schools should… This
    includes… They should…") — else any actors named earlier in the sentence, else the lead-in's."""
    for group in reversed(groups(before, sentence)):
        lead_in = sentence[:group[0].start]
        if re.search(r"\b(?:if|where|when|whenever|once|as|while|until|because|although)\s+"
                     r"(?:(?:the|a|an|any|each|every|all|their|its)\s+)?$", lead_in, re.IGNORECASE):
            return ids(group)
    if ctx.last:
        return ctx.last
    if plural and ctx.plural:
        return ctx.plural
    if before:
        return ids(groups(before, sentence)[-1])
    return ctx.lead


def _head(subject: list[Mention], sentence: str, start: int) -> list[Mention]:
    """The actors a subject is about: not one in parentheses, not a possessive ("the school's
    policies", "the school or college's policies"), not one after a
    preposition when something else heads the subject ("the referral to a housing authority"),
    not those in a phrase modifying another ("proprietors of independent schools", "leads in
    schools", "organisations providing NHS services")."""
    out: list[Mention] = []
    masked = _masked_parentheses(sentence)
    for k, m in enumerate(subject):
        if not masked[m.start:m.end].strip():
            continue  # in an aside in parentheses
        nxt = subject[k + 1] if k + 1 < len(subject) else None
        if _possessive(sentence, m) or (nxt is not None and _possessive(sentence, nxt) and
                                        re.fullmatch(r"\s*(?:or|and|,)\s*", sentence[m.end:nxt.start])):
            continue
        gap = sentence[out[-1].end if out else start:m.start]
        if not out:  # "many of these agencies": a quantifier's "of" does not make a modifier
            gap = _QUANTIFIER_OF.sub(" ", gap)
        if re.search(_MODIFIER if out else _LEAD_PREPOSITION, gap, re.IGNORECASE):
            continue
        out.append(m)
    return out


def _possessive(sentence: str, m: Mention) -> bool:
    return sentence[m.start:m.end][-2:] in ("'s", "\u2019s", "s'", "s\u2019")


def _relative(sentence: str, at: int, mentions: list[Mention]) -> tuple[str, ...] | None:
    """When the form's subject is a relative pronoun ("adults who are responsible for"), the actor
    its antecedent names (``()`` if it names none); None when it is not."""
    m = _RELATIVE.search(sentence[:at])
    if m is None:
        return None
    return ids([x for x in mentions if 0 <= m.start() - x.end <= 2])


def resolve(sentence: str, start: int, at: int, end: int, mentions: list[Mention],
             ctx: Context) -> tuple[tuple[str, ...], bool]:
    """(actors, whether the subject itself named or pointed to them) of the form at ``at`` whose
    subject starts at ``start``."""
    before = [m for m in mentions if m.end <= start]
    if _is_passive(sentence[end:]):  # the subject is acted on: the actor is the agent, if named
        return _agent(sentence, end, mentions), False
    relative = _relative(sentence, at, mentions)
    if relative is not None:
        return relative, bool(relative)
    subject = _head([m for m in mentions if m.start >= start and m.end <= at], sentence, start)
    if subject:
        return ids(subject), True
    words = [w.lower() for w in re.findall(r"[\w']+", sentence[start:at])]
    if words and words[0] in _PRONOUN_HEADS and (all(w in _PRONOUN_WORDS for w in words) or
                                                 words[0] in {"their", "its", "his", "her"}):
        found = _antecedent(sentence, before, ctx, plural=words[0] in {"they", "their", "themselves"})
        return found, bool(found)
    if _DEFINITE.fullmatch(" ".join(words)):  # "these three partners": the actor last named so
        found = next(((a,) for a, head in reversed(ctx.recent) if head == _singular(words[-1])), ())
        if found:
            return found, True
    if not words:  # a list item that starts with the form ("must ensure that…") continues its lead-in
        return ctx.lead, False
    return ids(before), False


def assigned(sentence: str, end: int, mentions: list[Mention]) -> tuple[tuple[str, ...], str]:
    """The actors and action of an impersonal assignment ("it will be for the safeguarding partners
    to consider…"): the list of actors right after the form — nothing between but a determiner
    and up to two modifiers ("the receiving local authority"), not a conjunction or demonstrative — and the words after the ``to``
    that follows them; none when no actor follows ("it is for this reason that…"), and none when
    the action is to decide, determine or choose ("it is for schools to decide whether…" leaves
    the choice to them and requires nothing)."""
    after = [m for m in mentions if m.start >= end]
    if not after or not _NOUN_PHRASE_START.fullmatch(sentence[end:after[0].start]):
        return (), ""
    group = groups(after, sentence)[0]
    to = re.compile(r"\s+to\s+").search(sentence, group[-1].end)
    action = sentence[to.end():] if to else sentence[group[-1].end:]
    if _DISCRETION.match(action):
        return (), ""  # "it is for schools to decide whether…": the choice is theirs, nothing is asked
    return ids(group), action.strip().rstrip(".;:").strip()
