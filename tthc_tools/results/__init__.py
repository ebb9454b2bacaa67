"""The digitised results: find them for reuse, review uncertain fields, export their metadata."""

from __future__ import annotations
