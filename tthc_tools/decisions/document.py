"""A drafted decision as a document: the body skeleton and the annex tables, ready for a writer.

The body follows the 2025 provincial decisions (research/domain.md §2.2) and NĐ 30/2020 for the
number and date: ``Số:      /QĐ-UBND`` and ``<Tỉnh>, ngày      tháng      năm <YYYY>`` are left
blank for the office that issues the signed decision. The DOCX, XLSX and HTML writers all render
this one :class:`DraftDocument`, so the three outputs say the same thing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tthc_tools.decisions.model import DecisionRef
from tthc_tools.text import clean, fold

BLANK = "      "
LAYOUTS = ("province", "ministry")
KIND_PHRASES: dict[str, str] = {
    "new": "mới ban hành",
    "amended": "được sửa đổi, bổ sung",
    "replaced": "được thay thế",
    "abolished": "bị bãi bỏ",
}
CITIES = frozenset({"ha noi", "ho chi minh", "hai phong", "da nang", "can tho", "hue"})
STANDING_BASES = (
    "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16 tháng 6 năm 2025;",
    "Căn cứ Nghị định số 63/2010/NĐ-CP ngày 08 tháng 6 năm 2010 của Chính phủ về kiểm soát thủ tục hành chính; "
    "Nghị định số 48/2013/NĐ-CP ngày 14 tháng 5 năm 2013 của Chính phủ sửa đổi, bổ sung một số điều của các nghị "
    "định liên quan đến kiểm soát thủ tục hành chính; Nghị định số 92/2017/NĐ-CP ngày 07 tháng 8 năm 2017 của "
    "Chính phủ sửa đổi, bổ sung một số điều của các nghị định liên quan đến kiểm soát thủ tục hành chính;",
    "Căn cứ Nghị định số 118/2025/NĐ-CP ngày 09 tháng 6 năm 2025 của Chính phủ về thực hiện thủ tục hành chính theo "
    "cơ chế một cửa, một cửa liên thông tại Bộ phận Một cửa và Cổng Dịch vụ công quốc gia;",
    "Căn cứ Thông tư số 02/2017/TT-VPCP ngày 31 tháng 10 năm 2017 của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ "
    "hướng dẫn nghiệp vụ về kiểm soát thủ tục hành chính;",
)


@dataclass(frozen=True)
class Publisher:
    """Who publishes the decision and what it is about (the parts of the text that are not rows)."""

    province: str
    signer: str = ""
    signer_title: str = "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"
    field: str = ""
    agency: str = ""
    proposer: str = ""
    year: int = 0
    layout: str = "province"

    @property
    def unit(self) -> str:
        """``tỉnh`` or ``thành phố`` (the six centrally-run cities)."""
        return "thành phố" if fold(self.province) in CITIES else "tỉnh"

    @property
    def where(self) -> str:
        """"tỉnh An Giang", "thành phố Huế"."""
        return f"{self.unit} {self.province}"


@dataclass(frozen=True)
class TableRow:
    """A row of an annex table; a ``group`` row is a heading spanning the table ("A. … cấp tỉnh")."""

    cells: tuple[str, ...]
    group: bool = False


@dataclass(frozen=True)
class Table:
    """One annex table: its title line, column headers, relative column widths and rows."""

    title: str
    header: tuple[str, ...]
    widths: tuple[int, ...]
    rows: tuple[TableRow, ...]


@dataclass(frozen=True)
class DraftDocument:
    """Everything a writer lays out, in reading order."""

    issuer: tuple[str, ...]
    motto: tuple[str, ...]
    number_line: str
    date_line: str
    title: str
    summary: str
    authority: str
    bases: tuple[str, ...]
    articles: tuple[tuple[str, str], ...]
    recipients: tuple[str, ...]
    signature: tuple[str, ...]
    annex_heading: tuple[str, ...]
    tables: tuple[Table, ...]
    part: str = ""


def vietnamese_date(day: dt.date) -> str:
    """"ngày 05 tháng 3 năm 2020": NĐ 30/2020 pads days below 10 and the months 1 and 2."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def kinds_phrase(kinds: list[str]) -> str:
    """"mới ban hành, được sửa đổi, bổ sung, bị bãi bỏ" for the kinds present, in the usual order."""
    return ", ".join(KIND_PHRASES[kind] for kind in KIND_PHRASES if kind in kinds)


def scope(publisher: Publisher) -> str:
    """" lĩnh vực Đấu thầu thuộc phạm vi chức năng quản lý của Sở Tài chính tỉnh An Giang" (or less)."""
    text = f" lĩnh vực {publisher.field}" if publisher.field else ""
    if publisher.agency:
        text += f" thuộc phạm vi chức năng quản lý của {publisher.agency} {publisher.where}"
    return text


def body(publisher: Publisher, kinds: list[str], localises: DecisionRef | None, tables: tuple[Table, ...]
         ) -> DraftDocument:
    """The decision around the annex ``tables``: header, trích yếu, Căn cứ, Điều 1-4, Nơi nhận, signature."""
    what = f"Danh mục thủ tục hành chính {kinds_phrase(kinds)}{scope(publisher)}"
    year = publisher.year
    number = f"{BLANK}/QĐ-UBND"
    authority = f"Chủ tịch Ủy ban nhân dân {publisher.where}"
    ministry = publisher.layout == "ministry"
    listing = "THỦ TỤC HÀNH CHÍNH" if ministry else "DANH MỤC THỦ TỤC HÀNH CHÍNH"
    return DraftDocument(
        issuer=("ỦY BAN NHÂN DÂN", publisher.where.upper()),
        motto=("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"),
        number_line=f"Số: {number}",
        date_line=f"{publisher.province}, ngày{BLANK}tháng{BLANK}năm {year}",
        title="QUYẾT ĐỊNH",
        summary=f"Về việc công bố {what}",
        authority=authority.upper(),
        bases=(*STANDING_BASES, *_localised(localises), _proposal(publisher)),
        articles=_articles(publisher, what),
        recipients=_recipients(publisher),
        signature=(*(clean(line) for line in publisher.signer_title.split("/")), "", "", publisher.signer),
        annex_heading=(
            "PHỤ LỤC",
            f"{listing} {kinds_phrase(kinds)}{scope(publisher)}".upper(),
            f"(Kèm theo Quyết định số {number} ngày{BLANK}tháng{BLANK}năm {year} của {authority})",
        ),
        tables=tables,
        part="PHẦN I. DANH MỤC THỦ TỤC HÀNH CHÍNH" if ministry else "",
    )


def _localised(ref: DecisionRef | None) -> tuple[str, ...]:
    if ref is None:
        return ()
    when = vietnamese_date(ref.issued) if ref.issued else f"ngày{BLANK}tháng{BLANK}năm{BLANK}"
    issuer = ref.issuer or "Bộ trưởng Bộ …"
    title = f" {ref.title}" if ref.title else ""
    return (f"Căn cứ Quyết định số {ref.number} {when} của {issuer}{title};",)


def _proposal(publisher: Publisher) -> str:
    proposer = publisher.proposer or (f"Giám đốc {publisher.agency}" if publisher.agency else "Giám đốc Sở …")
    return (f"Xét đề nghị của {proposer} tại Tờ trình số{BLANK}/TTr-… "
            f"ngày{BLANK}tháng{BLANK}năm {publisher.year}.")


def _articles(publisher: Publisher, what: str) -> tuple[tuple[str, str], ...]:
    agency = publisher.agency or "Các sở, ban, ngành tỉnh"
    head = f"Giám đốc {publisher.agency}, " if publisher.agency else ""
    return (
        ("Điều 1.", f"Công bố kèm theo Quyết định này {what} (có Phụ lục kèm theo)."),
        ("Điều 2.", "Quyết định này có hiệu lực thi hành kể từ ngày ký."),
        ("Điều 3.", f"{agency} chủ trì, phối hợp với các cơ quan, đơn vị có liên quan xây dựng quy trình nội bộ "
                    "giải quyết thủ tục hành chính; công khai thủ tục hành chính được công bố tại Quyết định này "
                    "và cập nhật, tích hợp lên Cổng Dịch vụ công quốc gia theo quy định."),
        ("Điều 4.", f"Chánh Văn phòng Ủy ban nhân dân {publisher.unit}, {head}Thủ trưởng các sở, ban, ngành "
                    f"{publisher.unit}; Chủ tịch Ủy ban nhân dân các xã, phường, đặc khu và các tổ chức, cá nhân "
                    "có liên quan chịu trách nhiệm thi hành Quyết định này./."),
    )


def _recipients(publisher: Publisher) -> tuple[str, ...]:
    unit = publisher.unit
    return (
        "- Như Điều 4;",
        "- Cục Kiểm soát thủ tục hành chính - Văn phòng Chính phủ;",
        f"- Chủ tịch, các Phó Chủ tịch UBND {unit};",
        f"- Lãnh đạo Văn phòng UBND {unit};",
        f"- Trung tâm Phục vụ hành chính công {unit};",
        "- Lưu: VT.",
    )
