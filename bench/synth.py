"""Realistic synthetic procedures for benchmarks (export, import, diff of 100,000).

``synth_procedures(n, seed)`` yields ``n`` :class:`~tthc_tools.model.Procedure` objects sorted by code,
the same ones for the same ``(n, seed)``. Text is Vietnamese with diacritics (NFC); every part of the
model is filled the way real records fill it: 1-3 channels with their own deadlines and fees, dossier
items with original/copy counts and sometimes the result code that can replace them, results with
``KQ`` codes, legal basis with dates. Parts (fees, documents, dossier items, …) are drawn from pools
built once per seed and shared between procedures (they are frozen), so generating is cheap and the
stream holds one procedure at a time. ``mutate(p, rng)`` makes one realistic edit.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from tthc_tools.store.session import Database

from tthc_tools.model import (
    Channel,
    DossierItem,
    Fee,
    LegalBasis,
    Procedure,
    Ref,
    Result,
    Step,
)

T = TypeVar("T")

ACTIONS = (
    "Cấp", "Cấp lại", "Cấp đổi", "Gia hạn", "Điều chỉnh", "Đăng ký", "Đăng ký thay đổi", "Thẩm định",
    "Phê duyệt", "Xác nhận", "Thu hồi", "Công nhận", "Chấp thuận", "Thông báo", "Giải quyết",
)
OBJECTS = (
    "giấy phép kinh doanh", "chứng chỉ hành nghề", "giấy chứng nhận đủ điều kiện", "giấy phép xây dựng",
    "giấy phép lái xe", "giấy chứng nhận quyền sử dụng đất", "giấy phép môi trường", "thẻ căn cước",
    "giấy chứng nhận đăng ký hộ kinh doanh", "giấy phép hoạt động", "quyết định thành lập",
    "giấy khai sinh", "giấy chứng nhận kết hôn", "giấy phép khai thác nước mặt", "bản đồ địa chính",
)
CONTEXTS = (
    "đối với cơ sở giáo dục mầm non", "cho tổ chức, cá nhân nước ngoài", "trong trường hợp bị mất, hư hỏng",
    "đối với công trình cấp III, cấp IV", "cho hộ gia đình, cá nhân", "tại khu công nghiệp",
    "đối với doanh nghiệp nhỏ và vừa", "trên địa bàn tỉnh", "khi thay đổi thông tin", "lần đầu",
    "đối với hợp tác xã nông nghiệp", "cho người Việt Nam định cư ở nước ngoài",
)
FIELDS = (
    ("G03-GD10", "Giáo dục Trung học"), ("G15-HT01", "Hộ tịch"), ("G09-XD02", "Hoạt động xây dựng"),
    ("G12-DD01", "Đất đai"), ("G12-MT03", "Môi trường"), ("G10-TM05", "Thương mại quốc tế"),
    ("G08-YT01", "Khám bệnh, chữa bệnh"), ("G06-LD02", "Việc làm"), ("G14-VH01", "Văn hóa cơ sở"),
    ("G15-CT01", "Chứng thực"), ("G07-NN04", "Trồng trọt"), ("G11-GT03", "Đường bộ"),
    ("G05-TC09", "Quản lý công sản"), ("G13-TT02", "Báo chí"), ("G02-NV06", "Tôn giáo Chính phủ"),
)
PROVINCES = (
    "Lai Châu", "Sơn La", "Cần Thơ", "Quảng Ngãi", "Đắk Lắk", "Cà Mau", "An Giang", "Thanh Hóa",
    "Hà Tĩnh", "Bắc Ninh", "Lâm Đồng", "Khánh Hòa", "Tuyên Quang", "Phú Thọ",
)
DEPARTMENTS = (
    "Sở Tư pháp", "Sở Xây dựng", "Sở Nông nghiệp và Môi trường", "Sở Giáo dục và Đào tạo", "Sở Y tế",
    "Sở Công Thương", "Sở Tài chính", "Sở Văn hóa, Thể thao và Du lịch", "Sở Nội vụ", "Công an tỉnh",
    "Sở Khoa học và Công nghệ", "Ban Quản lý các khu công nghiệp",
)
SUBJECTS = (
    ("1", "Công dân Việt Nam"), ("2", "Doanh nghiệp"), ("3", "Tổ chức (không bao gồm doanh nghiệp, HTX)"),
    ("4", "Người nước ngoài"), ("5", "Hợp tác xã"), ("6", "Người Việt Nam định cư ở nước ngoài"),
    ("7", "Doanh nghiệp có vốn đầu tư nước ngoài"), ("8", "Cán bộ, công chức, viên chức"),
)
LAWS = (
    ("Luật", "QH13", "Quốc hội"), ("Luật", "QH14", "Quốc hội"), ("Luật", "QH15", "Quốc hội"),
    ("Nghị định", "NĐ-CP", "Chính phủ"), ("Thông tư", "TT-BTC", "Bộ Tài chính"),
    ("Thông tư", "TT-BXD", "Bộ Xây dựng"), ("Quyết định", "QĐ-TTg", "Thủ tướng Chính phủ"),
    ("Thông tư", "TT-BTP", "Bộ Tư pháp"), ("Nghị quyết", "NQ-HĐND", "Hội đồng nhân dân tỉnh"),
)
TOPICS = (
    "quy định chi tiết một số điều và biện pháp thi hành", "quy định mức thu, chế độ thu, nộp phí, lệ phí",
    "về quản lý hoạt động", "sửa đổi, bổ sung một số điều", "hướng dẫn thủ tục hành chính",
    "về thực hiện thủ tục hành chính trên môi trường điện tử", "về kiểm soát thủ tục hành chính",
)
PAPERS = (
    "Đơn đề nghị", "Tờ khai", "Bản sao Giấy chứng nhận đăng ký doanh nghiệp", "Văn bản đề nghị",
    "Bản thuyết minh", "Giấy ủy quyền (nếu có)", "Sơ đồ vị trí khu đất", "Báo cáo đánh giá tác động môi trường",
    "Bản sao Căn cước công dân", "Giấy chứng nhận sức khỏe", "Hợp đồng thuê đất", "Bản vẽ thiết kế",
    "Danh sách thành viên", "Quyết định bổ nhiệm", "Phiếu lý lịch tư pháp",
)
STEP_TEXTS = (
    "Tổ chức, cá nhân chuẩn bị hồ sơ theo quy định và nộp tại Trung tâm Phục vụ hành chính công",
    "Cán bộ tiếp nhận kiểm tra tính đầy đủ, hợp lệ của hồ sơ; trường hợp hồ sơ chưa đầy đủ thì hướng dẫn "
    "bổ sung một lần bằng văn bản",
    "Cơ quan có thẩm quyền thẩm định hồ sơ, kiểm tra thực tế (nếu cần) trong thời hạn quy định",
    "Trường hợp không đủ điều kiện, cơ quan giải quyết trả lời bằng văn bản và nêu rõ lý do",
    "Trả kết quả cho tổ chức, cá nhân trực tiếp hoặc qua dịch vụ bưu chính công ích",
    "Thu phí, lệ phí theo quy định và cập nhật kết quả lên Cổng Dịch vụ công quốc gia",
)
CASES = ("", "", "", "Trường hợp nộp hồ sơ trực tiếp", "Trường hợp cấp lại do bị mất")
DEADLINE_UNITS = ("Ngày làm việc", "Ngày làm việc", "Ngày", "Giờ")
FEE_TEXTS = (
    ("Lệ phí", "Đồng"), ("Phí thẩm định", "Đồng"), ("Phí", "Đồng"), ("Lệ phí cấp giấy phép", "Đồng"),
    ("Lệ phí", "USD"),
)
KINDS = (
    "TTHC được luật giao quy định chi tiết", "TTHC không được luật giao cho địa phương quy định",
    "Loại khác",
)
LEVEL_SETS = (("tinh",), ("tinh",), ("xa",), ("tinh", "xa"), ("bo",), ("bo", "tinh"), ("khac",))
ONLINE = ("toan_trinh", "toan_trinh", "mot_phan", "mot_phan", "thong_tin", "")
POOL = 256


def _pick(rng: random.Random, seq: Sequence[T]) -> T:
    return seq[int(rng.random() * len(seq))]


def _date(rng: random.Random, start: int = 2010, span: int = 15) -> dt.date:
    return dt.date(start, 1, 1) + dt.timedelta(days=int(rng.random() * 365 * span))


def _fee(rng: random.Random) -> Fee:
    label, unit = _pick(rng, FEE_TEXTS)
    roll = rng.random()
    scale = 1 if unit == "USD" else 10_000
    amount = None if roll < 0.1 else 0 if roll < 0.35 else (int(rng.random() * 200) + 1) * scale
    description = label if amount is not None else f"{label}: theo quy định của Bộ Tài chính"
    return Fee(description, amount, unit if amount is not None else "", f"PLP{int(rng.random() * 9999):04d}")


def _channel(rng: random.Random, kind: str) -> Channel:
    days = _pick(rng, (1, 3, 5, 7, 10, 15, 20, 30, 45, 60))
    fees = tuple(_fee(rng) for _ in range(_pick(rng, (0, 1, 1, 1, 2))))
    note = _pick(rng, ("", "", "Nộp hồ sơ qua Cổng Dịch vụ công quốc gia", "Qua dịch vụ bưu chính công ích"))
    return Channel(kind, f"{days} {_pick(rng, DEADLINE_UNITS)}", fees, note)


def _channel_sets(rng: random.Random) -> list[tuple[Channel, ...]]:
    shapes = (("truc_tiep",), ("truc_tiep", "truc_tuyen"), ("truc_tiep", "truc_tuyen", "buu_chinh"),
              ("truc_tuyen",), ("truc_tiep", "buu_chinh"))
    return [tuple(_channel(rng, kind) for kind in _pick(rng, shapes)) for _ in range(POOL)]


def _result(rng: random.Random) -> Result:
    code = f"KQ.G{int(rng.random() * 20) + 1:02d}.{int(rng.random() * 999_999):06d}"
    form = _pick(rng, ("", "", "Mẫu số 02/GP", "Mẫu số 05"))
    return Result(f"{_pick(rng, OBJECTS).capitalize()}", code, form)


def _dossier_item(rng: random.Random, results: Sequence[Result]) -> DossierItem:
    roll = rng.random()
    originals = None if roll < 0.1 else int(rng.random() * 3)
    copies = None if roll < 0.1 else int(rng.random() * 2)
    form = _pick(rng, ("", "", "Mẫu số 01", "Mẫu số 01/ĐK"))
    return DossierItem(
        name=f"{_pick(rng, PAPERS)} {_pick(rng, ('', 'theo mẫu quy định', 'có xác nhận của cơ quan có thẩm quyền'))}".strip(),
        case=_pick(rng, CASES),
        originals=originals,
        copies=copies,
        form=form,
        form_url=f"https://csdl.dichvucong.gov.vn/web/jsp/download_file.jsp?ma={int(rng.random() * 1e9)}" if form else "",
        code=f"GT{int(rng.random() * 99999):05d}" if rng.random() < 0.5 else "",
        replacing_result=_pick(rng, results).code if rng.random() < 0.2 else "",
    )


def _legal(rng: random.Random) -> LegalBasis:
    kind, suffix, issuer = _pick(rng, LAWS)
    issued = _date(rng)
    number = f"{int(rng.random() * 300) + 1}/{issued.year}/{suffix}"
    effective = issued + dt.timedelta(days=int(rng.random() * 180)) if rng.random() < 0.8 else None
    return LegalBasis(number, f"{kind} số {number} {_pick(rng, TOPICS)}", issued, effective, issuer,
                      "https://vbpl.vn/" if rng.random() < 0.2 else "")


class _Pools:
    """Shared frozen parts, built once per seed."""

    def __init__(self, rng: random.Random) -> None:
        self.channels = _channel_sets(rng)
        self.results = [_result(rng) for _ in range(POOL)]
        self.dossier = [_dossier_item(rng, self.results) for _ in range(POOL * 2)]
        self.legal = [_legal(rng) for _ in range(POOL)]
        self.fields = [Ref(name, code) for code, name in FIELDS]
        self.subjects = [Ref(name, code) for code, name in SUBJECTS]
        self.steps = tuple(Step(f"Bước {i + 1}: {text}.", case) for case in CASES[2:]
                           for i, text in enumerate(STEP_TEXTS))
        self.agencies = [Ref(f"{dep} tỉnh {prov}", f"{j:03d}.{k:02d}.{k + 10:02d}.H{j % 60 + 10:02d}")
                         for j, prov in enumerate(PROVINCES) for k, dep in enumerate(DEPARTMENTS)]


def _codes(n: int) -> Iterator[str]:
    """``n`` distinct codes in increasing order: 70 % group 1, 20 % group 2, 10 % group 3."""
    counts = (n - n // 5 - n // 10, n // 5, n // 10)
    for group, count in zip((1, 2, 3), counts, strict=True):
        step = max(1, min(7, 998_000 // max(count, 1)))
        for j in range(count):
            yield f"{group}.{1000 + j * step:06d}"


def _sample(rng: random.Random, pool: Sequence[T], low: int, high: int) -> tuple[T, ...]:
    count = low + int(rng.random() * (high - low + 1))
    start = int(rng.random() * len(pool))
    return tuple(pool[(start + k * 7) % len(pool)] for k in range(count))


def _procedure(rng: random.Random, pools: _Pools, code: str, index: int) -> Procedure:
    province = PROVINCES[index % len(PROVINCES)]
    levels = _pick(rng, LEVEL_SETS)
    agencies = _sample(rng, pools.agencies, 1, 2)
    results = _sample(rng, pools.results, 1, 2)
    local = f"{code}.000.00.00.H{index % 60 + 10:02d}" if "tinh" in levels and rng.random() < 0.3 else ""
    name = f"{_pick(rng, ACTIONS)} {_pick(rng, OBJECTS)} {_pick(rng, CONTEXTS)}"
    return Procedure(
        code=code,
        name=name,
        local_code=local,
        kind=KINDS[int(code[0]) - 1],
        levels=levels,
        fields=_sample(rng, pools.fields, 1, 2),
        publisher=_pick(rng, ("Bộ Tư pháp", "Bộ Xây dựng", "Bộ Tài chính", f"UBND tỉnh {province}")),
        agencies=agencies,
        competent=(Ref(f"Chủ tịch Ủy ban nhân dân tỉnh {province}"),) if rng.random() < 0.6 else agencies[:1],
        authorized=_sample(rng, pools.agencies, 0, 1) if rng.random() < 0.2 else (),
        coordinating=_sample(rng, pools.agencies, 1, 2) if rng.random() < 0.3 else (),
        subjects=_sample(rng, pools.subjects, 1, 3),
        address=f"Trung tâm Phục vụ hành chính công tỉnh {province}" if rng.random() < 0.7 else "",
        steps=pools.steps[(index % 3) * 6: (index % 3) * 6 + 3 + index % 4],
        channels=_pick(rng, pools.channels),
        dossier=_sample(rng, pools.dossier, 2, 6),
        results=results,
        legal_basis=_sample(rng, pools.legal, 1, 4),
        requirements=_pick(rng, ("", "", "Tổ chức, cá nhân có đủ năng lực hành vi dân sự.\n"
                                 "Đáp ứng các điều kiện quy định tại Điều 9 Nghị định.")),
        related=(f"1.{int(rng.random() * 999_999):06d}",) if rng.random() < 0.15 else (),
        online_level=_pick(rng, ONLINE),
        decision=f"{int(rng.random() * 3000) + 1}/QĐ-UBND",
        description="",
        keywords=_pick(rng, ("", "", "giấy phép; cấp phép", "hộ tịch")),
        national_id=f"{int(rng.random() * 16**12):012x}" if rng.random() < 0.5 else "",
        status="abolished" if rng.random() < 0.03 else "active",
    )


def synth_procedures(n: int, seed: int = 0) -> Iterator[Procedure]:
    """``n`` realistic procedures, sorted by code, deterministic for ``(n, seed)``."""
    rng = random.Random(seed)
    pools = _Pools(rng)
    for index, code in enumerate(_codes(n)):
        yield _procedure(rng, pools, code, index)


def mutate(p: Procedure, rng: random.Random) -> Procedure:
    """``p`` with one realistic edit: a fee, a deadline, the name, a dossier item, a legal basis, …"""
    edit = _pick(rng, (_edit_fee, _edit_deadline, _edit_name, _edit_dossier, _edit_legal, _edit_online,
                       _edit_agency))
    return edit(p, rng)


def _edit_fee(p: Procedure, rng: random.Random) -> Procedure:
    if not p.channels:
        return _edit_name(p, rng)
    first = p.channels[0]
    old = first.fees[0].amount if first.fees else None
    amount = (int(rng.random() * 300) + 1) * 10_000
    amount = amount + 10_000 if amount == old else amount
    fees = ((dataclasses.replace(first.fees[0], amount=amount, unit="Đồng"), *first.fees[1:]) if first.fees
            else (Fee("Lệ phí", amount, "Đồng"),))
    return dataclasses.replace(p, channels=(dataclasses.replace(first, fees=fees), *p.channels[1:]))


def _edit_deadline(p: Procedure, rng: random.Random) -> Procedure:
    if not p.channels:
        return _edit_name(p, rng)
    deadline = f"{int(rng.random() * 40) + 1} Ngày làm việc"
    if deadline == p.channels[0].deadline:
        deadline = f"{deadline} (không kể thời gian bổ sung hồ sơ)"
    first = dataclasses.replace(p.channels[0], deadline=deadline)
    return dataclasses.replace(p, channels=(first, *p.channels[1:]))


def _edit_name(p: Procedure, rng: random.Random) -> Procedure:
    return dataclasses.replace(p, name=f"{p.name} {_pick(rng, CONTEXTS)}")


def _edit_dossier(p: Procedure, rng: random.Random) -> Procedure:
    extra = DossierItem(f"{_pick(rng, PAPERS)} (bổ sung)", originals=1, copies=0)
    return dataclasses.replace(p, dossier=(*p.dossier, extra))


def _edit_legal(p: Procedure, rng: random.Random) -> Procedure:
    return dataclasses.replace(p, legal_basis=(*p.legal_basis, _legal(rng)))


def _edit_online(p: Procedure, rng: random.Random) -> Procedure:
    choices = [level for level in ("toan_trinh", "mot_phan", "thong_tin") if level != p.online_level]
    return dataclasses.replace(p, online_level=_pick(rng, choices))


def _edit_agency(p: Procedure, rng: random.Random) -> Procedure:
    agency = Ref(f"{_pick(rng, DEPARTMENTS)} tỉnh {_pick(rng, PROVINCES)} (sau sắp xếp)")
    return dataclasses.replace(p, agencies=(agency, *p.agencies[1:]))


def store_procedures(db: Database, procedures: Iterable[Procedure], today: dt.date, chunk: int = 5000) -> None:
    """Store generated procedures as new procedures in force from ``today``, ``chunk`` per transaction."""
    from tthc_tools.store.catalog import CatalogStore, NewRevision

    batch: list[NewRevision] = []
    for procedure in procedures:
        batch.append(NewRevision(procedure, today, "created", []))
        if len(batch) >= chunk:
            with db.transaction() as session:
                CatalogStore(session, today).create_many(batch)
            batch = []
    with db.transaction() as session:
        CatalogStore(session, today).create_many(batch)
