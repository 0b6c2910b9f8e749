"""The one place where faults of the database and of files become messages for people.

:class:`~roadmap.cli.base.RoadmapGroup` passes every exception a command lets through to
:func:`explain`; a fault it knows (:mod:`roadmap.store.faults`) becomes one or two sentences
in the reader's language and a non-zero exit, anything else stays a traceback (a bug to fix).
"""

from __future__ import annotations

import os
from pathlib import Path

from roadmap.i18n import _
from roadmap.io.outfiles import TMP_SUFFIX
from roadmap.store.faults import Kind, classify


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
