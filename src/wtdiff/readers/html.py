"""GOV.UK-style HTML publication reader.

Reads the body of a publication (``main``, the ``govspeak`` container, or the
whole ``body``): ``h1``–``h6`` headings, ``p`` paragraphs (a leading ``24.`` is
the printed number), ``ul``/``ol`` lists nested to any depth, tables (rows in
``thead`` or made of ``th`` cells are headers), definition lists as glossary
definitions, and govspeak footnotes — references ``<sup id="fnref:1">`` or
``<a href="#fn:1">``, bodies ``<li id="fn:1">`` inside the footnotes container —
whose markers are taken out of the text and whose bodies become footnotes of
the citing block. Scripts, styles, navigation, forms and comments are ignored;
nothing in the page is fetched or executed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree
from lxml import html as lxml_html

from ..errors import UnreadableDocumentError
from ..structure import Item, split_number

__all__ = ["items"]

_SKIP = {"script", "style", "noscript", "template", "nav", "form", "button", "svg", "head",
         "iframe", "object", "embed", "select", "textarea"}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BLOCKS = {"p", "ul", "ol", "table", "dl", "div", "section", "article", "main", "blockquote",
           "header", "footer", "aside", "figure", "details", "summary", "li", "pre", "address",
           "h1", "h2", "h3", "h4", "h5", "h6", "hr", "center", "body"}
_FN_ID = re.compile(r"^(?:fn|footnote)[:\-_]?(\w+)$", re.IGNORECASE)
_FNREF_HREF = re.compile(r"^#(?:fn|footnote)[:\-_]?(\w+)$", re.IGNORECASE)
_BACKLINK = re.compile(r"^#(?:fnref|footnote-ref)", re.IGNORECASE)


def items(text: str) -> Iterator[Item]:
    """The items of an HTML document."""
    parser = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    try:
        root = lxml_html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise UnreadableDocumentError(f"this HTML cannot be parsed ({exc}).") from exc
    body = _content_root(root)
    out: list[Item] = []
    notes: list[etree._Element] = []
    _walk(body, out, notes, depth=-1)
    for li in notes:
        m = _FN_ID.match(li.get("id", ""))
        text_, _, links = _inline(li, skip_lists=False)
        text_ = text_.rstrip("↩↑ \u21a9\ufe0e")
        out.append(Item("footnote", text_, number=m.group(1) if m else None, links=links))
    return iter(out)


def _content_root(root: etree._Element) -> etree._Element:
    for xpath in ('//main', '//*[contains(concat(" ", normalize-space(@class), " "), " govspeak ")]',
                  "//article", "//body"):
        found = root.xpath(xpath)
        if found:
            return found[0]
    return root


def _is_footnote_container(el: etree._Element) -> bool:
    cls = f" {el.get('class', '')} "
    return " footnotes " in cls or el.get("role") == "doc-endnotes"


def _walk(el: etree._Element, out: list[Item], notes: list[etree._Element], depth: int) -> None:
    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        tag = tag.lower()
        if not tag or tag in _SKIP:
            continue
        if _is_footnote_container(child):
            notes.extend(li for li in child.iter("li") if _FN_ID.match(li.get("id", "")))
            continue
        if tag in _HEADINGS:
            text, _, _ = _inline(child)
            out.append(Item("heading", text, level=_HEADINGS[tag]))
        elif tag == "p":
            _paragraph(child, out)
        elif tag in ("ul", "ol"):
            _list(child, out, notes, depth + 1)
        elif tag == "table":
            _table(child, out)
        elif tag == "dl":
            _definitions(child, out)
        elif tag == "li":  # a stray list item
            _list_item(child, out, notes, max(depth, 0))
        elif tag == "pre":
            text, refs, links = _inline(child)
            out.append(Item("paragraph", text, refs=refs, links=links))
        elif tag in _BLOCKS or any(isinstance(c.tag, str) and c.tag.lower() in _BLOCKS for c in child):
            _loose_text(child, out)
            _walk(child, out, notes, depth)
        else:
            _paragraph(child, out)
    # text directly after block children is handled by _loose_text of the parent


def _loose_text(el: etree._Element, out: list[Item]) -> None:
    """Text written straight into a container (not inside a ``p``) is a paragraph."""
    if el.text and el.text.strip():
        out.append(Item("paragraph", el.text))
    for child in el:
        if child.tail and child.tail.strip():
            out.append(Item("paragraph", child.tail))


def _paragraph(el: etree._Element, out: list[Item]) -> None:
    text, refs, links = _inline(el)
    number, rest = split_number(text.strip())
    cls = el.get("class", "")
    if number is None and "number" in cls:
        number = None
    out.append(Item("paragraph", rest, number=number, refs=refs, links=links))


def _list(el: etree._Element, out: list[Item], notes: list[etree._Element], depth: int) -> None:
    for li in el:
        if isinstance(li.tag, str) and li.tag.lower() == "li":
            _list_item(li, out, notes, depth)
        elif isinstance(li.tag, str) and li.tag.lower() in ("ul", "ol"):
            _list(li, out, notes, depth + 1)


def _list_item(li: etree._Element, out: list[Item], notes: list[etree._Element], depth: int) -> None:
    text, refs, links = _inline(li, skip_lists=True)
    if text.strip():
        out.append(Item("list-item", text, level=depth, refs=refs, links=links))
    for sub in li:
        if isinstance(sub.tag, str) and sub.tag.lower() in ("ul", "ol"):
            _list(sub, out, notes, depth + 1)


def _table(el: etree._Element, out: list[Item]) -> None:
    for tr in el.iter("tr"):
        cells = [c for c in tr if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")]
        if not cells:
            continue
        parts = [_inline(c) for c in cells]
        in_head = any(isinstance(a.tag, str) and a.tag.lower() == "thead" for a in tr.iterancestors())
        header = in_head or all(c.tag.lower() == "th" for c in cells)
        out.append(Item(
            "table-row", "", cells=tuple(t for t, _, _ in parts), header=header,
            refs=tuple(r for _, rs, _ in parts for r in rs),
            links=tuple(u for _, _, us in parts for u in us),
        ))


def _definitions(el: etree._Element, out: list[Item]) -> None:
    term = ""
    for child in el:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag == "dt":
            term, _, _ = _inline(child)
            term = term.strip()
        elif tag == "dd":
            text, refs, links = _inline(child)
            shown = f"{term} - {text.strip()}" if term else text
            out.append(Item("definition", shown, term=term or None, refs=refs, links=links))


def _inline(el: etree._Element, *, skip_lists: bool = False) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """The text of ``el`` with footnote markers removed, plus markers cited and links."""
    parts: list[str] = []
    refs: list[str] = []
    links: list[str] = []

    def visit(node: etree._Element, top: bool) -> None:
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if not top:
            if tag in _SKIP or (skip_lists and tag in ("ul", "ol")):
                parts.append(" ")
                return
            marker = _footnote_marker(node)
            if marker is not None:
                refs.append(marker)
                return
            href = node.get("href", "") if tag == "a" else ""
            if _BACKLINK.match(href):
                return
            if href.startswith(("http://", "https://", "mailto:")):
                links.append(href)
            if tag == "br" or tag in _BLOCKS:
                parts.append(" ")
        if node.text and tag not in ("script", "style"):
            parts.append(node.text)
        for child in node:
            visit(child, False)
            if child.tail:
                parts.append(child.tail)
        if tag in ("td", "th", "li", "p", "div") and not top:
            parts.append(" ")

    visit(el, True)
    return "".join(parts), tuple(refs), tuple(links)


def _footnote_marker(node: etree._Element) -> str | None:
    """The footnote number a ``sup``/``a`` reference points at, else None."""
    tag = node.tag.lower() if isinstance(node.tag, str) else ""
    if tag == "sup":
        sid = node.get("id", "")
        if sid.lower().startswith(("fnref", "footnote-ref")):
            a = node.find(".//a")
            href = a.get("href", "") if a is not None else ""
            m = _FNREF_HREF.match(href)
            if m:
                return m.group(1)
            return re.sub(r"^\D*", "", sid) or None
        a = node.find(".//a")
        if a is not None and _FNREF_HREF.match(a.get("href", "")) and len(node) == 1:
            return _FNREF_HREF.match(a.get("href", "")).group(1)  # type: ignore[union-attr]
    if tag == "a":
        m = _FNREF_HREF.match(node.get("href", ""))
        if m:
            return m.group(1)
    return None
