"""How Vietnamese a text looks: valid syllables count for it, broken words and debris against it."""

from __future__ import annotations

import functools
import re
import unicodedata

from tthc_tools.encodings._fonts import TONES

# --- scoring --------------------------------------------------------------------------------------

_NUCLEI = (
    "a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi ua uâ uê ui uô uơ uy "
    "ưa ưi ươ ưu yê iêu oai oay oeo uây uôi uya uyê uyu ươi ươu yêu"
)
_SYLLABLE = re.compile(
    r"^(?P<onset>ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    rf"(?P<nucleus>{'|'.join(sorted(_NUCLEI.split(), key=len, reverse=True))})"
    r"(?P<coda>ch|ng|nh|[cmnpt])?$"
)
_WORD = re.compile(r"[^\W\d_]+")
_DEBRIS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\xa1-\xbf×÷\ufffd]")
_TONE_SET = frozenset(TONES)
_STOPTONES = frozenset(("", "\u0301", "\u0323"))
_OPEN = frozenset(
    ("ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "iu", "oi", "ôi", "ơi", "ui", "ưi", "ưu", "iêu", "oai",
     "oay", "oeo", "uây", "uôi", "ươi", "ươu", "yêu", "uyu")
)
"""Nuclei that end in a glide and so take no final consonant."""


@functools.lru_cache(maxsize=1 << 16)
def _syllable_ok(word: str) -> bool:
    """A Vietnamese syllable: onset, a known vowel nucleus, coda, one tone that fits the coda."""
    if not (word.islower() or word.isupper() or word[1:].islower()):
        return False
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [c for c in decomposed if c in _TONE_SET]
    if len(tones) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_SET))
    match = _SYLLABLE.match(bare) or (bare.startswith("gi") and _SYLLABLE.match("g" + bare[2:]))
    if not match:
        return False
    coda, nucleus = match["coda"] or "", match["nucleus"]
    if (coda and nucleus in _OPEN) or (not coda and nucleus in ("ă", "â", "oă", "uâ")):
        return False
    if coda in ("ch", "nh") and nucleus not in ("a", "ê", "i", "y", "oa", "uê", "uy"):
        return False
    if nucleus in ("ơ", "uơ") and coda in ("c", "ng"):
        return False
    return not (coda in ("c", "ch", "p", "t") and "".join(tones) not in _STOPTONES)


def vietnamese_score(text: str) -> int:
    """How Vietnamese ``text`` looks: +1 per valid accented syllable, −1 per broken word or debris."""
    score = 0
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        score += 1 if _syllable_ok(word) else -1
    return score - len(_DEBRIS.findall(text))
