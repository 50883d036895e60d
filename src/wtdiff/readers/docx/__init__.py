"""Word (DOCX) reader.

The package is checked before anything is unpacked (a total uncompressed size
over :data:`MAX_UNCOMPRESSED`, a member compressed more than :data:`MAX_RATIO`
to one, or more than :data:`MAX_MEMBERS` members is refused as a likely zip
bomb), then opened with python-docx, whose parts are walked with lxml. Parts
python-docx does not parse (footnotes, endnotes, core properties) are parsed
with a parser that neither resolves entities nor loads DTDs nor uses the network.

The body is read in order, paragraphs and tables interleaved (content controls,
custom XML and ``mc:AlternateContent`` are looked through):

* **headings** — a direct outline level (``w:outlineLvl`` 0–8), else a
  ``Heading N`` style anywhere in the style's ``basedOn`` chain, else an outline
  level from that chain. ``Title``-style paragraphs give the document title (adjacent
  ones are joined); without one, a lone top heading is the title (as in every
  reader) or, failing that, the title in the document properties;
* **Word auto-numbering** is resolved through ``numbering.xml``: ``numPr`` on the
  paragraph or its style chain, ``numFmt``, ``lvlText`` (``%1.``, ``%1.%2``),
  ``start``, ``lvlRestart``, ``isLgl``, ``lvlOverride``/``startOverride`` and
  ``numStyleLink``. Counters are kept per abstract numbering, so two lists
  sharing one continue each other unless an override restarts one. A decimal label
  at level 0 (or one built from ``%1``, like ``3.16``) on a paragraph that is not
  in a ``List Bullet``/``List Number`` style is the printed **paragraph number**;
  bullets and other labels make **list items** whose ``level`` is the list level
  (one less when level 0 of the same list numbers paragraphs), with a non-bullet
  label kept at the front of the text (``a) see the child``), as printed;
* literal numbers typed in the text (``24. Text``, ``3.16 Text``) are paragraph
  numbers; paragraphs typed with a bullet glyph (``•``, ``-``, ``–``) or a letter
  or roman label (``(a)``, ``b)``, ``iv.``) are list items at level 0;
* when paragraph numbers come from several sources (typed, or different Word
  lists), a source numbering under a fifth as many paragraphs as the main one
  is a numbered list: its paragraphs become list items with the label kept;
* ``List Bullet``, ``List Number``, ``List Continue`` and ``List`` styles (their
  ``2``/``3`` variants one and two levels down) and ``List Paragraph`` make list items;
* **tables** give one ``table-row`` item per row; a cell's paragraphs (and nested
  tables) are joined with spaces, a horizontally merged cell is one cell, a
  vertically merged continuation cell is empty. A row is a header when it is
  marked to repeat as a header (``w:tblHeader``); in a table with no such mark,
  the first row is a header when every cell with text is shaded or all bold
  (by direct formatting, or a bold character or paragraph style such as
  LibreOffice's ``Table Heading``);
* **footnotes** and endnotes: each ``w:footnoteReference`` in the text is given
  its printed marker (the ordinal of the reference, in the numbering format and
  start from the settings, restarting per section when they say so; a custom
  mark is taken as typed) and cited in ``Item.refs``; the note body follows the
  citing block as a ``footnote`` item, so :func:`~wtdiff.structure.build`
  attaches it;
* **hyperlinks** (``w:hyperlink`` relationships and ``HYPERLINK`` fields) are
  kept in ``Item.links``; internal anchors are not;
* **tracked changes** are read accepted: text in ``w:del``/``w:moveFrom`` is
  skipped, ``w:ins``/``w:moveTo`` kept, deleted table rows dropped, and a
  paragraph whose mark was deleted runs on into the next one. **Comments** are
  ignored. Both are reported in :attr:`DocxItems.notes`.

* **figures**: each drawing anchored in a paragraph (``w:drawing``, a VML
  ``w:pict``, either branch of ``mc:AlternateContent``) whose shapes hold text —
  text boxes (``w:txbxContent``), a group of boxes and connectors, a SmartArt
  diagram (the ``a:t`` text of its data part) — gives one ``figure`` item after
  the paragraph it is anchored in, with the words of all its boxes in document
  order: a flow chart drawn in Word is one block, as in the paged readers.

Skipped: headers and footers, tables of contents (``TOC`` styles, ``TOC``
fields, table-of-contents content controls), hidden text, field instructions,
pictures and drawings without text, and empty paragraphs. DOCX has no fixed pages, so no page
numbers are given.

The modules: :mod:`.package` (checking and opening the package), :mod:`.wordml` (element
names and small readers of elements), :mod:`.styles` (paragraph styles), :mod:`.numbering`
(Word auto-numbering), :mod:`.state` (what the reader knows and has read), :mod:`.inline`
(runs, fields, links, note references and notes), :mod:`.tables`, :mod:`.drawings` (figures)
and :mod:`.reader` (the body, and :func:`items`).
"""

from __future__ import annotations

from .package import MAX_MEMBERS, MAX_RATIO, MAX_UNCOMPRESSED, check_package
from .reader import DocxItems, items

__all__ = ["MAX_MEMBERS", "MAX_RATIO", "MAX_UNCOMPRESSED", "DocxItems", "check_package", "items"]
