"""Renders the benchmark journal with ReportLab (the original app's engine).

Reads {"title", "paragraphs", "runs"} as JSON on stdin, times only the rendering
(interpreter start-up and imports excluded) and prints {"ms", "pages", "font"}.
"""
import io
import json
import os
import statistics
import sys
import time
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate

DEJAVU = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'


def main() -> None:
    job = json.load(sys.stdin)
    font = 'Helvetica'
    if os.path.exists(DEJAVU):
        pdfmetrics.registerFont(TTFont('DejaVuSans', DEJAVU))
        font = 'DejaVuSans'
    title = ParagraphStyle('title', fontName=font, fontSize=22, leading=26)
    body = ParagraphStyle('body', fontName=font, fontSize=11, leading=16, spaceAfter=6)

    def footer(canvas, doc):
        canvas.setFont(font, 9)
        canvas.drawCentredString(A4[0] / 2, 32, 'Page %d' % doc.page)

    def render():
        out = io.BytesIO()
        doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=64, rightMargin=64, topMargin=64, bottomMargin=64,
                                title=job['title'])
        story = [Paragraph(escape(job['title']), title)]
        story += [Paragraph(escape(p).replace('\n', '<br/>'), body) for p in job['paragraphs']]
        doc.build(story, onFirstPage=footer, onLaterPages=footer)
        return doc.page

    times = []
    pages = 0
    for _ in range(job['runs'] + 1):
        start = time.perf_counter()
        pages = render()
        times.append((time.perf_counter() - start) * 1000)
    print(json.dumps({'ms': statistics.median(times[1:]), 'pages': pages, 'font': font}))


if __name__ == '__main__':
    main()
