"""The legal basis of a duty: the legislation a text cites, normalised.

"section 11 of the Children Act 2004" whether written that way or as "Children
Act 2004 Section 11" (the form footnotes use); an Act, Regulations, Order, Rules
or Measure is a run of capitalised words (with "and", "of", "for"… between them
and a bracketed part such as "(England)") ending in its year; sentence openers
before it ("Under the…", "See the…") are not part of its name.
"""

from __future__ import annotations

import re

from ..normalize import fold

__all__ = ["legal_basis"]

_ACT = (r"(?:[A-Z][\w\u2019'-]*\s+(?:(?:and|of|for|in|on|to|the)\s+)*(?:\([\w ]+\)\s+)?){0,9}"
        r"(?:Act|Regulations|Order|Rules|Measure)(?:\s+\(\w+\))?\s+(?:\d{4})")
_PROV = (r"(?:[Ss]ections?|[Rr]egulations?|[Ss]chedules?|[Pp]arts?|[Aa]rticles?|s\.)\s*\d+[A-Z]{0,2}"
         r"(?:\s*\(\w+\))*(?:\s*(?:,|and|or|to)\s*\d+[A-Z]{0,2}(?:\s*\(\w+\))*)*")
_CITE = re.compile(rf"(?P<p1>{_PROV})\s+of\s+(?:the\s+)?(?P<a1>{_ACT})|(?P<a2>{_ACT})(?:\s*,?\s*(?P<p2>{_PROV}))?")
_OPENERS = {"Under", "The", "In", "See", "As", "By", "Where", "When", "This", "Statutory", "Guidance", "Section",
            "And", "For", "Of", "To", "On", "Also", "From", "With", "Following", "Both", "Set", "Out"}


def legal_basis(text: str) -> list[str]:
    """The legislation ``text`` cites, normalised ("section 11 of the Children Act 2004"), in order,
    each once."""
    out: list[str] = []
    for m in _CITE.finditer(fold(text)):
        act = m.group("a1") or m.group("a2")
        prov = m.group("p1") or m.group("p2")
        words = act.split()
        while len(words) > 3 and (words[0] in _OPENERS or words[0].islower()):
            words = words[1:]
        act = " ".join(words)
        if prov:
            prov = re.sub(r"\s+", " ", prov).strip()
            prov = re.sub(r"^([A-Za-z.]+)\s*(?=\d)", lambda w: w.group(1).lower() + " ", prov)
            prov = re.sub(r"\s+\(", "(", prov)
            cite = f"{prov} of the {act}"
        else:
            cite = act
        if cite not in out:
            out.append(cite)
    return out
