from __future__ import annotations

from tthc_tools.cli import main

main()
