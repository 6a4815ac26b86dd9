"""The PDF reader, in small modules by stage.

``reader`` (pages → blocks, the registered ``PdfReader``) · ``content``
(what an engine reads from a page; table finding on its paths) ·
``engine_pdfium`` / ``engine_pdfminer`` (the ``ReadOptions.pdf_engine``
choices) · ``text``
(characters → glyphs and lines in reading order) · ``layout`` (lines →
paragraphs, page furniture) · ``tables`` (ruling lines → grids with spans)
· ``camelot_backend`` (camelot's lattice tables as the same grids).
"""

from .reader import PdfReader

__all__ = ["PdfReader"]
