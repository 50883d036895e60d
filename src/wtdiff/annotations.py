"""Annotations: a person's corrections to the drafted change summaries, kept in a YAML file.

The drafted "Reason for change" of :mod:`wtdiff.report.table` is inferred from a
change's category; the people who publish the briefing know the real reason.
They write it down once, in a file they keep with their briefing::

    # what-changed.yaml
    - match: "Data Protection Act 2018"          # text of the line or of the paragraph
      reason: "Updated to reflect the Data Protection Act 2018 and UK GDPR"
    - id: ch2.s3.p45                             # a change id (from --format csv)
      text: "Homelessness duty: what to refer, and to whom"
    - match: "secure colleges"
      hide: true

and pass it with ``--annotations FILE``. An entry applies to every drafted line
it matches: ``match`` is looked for (ignoring case and typography) in the
line's text and in the text of the paragraphs it describes, in either edition;
``id`` is a change id (the new block's id, or ``old:`` and the old block's id),
``term:`` and a replaced phrase, or ``section:`` and a heading's id. Matching
on text is what lets the file survive re-running on a newer comparison, where
ids may differ. ``reason`` replaces the inferred reason, ``text`` the drafted
wording, and ``hide: true`` leaves the line out (it is counted).

Any other key is an error naming the file and line, so a misspelt key never
silently does nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import FileMissingError, InputError
from .normalize import fold

__all__ = ["KEYS", "Annotation", "load", "loads"]

#: the keys an entry may have
KEYS = ("id", "match", "reason", "text", "hide")


@dataclass(frozen=True, slots=True)
class Annotation:
    """One entry of an annotations file."""

    source: str
    #: 1-based line of the entry in its file
    line: int
    id: str | None = None
    match: str | None = None
    reason: str | None = None
    text: str | None = None
    hide: bool = False

    @property
    def where(self) -> str:
        return f"{self.source}, line {self.line}"

    def matches(self, ids: tuple[str, ...], texts: tuple[str, ...]) -> bool:
        """Whether this entry applies to a line with these ids and texts."""
        if self.id is not None:
            return self.id in ids
        needle = _key(self.match or "")
        return bool(needle) and any(needle in _key(t) for t in texts)


def _key(text: str) -> str:
    return " ".join(fold(text).lower().split())


def load(path: str | Path) -> tuple[Annotation, ...]:
    """Read an annotations file."""
    p = Path(path)
    if not p.is_file():
        raise FileMissingError(f"{p}: no such annotations file.", hint="Check the path given to --annotations.")
    try:
        text = p.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{p}: the annotations file cannot be read ({exc}).",
                         hint="Save it as UTF-8 text.") from exc
    return loads(text, source=str(p))


def loads(text: str, *, source: str = "annotations") -> tuple[Annotation, ...]:
    """Parse annotations from YAML text; ``source`` names it in error messages."""
    import yaml  # only when annotations are used

    loader = yaml.SafeLoader(text)
    try:
        try:
            root = loader.get_single_node()
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            at = f", line {mark.line + 1}" if mark is not None else ""
            problem = getattr(exc, "problem", None) or "not valid YAML"
            raise InputError(f"{source}{at}: {problem}.", hint="Fix the YAML and run again.") from exc
        if root is None:
            return ()
        if not isinstance(root, yaml.SequenceNode):
            raise InputError(f"{source}, line {root.start_mark.line + 1}: expected a list of entries "
                             "(each line starting with '- ').",
                             hint="Write each annotation as '- match: \"…\"' followed by 'reason: \"…\"'.")
        return tuple(_entry(node, loader, source) for node in root.value)
    finally:
        loader.dispose()


def _entry(node: Any, loader: Any, source: str) -> Annotation:
    import yaml

    line = node.start_mark.line + 1
    if not isinstance(node, yaml.MappingNode):
        raise InputError(f"{source}, line {line}: an entry must be a mapping of keys to values.",
                         hint="Write e.g. '- match: \"Data Protection Act 2018\"' and 'reason: \"…\"'.")
    values: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        at = f"{source}, line {key_node.start_mark.line + 1}"
        if key not in KEYS:
            raise InputError(f"{at}: unknown key {key!r}.", hint=f"Use {', '.join(KEYS)}.")
        if key in values:
            raise InputError(f"{at}: {key!r} is given twice in one entry.")
        value = loader.construct_object(value_node, deep=True)
        if key == "hide":
            if not isinstance(value, bool):
                raise InputError(f"{at}: 'hide' must be true or false.")
        elif not isinstance(value, (str, int, float)) or isinstance(value, bool) or not str(value).strip():
            raise InputError(f"{at}: {key!r} must be a non-empty piece of text.")
        else:
            value = str(value).strip()
        values[key] = value
    if ("id" in values) == ("match" in values):
        raise InputError(f"{source}, line {line}: an entry needs exactly one of 'id' or 'match'.",
                         hint="Say which line it applies to by its change id or by text it contains.")
    if not ({"reason", "text"} & values.keys()) and not values.get("hide"):
        raise InputError(f"{source}, line {line}: the entry changes nothing.",
                         hint="Give a 'reason', a 'text' or 'hide: true'.")
    return Annotation(source=source, line=line, id=values.get("id"), match=values.get("match"),
                      reason=values.get("reason"), text=values.get("text"), hide=bool(values.get("hide", False)))
