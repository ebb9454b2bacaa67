"""The catalogue: reading inputs (``readers``), checking them, importing and looking them up."""
