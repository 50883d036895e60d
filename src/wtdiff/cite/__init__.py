"""Citations of the guidance in a user's own document, found and mapped to a new edition.

    >>> from wtdiff import cite
    >>> doc = cite.read_user_document("procedure.docx")
    >>> report = cite.cite(doc, ["wt-2018.pdf", "wt-2023.pdf"])   # old edition first
    >>> report.to_markdown()          # each citation: new number(s), what happened to the text
    >>> cite.update_docx("procedure.docx", report, "updated.docx")   # tracked changes + comments

Modules, one per stage: :mod:`.source` (the user's document as text),
:mod:`.find` (citations and mentions of the guidance), :mod:`.mapping`
(old → new through the concordance), :mod:`.report` (Markdown, CSV, JSON;
HTML from the tracking templates), :mod:`.docx` (the Word round trip).
"""

from __future__ import annotations

from .docx import update_docx
from .find import Citation, Mention, find_citations, find_mentions
from .mapping import Cited, CiteReport, Outcome, cite
from .source import UserDocument, read_user_document

__all__ = [
    "Citation",
    "CiteReport",
    "Cited",
    "Mention",
    "Outcome",
    "UserDocument",
    "cite",
    "find_citations",
    "find_mentions",
    "read_user_document",
    "update_docx",
]
