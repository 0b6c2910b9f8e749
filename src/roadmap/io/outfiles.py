"""Output files written whole or not at all: backups, exports, plan data.

Every file roadmap writes for a person goes through :class:`Outputs`. Each file is written
under a temporary name in its own folder, flushed to disk, and renamed over the target, so a
reader (or a crash, or a full disk) never leaves a half-written file under the target's name.
The rename replaces a symbolic link rather than writing through it. A new file gets the
umask's mode (``mkstemp`` alone makes 0600 files); a replaced file keeps its mode.

The temporary file is locked while it is written; a later write into the same folder removes
temporary files that nobody holds any more (left by a process that was killed).

:class:`Outputs` also records which folders and files it created and which files it replaced,
so that commands can say so, and removes the folders it created when the work fails.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

TMP_SUFFIX = ".partial"
"""Ends the name of a file being written: ``.<target name>.<random><TMP_SUFFIX>``."""
_TMP_NAME = re.compile(rf"\..+\.[a-z0-9_]{{8}}{re.escape(TMP_SUFFIX)}")


class OutputExistsError(FileExistsError):
    """The target exists and the caller asked not to replace it."""


def umask() -> int:
    """The process's umask, read without changing it where the system allows."""
    with suppress(OSError), open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _mode_for(target: Path) -> int:
    """A replaced regular file's mode, else the mode the umask gives new files."""
    try:
        info = target.lstat()
    except FileNotFoundError:
        return 0o666 & ~umask()
    if stat.S_ISREG(info.st_mode):
        return stat.S_IMODE(info.st_mode)
    return 0o666 & ~umask()


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def held(path: Path) -> Iterator[None]:
    """Hold a lock on the file or folder ``path`` that tells :func:`abandoned` it is in use."""
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def abandoned(path: Path) -> bool:
    """Whether nobody holds (:func:`held`) the file or folder ``path``: it was left behind by
    a process that ended before cleaning up."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN):
            return False
        raise
    finally:
        os.close(fd)
    return True


def glob_escape(name: str) -> str:
    """``name`` as a glob pattern that matches only itself."""
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def remove_stale(folder: Path) -> list[Path]:
    """Remove the temporary files in ``folder`` that no running writer holds (left by a
    process that was killed); the paths removed. SQLite's journal beside one goes with it."""
    removed = []
    for tmp in sorted(folder.glob(f".*{TMP_SUFFIX}")):
        if not _TMP_NAME.fullmatch(tmp.name) or not abandoned(tmp):
            continue
        for path in (Path(f"{tmp}-journal"), tmp):
            with suppress(FileNotFoundError):
                path.unlink()
                removed.append(path)
    return removed


@contextmanager
def writing(target: Path, *, replace: bool = True) -> Iterator[Path]:
    """A temporary path in ``target``'s folder for the caller to fill; on leaving the block
    it is synced and renamed to ``target``, or removed if the block raised.

    With ``replace=False`` an existing ``target`` is never replaced
    (:class:`OutputExistsError`, checked again at the rename).
    """
    if not replace and os.path.lexists(target):
        raise OutputExistsError(errno.EEXIST, "file exists", str(target))
    remove_stale(target.parent)
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=TMP_SUFFIX)
    tmp = Path(name)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # see abandoned()
        yield tmp
        os.chmod(tmp, _mode_for(target))
        with open(tmp, "rb+") as written:
            os.fsync(written.fileno())
        if replace:
            os.replace(tmp, target)
        else:
            _rename_new(tmp, target)
        _fsync_folder(target.parent)
    finally:
        with suppress(FileNotFoundError):
            tmp.unlink()
        os.close(fd)


def _rename_new(tmp: Path, target: Path) -> None:
    """Rename ``tmp`` to ``target`` only if ``target`` does not exist (a hard link cannot
    replace a file), falling back to a checked rename where links are not supported."""
    try:
        os.link(tmp, target, follow_symlinks=False)
    except FileExistsError as exc:
        raise OutputExistsError(errno.EEXIST, "file exists", str(target)) from exc
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV):
            raise
        if os.path.lexists(target):
            raise OutputExistsError(errno.EEXIST, "file exists", str(target)) from exc
        os.replace(tmp, target)
        return
    tmp.unlink()


def write_bytes(target: Path, data: bytes, *, replace: bool = True) -> None:
    """Write ``data`` to ``target`` whole, or leave ``target`` as it was."""
    with writing(target, replace=replace) as tmp:
        tmp.write_bytes(data)


@dataclass
class Outputs:
    """The files and folders one command writes, and what it did to each."""

    created_folders: list[Path] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    """Every file written, in order."""
    created: list[Path] = field(default_factory=list)
    replaced: list[Path] = field(default_factory=list)

    def folder(self, path: Path) -> Path:
        """Make ``path`` and the folders above it that are missing, noting each one made."""
        missing = []
        for folder in (path, *path.parents):
            if folder.is_dir():
                break
            missing.append(folder)
        for folder in reversed(missing):
            try:
                folder.mkdir()
            except FileExistsError:
                if not folder.is_dir():
                    raise
                continue
            self.created_folders.append(folder)
        return path

    @contextmanager
    def writing(self, target: Path, *, replace: bool = True) -> Iterator[Path]:
        """:func:`writing` into a folder made if missing, noting the file as created or
        replaced."""
        self.folder(target.parent)
        existed = os.path.lexists(target)
        with writing(target, replace=replace) as tmp:
            yield tmp
        (self.replaced if existed else self.created).append(target)
        self.written.append(target)

    def write_bytes(self, target: Path, data: bytes, *, replace: bool = True) -> Path:
        with self.writing(target, replace=replace) as tmp:
            tmp.write_bytes(data)
        return target

    def undo_folders(self) -> None:
        """Remove the folders made here that are still empty (after a failure)."""
        for folder in reversed(self.created_folders):
            with suppress(OSError):
                folder.rmdir()

    @contextmanager
    def all_or_folders_removed(self) -> Iterator[Outputs]:
        """This record; on an error, the empty folders it made are removed again."""
        try:
            yield self
        except BaseException:
            self.undo_folders()
            raise
