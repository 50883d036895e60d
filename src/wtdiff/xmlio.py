"""The document tree as XML, and back (``wtdiff parse FILE --format xml``).

The format mirrors the model one to one; headings paths are not stored since
they follow from the nesting::

    <document xmlns="https://wtdiff.org/ns/document/1" title="…" source="…"
              sha256="…" format="pdf" edition="2023" pages="168">
      <section id="ch3" kind="chapter" number="3" level="1" page="43">
        <title>Chapter 3: Providing help, support and protection</title>
        <block id="ch3.p24" kind="paragraph" number="24" page="44">
          <text>Safeguarding partners should …</text>
          <link href="https://www.gov.uk/…"/>
          <note id="ch3.p24.fn6" kind="footnote" number="6" page="44">
            <text>Equality Act 2010</text>
          </note>
        </block>
        <block id="ch3.t1.r1" kind="table-row" header="true">
          <text>Agency | Duty</text><cell>Agency</cell><cell>Duty</cell>
        </block>
      </section>
    </document>

Reading uses a hardened parser: no DTDs, no entity expansion, no network.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from .errors import UnreadableDocumentError
from .model import Block, Document, Node, Section

__all__ = ["to_xml", "from_xml", "NAMESPACE"]

NAMESPACE = "https://wtdiff.org/ns/document/1"
_NS = f"{{{NAMESPACE}}}"


def _set(el: etree._Element, name: str, value: object) -> None:
    if value is None or value == "" or value is False or value == 0 and name == "level":
        return
    el.set(name, "true" if value is True else str(value))


def to_xml(doc: Document) -> bytes:
    """Serialise ``doc`` as UTF-8 XML bytes (deterministic)."""
    root = etree.Element(_NS + "document", nsmap={None: NAMESPACE})
    for name in ("title", "source", "sha256", "format", "edition", "pages"):
        _set(root, name, getattr(doc, name))
    for remark in doc.remarks:
        etree.SubElement(root, _NS + "remark").text = remark
    _children(root, doc.children)
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True)


def _children(parent: etree._Element, children: tuple[Node, ...]) -> None:
    for node in children:
        if isinstance(node, Section):
            el = etree.SubElement(parent, _NS + "section")
            for name in ("id", "kind", "number", "level", "page", "page_label"):
                _set(el, name.replace("_", "-"), getattr(node, name))
            etree.SubElement(el, _NS + "title").text = node.title
            _children(el, node.children)
        else:
            _block(parent, node, "block")


def _block(parent: etree._Element, b: Block, tag: str) -> None:
    el = etree.SubElement(parent, _NS + tag)
    for name in ("id", "kind", "number", "page", "page_label", "level", "header", "term"):
        _set(el, name.replace("_", "-"), getattr(b, name))
    etree.SubElement(el, _NS + "text").text = b.text
    for cell in b.cells:
        etree.SubElement(el, _NS + "cell").text = cell
    for href in b.links:
        etree.SubElement(el, _NS + "link", href=href)
    for note in b.notes:
        _block(el, note, "note")


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
        remove_comments=True, remove_pis=True,
    )


def from_xml(data: bytes | str | Path) -> Document:
    """Read a tree written by :func:`to_xml` (bytes, or a path to a file)."""
    if isinstance(data, Path):
        data = data.read_bytes()
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as exc:
        raise UnreadableDocumentError(f"this is not a wtdiff document tree ({exc}).") from exc
    if root.tag != _NS + "document":
        raise UnreadableDocumentError(
            f"this XML is not a wtdiff document tree (root element {root.tag!r})."
        )
    pages = root.get("pages")
    return Document(
        title=root.get("title", ""),
        children=_read_children(root, ()),
        source=root.get("source", ""),
        sha256=root.get("sha256", ""),
        format=root.get("format", ""),
        edition=root.get("edition"),
        pages=int(pages) if pages else None,
        remarks=tuple(r.text or "" for r in root.findall(_NS + "remark")),
    )


def _int(el: etree._Element, name: str) -> int | None:
    v = el.get(name)
    return int(v) if v is not None else None


def _read_children(parent: etree._Element, path: tuple[str, ...]) -> tuple[Node, ...]:
    out: list[Node] = []
    for el in parent:
        if el.tag == _NS + "section":
            title = el.findtext(_NS + "title") or ""
            out.append(Section(
                id=el.get("id", ""), title=title, kind=el.get("kind", "heading"),  # type: ignore[arg-type]
                number=el.get("number"), level=_int(el, "level") or 1, page=_int(el, "page"),
                page_label=el.get("page-label"), path=path + (title,),
                children=_read_children(el, path + (title,)),
            ))
        elif el.tag == _NS + "block":
            out.append(_read_block(el, path))
    return tuple(out)


def _read_block(el: etree._Element, path: tuple[str, ...]) -> Block:
    return Block(
        id=el.get("id", ""), kind=el.get("kind", "paragraph"),  # type: ignore[arg-type]
        text=el.findtext(_NS + "text") or "", number=el.get("number"), page=_int(el, "page"),
        page_label=el.get("page-label"), path=path, level=_int(el, "level") or 0,
        cells=tuple(c.text or "" for c in el.findall(_NS + "cell")),
        header=el.get("header") == "true", term=el.get("term"),
        notes=tuple(_read_block(n, path) for n in el.findall(_NS + "note")),
        links=tuple(link.get("href", "") for link in el.findall(_NS + "link")),
    )
