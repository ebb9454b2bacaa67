"""Structured records parsed from the national "Chi tiết TTHC" Word export (the ``nhdandz`` set).

One JSON file per procedure (``metadata`` / ``content`` / ``tables``), or a folder of them (read in
name order). The tables are already split into columns: ``hinh_thuc_nop`` (channels),
``thanh_phan_ho_so`` (dossier: ``so_luong`` usually holds the form's file name and ``ghi_chu`` the
counts "Bản chính: 1\\nBản sao: 0") and ``can_cu_phap_ly`` (số ký hiệu, trích yếu, ngày ban hành,
cơ quan ban hành).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from tthc_tools.catalog.readers import _fields as f
from tthc_tools.catalog.readers._base import CodeCheck, ReadResult, check_file, load_json, record, warning
from tthc_tools.catalog.readers._portal_tables import split_form
from tthc_tools.codes import parse_date
from tthc_tools.errors import BadInput
from tthc_tools.i18n import _
from tthc_tools.model import Channel, DossierItem, LegalBasis, Problem, Procedure, Record
from tthc_tools.text import clean, clean_known

FORMAT = "structured-json"
_FILE_NAME = re.compile(r"\.(?:docx?|xlsx?|pdf|rtf|odt|zip|rar)$", re.IGNORECASE)
_FILES = re.compile(r"\S.*?\.(?i:docx?|xlsx?|pdf|rtf|odt|zip|rar)(?=\s|$)")
"""One or more form file names in a cell ("MU1A.docx MU1B.docx", "5- PHỤ LỤC II.doc")."""


def read(path: Path) -> ReadResult:
    """Read one structured record file, a file holding a list of them, or a folder of such files."""
    check_file(path, directory_ok=True)
    files = sorted(p for p in path.glob("*.json") if p.is_file()) if path.is_dir() else [path]
    if not files:
        raise BadInput(_("folder holds no .json file"), path=str(path))
    notes: list[str] = []
    return ReadResult(_items(files, path.is_dir()), FORMAT, notes, str(path))


def _items(files: list[Path], folder: bool) -> Iterator[Record | Problem]:
    check = CodeCheck(str(files[0]), "mã_thủ_tục")
    for file in files:
        check.path = str(file)
        data = load_json(file)
        items = data if isinstance(data, list) else [data]
        for number, item in enumerate(items, start=1):
            location = _("record {n}").format(n=number)
            if folder:
                location = file.name if len(items) == 1 else _("{file}, {location}").format(file=file.name,
                                                                                            location=location)
            if not isinstance(item, dict):
                yield Problem("error", _("not a JSON object"), str(file), location)
                continue
            yield from mapped(item, location, check)


def mapped(data: Mapping[str, Any], location: str, check: CodeCheck) -> list[Record | Problem]:
    """The record (and any problems) of one structured object."""
    meta = _section(data, "metadata")
    content = _section(data, "content")
    tables = _section(data, "tables")
    code = check(meta.get("mã_thủ_tục") or data.get("thu_tuc_id"), location)
    if isinstance(code, Problem):
        return [code]
    problems: list[Record | Problem] = []
    levels, unknown = f.levels(meta.get("cấp_thực_hiện"))
    if unknown:
        problems.append(warning(check.path, location, "cấp_thực_hiện",
                                _("not a level: {values}").format(values=", ".join(unknown)), code[0]))
    channels = tuple(_channels(tables.get("hinh_thuc_nop"), check.path, location, problems))
    procedure = Procedure(
        code=code[0], local_code=code[1], name=clean_known(meta.get("tên_thủ_tục")),
        kind=clean_known(meta.get("loại_thủ_tục")), levels=levels, fields=f.single_ref(meta.get("lĩnh_vực")),
        decision=f.decision(meta.get("số_quyết_định")), steps=f.steps(content.get("trình_tự_thực_hiện")),
        subjects=f.refs(content.get("đối_tượng_thực_hiện")), agencies=f.refs(content.get("cơ_quan_thực_hiện")),
        competent=f.refs(content.get("cơ_quan_có_thẩm_quyền")),
        authorized=f.refs(content.get("cơ_quan_được_ủy_quyền")),
        coordinating=f.refs(content.get("cơ_quan_phối_hợp")), address=f.block_known(content.get("địa_chỉ_tiếp_nhận_hs")),
        results=f.results(content.get("kết_quả_thực_hiện")),
        requirements=f.block_known(content.get("yêu_cầu_điều_kiện_thực_hiện")),
        keywords=clean_known(content.get("từ_khóa")), description=f.block_known(content.get("mô_tả")),
        channels=channels, dossier=tuple(_dossier(tables.get("thanh_phan_ho_so"))),
        legal_basis=tuple(_legal(tables.get("can_cu_phap_ly"))),
    )
    return [*problems, record(procedure, location)]


def _section(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key)
    return value if isinstance(value, dict) else {}


def _rows(value: object) -> Iterator[Mapping[str, Any]]:
    if isinstance(value, list):
        yield from (row for row in value if isinstance(row, dict))


def _channels(value: object, path: str, location: str, problems: list[Record | Problem]) -> Iterator[Channel]:
    for row in _rows(value):
        kind = f.channel_kind(row.get("hinh_thuc"))
        if not kind:
            message = _("not a channel: {value!r} (row left out)").format(value=clean(row.get("hinh_thuc")))
            problems.append(warning(path, location, "hinh_thuc_nop", message))
            continue
        yield Channel(kind, clean_known(row.get("thoi_han_giai_quyet")), f.fees(row.get("phi_le_phi")),
                      f.block_known(row.get("mo_ta")))


def _dossier(value: object) -> Iterator[DossierItem]:
    for row in _rows(value):
        name = clean_known(row.get("ten_giay_to"))
        amount = clean_known(row.get("so_luong"))
        form, quantity = ("; ".join(_FILES.findall(amount)), "") if _FILE_NAME.search(amount) else ("", amount)
        if not form:  # the form may also sit glued at the end of the name, as on the portal
            name, form = (clean(part) for part in split_form(name))
        originals, copies = f.counts(row.get("ghi_chu"))
        if name or form:
            yield DossierItem(name=name, originals=originals, copies=copies, quantity=quantity, form=form)


_NUMBER_IN_TITLE = r"(?<![\d/])%s\s?/\s?(?:19|20)\d{2}\s?/\s?[A-ZĐ][\wĐđ]*(?:\s?-\s?[\wĐđ]+)*"


def _legal(value: object) -> Iterator[LegalBasis]:
    for row in _rows(value):
        number = re.sub(r"\s+", " ", clean_known(row.get("so_ky_hieu")))
        title = clean_known(row.get("trich_yeu"))
        if number.isdigit():  # "12" with trích yếu "Quyết định số 12/2021/QĐ-TTg …": the full number
            found = re.search(_NUMBER_IN_TITLE % re.escape(number), title)
            number = re.sub(r"\s+", "", found.group()) if found else number
        if number or title:
            yield LegalBasis(number=number, title=title, issued=parse_date(row.get("ngay_ban_hanh")),
                             issuer=clean_known(row.get("co_quan_ban_hanh")))
