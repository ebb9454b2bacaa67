"""tthc-tools: catalogue and digitisation toolkit for Vietnamese administrative procedures."""

from __future__ import annotations

__version__ = "0.1.0"
