"""The legacy Vietnamese font encodings TCVN3 (ABC) and VNI, and Windows-1258: tables and conversions.

The tables were written from the published code charts and cross-checked against two independent
public converters; the tests round-trip real procedure text through them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# --- the tables -----------------------------------------------------------------------------------

TONES = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # grave, hook, tilde, acute, dot
"""Tone order used by the TCVN3 chart: huyền, hỏi, ngã, sắc, nặng."""

_TCVN3_LOWER: dict[str, tuple[str, str]] = {
    # base letter: (its TCVN3 character, its five toned forms in TONES order)
    "a": ("a", "µ¶·¸¹"),
    "ă": ("¨", "»¼½¾Æ"),
    "â": ("©", "ÇÈÉÊË"),
    "e": ("e", "ÌÎÏÐÑ"),
    "ê": ("ª", "ÒÓÔÕÖ"),
    "i": ("i", "×ØÜÝÞ"),
    "o": ("o", "ßáâãä"),
    "ô": ("«", "åæçèé"),
    "ơ": ("¬", "êëìíî"),
    "u": ("u", "ïñòóô"),
    "ư": ("\xad", "õö÷øù"),
    "y": ("y", "úûüýþ"),
}
_TCVN3_OTHER = {"đ": "®", "Ă": "¡", "Â": "¢", "Ê": "£", "Ô": "¤", "Ơ": "¥", "Ư": "¦", "Đ": "§"}
"""TCVN3 (VN3) has capitals only for the letters without tone; toned capitals came from caps fonts."""

_VNI_TONE = dict(zip(TONES, "øûõùï", strict=True))
_VNI_CIRC = dict(zip(("", *TONES), "âàåãáä", strict=True))
_VNI_BREVE = dict(zip(("", *TONES), "êèúüéë", strict=True))
_VNI_I = dict(zip(TONES, "ìæóíò", strict=True))
_VNI_SINGLE = {"ơ": "ô", "ư": "ö", "đ": "ñ", "ỵ": "î"}

_CHAR_TO_BYTE: dict[str, int] = {bytes([b]).decode("latin-1"): b for b in range(0x100)}
for _b in range(0x80, 0xA0):
    for _codec in ("cp1252", "cp1258"):
        try:
            _CHAR_TO_BYTE.setdefault(bytes([_b]).decode(_codec), _b)
        except UnicodeDecodeError:
            pass
for _b in range(0xA0, 0x100):
    _CHAR_TO_BYTE.setdefault(bytes([_b]).decode("cp1258"), _b)
"""Every character a program may have produced from one legacy byte (Latin-1, cp1252 or cp1258)."""


def _compose(base: str, tone: str) -> str:
    return unicodedata.normalize("NFC", base + tone)


def _build_tcvn3() -> tuple[dict[int, str], dict[str, str]]:
    decode: dict[int, str] = {}
    encode: dict[str, str] = {}
    for base, (plain, toned) in _TCVN3_LOWER.items():
        pairs = [(base, plain), *((_compose(base, t), c) for t, c in zip(TONES, toned, strict=True))]
        for letter, char in pairs:
            encode[letter] = char
            if ord(char) >= 0x80:
                decode[ord(char)] = letter
    for letter, char in _TCVN3_OTHER.items():
        encode[letter] = char
        decode[ord(char)] = letter
    return decode, encode


def _vni_pairs() -> Iterable[tuple[str, str]]:
    """(Unicode letter, VNI spelling) for every lower-case Vietnamese letter with a mark."""
    for base in "aeouy":
        for tone, mark in _VNI_TONE.items():
            if not (base == "y" and tone == "\u0323"):
                yield _compose(base, tone), base + mark
    for base, shaped in (("a", "â"), ("e", "ê"), ("o", "ô")):
        for tone, mark in _VNI_CIRC.items():
            yield _compose(shaped, tone), base + mark
    for tone, mark in _VNI_BREVE.items():
        yield _compose("ă", tone), "a" + mark
    for shaped, code in (("ơ", "ô"), ("ư", "ö")):
        for tone, mark in _VNI_TONE.items():
            yield _compose(shaped, tone), code + mark
    for tone, code in _VNI_I.items():
        yield _compose("i", tone), code
    yield from _VNI_SINGLE.items()


def _build_vni() -> tuple[dict[str, str], dict[str, str]]:
    encode: dict[str, str] = {}
    for letter, code in _vni_pairs():
        encode[letter] = code
        encode[letter.upper()] = code.upper()
    decode = {code: letter for letter, code in encode.items()}
    return decode, encode


TCVN3_DECODE, TCVN3_ENCODE = _build_tcvn3()
VNI_DECODE, VNI_ENCODE = _build_vni()
_VNI_MARKS = {code[1] for code in VNI_DECODE if len(code) == 2}
_VNI_SINGLES = {code for code in VNI_DECODE if len(code) == 1}
_VNI_TOKEN = re.compile(
    f"[aeouyAEOUYôöÔÖ][{re.escape(''.join(sorted(_VNI_MARKS)))}]|[{re.escape(''.join(sorted(_VNI_SINGLES)))}]"
)
_C1_TO_CP1252 = {b: _b for b, _b in ((b, bytes([b]).decode("cp1252", errors="ignore")) for b in range(0x80, 0xA0)) if _b}


# --- converting -----------------------------------------------------------------------------------


def legacy_bytes(text: str) -> bytes | None:
    """The bytes a legacy-font string was typed as, or ``None`` when ``text`` is real Unicode."""
    out = bytearray()
    for char in text:
        byte = _CHAR_TO_BYTE.get(char)
        if byte is None:
            return None
        out.append(byte)
    return bytes(out)


def _byte_char(byte: int) -> str:
    """A byte outside the Vietnamese letters keeps its Windows (cp1252) meaning."""
    raw = bytes([byte])
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


TCVN3_STRAYS = frozenset(b for b in range(0xC0, 0x100) if b not in TCVN3_DECODE)
"""Letter bytes TCVN3 leaves unused: seeing them is evidence against TCVN3."""
_TCVN3_TABLE = [TCVN3_DECODE.get(b) or _byte_char(b) for b in range(0x100)]
_CAPS_WORD = re.compile(r"[^\W\d_]+")


def _caps_fix(text: str, toned: set[int]) -> str:
    """Upper-case words typed in a TCVN3 caps font: capitals plus lower-case toned codes ("CéNG")."""

    def fix(match: re.Match[str]) -> str:
        word = match.group()
        start = match.start()
        plain = [c for i, c in enumerate(word) if start + i not in toned]
        if len(plain) >= 2 and all(c.isupper() for c in plain) and len(plain) < len(word):
            return word.upper()
        return word

    return _CAPS_WORD.sub(fix, text)


def from_tcvn3(data: bytes | str) -> str:
    """Decode TCVN3 (ABC) bytes, or a string holding them as cp1252 characters, to NFC Unicode."""
    raw = data if isinstance(data, bytes) else legacy_bytes(data)
    if raw is None:
        raise ValueError("text holds characters that are not single TCVN3 bytes")
    text = "".join(_TCVN3_TABLE[b] for b in raw)
    toned = {i for i, b in enumerate(raw) if b in TCVN3_DECODE and TCVN3_DECODE[b].islower()}
    return unicodedata.normalize("NFC", _caps_fix(text, toned))


def from_vni(data: bytes | str) -> str:
    """Decode VNI (VNI-Windows) bytes, or a string holding them as cp1252 characters, to NFC Unicode."""
    raw = data if isinstance(data, bytes) else legacy_bytes(data)
    if raw is None:
        raise ValueError("text holds characters that are not single VNI bytes")
    text = _VNI_TOKEN.sub(_vni_token, raw.decode("latin-1"))
    return unicodedata.normalize("NFC", text.translate(_C1_TO_CP1252))


def _vni_token(match: re.Match[str]) -> str:
    code = match.group()
    if len(code) == 1:
        return VNI_DECODE[code]
    letter = VNI_DECODE.get(code) or VNI_DECODE.get(code[0] + _swapcase(code[1], code[0]))
    if letter:
        return letter
    return VNI_DECODE.get(code[0], code[0]) + code[1]


def _swapcase(mark: str, base: str) -> str:
    """A mark typed in the other case than its letter (seen in real files) still belongs to it."""
    return mark.upper() if base.isupper() else mark.lower()


def to_tcvn3(text: str, *, caps: bool = False) -> bytes:
    """Encode Unicode text as TCVN3 bytes; raises ValueError for what TCVN3 cannot hold.

    TCVN3 has no toned capitals: with ``caps`` they are written with the lower-case code, the way
    text typed in a caps font (.VnTimeH) is stored; otherwise they are refused.
    """
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        if caps and not char.isascii() and char not in TCVN3_ENCODE and char.lower() in TCVN3_ENCODE:
            char = char.lower()
        code = TCVN3_ENCODE.get(char, char)
        if code.isascii():
            out.extend(code.encode("ascii"))
            continue
        byte = _CHAR_TO_BYTE.get(code) if char in TCVN3_ENCODE else _cp1252_byte(char)
        if byte is None or (char not in TCVN3_ENCODE and byte in TCVN3_DECODE):
            raise ValueError(f"{char!r} cannot be written in TCVN3")
        out.append(byte)
    return bytes(out)


def _cp1252_byte(char: str) -> int | None:
    try:
        return char.encode("cp1252")[0]
    except UnicodeEncodeError:
        return None


def to_vni(text: str) -> bytes:
    """Encode Unicode text as VNI bytes (characters outside cp1252 raise UnicodeEncodeError)."""
    parts = (VNI_ENCODE.get(char, char) for char in unicodedata.normalize("NFC", text))
    return "".join(parts).encode("cp1252")


def to_cp1258(text: str) -> bytes:
    """Encode Unicode text as Windows-1258 (tone marks as combining characters where needed)."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out.extend(char.encode("cp1258"))
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", char)
            tones = "".join(c for c in decomposed if c in TONES)
            shaped = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONES))
            out.extend((shaped + tones).encode("cp1258"))
    return bytes(out)
