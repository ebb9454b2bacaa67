"""Digitised results without OCR: the file, result and field rows a batch would store, for benchmarks and tests.

``synth_results(count)`` yields (file, result, fields) values in the shape :meth:`ScanStore.add_results`
takes. Each result reads like one page of bench/scangen.py's documents (five kinds, names, CCCD, số ký hiệu,
dossier and result codes, the usual sentences) plus a paragraph of Vietnamese syllables drawn with a Zipf
law, so that words range from "in every result" to "in a handful". The result columns come from
:func:`tthc_tools.scan.records.result_values`, the function a real batch uses. Result ``i`` has the CCCD
``holder_id(i)``; about one in ten has a field waiting for review.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import random
from collections.abc import Iterator
from typing import Any

from bench.scangen import BODY, GIVEN, KINDS, MIDDLE, PROVINCE_CODES, PROVINCES, SUBJECTS, SURNAMES
from tthc_tools.scan.records import result_values

ONSETS = ("", "b", "c", "ch", "d", "đ", "g", "gi", "h", "k", "kh", "l", "m", "n", "ng", "nh", "ph", "qu", "r", "s",
          "t", "th", "tr", "v", "x")
VOWELS = ("a", "à", "á", "ả", "ã", "ạ", "ă", "ắ", "â", "ầ", "ấ", "e", "è", "é", "ê", "ề", "ế", "i", "í", "o",
          "ò", "ó", "ô", "ồ", "ố", "ơ", "ờ", "ớ", "u", "ù", "ú", "ư", "ừ", "ứ", "y", "ý", "ươ", "ướ", "ia", "uô")
CODAS = ("", "", "c", "ch", "m", "n", "ng", "nh", "p", "t", "i", "o", "u")
SYMBOLS = {"quyết định": "QĐ", "giấy chứng nhận": "GCN", "giấy phép": "GP", "trích lục": "TLKS"}


def vocabulary(seed: int = 7, size: int = 6000) -> list[str]:
    """Distinct Vietnamese-looking syllables, most frequent first."""
    rng = random.Random(seed)
    seen: dict[str, None] = {}
    for onset, vowel, coda in itertools.product(ONSETS, VOWELS, CODAS):
        seen.setdefault(onset + vowel + coda)
    syllables = list(seen)
    rng.shuffle(syllables)
    return syllables[:size]


def holder_id(i: int) -> str:
    """The CCCD of result ``i`` (12 digits, one per result)."""
    return f"0{(i * 7) % 96 + 1:02d}{i % 4}{(i // 4) % 100:02d}{i:06d}"[-12:]


def holder_name(i: int) -> str:
    """The holder of result ``i``: about one result in 5,000 shares each name."""
    rng = random.Random(i * 31 + 5)
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def number(i: int) -> str:
    """The số ký hiệu of result ``i`` (empty for the receipts), shared by a few results across years."""
    kind = KINDS[i % len(KINDS)]
    if kind not in SYMBOLS:
        return ""
    return f"{i // len(KINDS) % 4000 + 1}/{2015 + i // 20000 % 11}/{SYMBOLS[kind]}-UBND"


def synth_results(count: int, seed: int = 1, start: int = 0) -> Iterator[tuple[dict[str, Any], dict[str, Any],
                                                                            list[dict[str, Any]]]]:
    """(file, result, fields) values of results ``start`` … ``start + count - 1``."""
    words = vocabulary()
    weights = list(itertools.accumulate(1 / (rank + 1) ** 1.07 for rank in range(len(words))))
    for i in range(start, start + count):
        rng = random.Random(seed * 1_000_003 + i)
        kind, province = KINDS[i % len(KINDS)], rng.choice(PROVINCES)
        code = PROVINCE_CODES[province]
        date = dt.date(2015 + i // 20000 % 11, 1, 1) + dt.timedelta(days=rng.randint(0, 360))
        dossier = f"000.00.{rng.randint(1, 60):02d}.{code}-{date:%y%m%d}-{rng.randint(1, 9999):04d}"
        values = {"kind": kind, "number": number(i), "issued": date.isoformat(),
                  "issuer": f"Ủy ban nhân dân tỉnh {province}", "signer": holder_name(i + 7919),
                  "subject": f"Về việc {rng.choice(SUBJECTS)}", "holder_name": holder_name(i),
                  "holder_id": holder_id(i), "dossier_code": dossier,
                  "result_code": f"KQ.{code}.{rng.randint(1, 400):06d}" if rng.random() < 0.7 else ""}
        text = "\n".join([
            f"ỦY BAN NHÂN DÂN TỈNH {province.upper()} CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc", f"Số: {values['number'] or '......'} {province}, ngày {date:%d} "
            f"tháng {date:%m} năm {date.year}", kind.upper(), values["subject"], rng.choice(BODY[:3]),
            f"Họ và tên: {values['holder_name']}", f"Số định danh cá nhân (CCCD): {values['holder_id']}",
            f"Mã hồ sơ: {dossier}", " ".join(rng.choices(words, cum_weights=weights, k=90)),
            *rng.sample(BODY[3:], 2), values["signer"]])
        pending = rng.random() < 0.1
        sha = hashlib.sha256(f"{seed}:{i}".encode()).hexdigest()
        file = {"sha256": sha, "path": f"/scans/{date.year}/{i:07d}.pdf", "name": f"{i:07d}.pdf", "size": 150_000,
                "format": "pdf", "page_count": 1, "status": "ok", "engine": "synthetic", "min_dpi": 300.0}
        fields = [{"name": name, "value": value, "extracted": value, "confidence": 0.6 if pending else 0.97,
                   "page_no": 1, "state": "cho_duyet" if pending and name == "holder_name" else "da_duyet",
                   "note": "", "reviewed_by": "" if pending and name == "holder_name" else "auto"}
                  for name, value in values.items()]
        yield file, result_values(values, text, pending), fields
