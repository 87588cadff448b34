"""Real files of the kinds people upload, made in the test (no fixtures on disk)."""

from __future__ import annotations

import io


def pdf_bytes(text: str = "Kyodo") -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.drawString(72, 720, text)
    pdf.save()
    return buffer.getvalue()


def docx_bytes(text: str = "協働事業の計画書") -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
