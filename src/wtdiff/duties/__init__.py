"""The duties register: who must, should or may do what in an edition, and what changed for whom.

A stage after reading (and, for two editions, after :func:`wtdiff.compare`):

* :mod:`.vocabulary` — the actors and audiences (package data ``actors.toml``, extensible);
* :mod:`.extract` — the duties of one edition (:func:`extract` → :class:`Register`), with
  :mod:`.basis` for the legislation they cite;
* :mod:`.diff` — the registers of two editions compared (:func:`compare_duties` → :class:`RegisterDiff`);
* :mod:`.audience` — only what concerns one audience (``--for schools``);
* :mod:`.render` — Markdown, HTML, CSV and JSON of both.

    >>> from wtdiff import parse
    >>> from wtdiff.duties import extract
    >>> register = extract(parse("specimen-b"))
    >>> register.duties[0].strength, register.duties[0].actors
"""

from __future__ import annotations

from .diff import KINDS, DutyChange, RegisterDiff, compare_duties, duties_of
from .extract import STRENGTHS, Duty, Place, Register, Statement, extract
from .vocabulary import Actor, Vocabulary, load_vocabulary

__all__ = ["KINDS", "STRENGTHS", "Actor", "Duty", "DutyChange", "Place", "Register", "RegisterDiff", "Statement",
           "Vocabulary", "compare_duties", "duties_of", "extract", "load_vocabulary"]
