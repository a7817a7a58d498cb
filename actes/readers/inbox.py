"""Discover the files of an inbox, refusing what must not be opened, and unpack archives.

An inbox is untrusted: a symbolic link could point anywhere, a FIFO would block a reader
forever, a name that is not UTF-8 cannot be stored or reported faithfully. Those are
refused by name with a reason (the batch goes on); hidden files and OS litter are skipped.
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

from actes.errors import BadFileName, FileError, LimitExceeded, NotRegularFile, UnreadableFile
from actes.limits import DEFAULT_LIMITS, Limits
from actes.readers.archive import expand_archives, failure
from actes.readers.pairing import IGNORED_NAMES

UNPACK_FOLDER = ".actes-unpacked"  # inside the output folder; emptied before and after each run
KINDS = {stat.S_ISFIFO: "a named pipe (FIFO)", stat.S_ISSOCK: "a socket", stat.S_ISCHR: "a character device",
         stat.S_ISBLK: "a block device"}


def display_path(path: str | Path) -> str:
    """A path safe to print, store and write as UTF-8 (undecodable bytes shown as \\xNN)."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _skipped(name: str) -> bool:
    return name.startswith(".") or name.lower() in IGNORED_NAMES


def check_entry(path: Path, limits: Limits) -> None:
    """Raise a FileError if ``path`` must not be read as an inbox file."""
    shown = display_path(path)
    try:
        path.name.encode("utf-8")
    except UnicodeEncodeError:
        raise BadFileName(shown, "the file name is not valid UTF-8: rename the file") from None
    try:
        info = os.lstat(path)
    except OSError as exc:
        raise UnreadableFile(shown, f"cannot stat: {exc.strerror or exc}") from None
    if stat.S_ISLNK(info.st_mode):
        raise NotRegularFile(shown, "is a symbolic link: links are never followed (copy the file instead)")
    for test, kind in KINDS.items():
        if test(info.st_mode):
            raise NotRegularFile(shown, f"is {kind}, not a regular file")
    if info.st_size > limits.max_file_bytes:
        raise LimitExceeded(shown, f"{info.st_size} bytes is over the {limits.max_file_bytes}-byte limit")


def scan_inbox(
    inbox: Path, limits: Limits = DEFAULT_LIMITS, exclude: Path | None = None
) -> tuple[list[Path], list[dict]]:
    """Regular files of ``inbox`` (sorted) and the refused entries, without following links.
    ``exclude`` (the output folder, when it lies inside the inbox) is not walked."""
    kept: list[Path] = []
    refused: list[dict] = []
    excluded = os.path.realpath(exclude) if exclude else None

    def on_error(exc: OSError) -> None:
        refused.append(failure(UnreadableFile(display_path(exc.filename or inbox), f"cannot list: {exc.strerror}")))

    for folder, dirs, files in os.walk(inbox, onerror=on_error, followlinks=False):
        dirs[:] = sorted(
            d for d in dirs if not _skipped(d) and os.path.realpath(os.path.join(folder, d)) != excluded
        )
        for name in [d for d in dirs if os.path.islink(os.path.join(folder, d))]:
            dirs.remove(name)  # never descend into a linked folder
            files.append(name)
        for name in sorted(files):
            if _skipped(name):
                continue
            path = Path(folder, name)
            try:
                check_entry(path, limits)
            except FileError as exc:
                refused.append(failure(exc))
                continue
            kept.append(path)
    return sorted(kept), refused


def discover_inbox(inbox: Path, workdir: Path, limits: Limits = DEFAULT_LIMITS) -> tuple[list[Path], list[dict]]:
    """Files to process (archives replaced by their good members, unpacked under ``workdir``)
    and the refused files, as run-report entries naming each one with its reason."""
    workdir = Path(workdir)
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    paths, refused = scan_inbox(Path(inbox), limits, exclude=workdir.parent)
    paths, archive_failures = expand_archives(paths, workdir, limits, root=Path(inbox))
    return paths, refused + archive_failures
