"""Write a parsed tree back out: JSON, the Markdown dialect, or GOV.UK-style HTML.

``wtdiff parse FILE --format json|text`` uses these. The Markdown and HTML
forms are the readers' own input dialects, so a tree written out and read
back gives the same structure (the tests rely on that to try one fixture in
every format).
"""

from __future__ import annotations

from html import escape
from typing import Any

from .jsontext import dumps
from .model import Block, Document, Node, Section

__all__ = ["to_dict", "to_json", "to_markdown", "to_html"]


def _block_dict(b: Block) -> dict[str, Any]:
    d: dict[str, Any] = {"id": b.id, "kind": b.kind, "number": b.number, "page": b.page,
                         "page_label": b.page_label, "text": b.text}
    if b.level:
        d["level"] = b.level
    if b.cells:
        d["cells"] = list(b.cells)
        d["header"] = b.header
    if b.term:
        d["term"] = b.term
    if b.links:
        d["links"] = list(b.links)
    if b.notes:
        d["notes"] = [_block_dict(n) for n in b.notes]
    return d


def _node_dict(n: Node) -> dict[str, Any]:
    if isinstance(n, Block):
        return _block_dict(n)
    return {"id": n.id, "kind": n.kind, "number": n.number, "level": n.level, "page": n.page,
            "page_label": n.page_label, "title": n.title,
            "children": [_node_dict(c) for c in n.children]}


def to_dict(doc: Document) -> dict[str, Any]:
    """The tree as plain data."""
    return {"title": doc.title, "source": doc.source, "sha256": doc.sha256, "format": doc.format,
            "edition": doc.edition, "pages": doc.pages,
            "children": [_node_dict(c) for c in doc.children]}


def to_json(doc: Document) -> str:
    return dumps(to_dict(doc)) + "\n"


# --- Markdown -------------------------------------------------------------------------------

def _md_text(b: Block) -> str:
    text = b.text
    if b.notes:
        text += "".join(f"[^{n.number or k}]" for k, n in enumerate(b.notes, 1))
    return text


def to_markdown(doc: Document) -> str:
    """The tree in wtdiff's Markdown dialect (see :mod:`wtdiff.readers.markdown`)."""
    out: list[str] = []
    if doc.title:
        out += [f"# {doc.title}", ""]
    notes: list[str] = []

    def flush_notes() -> None:
        if notes:
            out.extend(notes + [""])
            notes.clear()

    def walk(children: tuple[Node, ...]) -> None:
        prev_kind = ""
        for n in children:
            if isinstance(n, Section):
                flush_notes()
                if prev_kind == "table-row":
                    out.append("")
                out.extend([f"{'#' * min(6, n.level + 1)} {n.title}", ""])
                walk(n.children)
                prev_kind = "heading"
                continue
            if prev_kind in ("table-row", "list-item") and n.kind != prev_kind:
                out.append("")
                flush_notes()
            elif n.kind not in ("list-item", "table-row"):
                flush_notes()
            if n.kind == "table-row":
                if prev_kind != "table-row":
                    flush_notes()
                row = "| " + " | ".join(c.replace("|", "\\|") for c in n.cells) + " |"
                out.append(row)
                if n.header:
                    out.append("|" + "---|" * len(n.cells))
            elif n.kind == "list-item":
                out.append(f"{'  ' * n.level}- {_md_text(n)}")
            elif n.kind == "paragraph" and n.number:
                out.extend([f"{n.number}. {_md_text(n)}", ""])
            else:
                out.extend([_md_text(n), ""])
            for k, note in enumerate(n.notes, 1):
                notes.append(f"[^{note.number or k}]: {note.text}")
            prev_kind = n.kind
        if prev_kind in ("table-row", "list-item"):
            out.append("")
        flush_notes()

    walk(doc.children)
    text = "\n".join(out)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.rstrip("\n") + "\n"


# --- HTML -----------------------------------------------------------------------------------

def to_html(doc: Document) -> str:
    """The tree as a GOV.UK-style HTML publication (govspeak footnote markup)."""
    out = ['<!DOCTYPE html>', '<html lang="en">', "<head>", '<meta charset="utf-8">',
           f"<title>{escape(doc.title)}</title>", "</head>", "<body>", "<main>",
           '<div class="govspeak">']
    if doc.title:
        out.append(f"<h1>{escape(doc.title)}</h1>")
    notes: list[Block] = []

    def text_html(b: Block) -> str:
        html = escape(b.text)
        for n in b.notes:
            notes.append(n)
            k = n.number or str(len(notes))
            html += (f'<sup id="fnref:{escape(k)}" role="doc-noteref">'
                     f'<a href="#fn:{escape(k)}" class="govuk-link">[footnote {escape(k)}]</a></sup>')
        return html

    def walk(children: tuple[Node, ...]) -> None:
        depth = -1  # open list depth
        in_table = False
        for n in children:
            is_item = isinstance(n, Block) and n.kind == "list-item"
            is_row = isinstance(n, Block) and n.kind == "table-row"
            if not is_item:
                while depth >= 0:
                    out.append("</li></ul>")
                    depth -= 1
            if not is_row and in_table:
                out.append("</table>")
                in_table = False
            if isinstance(n, Section):
                level = min(6, n.level + 1)
                out.append(f"<h{level}>{escape(n.title)}</h{level}>")
                walk(n.children)
                continue
            if is_item:
                if n.level > depth:
                    while depth < n.level:
                        out.append("<ul><li>")
                        depth += 1
                else:
                    while depth > n.level:
                        out.append("</li></ul>")
                        depth -= 1
                    out.append("</li><li>")
                out.append(text_html(n))
            elif is_row:
                if not in_table:
                    out.append("<table>")
                    in_table = True
                tag = "th" if n.header else "td"
                out.append("<tr>" + "".join(f"<{tag}>{escape(c)}</{tag}>" for c in n.cells) + "</tr>")
            elif n.kind == "paragraph" and n.number:
                out.append(f"<p>{escape(n.number)}. {text_html(n)}</p>")
            elif n.kind == "definition" and n.term and n.text.startswith(n.term):
                out.append(f"<p>{text_html(n)}</p>")
            else:
                out.append(f"<p>{text_html(n)}</p>")
        while depth >= 0:
            out.append("</li></ul>")
            depth -= 1
        if in_table:
            out.append("</table>")

    walk(doc.children)
    if notes:
        out.append('<div class="footnotes" role="doc-endnotes"><ol>')
        for k, n in enumerate(notes, 1):
            key = escape(n.number or str(k))
            out.append(f'<li id="fn:{key}" role="doc-endnote"><p>{escape(n.text)} '
                       f'<a href="#fnref:{key}" class="reversefootnote">↩</a></p></li>')
        out.append("</ol></div>")
    out += ["</div>", "</main>", "</body>", "</html>", ""]
    return "\n".join(out)
