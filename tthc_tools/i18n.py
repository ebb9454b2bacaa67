"""The one translation function every user-facing message goes through.

The catalogue is looked up in ``tthc_tools/locale/<lang>/LC_MESSAGES/tthc.mo``. The language comes from
``TTHC_LANG`` or the usual locale variables; a Vietnamese locale selects Vietnamese when the catalogue is
present, and everything falls back to the English source strings. ``use_language`` switches it later; text
kept in a module (a table of messages, a command's help) is marked with ``N_`` and translated where it is
shown, so it follows.
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


def _load(languages: list[str]) -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, localedir=LOCALE_DIR, languages=languages, fallback=True)


_translation = _load(_languages())


def use_language(languages: list[str] | None = None) -> None:
    """Speak the first of ``languages`` that has a catalogue (``[]``: English; None: from the environment)."""
    global _translation
    _translation = _load(_languages() if languages is None else languages)


def _(message: str) -> str:
    """Translate ``message`` into the user's language (identity when no catalogue applies)."""
    return _translation.gettext(message)


def translate(text: str) -> str:
    """``_`` for a text that is no literal here: one marked with ``N_``, or a command's help (tools/i18n.py
    collects only literals from ``_()`` calls)."""
    return _translation.gettext(text)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate with a plural form."""
    return _translation.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it here: ``_()`` translates it where it is shown."""
    return message


def NN_(singular: str, plural: str) -> tuple[str, str]:
    """``N_`` for a message with a plural form (translated by ``ngettext`` where it is shown)."""
    return singular, plural
