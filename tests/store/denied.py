"""`vanban ARGS` with the folder named in $VANBAN_DENY unlistable, as it is for a user without root's override.

The tests run as root, whom `chmod 000` does not stop; the walk must meet the error a user meets.
"""

from __future__ import annotations

import os
import sys

from vanban.cli import main

_DENY = os.environ.get("VANBAN_DENY", "")
_scandir = os.scandir


def _refusing(path: str | int = ".") -> object:
    if not isinstance(path, int) and os.fspath(path) == _DENY:     # an int is an open folder's fd
        raise PermissionError(13, "Permission denied", os.fspath(path))
    return _scandir(path)


if __name__ == "__main__":             # the fork server imports this file again
    os.scandir = _refusing  # type: ignore[assignment]
    sys.exit(main(sys.argv[1:]))
