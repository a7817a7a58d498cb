"""Archives in the inbox (.zip, .tar, .tar.gz/.tgz), unpacked safely into a private folder.

Nothing is ever written outside that folder: member names are checked before anything is
written (no ``..``, no absolute path, no drive letter, no backslash trick), links and
device files are refused, and the total size, member count, compression ratio and nesting
depth are bounded by ``Limits``. Each refused member is reported as ``archive!member`` with
its reason; the good members are processed as ordinary files. Extracted files live under
``WORKDIR/<archive path in the inbox>!/<member>``, so their path names the archive.
"""

from __future__ import annotations

import lzma
import shutil
import stat
import tarfile
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from actes.errors import ArchiveError, FileError, HostileInput, LimitExceeded
from actes.limits import DEFAULT_LIMITS, Limits

ARCHIVE_SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz")
SEPARATOR = "!"  # "inbox/lot.zip!deliberation.pdf"
# What a damaged archive raises while it is listed or decompressed (zlib.error: found by fuzz/fuzz_archive.py).
DECODING_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, tarfile.TarError, EOFError, OSError, ValueError,
                   zlib.error, lzma.LZMAError, NotImplementedError)


def is_archive(path: Path) -> bool:
    return path.name.lower().endswith(ARCHIVE_SUFFIXES)


@dataclass
class Member:
    name: str
    kind: str  # file | dir | symlink | hardlink | device | encrypted
    size: int
    open: object  # () -> binary stream, for files


def _printable(text: str) -> str:
    """Undecodable bytes (surrogates) as \\xNN, so reports and catalogs can store the text."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def failure(exc: FileError) -> dict:
    """A refused file as the run report lists it."""
    return {"path": _printable(exc.path), "reason": exc.reason, "message": _printable(str(exc))}


def safe_member_path(label: str, name: str) -> PurePosixPath:
    """The member's relative path, or HostileInput if it could land outside the folder."""
    where = f"{label}{SEPARATOR}{name}"
    if "\x00" in name or any(0xD800 <= ord(ch) <= 0xDFFF for ch in name):
        raise HostileInput(where, "member name with a NUL byte or undecodable bytes is refused")
    unified = name.replace("\\", "/")
    if unified.startswith("/") or (len(unified) > 1 and unified[1] == ":"):
        raise HostileInput(where, "absolute member path is refused")
    parts = [p for p in unified.split("/") if p not in ("", ".")]
    if ".." in parts:
        raise HostileInput(where, "member path with '..' (path traversal) is refused")
    return PurePosixPath(*parts) if parts else PurePosixPath()


def _is_litter(relative: PurePosixPath) -> bool:
    """OS litter that archivers add (macOS "__MACOSX/._x.pdf" resource forks, .DS_Store, Thumbs.db)."""
    return any(part.startswith(".") or part == "__MACOSX" for part in relative.parts) or (
        relative.name.lower() in {"thumbs.db", "desktop.ini"}
    )


def _zip_members(archive: zipfile.ZipFile) -> Iterator[Member]:
    for info in archive.infolist():
        kind_bits = stat.S_IFMT(info.external_attr >> 16)  # 0 when the zip was not made on Unix
        if info.flag_bits & 0x1:
            kind = "encrypted"
        elif kind_bits == stat.S_IFLNK:
            kind = "symlink"
        elif info.filename.endswith("/") or kind_bits == stat.S_IFDIR:  # is_dir() fails on "" (fuzz)
            kind = "dir"
        elif kind_bits not in (0, stat.S_IFREG):
            kind = "device"
        else:
            kind = "file"
        yield Member(info.filename, kind, info.file_size, lambda info=info: archive.open(info))


def _tar_members(archive: tarfile.TarFile) -> Iterator[Member]:
    while (info := archive.next()) is not None:
        if info.isreg():
            kind = "file"
        elif info.isdir():
            kind = "dir"
        elif info.issym():
            kind = "symlink"
        elif info.islnk():
            kind = "hardlink"
        else:
            kind = "device"
        yield Member(info.name, kind, info.size, lambda info=info: archive.extractfile(info))


def _zip_entry_count(path: Path) -> int | None:
    """Entries announced by the end record, read before zipfile loads the whole directory."""
    try:
        with open(path, "rb") as handle:
            record = zipfile._EndRecData(handle)  # noqa: SLF001 - no public API for this
    except (OSError, zipfile.BadZipFile):
        return None
    return record[4] if record else None


@contextmanager
def _open_members(path: Path, label: str, limits: Limits):
    try:
        if path.name.lower().endswith(".zip"):
            count = _zip_entry_count(path)
            if count is not None and count > limits.max_archive_members:
                raise LimitExceeded(label, f"{count} members, over the {limits.max_archive_members}-member limit")
            with zipfile.ZipFile(path) as archive:
                yield _zip_members(archive)
        else:
            with tarfile.open(path, "r:*") as archive:
                yield _tar_members(archive)
    except DECODING_ERRORS as exc:
        raise ArchiveError(label, f"not a readable archive ({type(exc).__name__}: {str(exc)[:120]})") from None


def _copy(source: IO[bytes], target: Path, budget: int) -> int:
    """Copy at most ``budget`` bytes; raise if the member holds more (a lying header)."""
    written = 0
    with open(target, "xb") as out:
        while block := source.read(1 << 20):
            written += len(block)
            if written > budget:
                raise OverflowError
            out.write(block)
    return written


class _Unpacker:
    """One archive (and the archives nested in it) unpacked under ``dest``."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.files: list[Path] = []
        self.failures: list[dict] = []

    def unpack(self, path: Path, dest: Path, label: str, depth: int) -> None:
        compressed = max(path.stat().st_size, 1)
        total, count, seen = 0, 0, set()
        try:
            with _open_members(path, label, self.limits) as members:
                for member in members:
                    count += 1
                    if count > self.limits.max_archive_members:
                        raise LimitExceeded(label, f"over the {self.limits.max_archive_members}-member limit")
                    total += max(member.size, 0)
                    if total > self.limits.max_archive_bytes:
                        raise LimitExceeded(label, f"unpacks to over {self.limits.max_archive_bytes} bytes (zip bomb?)")
                    if total > 1 << 20 and total / compressed > self.limits.max_archive_ratio:
                        raise HostileInput(
                            label, f"compression ratio over {self.limits.max_archive_ratio:.0f} (zip bomb?)"
                        )
                    self._member(member, dest, label, depth, seen, total)
        except FileError as exc:
            self.failures.append(failure(exc))
            shutil.rmtree(dest, ignore_errors=True)
            self.files = [f for f in self.files if dest not in f.parents]

    def _member(self, member: Member, dest: Path, label: str, depth: int, seen: set, total: int) -> None:
        where = f"{label}{SEPARATOR}{member.name}"
        try:
            relative = safe_member_path(label, member.name)
            if member.kind == "dir" or _is_litter(relative):
                return
            if not relative.parts:
                raise HostileInput(where, "member without a name is refused")
            if member.kind == "encrypted":
                raise ArchiveError(where, "encrypted member: it cannot be read without its password")
            if member.kind != "file":
                raise HostileInput(where, f"{member.kind} member is refused (only regular files are unpacked)")
            if str(relative) in seen:
                raise HostileInput(where, "duplicate member name is refused")
            seen.add(str(relative))
            target = dest.joinpath(*relative.parts)
            if dest.resolve() not in target.resolve().parents:
                raise HostileInput(where, "member would land outside the extraction folder")
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
            except OSError:
                raise ArchiveError(where, "member path conflicts with another member") from None
            budget = self.limits.max_archive_bytes - (total - member.size)
            try:
                with member.open() as source:
                    _copy(source, target, min(member.size, budget))
            except OverflowError:
                raise HostileInput(where, "member larger than its header says") from None
            except (*DECODING_ERRORS, RuntimeError) as exc:
                raise ArchiveError(where, f"cannot unpack ({type(exc).__name__}: {str(exc)[:120]})") from None
        except FileError as exc:
            self.failures.append(failure(exc))
            return
        if is_archive(target):
            if depth + 1 > self.limits.max_archive_depth:
                self.failures.append(failure(HostileInput(
                    where, f"archive nested deeper than {self.limits.max_archive_depth} levels is refused"
                )))
                target.unlink()
                return
            nested = target.with_name(target.name + SEPARATOR)
            try:
                nested.mkdir()
            except OSError:
                self.failures.append(failure(ArchiveError(where, "nested archive name conflicts with a member")))
                return
            self.unpack(target, nested, where, depth + 1)
            target.unlink()
            return
        self.files.append(target)


def expand_archives(
    paths: list[Path], workdir: Path, limits: Limits = DEFAULT_LIMITS, root: Path | None = None
) -> tuple[list[Path], list[dict]]:
    """Replace each archive of ``paths`` by its good members, unpacked under ``workdir``.

    Returns the paths to process and the refused files (archives or members) as report
    entries. ``root`` (the inbox) makes the unpacked paths mirror the archives' places in it.
    """
    kept: list[Path] = []
    failures: list[dict] = []
    for index, path in enumerate(paths):
        if not is_archive(path):
            kept.append(path)
            continue
        try:
            relative = path.relative_to(root) if root else Path(str(index), path.name)
        except ValueError:
            relative = Path(str(index), path.name)
        dest = workdir / relative.parent / (relative.name + SEPARATOR)
        dest.mkdir(parents=True, exist_ok=False)
        unpacker = _Unpacker(limits)
        unpacker.unpack(path, dest, str(path), depth=1)
        kept.extend(sorted(unpacker.files))
        failures.extend(unpacker.failures)
    return kept, failures


def archive_label(path: str | Path, workdir: Path, inbox: Path) -> str:
    """``WORKDIR/lot.zip!/a/b.pdf`` → ``INBOX/lot.zip!a/b.pdf``; other paths unchanged."""
    try:
        relative = Path(path).relative_to(workdir)
    except ValueError:
        return str(path)
    return str(inbox / relative).replace(SEPARATOR + "/", SEPARATOR)
