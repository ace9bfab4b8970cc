"""The limits of an ingest: the defaults, then a `vanban.toml` file, then the command line.

The file is `--config FILE`, else `$VANBAN_CONFIG`, else `vanban.toml` in the working folder
when there is one. Its `[limits]` table takes the fields of `Limits`; `[limits.max_size_mb]`
one size per format. A key it does not know is an error (a typo must not silently keep a
default). Errors are said in the command's language ([messages] config_*, max_size_* of strings.toml).
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from pathlib import Path
from typing import Any

from vanban.db.engine import StoreError
from vanban.extract.limits import DEFAULT, Limits
from vanban.patterns import strings

ENV = "VANBAN_CONFIG"
FILE = "vanban.toml"
FORMATS = ("pdf", "docx", "doc", "txt")
_FORMATS = ", ".join(FORMATS)


def config_file(path: str | Path | None = None) -> Path | None:
    """The config file to read: the one named, else $VANBAN_CONFIG, else ./vanban.toml if present."""
    if path or os.environ.get(ENV):
        found = Path(path or os.environ[ENV])
        if not found.is_file():
            raise StoreError(strings.message("no_config", path=found))
        return found
    here = Path(FILE)
    return here if here.is_file() else None


def _sizes(value: Any, where: str, base: dict[str, float]) -> dict[str, float]:
    if not isinstance(value, dict):
        raise StoreError(strings.message("config_sizes", where=where, formats=_FORMATS))
    out = dict(base)
    for fmt, mb in value.items():
        if fmt not in FORMATS or not isinstance(mb, int | float) or mb <= 0:
            raise StoreError(strings.message("config_size", where=where, fmt=fmt, mb=repr(mb), formats=_FORMATS))
        out[fmt] = float(mb)
    return out


def from_table(table: dict[str, Any], where: str, base: Limits = DEFAULT) -> Limits:
    """`base` with the values of a `[limits]` table."""
    names = {f.name: f for f in dataclasses.fields(Limits)}
    changes: dict[str, Any] = {}
    for key, value in table.items():
        if key not in names:
            raise StoreError(strings.message("config_unknown", where=where, key=repr(key), known=", ".join(names)))
        if key == "max_size_mb":
            changes[key] = _sizes(value, where, base.max_size_mb)
        elif not isinstance(value, int | float) or isinstance(value, bool) or value <= 0:
            raise StoreError(strings.message("config_positive", where=where, key=key, value=repr(value)))
        else:
            changes[key] = type(getattr(base, key))(value)
    return dataclasses.replace(base, **changes)


def load(path: str | Path | None = None) -> Limits:
    """The limits of the config file (see the module), or the defaults."""
    found = config_file(path)
    if found is None:
        return DEFAULT
    try:
        data = tomllib.loads(found.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        raise StoreError(strings.message("config_unreadable", path=found, error=err)) from None
    unknown = set(data) - {"limits"}
    if unknown:
        raise StoreError(strings.message("config_tables", path=found, tables=", ".join(sorted(unknown))))
    return from_table(data.get("limits", {}), str(found))


def with_options(limits: Limits, max_size: tuple[str, ...] = (), timeout: float | None = None,
                 memory: int | None = None) -> Limits:
    """The command line's `--max-size [FMT=]MB` (repeatable), `--timeout S` and `--memory MB` over `limits`."""
    sizes = dict(limits.max_size_mb)
    for item in max_size:
        fmt, _, mb = item.rpartition("=")
        try:
            value = float(mb)
        except ValueError:
            raise StoreError(strings.message("max_size_syntax", item=item)) from None
        if value <= 0 or (fmt and fmt not in FORMATS):
            raise StoreError(strings.message("max_size_value", item=item, formats=_FORMATS))
        for f in [fmt] if fmt else FORMATS:
            sizes[f] = value
    changes: dict[str, Any] = {"max_size_mb": sizes}
    if timeout is not None:
        changes["timeout"] = timeout
    if memory is not None:
        changes["memory_mb"] = memory
    return dataclasses.replace(limits, **changes)
