"""The actors vocabulary: who duties are placed on, the words that name them, their audiences.

The vocabulary is data (``actors.toml`` beside this module, described in its
header) read with :mod:`tomllib` and validated on load; a user file in the same
form extends it (its actors are added, or replace those with the same id).
:meth:`Vocabulary.find` finds every actor a text names: whole words, the longest
term winning where terms overlap, plurals and possessives matched from the
singular, abbreviations (terms written in capitals) only in capitals, a term
that starts with an article ("the partners") giving way to a longer one that
starts after the article ("the partner agencies"); two terms
that make one noun phrase ("NHS commissioners", "college leaders") are one
mention of the more specific actor (not one every audience shares).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path

from ..errors import InputError, UsageError

__all__ = ["Actor", "Mention", "Vocabulary", "load_vocabulary", "EVERYONE", "UNSPECIFIED"]

#: the audience of actors every audience is concerned with
EVERYONE = "*"
#: the actor id of a duty whose actor the text does not name
UNSPECIFIED = "unspecified"

_PLURAL = r"(?:s|es)?(?:['\u2019]s?)?"


@dataclass(frozen=True, slots=True)
class Actor:
    """Someone a duty can be placed on."""

    id: str
    name: str
    terms: tuple[str, ...]
    audiences: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Mention:
    """Where a text names an actor: the character span and the actor's id."""

    start: int
    end: int
    actor: str


@dataclass(frozen=True)
class Vocabulary:
    """The actors and audiences duties are resolved to."""

    actors: tuple[Actor, ...]
    #: audience id -> description
    audiences: dict[str, str]

    @cached_property
    def _pattern(self) -> tuple[re.Pattern[str], dict[str, str]]:
        owner: dict[str, str] = {}
        for actor in self.actors:
            for term in actor.terms:
                owner[_key(term)] = actor.id
        alts = []
        for term in sorted({t for a in self.actors for t in a.terms}, key=lambda t: (-len(t), t)):
            body = r"\s+".join(re.escape(w) for w in term.split())
            if term.isupper():  # an abbreviation: capitals only
                alts.append(rf"(?-i:{body}){_PLURAL}")
            else:
                alts.append(body + _PLURAL)
        pattern = re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])", re.IGNORECASE)
        return pattern, owner

    def find(self, text: str) -> list[Mention]:
        """Every actor ``text`` names, in order (the longest term wins where terms overlap)."""
        pattern, owner = self._pattern
        out = []
        for m in pattern.finditer(text):
            article = re.match(r"(?:the|a|an)\s+", m.group(0), re.IGNORECASE)
            inner = pattern.match(text, m.start() + article.end()) if article else None
            if inner is not None and inner.end() > m.end():
                m = inner  # "the partner agencies": a longer term starts after a term's article
            actor = next((owner[k] for k in _singulars(m.group(0)) if k in owner), None)
            if actor is None:
                continue
            if out and not text[out[-1].end:m.start()].strip():
                # one noun phrase ("NHS commissioners", "college leaders"): the more specific actor
                prev = out.pop()
                keep = prev.actor if self._generic(actor) and not self._generic(prev.actor) else actor
                out.append(Mention(prev.start, m.end(), keep))
                continue
            out.append(Mention(m.start(), m.end(), actor))
        return out

    def _generic(self, actor_id: str) -> bool:
        found = self.actor(actor_id)
        return found is not None and EVERYONE in found.audiences

    def actor(self, actor_id: str) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)

    def name(self, actor_id: str) -> str:
        """The display name of an actor id ("no actor named" for :data:`UNSPECIFIED`)."""
        found = self.actor(actor_id)
        return found.name if found else "no actor named" if actor_id == UNSPECIFIED else actor_id

    def concerns(self, actor_id: str, audience: str) -> bool:
        """Whether a duty of ``actor_id`` concerns ``audience`` (generic actors concern every audience)."""
        found = self.actor(actor_id)
        return found is not None and (audience in found.audiences or EVERYONE in found.audiences)

    def names_audience(self, text: str, audience: str) -> bool:
        """Whether ``text`` names an actor of ``audience`` itself (not a generic actor)."""
        own = {a.id for a in self.actors if audience in a.audiences}
        return any(m.actor in own for m in self.find(text))

    def check_audience(self, audience: str) -> str:
        """``audience`` if the vocabulary knows it, else a :class:`UsageError` listing those it knows."""
        if audience not in self.audiences:
            raise UsageError(f"'{audience}' is not an audience of the actors vocabulary.",
                             hint="Choose one of: " + ", ".join(sorted(self.audiences)) + ".")
        return audience


def _key(term: str) -> str:
    return re.sub(r"\s+", " ", term.replace("\u2019", "'")).lower()


def _singulars(word: str) -> list[str]:
    """``word`` and the forms it may have come from: without a possessive, then without -es or -s."""
    bare = re.sub(r"'s?$", "", _key(word))
    out = [_key(word), bare]
    if bare.endswith("es"):
        out.append(bare[:-2])
    if bare.endswith("s"):
        out.append(bare[:-1])
    return out


def _parse(data: dict[str, object], where: str) -> tuple[list[Actor], dict[str, str]]:
    audiences = data.get("audiences", {})
    if not isinstance(audiences, dict) or not all(isinstance(v, str) for v in audiences.values()):
        raise InputError(f"{where}: [audiences] must map audience ids to descriptions.")
    actors = []
    raw = data.get("actor", [])
    if not isinstance(raw, list):
        raise InputError(f"{where}: 'actor' must be a list of [[actor]] tables.")
    for k, item in enumerate(raw, 1):
        if not isinstance(item, dict):
            raise InputError(f"{where}: actor {k} is not a table.")
        for key in ("id", "name", "terms", "audiences"):
            if key not in item:
                raise InputError(f"{where}: actor {k} has no '{key}'.",
                                 hint="Give every [[actor]] an id, a name, terms and audiences.")
        terms, auds = item["terms"], item["audiences"]
        if not (isinstance(terms, list) and terms and all(isinstance(t, str) and t.strip() for t in terms)):
            raise InputError(f"{where}: actor '{item['id']}' needs a non-empty list of terms.")
        if not (isinstance(auds, list) and all(isinstance(a, str) for a in auds)):
            raise InputError(f"{where}: actor '{item['id']}': audiences must be a list of audience ids.")
        actors.append(Actor(str(item["id"]), str(item["name"]), tuple(terms), tuple(auds)))
    return actors, {str(k): str(v) for k, v in audiences.items()}


def _read(path: Path | None) -> tuple[str, dict[str, object]]:
    if path is None:
        text = resources.files(__package__).joinpath("actors.toml").read_text(encoding="utf-8")
        where = "the built-in actors vocabulary"
    else:
        where = str(path)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise InputError(f"{path}: cannot read the actors file ({exc.strerror}).",
                             hint="Check the path given to --actors.") from exc
    try:
        return where, tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{where}: not valid TOML ({exc}).") from exc


def load_vocabulary(extra: Path | None = None) -> Vocabulary:
    """The built-in vocabulary, extended by the actors file ``extra`` when given."""
    where, data = _read(None)
    actors, audiences = _parse(data, where)
    if extra is not None:
        where, data = _read(extra)
        more, more_aud = _parse(data, where)
        ids = {a.id for a in more}
        actors = [a for a in actors if a.id not in ids] + more
        audiences = {**audiences, **more_aud}
    for a in actors:
        unknown = [x for x in a.audiences if x != EVERYONE and x not in audiences]
        if unknown:
            raise InputError(f"actor '{a.id}' names unknown audience(s) {', '.join(unknown)}.",
                             hint="Add them under [audiences] in the actors file.")
    return Vocabulary(tuple(actors), audiences)
