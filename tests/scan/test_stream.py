"""A batch streams: each file is finished (rows, outputs) before the next is planned when it needs no
OCR; the same content twice in one batch is digitised once; ``--force`` reads every page from the cache
and gives the same pages, result and outputs as the first digitisation."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import text

from tthc_tools.results import library
from tthc_tools.scan.batch import ScanOptions, run_batch
from tthc_tools.store.session import Database

pytestmark = pytest.mark.tesseract

LAI_CHAU = "e_LaiChau_du-thao-QD-cong-bo-TTHC-ho-tro-dau-tu_2025.pdf"


class Watch:
    """A progress that looks at the files table each time a file is done."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.seen: list[list[tuple[str, str]]] = []

    def start(self, label: str, total: int | None = None, unit: str = "") -> None:
        pass

    def advance(self, amount: int = 1, *, note: str = "") -> None:
        with self.db.reading() as session:
            rows = session.execute(text("select name, status from scan_files order by id"))
            self.seen.append([(str(name), str(status)) for name, status in rows])

    def finish(self) -> None:
        pass

    def message(self, text: str) -> None:
        pass


def _copies(pdfs: Path, folder: Path, count: int) -> list[Path]:
    """Distinct copies of the Lai Châu draft (text layer): each ends with a comment of its own."""
    folder.mkdir()
    data = (pdfs / LAI_CHAU).read_bytes()
    paths = [folder / f"doc-{index}.pdf" for index in range(count)]
    for index, path in enumerate(paths):
        path.write_bytes(data + f"\n%copy {index}\n".encode())
    return paths


def test_files_are_finished_one_by_one_and_a_copy_is_read_once(db: Database, pdfs: Path, tmp_path: Path) -> None:
    paths = _copies(pdfs, tmp_path / "in", 3)
    (tmp_path / "in" / "doc-3.pdf").write_bytes(paths[0].read_bytes())  # the same content as doc-0
    watch = Watch(db)
    report = run_batch(db, [tmp_path / "in"], ScanOptions(jobs=1, out_dir=tmp_path / "out"), progress=watch)
    assert watch.seen[:3] == [[("doc-0.pdf", "ok")], [("doc-0.pdf", "ok"), ("doc-1.pdf", "ok")],
                              [("doc-0.pdf", "ok"), ("doc-1.pdf", "ok"), ("doc-2.pdf", "ok")]]
    copy = report.files[3]
    assert (copy.status, copy.reason) == ("skipped", f"same content as {paths[0]}")
    assert (report.count("ok"), report.pages, report.exit_code) == (3, 12, 0)


def _same(outcome: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in outcome.items() if k not in ("ocr_pages", "cached_pages", "result_id")}


def _pages(db: Database) -> list[tuple[object, ...]]:
    with db.reading() as session:
        query = ("select f.name, p.page_no, p.source, p.text, p.confidence, p.dpi, p.low_dpi, p.rotation, p.cache_key"
                 " from scan_pages p join scan_files f on f.id = p.file_id order by f.name, p.page_no")
        return [tuple(row) for row in session.execute(text(query))]


def test_force_reads_every_page_from_the_cache_and_changes_nothing(db: Database, generated: Path, pdfs: Path,
                                                                    tmp_path: Path) -> None:
    scan = tmp_path / "scan.pdf"
    Image.open(generated / "doc-001.jpg").save(scan, "PDF", resolution=300)  # one embedded JPEG page
    [draft] = _copies(pdfs, tmp_path / "in", 1)
    options = ScanOptions(jobs=1, out_dir=tmp_path / "out")
    first = run_batch(db, [scan, draft], options)
    assert [(o.status, o.ocr_pages, o.text_pages) for o in first.files] == [("ok", 1, 0), ("ok", 0, 4)]
    pages, results = _pages(db), {Path(r.path).name: r.values for r in library.list_results(db)}
    outputs = {Path(p): Path(p).read_bytes() for o in first.files for p in o.outputs}

    again = run_batch(db, [scan, draft], ScanOptions(jobs=1, out_dir=tmp_path / "out", force=True))
    assert [(o.status, o.ocr_pages, o.cached_pages) for o in again.files] == [("ok", 0, 1), ("ok", 0, 0)]
    assert [_same(o.as_dict()) for o in again.files] == [_same(o.as_dict()) for o in first.files]
    assert _pages(db) == pages
    assert {Path(r.path).name: r.values for r in library.list_results(db)} == results
    assert {path: path.read_bytes() for path in outputs} == outputs

    searchable = Path(first.files[0].outputs[0])
    searchable.unlink()  # an output gone: digitised again, from the cache, and written again
    third = run_batch(db, [scan], options)
    assert (third.files[0].status, third.ocr_pages, third.cached_pages) == ("ok", 0, 1)
    words = [w for w in str(pages[-1][3]).split() if len(w) > 6][:5]  # the scan's page: last by name
    assert words and any(word in PdfReader(searchable).pages[0].extract_text() for word in words)
    other = run_batch(db, [scan], ScanOptions(jobs=1, out_dir=tmp_path / "elsewhere", force=True))
    assert Path(other.files[0].outputs[0]).read_bytes() == searchable.read_bytes()


def test_a_file_read_again_keeps_its_result_id_and_what_people_reviewed(db: Database, generated: Path,
                                                                        tmp_path: Path) -> None:
    from tthc_tools.results import review

    scan = tmp_path / "scan.pdf"
    Image.open(generated / "doc-002.jpg").save(scan, "PDF", resolution=300)
    first = run_batch(db, [scan], ScanOptions(jobs=1, out_dir=tmp_path / "out"))
    [view] = library.list_results(db)
    assert first.files[0].result_id == view.id
    corrected, rejected = view.fields[0].name, view.fields[1].name  # whatever their state: a person decides
    review.apply(db, [(view.id, corrected, "Giá trị người duyệt sửa", "da_duyet"), (view.id, rejected, "", "khong_duyet")],
                 "tester")
    extracted = {f.name: f.value for f in library.show(db, view.id).fields}

    again = run_batch(db, [scan], ScanOptions(jobs=1, out_dir=tmp_path / "out", force=True))
    assert again.files[0].result_id == view.id
    after = {f.name: f for f in library.show(db, view.id).fields}
    assert (after[corrected].value, after[corrected].state) == ("Giá trị người duyệt sửa", "da_duyet")
    assert (after[rejected].value, after[rejected].state) == ("", "khong_duyet")
    assert {name: f.value for name, f in after.items() if name not in (corrected, rejected)} == {
        name: value for name, value in extracted.items() if name not in (corrected, rejected)}
    assert [v.id for v in library.search(db, "người duyệt sửa")] == [view.id]
