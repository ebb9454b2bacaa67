"""Outside XML is refused safely: XXE and billion laughs exit 4, read no file, and stay small in memory."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from lxml import etree

from tthc_tools.errors import BadInput, ExitCode
from tthc_tools.export.xml_read import PARSER_OPTIONS, read_catalog_info, read_catalog_xml, validate_file

SECRET = "TOP-SECRET-7f3a9c"
NS = "urn:tthc-tools:catalog:1"
LAUGHS = "\n".join(
    [' <!ENTITY lol "lol">']
    + [f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)]
)


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET + "\n", encoding="utf-8")
    return path


def _hostile(tmp_path: Path, secret: Path) -> dict[str, Path]:
    url = secret.as_uri()
    return {
        "xxe": _write(tmp_path, "xxe.xml", f"""
            <?xml version="1.0"?>
            <!DOCTYPE catalog [<!ENTITY xxe SYSTEM "{url}">]>
            <catalog xmlns="{NS}"><header><source>&xxe;</source></header></catalog>
            """),
        "parameter": _write(tmp_path, "pe.xml", f"""
            <?xml version="1.0"?>
            <!DOCTYPE catalog [<!ENTITY % leak SYSTEM "{url}"> %leak;]>
            <catalog xmlns="{NS}"/>
            """),
        "external-dtd": _write(tmp_path, "dtd.xml", f"""
            <?xml version="1.0"?>
            <!DOCTYPE catalog SYSTEM "{url}">
            <catalog xmlns="{NS}"/>
            """),
        "after-comment": _write(tmp_path, "comment.xml", f"""
            \ufeff<?xml version="1.0" encoding="UTF-8"?>
            <!-- a harmless comment first -->
            <!DOCTYPE catalog [<!ENTITY xxe SYSTEM "{url}">]>
            <catalog xmlns="{NS}">&xxe;</catalog>
            """),
        "billion-laughs": _write(tmp_path, "lol.xml", f"""
            <?xml version="1.0"?>
            <!DOCTYPE catalog [
            {LAUGHS}
            ]>
            <catalog xmlns="{NS}" a="&lol9;"><header>&lol9;</header></catalog>
            """),
    }


@pytest.mark.parametrize("kind", ["xxe", "parameter", "external-dtd", "after-comment", "billion-laughs"])
def test_entities_and_dtds_are_refused_with_exit_4(
    tmp_path: Path, secret: Path, kind: str, capfd: pytest.CaptureFixture[str]
) -> None:
    path = _hostile(tmp_path, secret)[kind]
    for read in (lambda: list(read_catalog_xml(path)), lambda: validate_file(path),
                 lambda: read_catalog_info(path)):
        with pytest.raises(BadInput) as caught:
            read()
        assert caught.value.exit_code == ExitCode.BAD_INPUT
        assert str(path) in str(caught.value) and "DOCTYPE" in str(caught.value)
        assert SECRET not in str(caught.value) and SECRET not in repr(caught.value.__cause__)
    out, err = capfd.readouterr()
    assert SECRET not in out + err


def test_the_parser_options_alone_never_read_the_file(tmp_path: Path, secret: Path) -> None:
    """Defence in depth: even past the DOCTYPE check, the parser expands nothing and loads nothing."""
    for path in _hostile(tmp_path, secret).values():
        with path.open("rb") as handle:
            try:
                for _event, element in etree.iterparse(handle, events=("end",), **PARSER_OPTIONS):
                    assert SECRET not in (element.text or "") + "".join(element.attrib.values())
            except etree.XMLSyntaxError as error:
                assert SECRET not in str(error)


def _never_opened(fifo: Path) -> bool:
    """True when nobody has the FIFO open for reading (opening it to write would then fail)."""
    try:
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
    except OSError as error:
        return error.errno == errno.ENXIO
    os.close(fd)
    return False


def test_an_entity_pointing_at_a_fifo_never_opens_it(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    path = _write(tmp_path, "fifo.xml", f"""
        <?xml version="1.0"?>
        <!DOCTYPE catalog [<!ENTITY xxe SYSTEM "{fifo.as_uri()}">]>
        <catalog xmlns="{NS}"><header>&xxe;</header></catalog>
        """)
    outcome: list[BaseException] = []

    def read() -> None:
        try:
            list(read_catalog_xml(path))
        except BaseException as error:  # collected for the assertion below
            outcome.append(error)

    worker = threading.Thread(target=read, daemon=True)
    worker.start()
    worker.join(timeout=20)
    opened = not _never_opened(fifo)
    if worker.is_alive():  # blocked in open(): release it before failing
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    assert not worker.is_alive() and not opened
    assert len(outcome) == 1 and isinstance(outcome[0], BadInput)


def test_billion_laughs_stays_small_in_a_child_process(tmp_path: Path, secret: Path) -> None:
    path = _hostile(tmp_path, secret)["billion-laughs"]
    # VmHWM is the peak of the child's own address space (ru_maxrss would include the forking parent's)
    code = (
        "import re, sys\n"
        "from tthc_tools.errors import BadInput\n"
        "from tthc_tools.export.xml_read import read_catalog_xml\n"
        "try:\n"
        f"    list(read_catalog_xml({str(path)!r}))\n"
        "except BadInput as error:\n"
        "    status = open('/proc/self/status').read()\n"
        "    print(re.search(r'VmHWM:\\s+(\\d+)', status).group(1))\n"
        "    sys.exit(error.exit_code)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    process = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)
    assert process.returncode == ExitCode.BAD_INPUT, process.stderr
    assert int(process.stdout) < 150 * 1024  # KiB: the interpreter with lxml, nothing expanded


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n not xml at all", "no XML element"),
        (f'<?xml version="1.0"?>\n<catalog xmlns="{NS}">\n<header>\n'.encode(), "line"),
        (b'<?xml version="1.0"?><root/>', "root element is <root>"),
        (b"<catalog xmlns='urn:tthc-tools:catalog:2'><header/></catalog>", "upgrade tthc-tools"),
        ('<?xml version="1.0" encoding="UTF-16"?><catalog/>'.encode("utf-16"), "UTF-16"),
        (f"<catalog xmlns='{NS}'>&undefined;</catalog>".encode(), "not well-formed"),
    ],
)
def test_bad_files_are_bad_input_naming_the_file(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.xml"
    path.write_bytes(content)
    with pytest.raises(BadInput, match=message) as caught:
        validate_file(path)
    assert str(path) in str(caught.value)


def test_a_missing_file_is_bad_input(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="not found"):
        list(read_catalog_xml(tmp_path / "nope.xml"))


def test_very_deep_nesting_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "deep.xml"
    path.write_text(f"<catalog xmlns='{NS}'>" + "<a>" * 5000 + "</a>" * 5000 + "</catalog>", encoding="utf-8")
    with pytest.raises(BadInput, match="line 1"):
        validate_file(path)


def test_a_text_node_past_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.xml"
    path.write_text(f"<catalog xmlns='{NS}'><header><source>{'x' * 11_000_000}</source></header></catalog>",
                    encoding="utf-8")
    with pytest.raises(BadInput, match="not well-formed"):
        validate_file(path)
