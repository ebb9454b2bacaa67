"""Batch digitisation: text layers or OCR per page, fields, searchable PDFs, a page cache, resume."""

from __future__ import annotations
