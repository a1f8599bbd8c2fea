# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Opening files inside the vault folder without ever following a link out of it.

Someone who can write to the vault folder (but has no passphrase) can replace ``lock``, a blob,
``blobs/.tmp`` or a blob's sub-folder with a symbolic link, a named pipe or a folder. Followed
blindly, a link makes the vault truncate, overwrite or delete a file elsewhere (``destroy``
overwrites what a blob link points to; tidying ``blobs/.tmp`` empties the linked folder), and a
named pipe makes a read wait for ever. So every path below the vault folder is walked one
component at a time with ``O_NOFOLLOW`` relative to the folder's descriptor (``openat``), opened
``O_NONBLOCK`` (a pipe answers at once instead of hanging) and checked with ``fstat`` to be a
regular file or a real folder before anything is read or written.

The vault folder itself is the one the user chose, so it may be reached through a link.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_POSIX = os.name == "posix"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_BINARY = getattr(os, "O_BINARY", 0)


class NotARegularFile(Exception):
    """Internal: a vault path is a link, folder, pipe or device; ``what`` says which in words.
    Callers turn it into a verify finding or an IntegrityError naming the file."""

    def __init__(self, rel: str, what: str) -> None:
        super().__init__(f"{rel}: it is {what}, not a file")
        self.rel = rel
        self.what = what


def describe(mode: int) -> str:
    """What a file is, in words a report can carry."""
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a regular file"


def _not_followed(rel: str, exc: OSError, fallback: Path | None = None) -> Exception:
    """ELOOP/ENOTDIR from O_NOFOLLOW: name what is there instead (a link, most often)."""
    if exc.errno in (errno.ELOOP, errno.ENOTDIR, getattr(errno, "EMLINK", -1)):
        what = "a symbolic link"
        if fallback is not None:
            try:
                what = describe(os.lstat(fallback).st_mode)
            except OSError:
                pass
        return NotARegularFile(rel, what)
    return exc


@contextmanager
def folder_fd(root: Path, parts: tuple[str, ...] = ()) -> Iterator[int]:
    """A descriptor of ``root/parts…``; every part must be a real folder (no link followed)."""
    fd = os.open(root, os.O_RDONLY | _DIRECTORY | _CLOEXEC)
    try:
        for n, part in enumerate(parts):
            try:
                nfd = os.open(part, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC, dir_fd=fd)
            except OSError as exc:
                raise _not_followed("/".join(parts[: n + 1]), exc, root.joinpath(*parts[: n + 1])) from None
            os.close(fd)
            fd = nfd
        yield fd
    finally:
        os.close(fd)


def open_file(root: Path, rel: str, flags: int, mode: int = 0o600) -> int:
    """Open ``root/rel`` (``rel`` uses ``/``) as a regular file, never following a link."""
    *parents, name = rel.split("/")
    if not _POSIX:  # pragma: no cover - Windows has no openat: check with lstat, then open
        path = root
        for n, part in enumerate(parents):
            path = path / part
            st = os.lstat(path)
            if not stat.S_ISDIR(st.st_mode):
                raise NotARegularFile("/".join(parents[: n + 1]), describe(st.st_mode))
        path = path / name
        try:
            st = os.lstat(path)
            if not stat.S_ISREG(st.st_mode):
                raise NotARegularFile(rel, describe(st.st_mode))
        except FileNotFoundError:
            if not flags & os.O_CREAT:
                raise
        return os.open(path, flags | _BINARY, mode)
    with folder_fd(root, tuple(parents)) as parent:
        try:
            fd = os.open(name, flags | _NOFOLLOW | _NONBLOCK | _CLOEXEC, mode, dir_fd=parent)
        except OSError as exc:
            if exc.errno == errno.EISDIR:
                raise NotARegularFile(rel, "a folder") from None
            raise _not_followed(rel, exc, root / rel) from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise NotARegularFile(rel, describe(st.st_mode))
    os.set_blocking(fd, True)
    return fd


def lstat_kind(root: Path, rel: str) -> str | None:
    """``describe`` of ``root/rel`` without following it; None when nothing is there."""
    try:
        return describe(os.lstat(root / rel).st_mode)
    except FileNotFoundError:
        return None


def unlink(root: Path, rel: str) -> bool:
    """Remove ``root/rel`` if it is a file or a link (the link itself, never its target).

    A folder is left alone (we never made one there). Returns True if something was removed."""
    *parents, name = rel.split("/")
    if not _POSIX:  # pragma: no cover - Windows
        kind = lstat_kind(root, rel)
        if kind is None or kind == "a folder":
            return False
        os.unlink(root / rel)
        return True
    try:
        with folder_fd(root, tuple(parents)) as parent:
            st = os.stat(name, dir_fd=parent, follow_symlinks=False)
            if stat.S_ISDIR(st.st_mode):
                return False
            os.unlink(name, dir_fd=parent)
            return True
    except FileNotFoundError:
        return False
    except NotARegularFile:
        return False  # a parent that is a link: nothing of ours is behind it


def entries(root: Path, rel: str = "") -> list[tuple[str, str]]:
    """(name, kind) of each entry of the folder ``root/rel``; [] if it is missing or not a folder."""
    parts = tuple(p for p in rel.split("/") if p)
    if not _POSIX:  # pragma: no cover - Windows
        folder = root.joinpath(*parts)
        if lstat_kind(root, "/".join(parts)) not in ("a folder",) and parts:
            return []
        return sorted((p.name, describe(os.lstat(p).st_mode)) for p in folder.iterdir())
    try:
        with folder_fd(root, parts) as fd:
            out = []
            for name in os.listdir(fd):
                try:
                    out.append((name, describe(os.stat(name, dir_fd=fd, follow_symlinks=False).st_mode)))
                except FileNotFoundError:
                    continue
            return sorted(out)
    except (FileNotFoundError, NotADirectoryError, NotARegularFile):
        return []
