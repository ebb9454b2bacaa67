"""The one translation function every user-facing message goes through.

The catalogue is looked up in ``tthc_tools/locale/<lang>/LC_MESSAGES/tthc.mo``. The language comes from
``TTHC_LANG`` or the usual locale variables; a Vietnamese locale selects Vietnamese when the catalogue is
present, and everything falls back to the English source strings.
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path

DOMAIN = "tthc"
LOCALE_DIR = Path(__file__).parent / "locale"


def _languages() -> list[str]:
    for var in ("TTHC_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return [part.split(".")[0] for part in value.split(":") if part]
    return []


_translation = gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=_languages(), fallback=True)


def _(message: str) -> str:
    """Translate ``message`` into the user's language (identity when no catalogue applies)."""
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate with a plural form."""
    return _translation.ngettext(singular, plural, n)
