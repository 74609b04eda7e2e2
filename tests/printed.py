"""What a PDF prints: its page sizes and the size of each piece of text on them (read with pypdf)."""

from __future__ import annotations

import io
import math

from pypdf import PdfReader


def page_sizes(pdf: bytes) -> list[tuple[int, int]]:
    return [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in PdfReader(io.BytesIO(pdf)).pages]


def text_sizes(pdf: bytes) -> list[tuple[float, str]]:
    """(printed size in points, text) of every piece of text: its font size through the text and page matrices."""
    sizes: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            a, b = tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3]
            c, d = tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3]
            sizes.append((size * math.sqrt(abs(a * d - b * c)), text.strip()))

    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return sizes
