"""The network map on one A4 page (fpdf2): the SVG drawing with its labels written as text.

Its own module, loaded when a PDF is asked for: fpdf2 and its fonts cost a quarter of a second
to import, and every process that reverses a URL imports the network's views.
"""

import io

from eigenkracht.core.pdf import FONT, GREY, Document
from eigenkracht.network.drawing import DrawnMap
from eigenkracht.network.svg import LEGEND_HEIGHT, Label, labels, render_svg

PT_PER_MM = 72 / 25.4


def _write(pdf: Document, label: Label, *, left: float, top: float, scale: float) -> None:
    """One label of the map, where the SVG would have written it: the map's units are `scale`
    millimetres, and a text wider than the room the drawing keeps for it is made smaller."""
    size = label.size * scale * PT_PER_MM
    pdf.set_font(FONT, "B" if label.bold else "", size)
    room = label.width * scale
    width = pdf.get_string_width(label.text)
    if width > room:
        size *= room / width
        pdf.set_font(FONT, "B" if label.bold else "", size)
        width = room
    colour = label.colour.lstrip("#")
    pdf.set_text_color(*(int(colour[i : i + 2], 16) for i in (0, 2, 4)))
    x = left + label.x * scale
    x -= {"start": 0.0, "middle": width / 2, "end": width}[label.anchor]
    # fpdf2 puts a cell's baseline 0.3 font sizes below the cell's middle.
    font_size = size / PT_PER_MM
    pdf.set_xy(x, top + label.y * scale - 0.8 * font_size)
    # A white ground keeps a name legible where a tie runs under it (the screen's halo).
    pdf.cell(width, font_size, label.text, fill=label.halo)


def map_pdf(drawn: DrawnMap, *, heading: str, subheading: str, footnote: str) -> bytes:
    """The map on one A4 page, under a heading."""
    pdf = Document()
    pdf.set_auto_page_break(auto=False)
    pdf.set_margins(15, 15, 15)
    pdf.set_title(heading)
    pdf.add_page()
    pdf.set_font(FONT, "B", 14)
    pdf.multi_cell(0, 7, heading, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 10)
    pdf.multi_cell(0, 6, subheading, align="L", new_x="LMARGIN", new_y="NEXT")
    top = pdf.get_y() + 3
    bottom = pdf.h - 20
    width = pdf.w - 30
    ratio = (drawn.layout.size + LEGEND_HEIGHT) / drawn.layout.size
    width = min(width, (bottom - top) / ratio)
    left = (pdf.w - width) / 2
    svg = render_svg(drawn.layout, drawn.texts, for_print=True)
    pdf.image(io.BytesIO(svg.encode("utf-8")), x=left, y=top, w=width)
    scale = width / drawn.layout.size
    pdf.c_margin = 0  # a label starts where the SVG's would
    pdf.set_fill_color(255, 255, 255)
    for label in labels(drawn.layout, drawn.texts):
        _write(pdf, label, left=left, top=top, scale=scale)
    pdf.set_xy(pdf.l_margin, pdf.h - 15)
    pdf.set_font(FONT, "", 8)
    pdf.set_text_color(*GREY)
    pdf.cell(0, 5, footnote)
    return pdf.pdf_bytes()
