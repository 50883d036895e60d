"""Word documents with a flow chart drawn in them, for the figure tests.

python-docx has no API for shapes, so the drawing is written as DrawingML: a
group (``wpg:wgp``) of text boxes (``wps:wsp`` with ``wps:txbx``) and
connector lines, anchored in an empty paragraph with text wrapped above and
below — the way Word saves a flow chart drawn with its shapes.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

EMU = 12700  # per point

_NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wpg": "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
}


def _box(n: int, x: int, y: int, w: int, h: int, lines: list[str]) -> str:
    paras = "".join(
        f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve">{t}</w:t></w:r></w:p>'
        for t in lines)
    return (
        f'<wps:wsp><wps:cNvPr id="{n}" name="Box {n}"/><wps:cNvSpPr txBox="1"/>'
        f'<wps:spPr><a:xfrm><a:off x="{x * EMU}" y="{y * EMU}"/><a:ext cx="{w * EMU}" cy="{h * EMU}"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/>'
        f'<a:ln w="9525"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln></wps:spPr>'
        f'<wps:txbx><w:txbxContent>{paras}</w:txbxContent></wps:txbx>'
        f'<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="45720" tIns="45720" rIns="45720" bIns="45720"'
        f' anchor="ctr"><a:noAutofit/></wps:bodyPr></wps:wsp>')


def _line(n: int, x: int, y: int, w: int, h: int) -> str:
    return (
        f'<wps:wsp><wps:cNvPr id="{n}" name="Arrow {n}"/><wps:cNvCnPr/>'
        f'<wps:spPr><a:xfrm><a:off x="{x * EMU}" y="{y * EMU}"/><a:ext cx="{w * EMU}" cy="{h * EMU}"/></a:xfrm>'
        f'<a:prstGeom prst="straightConnector1"><a:avLst/></a:prstGeom>'
        f'<a:ln w="9525"><a:solidFill><a:srgbClr val="000000"/></a:solidFill><a:tailEnd type="triangle"/></a:ln>'
        f'</wps:spPr><wps:bodyPr/></wps:wsp>')


def flow_chart_xml(boxes: list[tuple[int, int, int, int, list[str]]], width: int, height: int) -> str:
    """A paragraph holding one drawing: the boxes (x, y, w, h in points, lines) and arrows between rows."""
    shapes = "".join(_box(10 + k, *b) for k, b in enumerate(boxes))
    rows = sorted({b[1] for b in boxes})
    for k, (upper, lower) in enumerate(zip(rows, rows[1:])):
        first = next(b for b in boxes if b[1] == upper)
        shapes += _line(50 + k, first[0] + first[2] // 2, upper + first[3], 1, lower - upper - first[3])
    ns = " ".join(f'xmlns:{k}="{v}"' for k, v in _NS.items())
    return (
        f'<w:p {ns}><w:r><w:drawing>'
        f'<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0"'
        f' locked="0" layoutInCell="1" allowOverlap="1">'
        f'<wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{width * EMU}" cy="{height * EMU}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:wrapTopAndBottom/><wp:docPr id="1" name="Flow chart"/><wp:cNvGraphicFramePr/>'
        f'<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup">'
        f'<wpg:wgp><wpg:cNvGrpSpPr/><wpg:grpSpPr><a:xfrm><a:off x="0" y="0"/>'
        f'<a:ext cx="{width * EMU}" cy="{height * EMU}"/><a:chOff x="0" y="0"/>'
        f'<a:chExt cx="{width * EMU}" cy="{height * EMU}"/></a:xfrm></wpg:grpSpPr>'
        f'{shapes}</wpg:wgp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r></w:p>')


def build_flow_chart_docx(path: Path, before: list[str], boxes: list[tuple[int, int, int, int, list[str]]],
                          after: list[str], *, caption: str | None = None) -> None:
    """A Word file: paragraphs, an optional caption, the flow chart, more paragraphs."""
    import docx

    doc = docx.Document()
    for text in before:
        doc.add_paragraph(text)
    if caption:
        doc.add_paragraph(caption)
    anchor = doc.add_paragraph()
    width = max(x + w for x, _, w, _, _ in boxes)
    height = max(y + h for _, y, _, h, _ in boxes)
    anchor._p.addnext(etree.fromstring(flow_chart_xml(boxes, width, height)))
    anchor._p.getparent().remove(anchor._p)
    for text in after:
        doc.add_paragraph(text)
    doc.save(str(path))


def vml_text_boxes_xml(boxes: list[list[str]]) -> str:
    """A paragraph holding an ``mc:AlternateContent`` whose VML fallback is a group of text boxes
    (how Word saves shapes for readers that do not know DrawingML)."""
    shapes = "".join(
        f'<v:shape style="position:absolute;left:{k * 2000};top:0;width:1800;height:600" coordsize="21600,21600">'
        f'<v:textbox><w:txbxContent>'
        + "".join(f'<w:p><w:r><w:t xml:space="preserve">{t}</w:t></w:r></w:p>' for t in lines)
        + '</w:txbxContent></v:textbox></v:shape>'
        for k, lines in enumerate(boxes))
    return (
        f'<w:p xmlns:w="{_NS["w"]}" xmlns:v="urn:schemas-microsoft-com:vml"'
        ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        '<w:r><mc:AlternateContent><mc:Choice Requires="wpg"><w:t>unreadable choice</w:t></mc:Choice>'
        f'<mc:Fallback><w:pict><v:group style="width:400pt;height:100pt" coordsize="8000,2000">{shapes}'
        '</v:group></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>')


def build_vml_docx(path: Path, before: str, boxes: list[list[str]], after: str) -> None:
    import docx

    doc = docx.Document()
    doc.add_paragraph(before)
    anchor = doc.add_paragraph()
    anchor._p.addnext(etree.fromstring(vml_text_boxes_xml(boxes)))
    anchor._p.getparent().remove(anchor._p)
    doc.add_paragraph(after)
    doc.save(str(path))
