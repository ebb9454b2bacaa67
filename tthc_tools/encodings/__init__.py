"""Decoding the bytes of text inputs, including the legacy Vietnamese encodings of old spreadsheets.

Inputs arrive as UTF-8 (with or without BOM, NFC or NFD), UTF-16 with a BOM, Windows-1258 (tone marks
as combining characters) or in one of the pre-Unicode font encodings: TCVN3 (ABC, the ``.VnTime``
fonts: one byte per letter, "Thñ tôc hµnh chÝnh") and VNI (base letter plus a mark byte, "Thuû tuïc
haønh chính"). The font encodings show up as Latin-1/cp1252 characters once a program decoded the
bytes with the Windows code page, which is how they sit in XLSX cells and in re-saved UTF-8 files.

:func:`decode_bytes` scores every candidate decoding on how Vietnamese the result looks (valid
syllables versus debris) and keeps the best; :func:`fix_legacy` does the same for one string (a
cell). Both return the encoding they found, so a reader can say "converted from TCVN3".

The tables and conversions live in :mod:`._fonts`, the scoring in :mod:`._score`.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass

from tthc_tools.encodings._fonts import (
    TCVN3_STRAYS,
    from_tcvn3,
    from_vni,
    legacy_bytes,
    to_cp1258,
    to_tcvn3,
    to_vni,
)
from tthc_tools.encodings._score import vietnamese_score

__all__ = [
    "LABELS", "LEGACY", "Decoded", "Encoding", "bom_codec", "decode_bytes", "detect", "fix_legacy", "from_tcvn3",
    "from_vni", "to_cp1258", "to_tcvn3", "to_vni", "unicode_only", "vietnamese_score",
]

# --- detection ------------------------------------------------------------------------------------

LABELS = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 (BOM)",
    "utf-16": "UTF-16",
    "cp1258": "Windows-1258",
    "cp1252": "Windows-1252",
    "tcvn3": "TCVN3 (ABC)",
    "vni": "VNI",
}
LEGACY = ("tcvn3", "vni")
_CONVERT = {"tcvn3": from_tcvn3, "vni": from_vni}


@dataclass(frozen=True)
class Encoding:
    """How a text input is encoded: the byte codec, plus a legacy font encoding on top of it."""

    codec: str
    legacy: str = ""

    @property
    def name(self) -> str:
        """The encoding to report: the legacy font when there is one, else the codec."""
        return self.legacy or self.codec

    @property
    def label(self) -> str:
        return LABELS.get(self.name, self.name)

    @property
    def converted(self) -> bool:
        """True when the text was not Unicode to begin with (a note for the user)."""
        return self.name in ("cp1258", "cp1252", *LEGACY)

    def convert(self, text: str) -> str:
        """Apply the legacy conversion (if any) to text decoded with :attr:`codec`; NFC always."""
        if self.legacy:
            return _convert_str(text, self.legacy)
        return unicodedata.normalize("NFC", text)


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes (NFC) and the encoding it was found in."""

    text: str
    encoding: str

    @property
    def label(self) -> str:
        return LABELS.get(self.encoding, self.encoding)


_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def bom_codec(head: bytes) -> str | None:
    """The codec a byte-order mark at the start of ``head`` announces."""
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return codec
    return None


def _convert_str(text: str, legacy: str) -> str:
    """Convert line by line: a line holding real Unicode (not legacy bytes) is kept as it is."""
    convert = _CONVERT[legacy]
    lines = text.split("\n")
    out = []
    for line in lines:
        raw = legacy_bytes(line)
        out.append(convert(raw) if raw is not None else unicodedata.normalize("NFC", line))
    return "\n".join(out)


def _best_legacy(text: str) -> str:
    """The legacy font that makes ``text`` most Vietnamese, or "" when plain Unicode wins."""
    if text.isascii():
        return ""
    proven_unicode = legacy_bytes(text) is None  # holds letters no legacy font string can (ộ, ữ, ơ …)
    if proven_unicode and not _mostly_legacy(text):
        return ""
    plain = vietnamese_score(unicodedata.normalize("NFC", text))
    # text that is already proven Unicode somewhere is converted only on clear evidence, not a near tie
    best, best_score = "", plain + plain // 10 + 5 if proven_unicode else plain
    for legacy in LEGACY:
        converted = _convert_str(text, legacy)
        score = vietnamese_score(converted)
        if score > best_score:
            best, best_score = legacy, score
    return best


def _mostly_legacy(text: str) -> bool:
    """Some lines of a mixed text may still be legacy bytes (a converted header above old rows)."""
    return any(legacy_bytes(line) is not None and not line.isascii() for line in text.split("\n"))


def detect(sample: bytes, *, final: bool = False) -> Encoding:
    """The encoding of a text input, judged on a sample of its bytes.

    ``final`` says the sample is the whole input; otherwise a multi-byte character cut at its end
    is forgiven.
    """
    codec = bom_codec(sample)
    if codec:
        text = sample.decode(codec, errors="ignore")
        return Encoding(codec, _best_legacy(text) if codec.startswith("utf-8") else "")
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        text = decoder.decode(sample, final=final)
    except UnicodeDecodeError:
        return _detect_8bit(sample)
    return Encoding("utf-8", _best_legacy(text))


def _detect_8bit(sample: bytes) -> Encoding:
    cp1258 = unicodedata.normalize("NFC", sample.decode("cp1258", errors="replace"))
    cp1252 = sample.decode("cp1252", errors="replace")
    candidates = [  # on a tie the first wins: TCVN3 was the most common font encoding
        (_legacy_score(sample, "tcvn3"), Encoding("cp1252", "tcvn3")),
        (vietnamese_score(cp1258), Encoding("cp1258")),
        (_legacy_score(sample, "vni"), Encoding("cp1252", "vni")),
        (vietnamese_score(cp1252), Encoding("cp1252")),
    ]
    best = max(candidates, key=lambda pair: pair[0])
    return best[1]


def _windows_only(text: str) -> bool:
    """True when every character is one cp1252 gives: no Unicode-only letter (ơ, ư, đ) proves it Unicode."""
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def _legacy_score(raw: bytes, legacy: str, converted: str | None = None, *, expected: bool = False) -> int:
    """The score of reading ``raw`` in a legacy encoding, less the evidence against that encoding.

    TCVN3 never uses some letter bytes (strays); and real TCVN3 text almost always holds one of its
    signature bytes 0xA1–0xBF (đ ư ơ â ê ă à á …), so a text without any loses a tie unless the rest
    of the file is ``expected`` to be TCVN3.
    """
    text = converted if converted is not None else _CONVERT[legacy](raw)
    score = vietnamese_score(text)
    if legacy == "tcvn3":
        score -= sum(b in TCVN3_STRAYS for b in raw)
        if not expected and not any(0xA1 <= b <= 0xBF for b in raw):
            score -= 1
    return score


def decode_bytes(data: bytes) -> Decoded:
    """Decode a whole text input: BOM, UTF-8, Windows-1258, TCVN3, VNI, cp1252, best score wins."""
    encoding = detect(data, final=True)
    codec = encoding.codec
    text = data.decode(codec, errors="replace")
    return Decoded(encoding.convert(text), encoding.name)


def unicode_only(text: str) -> bool:
    """True when ``text`` holds a character no legacy-font string can (ộ, ả, ữ …): surely Unicode."""
    return not text.isascii() and legacy_bytes(text) is None


def fix_legacy(text: str, prefer: str = "") -> tuple[str, str]:
    """One string (a spreadsheet cell): convert it from TCVN3/VNI when that reads better.

    ``prefer`` names the legacy encoding most of the file is in; it wins a tie (a short cell such as
    "Bé" reads as Vietnamese both ways). Returns the NFC text and the legacy encoding applied ("" when
    the text was left as Unicode).
    """
    if text.isascii():
        return text, ""
    raw = legacy_bytes(text)
    if raw is None:
        return unicodedata.normalize("NFC", text), ""
    plain = unicodedata.normalize("NFC", text)
    best, best_text, base = "", plain, vietnamese_score(plain)
    for legacy in LEGACY:
        converted = _CONVERT[legacy](raw)
        score = _legacy_score(raw, legacy, converted, expected=legacy == prefer)
        tie = score == base and legacy == prefer and converted != plain and _windows_only(text)
        if score > base or tie:
            best, best_text, base = legacy, converted, score
    return best_text, best
