"""What went wrong with a database or a file, in a few kinds a person can act on.

The drivers report faults as many different exceptions (SQLite result codes inside
SQLAlchemy's wrappers, ``OSError`` numbers from file writes). :func:`classify` sorts them into
the kinds of :class:`Fault`, and :func:`explain` words each kind once, in the reader's
language, so that the faces (the command group, the app's export) never show a traceback for
a damaged file, a full disk, a read-only folder or a lock.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from roadmap.i18n import _
from roadmap.io.outfiles import TMP_SUFFIX


class Kind(Enum):
    MISSING = "missing"
    """The database file does not exist (and the command may not create one)."""
    FOLDER = "folder"
    """The path names a folder, not a database file."""
    NOT_FOLDER = "not_folder"
    """A file stands where a folder is needed."""
    NOT_DATABASE = "not_database"
    """The file is not a SQLite database (a text file, a plan file, random bytes)."""
    DAMAGED = "damaged"
    """The file is a SQLite database whose pages are damaged."""
    LOCKED = "locked"
    """Another process held the database past the busy timeout and the retries."""
    READ_ONLY = "read_only"
    """The file or its folder cannot be written (modes, a read-only mount)."""
    FULL = "full"
    """The disk or the user's quota is full."""
    CANNOT_OPEN = "cannot_open"
    """The file could not be opened (no permission to read it or its folder)."""
    IO = "io"
    """The system reported an input/output error."""


class StoreFault(RuntimeError):
    """A fault of kind ``kind`` at ``where`` (a file path or a database as named to people)."""

    def __init__(self, kind: Kind, where: str = "", detail: str = "") -> None:
        super().__init__(f"{kind.value}: {where} {detail}".strip())
        self.kind = kind
        self.where = where
        self.detail = detail


@dataclass(frozen=True)
class Fault:
    kind: Kind
    where: str = ""
    """The file named by the error itself, when it names one."""


_SQLITE = {
    "SQLITE_NOTADB": Kind.NOT_DATABASE,
    "SQLITE_CORRUPT": Kind.DAMAGED,
    "SQLITE_BUSY": Kind.LOCKED,
    "SQLITE_LOCKED": Kind.LOCKED,
    "SQLITE_READONLY": Kind.READ_ONLY,
    "SQLITE_PERM": Kind.READ_ONLY,
    "SQLITE_FULL": Kind.FULL,
    "SQLITE_CANTOPEN": Kind.CANNOT_OPEN,
    "SQLITE_IOERR": Kind.IO,
}
"""Primary SQLite result codes (extended codes are matched by their prefix)."""

_ERRNO = {
    errno.ENOSPC: Kind.FULL,
    errno.EDQUOT: Kind.FULL,
    errno.EROFS: Kind.READ_ONLY,
    errno.EACCES: Kind.READ_ONLY,
    errno.EPERM: Kind.READ_ONLY,
    errno.EISDIR: Kind.FOLDER,
    errno.ENOTDIR: Kind.NOT_FOLDER,
    errno.EEXIST: Kind.NOT_FOLDER,
    errno.ENAMETOOLONG: Kind.CANNOT_OPEN,
    errno.EIO: Kind.IO,
}


def sqlite_kind(error: sqlite3.Error) -> Kind | None:
    name = getattr(error, "sqlite_errorname", "") or ""
    for prefix, kind in _SQLITE.items():
        if name == prefix or name.startswith(prefix + "_"):
            return kind
    text = str(error)
    # Older drivers leave the code out; their messages are SQLite's own.
    for words, kind in (
        ("file is not a database", Kind.NOT_DATABASE),
        ("malformed", Kind.DAMAGED),
        ("Could not decode to UTF-8", Kind.DAMAGED),
        ("database is locked", Kind.LOCKED),
        ("readonly database", Kind.READ_ONLY),
        ("database or disk is full", Kind.FULL),
        ("unable to open database file", Kind.CANNOT_OPEN),
    ):
        if words in text:
            return kind
    return None


def classify(exc: BaseException) -> Fault | None:
    """The kind of fault ``exc`` reports, or ``None`` when it is not one of them."""
    if isinstance(exc, StoreFault):
        return Fault(exc.kind, exc.where)
    if isinstance(exc, DBAPIError):
        exc = exc.orig if exc.orig is not None else exc
    if isinstance(exc, sqlite3.Error):
        kind = sqlite_kind(exc)
        return Fault(kind) if kind else None
    if isinstance(exc, OSError) and exc.errno in _ERRNO:
        return Fault(_ERRNO[exc.errno], exc.filename or "")
    if isinstance(exc, UnicodeDecodeError) and _from_database(exc):
        # Text the database handed back that is not UTF-8: its pages were overwritten.
        return Fault(Kind.DAMAGED)
    return None


def _from_database(exc: BaseException) -> bool:
    """Whether ``exc`` was raised while reading the database (not a file being imported)."""
    trace = exc.__traceback__
    while trace is not None:
        name = trace.tb_frame.f_globals.get("__name__", "")
        if name.startswith(("sqlalchemy.", "sqlmodel.", "roadmap.store.")):
            return True
        trace = trace.tb_next
    return False


def explain(exc: BaseException, database: str) -> str | None:
    """What to tell the person about ``exc``, met while working on ``database``; ``None``
    when it is not a fault of the disk or the database."""
    fault = classify(exc)
    if fault is None:
        return None
    path = fault.where or database
    if path.endswith(TMP_SUFFIX):
        # A file being written: the folder it goes into is what the person can act on.
        path = str(Path(path).parent)
    kind = fault.kind
    if kind is Kind.IO and _no_room(Path(path)):
        kind = Kind.FULL  # SQLite reports a full disk while growing its WAL as an I/O error
    if kind is Kind.MISSING:
        return _(
            "{path} does not exist. Check the path, or create a database with `roadmap init` "
            "or `roadmap demo`.",
            path=path,
        )
    if kind is Kind.FOLDER:
        return _(
            "{path} is a folder, not a database file. Give --db the path of a file.", path=path
        )
    if kind is Kind.NOT_FOLDER:
        return _(
            "{path} is a file where a folder is needed; nothing was written. Choose another path.",
            path=path,
        )
    if kind is Kind.NOT_DATABASE:
        return _(
            "{path} is not a roadmap database (it is not a SQLite file). "
            "Check the path given with --db.",
            path=path,
        )
    if kind is Kind.DAMAGED:
        return _(
            "{path} is damaged and was not used; nothing was written. Restore it from a backup "
            "with `roadmap restore BACKUP`.",
            path=path,
        )
    if kind is Kind.LOCKED:
        return _(
            "{path} stayed locked by another program while roadmap waited; nothing was written. "
            "Try again when the other program has finished.",
            path=path,
        )
    if kind is Kind.READ_ONLY:
        return _(
            "{path} cannot be written: the file or its folder is read-only. Nothing was written.",
            path=path,
        )
    if kind is Kind.FULL:
        return _("The disk is full; nothing was written. Free some space and try again.")
    if kind is Kind.CANNOT_OPEN:
        return _(
            "{path} cannot be opened. Check that the file and its folder exist and can be read.",
            path=path,
        )
    return _(
        "The system could not read or write {path} (an input/output error); nothing was "
        "written. Check the disk.",
        path=path,
    )


def _no_room(path: Path) -> bool:
    """Whether the disk holding ``path`` has no free blocks left."""
    for folder in (path, *path.parents):
        try:
            return os.statvfs(folder).f_bavail == 0
        except OSError:
            continue
    return False
