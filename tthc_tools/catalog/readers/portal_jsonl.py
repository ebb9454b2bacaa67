"""The portal's detail pages as crawled JSONL (the ``chatbot-tthc`` set), one procedure per line.

Also reads the crawler's single-record ``<ma>.json`` files (same keys, plus ``raw_text``), alone or
as a folder of them. The flat fields map directly; the four table sections arrive as glued text and
are split by :mod:`._portal_tables` and :mod:`._portal_texts`. A section that could not be split
cleanly is still kept as far as it was read, with a warning naming the section.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from tthc_tools.catalog.readers import _fields as f
from tthc_tools.catalog.readers._base import (
    CodeCheck,
    ReadResult,
    check_file,
    check_text,
    load_json,
    record,
    warning,
)
from tthc_tools.catalog.readers._portal_tables import split_channels, split_dossier
from tthc_tools.catalog.readers._portal_texts import split_legal, split_results
from tthc_tools.errors import BadInput
from tthc_tools.i18n import _
from tthc_tools.model import Problem, Procedure, Record

FORMAT = "portal-jsonl"
SECTIONS = {
    "channels": "Cách thức thực hiện",
    "dossier": "Thành phần hồ sơ",
    "legal_basis": "Căn cứ pháp lý",
    "results": "Kết quả xử lý",
}


def read(path: Path) -> ReadResult:
    """Read a JSONL file, a single-record JSON file, or a folder of them (sorted by name)."""
    check_file(path, directory_ok=True)
    files = sorted(p for p in path.iterdir() if p.suffix.lower() in (".json", ".jsonl")) if path.is_dir() else [path]
    if not files:
        raise BadInput(_("folder holds no .json or .jsonl file"), path=str(path))
    notes: list[str] = []
    return ReadResult(_items(files, notes), FORMAT, notes, str(path))


def _items(files: list[Path], notes: list[str]) -> Iterator[Record | Problem]:
    stats: Counter[str] = Counter()
    check = CodeCheck(str(files[0]), "ma_thu_tuc")
    for file in files:
        check.path = str(file)
        for location, data in _objects(file):
            where = _("{file}, {location}").format(file=file.name, location=location) if len(files) > 1 else location
            if isinstance(data, Problem):
                yield Problem(data.severity, data.message, data.path, where)
                continue
            yield from mapped(data, where, check, stats)
    if stats["records"]:
        notes.append(_summary(stats))


def _objects(file: Path) -> Iterator[tuple[str, Mapping[str, Any] | Problem]]:
    """Each JSON object of a file with its location ("line 12" in JSONL, "record 1" in JSON)."""
    check_text(file)
    if not _json_lines(file):
        data = load_json(file)
        items = data if isinstance(data, list) else [data]
        for number, item in enumerate(items, start=1):
            yield _object(item, file, _("record {n}").format(n=number))
        return
    with file.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            location = _("line {n}").format(n=number)
            try:
                item = json.loads(raw.decode("utf-8-sig"))
            except (UnicodeDecodeError, json.JSONDecodeError) as error:
                yield location, Problem("error", _("not a JSON line: {error}").format(error=error), str(file), location)
                continue
            yield _object(item, file, location)


def _json_lines(file: Path) -> bool:
    """True when the first non-empty line is a whole JSON object (JSONL), whatever the extension."""
    with file.open("rb") as handle:
        for raw in handle:
            if raw.strip():
                try:
                    return isinstance(json.loads(raw.decode("utf-8-sig")), dict)
                except (UnicodeDecodeError, json.JSONDecodeError):
                    return False
    return False


def _object(item: object, file: Path, location: str) -> tuple[str, Mapping[str, Any] | Problem]:
    if isinstance(item, dict):
        return location, item
    return location, Problem("error", _("not a JSON object"), str(file), location)


def mapped(data: Mapping[str, Any], location: str, check: CodeCheck, stats: Counter[str]) -> Iterable[Record | Problem]:
    """The record (and any problems) of one portal object; ``stats`` counts the tables split cleanly."""
    code = check(data.get("ma_thu_tuc"), location)
    if isinstance(code, Problem):
        return [code]
    stats["records"] += 1
    problems: list[Problem] = []
    procedure = _procedure(data, code, stats, lambda field, message: problems.append(
        warning(check.path, location, field, message, code[0])))
    return [*problems, record(procedure, location)]


Warn = Callable[[str, str], None]
_USED = (
    "ten_thu_tuc", "so_quyet_dinh", "cap_thuc_hien", "loai_thu_tuc", "linh_vuc", "doi_tuong_thuc_hien",
    "co_quan_co_tham_quyen", "dia_chi_tiep_nhan", "co_quan_duoc_uy_quyen", "co_quan_phoi_hop", "thu_tuc_lien_quan",
    "trinh_tu_thuc_hien", "cach_thuc_thuc_hien", "thanh_phan_ho_so", "can_cu_phap_ly", "co_quan_thuc_hien",
    "yeu_cau_dieu_kien", "ket_qua_xu_ly",
)


def _procedure(data: Mapping[str, Any], code: tuple[str, str], stats: Counter[str], warn: Warn) -> Procedure:
    text = {key: f.prepare(data.get(key)) for key in _USED}
    levels, unknown = f.levels(text.get("cap_thuc_hien"))
    if unknown:
        warn("cap_thuc_hien", _("not a level: {values}").format(values=", ".join(unknown)))
    channels = split_channels(text.get("cach_thuc_thuc_hien", ""))
    dossier = split_dossier(text.get("thanh_phan_ho_so", ""))
    legal = split_legal(text.get("can_cu_phap_ly", ""))
    block = split_results(text.get("ket_qua_xu_ly", ""))
    for part, tidy in (("channels", channels.clean), ("dossier", dossier.clean), ("legal_basis", legal.clean),
                       ("results", block.clean)):
        stats[f"{part}_clean"] += tidy
        if not tidy:
            warn(SECTIONS[part], _("the {section} table could not be split cleanly; check this part").format(
                section=SECTIONS[part]))
    return Procedure(
        code=code[0], local_code=code[1], name=f.squash_known(text.get("ten_thu_tuc", "")),
        kind=f.squash_known(text.get("loai_thu_tuc", "")), levels=levels,
        fields=f.single_ref(text.get("linh_vuc")), agencies=f.refs(text.get("co_quan_thuc_hien")),
        competent=f.refs(text.get("co_quan_co_tham_quyen")), authorized=f.refs(text.get("co_quan_duoc_uy_quyen")),
        coordinating=f.refs(text.get("co_quan_phoi_hop")), subjects=f.refs(text.get("doi_tuong_thuc_hien")),
        address=f.block_known(text.get("dia_chi_tiep_nhan")), steps=f.steps(text.get("trinh_tu_thuc_hien")),
        channels=channels.items, dossier=dossier.items, legal_basis=legal.items, results=block.results,
        requirements=f.block_known(text.get("yeu_cau_dieu_kien")), related=f.related(text.get("thu_tuc_lien_quan")),
        decision=f.decision(text.get("so_quyet_dinh")), description=block.description, keywords=block.keywords,
    )


def _summary(stats: Counter[str]) -> str:
    total = stats["records"]
    parts = ", ".join(
        _("{section} {clean}/{total}").format(section=SECTIONS[p], clean=stats[f"{p}_clean"], total=total)
        for p in SECTIONS
    )
    return _("portal tables split cleanly: {parts} records").format(parts=parts)
