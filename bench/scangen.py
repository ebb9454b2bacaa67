"""Degraded Vietnamese document scans with ground truth, for the scan tests and benchmarks.

``make_document(seed)`` renders one upright A4 page at 300 dpi (DejaVu Serif: Debian's fonts-liberation 1.07
lacks ơ, ư and the stacked tone marks) of one of five kinds — quyết định, giấy chứng nhận, giấy phép, trích lục, giấy
tiếp nhận hồ sơ và hẹn trả kết quả — and returns it with its ground truth: the text in reading order
and the fields an extractor should find (blank where the document has none). ``degrade`` turns it the
way real scans come: a little skew, sometimes 90°/180°/270°, blur, noise, a red seal over the signer's
title, JPEG artefacts. ``write_set`` writes a numbered set plus ``truth.json``.

    python bench/scangen.py OUT_DIR [N] [--seed S] [--format jpg|png|pdf]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import math
import random
from dataclasses import asdict, dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

DPI = 300
A4 = (2480, 3508)
MARGIN_L, MARGIN_R, TOP = 260, 200, 200
FONTS = Path("/usr/share/fonts/truetype/dejavu")

PROVINCES = ("Sơn La", "Lai Châu", "Cần Thơ", "Quảng Ngãi", "Nghệ An", "Thanh Hóa", "Lào Cai", "Hà Giang",
             "Bắc Ninh", "Đồng Tháp", "Phú Thọ", "Tây Ninh", "Khánh Hòa", "Gia Lai", "Hưng Yên", "Ninh Bình")
PROVINCE_CODES = {"Sơn La": "H52", "Lai Châu": "H35", "Cần Thơ": "H13", "Quảng Ngãi": "H48", "Nghệ An": "H41",
                  "Thanh Hóa": "H56", "Lào Cai": "H38", "Hà Giang": "H22", "Bắc Ninh": "H06", "Đồng Tháp": "H20",
                  "Phú Thọ": "H44", "Tây Ninh": "H53", "Khánh Hòa": "H32", "Gia Lai": "H21", "Hưng Yên": "H31",
                  "Ninh Bình": "H42"}
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Lò",
            "Cầm", "Quàng")
MIDDLE = ("Văn", "Thị", "Đình", "Minh", "Thanh", "Quốc", "Hữu", "Ngọc", "Thu", "Đức", "Xuân", "Hoài")
GIVEN = ("An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hùng", "Hương", "Lan", "Linh", "Long",
         "Mai", "Nam", "Nga", "Phúc", "Quang", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Việt", "Yến", "Khánh")
SIGNER_TITLES = ("CHỦ TỊCH", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "GIÁM ĐỐC", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC")
BODY = (
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
    "Căn cứ Nghị định số 118/2025/NĐ-CP ngày 09 tháng 6 năm 2025 của Chính phủ về thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông;",
    "Xét đề nghị của tổ chức, cá nhân và kết quả thẩm định hồ sơ của cơ quan chuyên môn;",
    "Quyết định này có hiệu lực kể từ ngày ký ban hành.",
    "Các cơ quan, tổ chức và cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này.",
    "Người được cấp có trách nhiệm thực hiện đúng các nội dung ghi trong giấy tờ này và các quy định hiện hành.",
    "Giấy tờ này được lập thành hai bản có giá trị pháp lý như nhau, mỗi bên giữ một bản.",
)
SUBJECTS = ("cấp giấy phép xây dựng nhà ở riêng lẻ", "công nhận quyền sử dụng đất cho hộ gia đình",
            "cấp giấy chứng nhận đủ điều kiện kinh doanh", "phê duyệt hồ sơ hỗ trợ đầu tư", "cấp lại chứng chỉ hành nghề",
            "thu hồi giấy phép khai thác nước mặt", "cho phép thành lập cơ sở giáo dục mầm non")
KINDS = ("quyết định", "giấy chứng nhận", "giấy phép", "trích lục", "giấy tiếp nhận hồ sơ và hẹn trả kết quả")
FIELD_NAMES = ("kind", "number", "issued", "issuer", "signer", "subject", "holder_name", "holder_id",
               "dossier_code", "result_code")


@dataclass
class Truth:
    """What a perfect reader finds on the page (``""`` where the document has no such field)."""

    kind: str = ""
    number: str = ""
    issued: str = ""
    issuer: str = ""
    signer: str = ""
    subject: str = ""
    holder_name: str = ""
    holder_id: str = ""
    dossier_code: str = ""
    result_code: str = ""
    text: str = ""

    def fields(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in FIELD_NAMES}


@dataclass
class Page:
    image: Image.Image
    truth: Truth
    rotation: int = 0
    skew: float = 0.0
    seed: int = 0
    lines: list[str] = field(default_factory=list)


def _font(style: str, size_pt: float) -> ImageFont.FreeTypeFont:
    suffix = {"r": "", "b": "-Bold", "i": "-Italic", "bi": "-BoldItalic"}[style]
    return ImageFont.truetype(str(FONTS / f"DejaVuSerif{suffix}.ttf"), round(size_pt * DPI / 72))


class _Canvas:
    def __init__(self) -> None:
        self.image = Image.new("L", A4, 255)
        self.draw = ImageDraw.Draw(self.image)
        self.y = TOP
        self.blocks: list[str] = []

    def text_at(self, x_centre: float, y: int, text: str, style: str, size: float) -> int:
        font = _font(style, size)
        width = self.draw.textlength(text, font=font)
        self.draw.text((x_centre - width / 2, y), text, font=font, fill=0)
        return round(size * DPI / 72 * 1.35)

    def centred(self, text: str, style: str = "r", size: float = 13, centre: float | None = None) -> None:
        for line in text.split("\n"):
            self.y += self.text_at(centre or A4[0] / 2, self.y, line, style, size)
            self.blocks.append(line)

    def paragraph(self, text: str, style: str = "r", size: float = 13, indent: int = 120) -> None:
        font = _font(style, size)
        words, line, first = text.split(), "", True
        width = A4[0] - MARGIN_L - MARGIN_R
        for word in words:
            trial = f"{line} {word}".strip()
            if self.draw.textlength(trial, font=font) + (indent if first else 0) > width and line:
                self._line(line, font, indent if first else 0, size)
                line, first = word, False
            else:
                line = trial
        if line:
            self._line(line, font, indent if first else 0, size)

    def _line(self, line: str, font: ImageFont.FreeTypeFont, indent: int, size: float) -> None:
        self.draw.text((MARGIN_L + indent, self.y), line, font=font, fill=0)
        self.blocks.append(line)
        self.y += round(size * DPI / 72 * 1.45)


def _name(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _cccd(rng: random.Random) -> str:
    return f"0{rng.randint(1, 96):02d}{rng.choice('0123')}{rng.randint(0, 99):02d}{rng.randint(0, 999999):06d}"


def make_document(seed: int, kind: str | None = None) -> Page:
    """Render one upright page of ``kind`` (chosen by ``seed`` when None) with its ground truth."""
    rng = random.Random(seed)
    kind = kind or KINDS[seed % len(KINDS)]
    province = rng.choice(PROVINCES)
    date = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randint(0, 330))
    holder, holder_id, signer = _name(rng), _cccd(rng), _name(rng)
    agency = f"000.00.{rng.randint(1, 60):02d}.{PROVINCE_CODES[province]}"
    dossier = f"{agency}-{date:%y%m%d}-{rng.randint(1, 9999):04d}"
    result_code = f"KQ.{PROVINCE_CODES[province]}.{rng.randint(1, 400):06d}"
    truth = Truth(kind=kind, issued=date.isoformat(), signer=signer, holder_name=holder, holder_id=holder_id)
    canvas = _Canvas()
    issuer_lines, issuer, symbol = _issuer(rng, province, kind)
    truth.issuer = issuer
    serial = rng.randint(1, 3999)
    number = "" if kind.startswith("giấy tiếp nhận") else f"{serial}/{symbol}"
    truth.number = number
    _header(canvas, issuer_lines, number, province, date)
    subject = rng.choice(SUBJECTS)
    _kind_body(canvas, rng, kind, truth, subject, holder, holder_id, dossier, result_code)
    title = "NGƯỜI TIẾP NHẬN" if kind.startswith("giấy tiếp nhận") else rng.choice(SIGNER_TITLES)
    canvas.y += 60
    for line in title.split("\n"):
        canvas.y += canvas.text_at(A4[0] * 0.72, canvas.y, line, "b", 13)
    seal_y = canvas.y
    canvas.y += 330
    canvas.text_at(A4[0] * 0.72, canvas.y, signer, "b", 13)
    truth.text = "\n".join([*canvas.blocks, *title.split("\n"), signer])
    page = Page(canvas.image, truth, seed=seed)
    page.lines = [f"{seal_y}"]
    return page


def _issuer(rng: random.Random, province: str, kind: str) -> tuple[list[str], str, str]:
    if kind in ("quyết định", "trích lục") or rng.random() < 0.4:
        unit = "thành phố" if province == "Cần Thơ" else "tỉnh"
        lines = ["ỦY BAN NHÂN DÂN", f"{unit.upper()} {province.upper()}"]
        issuer = f"Ủy ban nhân dân {unit} {province}"
        office = "UBND"
    else:
        department = rng.choice((("SỞ XÂY DỰNG", "Sở Xây dựng", "SXD"), ("SỞ TƯ PHÁP", "Sở Tư pháp", "STP"),
                                 ("SỞ TÀI CHÍNH", "Sở Tài chính", "STC")))
        unit = "thành phố" if province == "Cần Thơ" else "tỉnh"
        lines = [f"UBND {unit.upper()} {province.upper()}", department[0]]
        issuer = f"{department[1]} {unit} {province}"
        office = department[2]
    symbol = {"quyết định": "QĐ", "giấy chứng nhận": "GCN", "giấy phép": "GP", "trích lục": "TLKS"}.get(kind, "")
    return lines, issuer, f"{symbol}-{office}"


def _header(canvas: _Canvas, issuer_lines: list[str], number: str, province: str, date: dt.date) -> None:
    left, right = A4[0] * 0.25, A4[0] * 0.68
    y = canvas.y
    for i, line in enumerate(issuer_lines):
        canvas.text_at(left, y + i * 72, line, "r" if i == 0 and len(issuer_lines[0]) < 18 else "b", 11)
    canvas.text_at(right, y, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "b", 11)
    canvas.text_at(right, y + 72, "Độc lập - Tự do - Hạnh phúc", "b", 12)
    number_line = f"Số: {number}" if number else "Số: ......"
    date_line = f"{province}, ngày {date.day:02d} tháng {date.month:02d} năm {date.year}"
    canvas.text_at(left, y + 190, number_line, "r", 12)
    canvas.text_at(right, y + 190, date_line, "i", 12)
    canvas.blocks += [f"{issuer_lines[0]} CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                      f"{issuer_lines[1]} Độc lập - Tự do - Hạnh phúc", f"{number_line} {date_line}"]
    canvas.y = y + 340


def _kind_body(canvas: _Canvas, rng: random.Random, kind: str, truth: Truth, subject: str, holder: str,
               holder_id: str, dossier: str, result_code: str) -> None:
    title = {"quyết định": "QUYẾT ĐỊNH", "giấy chứng nhận": "GIẤY CHỨNG NHẬN", "giấy phép": "GIẤY PHÉP",
             "trích lục": "TRÍCH LỤC KHAI SINH", }.get(kind, "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ")
    canvas.centred(title, "b", 14)
    if kind == "quyết định":
        truth.subject = f"Về việc {subject}"
        canvas.centred(truth.subject, "b", 13)
    elif kind in ("giấy chứng nhận", "giấy phép"):
        truth.subject = subject[0].upper() + subject[1:]
        canvas.centred(truth.subject, "b", 13)
    canvas.y += 50
    canvas.paragraph(rng.choice(BODY[:3]), "i")
    canvas.paragraph(f"Họ và tên: {holder}")
    canvas.paragraph(f"Số định danh cá nhân (CCCD): {holder_id}")
    if kind != "trích lục":
        truth.dossier_code = dossier
        canvas.paragraph(f"Mã hồ sơ: {dossier}")
    if kind in ("giấy chứng nhận", "giấy phép", "quyết định") and rng.random() < 0.7:
        truth.result_code = result_code
        canvas.paragraph(f"Mã kết quả: {result_code}")
    for sentence in rng.sample(BODY[3:], 2):
        canvas.paragraph(sentence)


# --- degrading --------------------------------------------------------------------------------------


def _seal(image: Image.Image, centre: tuple[int, int], rng: random.Random) -> Image.Image:
    rgb = image.convert("RGB")
    layer = Image.new("RGBA", rgb.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    cx, cy = centre
    red = (205, 30, 40, 170)
    for radius, width in ((190, 10), (150, 5)):
        draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=red, width=width)
    font = _font("b", 7)
    for i, ch in enumerate("ỦY BAN NHÂN DÂN * TỈNH *"):
        angle = math.radians(200 + i * 14)
        draw.text((cx + 168 * math.cos(angle) - 12, cy + 168 * math.sin(angle) - 14), ch, font=font, fill=red)
    draw.regular_polygon((cx, cy, 60), 5, rotation=rng.randint(0, 70), fill=red)
    rgb.paste(layer, (0, 0), layer)
    return rgb


def degrade(page: Page, rng: random.Random, *, rotation: int | None = None, skew: float | None = None,
            seal: bool = True) -> Image.Image:
    """A scan of ``page``: seal, skew, turn, blur, noise; returns an RGB image (300 dpi)."""
    image: Image.Image = page.image
    if seal:
        image = _seal(image, (round(A4[0] * 0.68), int(page.lines[0]) + 90), rng)
    image = image.convert("RGB")
    page.skew = rng.uniform(-2.0, 2.0) if skew is None else skew
    if page.skew:
        image = image.rotate(page.skew, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=(255, 255, 255))
    page.rotation = rng.choice((0, 0, 0, 90, 180, 270)) if rotation is None else rotation
    if page.rotation:
        image = image.rotate(-page.rotation, expand=True)
    image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0.6, 1.1)))
    return _noise(image, rng)


def _noise(image: Image.Image, rng: random.Random) -> Image.Image:
    width, height = image.size
    pixels = image.load()
    assert pixels is not None
    for _ in range(width * height // 400):
        x, y = rng.randrange(width), rng.randrange(height)
        pixels[x, y] = (0, 0, 0) if rng.random() < 0.5 else (255, 255, 255)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=rng.randint(55, 75))
    buffer.seek(0)
    return Image.open(buffer).convert("RGB")


def write_set(folder: Path, count: int, seed: int = 1, fmt: str = "jpg", *, turned: bool = True) -> list[dict[str, object]]:
    """Write ``count`` degraded pages to ``folder`` as ``doc-NNN.<fmt>`` and their truth to ``truth.json``."""
    folder.mkdir(parents=True, exist_ok=True)
    entries = []
    for i in range(count):
        rng = random.Random(seed * 100_003 + i)
        page = make_document(seed * 1000 + i)
        scan = degrade(page, rng, rotation=None if turned else 0)
        name = f"doc-{i + 1:03d}.{fmt}"
        if fmt == "pdf":
            scan.save(folder / name, "PDF", resolution=DPI, quality=80)
        elif fmt == "jpg":
            scan.save(folder / name, "JPEG", quality=80, dpi=(DPI, DPI))
        else:
            scan.convert("L").save(folder / name, dpi=(DPI, DPI))
        entries.append({"file": name, "rotation": page.rotation, "skew": round(page.skew, 2), **asdict(page.truth)})
    (folder / "truth.json").write_text(json.dumps(entries, ensure_ascii=False, indent=1), encoding="utf-8")
    return entries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("count", type=int, nargs="?", default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--format", default="jpg", choices=("jpg", "png", "pdf"))
    args = parser.parse_args()
    write_set(args.out, args.count, args.seed, args.format)
    print(f"wrote {args.count} pages to {args.out}")


if __name__ == "__main__":
    main()
