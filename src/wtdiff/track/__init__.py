"""Track every paragraph across a sequence of editions.

    >>> from wtdiff import track
    >>> chain = track.build(["wt-2013.md", "wt-2018.md", "wt-2023.md"])   # oldest first
    >>> track.history(chain).to_markdown()           # where each paragraph came from, what was removed
    >>> track.blame(chain, "wt-2023", chapter="3")   # the edition each word run first appeared in
    >>> track.locate(chain, "wt-2018", "3.16")       # where paragraph 3.16 of 2018 went
    >>> track.concordance(chain, "wt-2018", "wt-2023").to_csv()   # old number → new number
    >>> track.terms(chain, ["Local Safeguarding Children Board"])
    >>> track.term_changes(chain)                    # term rules mined between consecutive editions

Every function takes a :class:`Chain` or the editions themselves (anything
:func:`wtdiff.parse` accepts), and returns plain frozen data with
``to_markdown()``, ``to_json()``, ``to_html()`` and ``to_dict()`` (the
concordance also ``to_csv()``). Modules, one per concern: :mod:`.chain`
(editions and links, restorations), :mod:`.cache` (alignments on disk),
:mod:`.refs` (citation labels), :mod:`.lineage`, :mod:`.blame`,
:mod:`.locate` (locate and concordance), :mod:`.terms`; output in
:mod:`.jsonout`, :mod:`.markdown` and :mod:`.html`.
"""

from __future__ import annotations

from .blame import Blame, BlamedBlock, Run, blame
from .cache import AlignmentCache
from .chain import Chain, Edition, Editions, Link, build
from .lineage import Event, History, Lineage, Removal, history, lineage
from .locate import Concordance, Hop, Located, Location, Row, concordance, locate
from .refs import EditionInfo, Ref
from .terms import TermChanges, TermReport, TermUse, term_changes, terms

__all__ = [
    "FORMATS",
    "AlignmentCache",
    "Blame",
    "BlamedBlock",
    "Chain",
    "Concordance",
    "Edition",
    "EditionInfo",
    "Editions",
    "Event",
    "History",
    "Hop",
    "Lineage",
    "Link",
    "Located",
    "Location",
    "Ref",
    "Removal",
    "Row",
    "Run",
    "TermChanges",
    "TermReport",
    "TermUse",
    "blame",
    "build",
    "concordance",
    "history",
    "lineage",
    "locate",
    "term_changes",
    "terms",
]

#: output formats of every tracking result (the concordance also has ``csv``)
FORMATS = ("html", "md", "json")
