"""Settings: defaults, then the config file, then ``TTHC_*`` variables, then options; bad values are bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from tthc_tools.errors import BadInput
from tthc_tools.settings import load_settings


def test_later_sources_win_and_say_where_they_came_from(tmp_path: Path) -> None:
    config = tmp_path / "tthc.toml"
    config.write_text('[national]\ntimeout = 5\nuser = "can-bo"\n[scan]\njobs = 2\n', encoding="utf-8")
    settings = load_settings(config, {"TTHC_NATIONAL_TIMEOUT": "7.5"}, scan_jobs=3)
    assert (settings.national_timeout, settings.national_user, settings.scan_jobs) == (7.5, "can-bo", 3)
    assert settings.origins == {"national_timeout": "TTHC_NATIONAL_TIMEOUT", "national_user": str(config),
                                "scan_jobs": "command line"}
    assert settings.shown()["database_url"] == {"value": "sqlite:///tthc.db", "from": "default"}


@pytest.mark.parametrize("value", ["-1", "0", "nan", "inf", "soon"])
def test_a_timeout_that_would_break_every_request_is_refused(value: str) -> None:
    with pytest.raises(BadInput) as refused:
        load_settings(None, {"TTHC_NATIONAL_TIMEOUT": value})
    assert refused.value.path == "TTHC_NATIONAL_TIMEOUT" and repr(value) in refused.value.message


def test_unknown_keys_and_broken_files_name_the_file(tmp_path: Path) -> None:
    config = tmp_path / "tthc.toml"
    config.write_text("[national]\nspeed = 3\n", encoding="utf-8")
    with pytest.raises(BadInput, match="unknown setting national.speed"):
        load_settings(config, {})
    config.write_text("[national\n", encoding="utf-8")
    with pytest.raises(BadInput, match="not valid TOML") as broken:
        load_settings(config, {})
    assert broken.value.path == str(config)


def test_passwords_are_masked(tmp_path: Path) -> None:
    settings = load_settings(None, {"TTHC_NATIONAL_PASSWORD": "bí mật",
                                    "TTHC_DATABASE_URL": "postgresql://tthc:bí-mật@db/tthc"})
    shown = settings.shown()
    assert shown["national_password"]["value"] == "********"
    assert shown["database_url"]["value"] == "postgresql://tthc:********@db/tthc"
