"""The walk of an ingest: every entry under a folder, each a file to read or skipped or failed with a reason.

Nothing is followed blindly and nothing is opened here: a link is resolved (a loop, a link out of
the folder, to /dev/zero or to a file or folder walked anyway is skipped, named), a FIFO, socket
or device is skipped, and a folder that cannot be listed is a failure of that folder. File
names that are not UTF-8 are kept as the OS gives them (surrogate escapes) for reading, and
shown with their odd bytes as `\\xNN` (`readable`).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from vanban.extract.model import readable
from vanban.extract.read import EXTENSIONS
from vanban.patterns import strings

HIDDEN = (".", "~$")


class Named:
    """A path as the store keeps it: `name` readable, `raw` its bytes when it is not UTF-8."""

    __slots__ = ()                      # a walk of thousands of files: no __dict__ per entry
    path: str

    @property
    def name(self) -> str:
        return readable(self.path)

    @property
    def raw(self) -> bytes | None:
        return raw_name(self.path)


@dataclass(frozen=True, slots=True)
class Entry(Named):
    """One path met by the walk: `file` (to hash and read), `skipped` or `failed`, with why."""

    path: str                           # as the OS names it
    outcome: str
    reason: str | None = None
    format: str | None = None


def raw_name(path: str) -> bytes | None:
    """The path byte for byte when `readable` had to escape some, else None."""
    raw = os.fsencode(path)
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw
    return None


def _special(mode: int) -> str:
    """What kind of special file `mode` is, as a catalogued reason (it is said inside `special`)."""
    for test, key in ((stat.S_ISFIFO, "special_fifo"), (stat.S_ISSOCK, "special_socket"),
                      (stat.S_ISCHR, "special_char"), (stat.S_ISBLK, "special_block")):
        if test(mode):
            return strings.reason(key)
    return strings.reason("special_other")


def _inside(target: str, root: str) -> bool:
    return target == root or target.startswith(root.rstrip(os.sep) + os.sep)


def _link(path: str, root: str) -> Entry:
    """A symbolic link is never followed: why it is skipped."""
    try:
        target = os.path.realpath(path, strict=True)
    except OSError as err:
        if err.errno == errno.ELOOP:
            return Entry(path, "skipped", strings.reason("link_loop"))
        return Entry(path, "skipped", strings.reason("link_broken", error=err.strerror or err))
    shown = readable(target)
    if not _inside(target, root):
        return Entry(path, "skipped", strings.reason("link_outside", target=shown))
    if os.path.isdir(target):
        if _inside(os.path.dirname(path), target):
            return Entry(path, "skipped", strings.reason("link_loop_folder", target=shown))
        return Entry(path, "skipped", strings.reason("link_folder", target=shown))
    return Entry(path, "skipped", strings.reason("link_file", target=shown))


def _entry(path: str, name: str, root: str, dirs: list[str]) -> Entry | None:
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return Entry(path, "failed", strings.reason("deleted_in_walk"))
    except OSError as err:
        return Entry(path, "failed", strings.reason("cannot_stat", error=err.strerror or err))
    if stat.S_ISLNK(mode):
        return _link(path, root)
    if name.startswith(HIDDEN):
        return Entry(path, "skipped", strings.reason("hidden_folder" if stat.S_ISDIR(mode) else "hidden_file"))
    if stat.S_ISDIR(mode):
        dirs.append(path)
        return None
    if not stat.S_ISREG(mode):
        return Entry(path, "skipped", strings.reason("special", what=_special(mode)))
    fmt = EXTENSIONS.get(os.path.splitext(name)[1].lower())
    if fmt is None:
        suffix = os.path.splitext(name)[1] or strings.reason("no_suffix")
        return Entry(path, "skipped", strings.reason("not_document", suffix=suffix))
    return Entry(path, "file", format=fmt)


def walk(folder: str | Path) -> Iterator[Entry]:
    """Every entry under `folder`, depth first, names sorted; folders themselves only when they fail."""
    root = os.path.realpath(folder)
    stack = [root]
    while stack:
        current = stack.pop()
        try:
            with os.scandir(current) as it:
                names = sorted((e.name, e.path) for e in it)
        except OSError as err:
            yield Entry(current, "failed", strings.reason("cannot_list", error=err.strerror or err))
            continue
        dirs: list[str] = []
        for name, path in names:
            entry = _entry(path, name, root, dirs)
            if entry is not None:
                yield entry
        stack.extend(reversed(dirs))
