"""Done-when 5: bad inputs end failed or skipped with a clear reason, and the rest of the batch completes."""

from __future__ import annotations

import io
import os
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont
from pypdf import PdfReader, PdfWriter

from tthc_tools.cli import run
from tthc_tools.scan.batch import ScanOptions, run_batch
from tthc_tools.store.session import Database

pytestmark = pytest.mark.tesseract


def _png_bomb(path: Path) -> None:
    """A valid PNG header claiming 60000×60000 pixels (a few bytes of data)."""
    header = struct.pack(">IIBBBBB", 60000, 60000, 8, 0, 0, 0, 0)
    chunk = b"IHDR" + header
    data = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(header)) + chunk + struct.pack(">I", zlib.crc32(chunk))
    data += struct.pack(">I", 0) + b"IEND" + struct.pack(">I", zlib.crc32(b"IEND"))
    path.write_bytes(data)


def _small_jpeg() -> bytes:
    image = Image.new("L", (900, 300), 255)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", 40)
    ImageDraw.Draw(image).text((40, 110), "Giấy phép xây dựng số 12/GP-SXD", font=font, fill=0)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", dpi=(300, 300))
    return buffer.getvalue()


@pytest.fixture
def bad_folder(tmp_path: Path, pdfs: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.pdf").write_bytes(b"")
    original = (pdfs / "g_CanTho_KH-70-KH-UBND_2025-09-15_SAO-Y_ky-so.pdf").read_bytes()
    (folder / "truncated.pdf").write_bytes(original[: len(original) // 3])
    writer = PdfWriter(clone_from=PdfReader(pdfs / "e_LaiChau_du-thao-QD-cong-bo-TTHC-ho-tro-dau-tu_2025.pdf"))
    writer.encrypt("secret", algorithm="RC4-128")
    with (folder / "encrypted.pdf").open("wb") as handle:
        writer.write(handle)
    _png_bomb(folder / "bomb.png")
    (folder / "photo.pdf").write_bytes(_small_jpeg())
    (folder / "dangling.pdf").symlink_to(folder / "gone.pdf")
    os.mkfifo(folder / "pipe.pdf")
    (folder / "folder.pdf").mkdir()
    (folder / "good.pdf").write_bytes((pdfs / "e_LaiChau_du-thao-QD-cong-bo-TTHC-ho-tro-dau-tu_2025.pdf").read_bytes())
    return folder


def test_bad_inputs_are_reported_and_the_batch_completes(db: Database, bad_folder: Path, tmp_path: Path) -> None:
    report = run_batch(db, [bad_folder], ScanOptions(jobs=2, out_dir=tmp_path / "out"))
    outcomes = {Path(o.path).name: o for o in report.files}
    assert outcomes["empty.pdf"].status == "failed" and "0 bytes" in outcomes["empty.pdf"].reason
    assert outcomes["truncated.pdf"].status == "failed" and outcomes["truncated.pdf"].reason
    assert outcomes["encrypted.pdf"].status == "skipped" and "encrypted" in outcomes["encrypted.pdf"].reason
    assert outcomes["bomb.png"].status == "failed" and "60000" in outcomes["bomb.png"].reason
    assert outcomes["photo.pdf"].status == "ok" and "JPEG" in outcomes["photo.pdf"].notes[0]
    assert outcomes["dangling.pdf"].status == "failed" and "not found" in outcomes["dangling.pdf"].reason
    assert outcomes["pipe.pdf"].status == "skipped" and "FIFO" in outcomes["pipe.pdf"].reason
    assert "folder.pdf" not in outcomes  # a folder named *.pdf is walked as the folder it is
    assert outcomes["good.pdf"].status == "ok"
    assert report.exit_code == 8


def test_cli_exit_code_8_and_one_json_document(db_url: str, bad_folder: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    import json

    code = run(["--db", db_url, "scan", "ingest", str(bad_folder / "empty.pdf"), str(bad_folder / "good.pdf"),
                "--out", str(tmp_path / "out"), "--json"])
    document = json.loads(capsys.readouterr().out)
    assert code == 8
    assert (document["ok"], document["failed"]) == (1, 1)


def _jbig2_page(path: Path) -> None:
    """A scan whose one page image is JBIG2-coded (pypdf needs the jbig2dec program to decode it)."""
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject, NumberObject, StreamObject

    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    image = StreamObject()
    image.set_data(b"\x00" * 5000)
    image.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Image"),
                  NameObject("/Width"): NumberObject(2480), NameObject("/Height"): NumberObject(3508),
                  NameObject("/ColorSpace"): NameObject("/DeviceGray"),
                  NameObject("/BitsPerComponent"): NumberObject(1), NameObject("/Filter"): NameObject("/JBIG2Decode")})
    resources = {NameObject("/XObject"): DictionaryObject({NameObject("/Im0"): writer._add_object(image)})}
    page[NameObject("/Resources")] = DictionaryObject(resources)
    content = DecodedStreamObject()
    content.set_data(b"q 595 0 0 842 0 0 cm /Im0 Do Q")
    page[NameObject("/Contents")] = writer._add_object(content)
    with path.open("wb") as handle:
        writer.write(handle)


def test_a_page_image_pypdf_cannot_decode_is_rendered(db: Database, tmp_path: Path) -> None:
    scan = tmp_path / "jbig2.pdf"
    _jbig2_page(scan)
    report = run_batch(db, [scan], ScanOptions(jobs=2, out_dir=tmp_path / "out"))
    assert [(o.status, o.ocr_pages) for o in report.files] == [("ok", 1)], report.files[0].reason
