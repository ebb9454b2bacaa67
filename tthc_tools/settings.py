"""Settings in force: defaults, then the config file (``tthc.toml``), then ``TTHC_*`` variables, then
command-line options. Built once by the CLI and passed down explicitly — there is no global.
"""

from __future__ import annotations

import dataclasses
import math
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tthc_tools.errors import BadInput
from tthc_tools.i18n import _

CONFIG_NAME = "tthc.toml"

# (section, key) in the config file → (settings attribute, environment variable)
_KEYS: dict[tuple[str, str], tuple[str, str]] = {
    ("database", "url"): ("database_url", "TTHC_DATABASE_URL"),
    ("exports", "dir"): ("exports_dir", "TTHC_EXPORTS_DIR"),
    ("national", "url"): ("national_url", "TTHC_NATIONAL_URL"),
    ("national", "user"): ("national_user", "TTHC_NATIONAL_USER"),
    ("national", "password"): ("national_password", "TTHC_NATIONAL_PASSWORD"),
    ("national", "timeout"): ("national_timeout", "TTHC_NATIONAL_TIMEOUT"),
    ("national", "concurrency"): ("national_concurrency", "TTHC_NATIONAL_CONCURRENCY"),
    ("national", "retries"): ("national_retries", "TTHC_NATIONAL_RETRIES"),
    ("scan", "jobs"): ("scan_jobs", "TTHC_SCAN_JOBS"),
    ("scan", "lang"): ("scan_lang", "TTHC_SCAN_LANG"),
    ("scan", "out"): ("scan_out", "TTHC_SCAN_OUT"),
    ("log", "format"): ("log_format", "TTHC_LOG_FORMAT"),
}
SECRETS = frozenset({"national_password"})


@dataclass(frozen=True)
class Settings:
    database_url: str = "sqlite:///tthc.db"
    exports_dir: Path = Path("exports")
    national_url: str = ""
    national_user: str = ""
    national_password: str = ""
    national_timeout: float = 30.0
    national_concurrency: int = 4
    national_retries: int = 4
    scan_jobs: int = 0
    scan_lang: str = "vie"
    scan_out: Path = Path("exports/scans")
    log_format: str = "text"
    config_path: Path | None = None
    origins: dict[str, str] = field(default_factory=dict, compare=False)

    def shown(self) -> dict[str, Any]:
        """The settings as a user may see them: secrets masked, paths as text, with their origin."""
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            if f.name == "origins":
                continue
            value = getattr(self, f.name)
            if f.name in SECRETS and value:
                value = "********"
            elif f.name == "database_url" and value:
                value = _mask_url(str(value))
            out[f.name] = {"value": str(value) if isinstance(value, Path) else value,
                           "from": self.origins.get(f.name, "default")}
        return out


def _mask_url(url: str) -> str:
    head, sep, tail = url.partition("://")
    if not sep or "@" not in tail:
        return url
    credentials, _at, host = tail.rpartition("@")
    user = credentials.split(":", 1)[0]
    return f"{head}://{user}:********@{host}" if ":" in credentials else url


def _coerce(name: str, value: Any, where: str) -> Any:
    target = Settings.__dataclass_fields__[name].type
    try:
        if target in ("Path", "Path | None"):
            return Path(str(value)).expanduser()
        if target == "int":
            return int(value)
        if target == "float":
            number = float(value)
            if not 0 < number < math.inf:  # a timeout: NaN, 0 or less would break every request
                raise ValueError(f"{number:g} ∉ (0, ∞)")  # notation, not words: no message to translate
            return number
        return str(value)
    except (TypeError, ValueError) as error:
        raise BadInput(_("setting {} has a bad value {!r}: {}").format(name, value, error), path=where) from error


def find_config(explicit: str | os.PathLike[str] | None, environ: dict[str, str]) -> Path | None:
    """The config file in use: ``--config``, else ``TTHC_CONFIG``, else ``./tthc.toml`` if present."""
    if explicit:
        return Path(explicit)
    if environ.get("TTHC_CONFIG"):
        return Path(environ["TTHC_CONFIG"])
    local = Path(CONFIG_NAME)
    return local if local.is_file() else None


def _read_config(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError as error:
        raise BadInput(_("config file not found"), path=str(path)) from error
    except tomllib.TOMLDecodeError as error:
        raise BadInput(_("config file is not valid TOML: {}").format(error), path=str(path)) from error
    except OSError as error:
        raise BadInput(_("config file cannot be read: {}").format(error.strerror), path=str(path)) from error


def load_settings(
    config: str | os.PathLike[str] | None = None,
    environ: dict[str, str] | None = None,
    **overrides: Any,
) -> Settings:
    """Settings from defaults, the config file, the environment and ``overrides`` (later wins)."""
    env = dict(os.environ if environ is None else environ)
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}
    path = find_config(config, env)
    if path is not None:
        data = _read_config(path)
        known_sections = {section for section, _key in _KEYS}
        for section, table in data.items():
            if section not in known_sections or not isinstance(table, dict):
                raise BadInput(_("unknown section [{}]").format(section), path=str(path))
            for key, value in table.items():
                if (section, key) not in _KEYS:
                    raise BadInput(_("unknown setting {}.{}").format(section, key), path=str(path))
                name = _KEYS[(section, key)][0]
                values[name] = _coerce(name, value, str(path))
                origins[name] = str(path)
    for name, variable in _KEYS.values():
        if env.get(variable):
            values[name] = _coerce(name, env[variable], variable)
            origins[name] = variable
    for name, value in overrides.items():
        if value is not None:
            values[name] = _coerce(name, value, "--" + name.replace("_", "-"))
            origins[name] = "command line"
    return Settings(config_path=path, origins=origins, **values)
