"""The national catalogue: the sync API client and dated snapshots pulled from it or from files."""

from __future__ import annotations
