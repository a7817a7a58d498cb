"""Know whether anything (Python or C code such as libxml2) opened a file: Linux inotify."""

from __future__ import annotations

import ctypes
import os
from pathlib import Path

IN_ACCESS, IN_OPEN = 0x1, 0x20


class OpenWatch:
    """Counts the opens and reads of the watched files since the watch started."""

    def __init__(self, *paths: Path):
        self._libc = ctypes.CDLL(None, use_errno=True)
        self.fd = self._libc.inotify_init1(os.O_NONBLOCK)
        if self.fd < 0:
            raise OSError(ctypes.get_errno(), "inotify_init1 failed")
        for path in paths:
            if self._libc.inotify_add_watch(self.fd, os.fsencode(path), IN_OPEN | IN_ACCESS) < 0:
                raise OSError(ctypes.get_errno(), f"cannot watch {path}")

    def events(self) -> int:
        count = 0
        while True:
            try:
                data = os.read(self.fd, 65536)
            except BlockingIOError:
                return count
            offset = 0
            while offset < len(data):
                length = int.from_bytes(data[offset + 12 : offset + 16], "little")
                count += 1
                offset += 16 + length

    def close(self) -> None:
        os.close(self.fd)

    def __enter__(self) -> OpenWatch:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
