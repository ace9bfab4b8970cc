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
    for test, what in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device")):
        if test(mode):
            return what
    return "not a regular file"


def _inside(target: str, root: str) -> bool:
    return target == root or target.startswith(root.rstrip(os.sep) + os.sep)


def _link(path: str, root: str) -> Entry:
    """A symbolic link is never followed: why it is skipped."""
    try:
        target = os.path.realpath(path, strict=True)
    except OSError as err:
        if err.errno == errno.ELOOP:
            return Entry(path, "skipped", "link in a loop (it leads back to itself)")
        return Entry(path, "skipped", f"broken link ({err.strerror or err})")
    shown = readable(target)
    if not _inside(target, root):
        return Entry(path, "skipped", f"link out of the folder (to {shown}): not followed")
    if os.path.isdir(target):
        if _inside(os.path.dirname(path), target):
            return Entry(path, "skipped", f"link in a loop (to the folder {shown} above it)")
        return Entry(path, "skipped", f"link to the folder {shown}, walked by its own path")
    return Entry(path, "skipped", f"link to {shown}, read by its own path")


def _entry(path: str, name: str, root: str, dirs: list[str]) -> Entry | None:
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return Entry(path, "failed", "deleted while the folder was read")
    except OSError as err:
        return Entry(path, "failed", f"cannot read its details ({err.strerror or err})")
    if stat.S_ISLNK(mode):
        return _link(path, root)
    if name.startswith(HIDDEN):
        kind = "folder" if stat.S_ISDIR(mode) else "file"
        return Entry(path, "skipped", f"hidden or temporary {kind}")
    if stat.S_ISDIR(mode):
        dirs.append(path)
        return None
    if not stat.S_ISREG(mode):
        return Entry(path, "skipped", f"special file ({_special(mode)}), not a document")
    fmt = EXTENSIONS.get(os.path.splitext(name)[1].lower())
    if fmt is None:
        suffix = os.path.splitext(name)[1] or "(none)"
        return Entry(path, "skipped", f"not a document type ({suffix}): vanban reads .pdf, .docx, .doc and .txt")
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
            yield Entry(current, "failed", f"cannot list the folder ({err.strerror or err}): its files are not read")
            continue
        dirs: list[str] = []
        for name, path in names:
            entry = _entry(path, name, root, dirs)
            if entry is not None:
                yield entry
        stack.extend(reversed(dirs))
