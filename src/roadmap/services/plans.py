"""Plans as wholes, for every face: opening the database, finding, listing, creating, importing,
checking and backing up plans, and saving and reading baselines.

Each function is one short transaction of its own. The errors a face shows a person are
importable from here (:class:`NotFoundError`, :class:`SchemaError` ...), with :func:`explain`,
which words a fault of the disk or the database plainly, so that faces need not reach into
storage.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from roadmap.i18n import N_
from roadmap.store.backup import BackupError
from roadmap.store.baselines import BaselineExistsError
from roadmap.store.db import Store
from roadmap.store.faults import explain
from roadmap.store.migrate import SchemaError
from roadmap.store.repo import KeyTakenError, NotFoundError, slugify

if TYPE_CHECKING:
    from roadmap.engine.result import Roadmap
    from roadmap.io.outfiles import Outputs
    from roadmap.model.check import Finding
    from roadmap.model.inputs import PlanDoc, PlanIn
    from roadmap.model.tables import Plan
    from roadmap.store.baselines import BaselineRow

__all__ = [
    "BackupError",
    "BaselineExistsError",
    "KeyTakenError",
    "NotFoundError",
    "PlanExistsError",
    "SchemaError",
    "Store",
    "backup",
    "check_plan",
    "create_plan",
    "describe_database",
    "explain",
    "find_plan",
    "import_plan",
    "integrity_problems",
    "list_baselines",
    "list_plans",
    "load_baseline",
    "open_store",
    "plan_counts",
    "read_document",
    "require_sound",
    "restore_from",
    "save_baseline",
    "slugify",
    "sqlite_file",
]


class PlanExistsError(ValueError):
    """The database already has a plan with the slug a new one would take."""


def open_store(db: str | os.PathLike[str] | None = None, *, create: bool = True) -> Store:
    """The database ``db`` (a path or URL; default as :func:`~roadmap.store.db.database_url`
    says), its schema created or upgraded; :class:`SchemaError` when it cannot be. Without
    ``create`` a missing database is a fault rather than made."""
    return Store.open(db, create=create)


def describe_database(db: str | os.PathLike[str] | None = None) -> str:
    """The database ``db`` as a person would name it, without opening it."""
    from roadmap.store.db import database_url, describe

    return describe(database_url(db))


def require_sound(store: Store) -> None:
    """Refuse a SQLite file that fails SQLite's quick check (a fault naming the way out)."""
    from roadmap.store.integrity import require_sound as check

    check(store)


def find_plan(store: Store, slug: str | None) -> Plan:
    """The plan ``slug``, or the only plan; :class:`NotFoundError` naming the plans there are."""
    from roadmap.store.repo import find_plan as find

    with store.read() as session:
        return find(session=session, slug=slug)


def list_plans(store: Store) -> list[Plan]:
    from roadmap.store.repo import list_plans as plans

    with store.read() as session:
        return plans(session=session)


def plan_counts(store: Store, plan_id: int) -> dict[str, int]:
    """How many rows of each kind the plan holds, by what a person calls them."""
    from roadmap.model import tables as t
    from roadmap.store.repo import count_rows

    tables = (
        (N_("organisations"), t.Organisation),
        (N_("teams"), t.Team),
        (N_("stakeholders"), t.Stakeholder),
        (N_("needs"), t.Need),
        (N_("information sources"), t.InfoSource),
        (N_("themes"), t.Theme),
        (N_("criteria"), t.Criterion),
        (N_("development items"), t.Item),
        (N_("dependencies"), t.Dependency),
        (N_("milestones"), t.Milestone),
    )
    with store.read() as session:
        return {
            label: count_rows(session=session, plan_id=plan_id, table=table)
            for label, table in tables
        }


def create_plan(store: Store, plan_in: PlanIn) -> Plan:
    """A new, empty plan (its slug made unique in the database)."""
    from roadmap.store.repo import create_plan as create

    with store.write() as session:
        return create(session=session, plan_in=plan_in)


def import_plan(store: Store, doc: PlanDoc, *, replace: bool = False) -> Plan:
    """Store the checked plan document ``doc`` as a new plan, all or nothing.

    With ``replace`` the plan that has its slug goes first; without, a plan of that slug is
    refused with :class:`PlanExistsError`. A new plan's rows were all checked, so its inserts
    skip the database's own reference checks (only replacing deletes, which needs them).
    """
    from roadmap.store.plan_write import write_plan
    from roadmap.store.repo import list_plans as plans

    wanted = doc.plan.slug or slugify(doc.plan.name)
    with store.write(foreign_keys=replace) as session:
        if not replace and wanted in {p.slug for p in plans(session=session)}:
            raise PlanExistsError(wanted)
        return write_plan(session=session, doc=doc, replace=replace)


def read_document(store: Store, plan_id: int, *, scores: bool = True) -> PlanDoc:
    """The stored plan as a plan document, as ``roadmap export-data`` writes it (``scores``
    False: without the items' scores)."""
    from roadmap.store.plan_read import read_plan

    with store.read() as session:
        return read_plan(session=session, plan_id=plan_id, scores=scores)


def check_plan(store: Store, plan_id: int) -> list[Finding]:
    """The findings of ``roadmap check`` on the stored plan."""
    from roadmap.store.check import check_stored

    with store.read() as session:
        return check_stored(session=session, plan_id=plan_id)


def integrity_problems(store: Store, *, full: bool = False) -> list[str] | None:
    """What SQLite's quick (or ``full``) check finds wrong with the file; None on PostgreSQL,
    which has no such check."""
    from roadmap.store.integrity import integrity_problems as problems

    return problems(store, full=full)


def backup(store: Store, target: Path) -> Path:
    """A consistent copy of the database at ``target`` (a SQLite file); the path written, or
    :class:`BackupError`."""
    from roadmap.store.backup import backup_to

    return backup_to(store, target)


def sqlite_file(db: str | os.PathLike[str] | None = None) -> Path | None:
    """The SQLite file ``db`` names, or None for a server database."""
    from roadmap.store.db import database_url, sqlite_path

    return sqlite_path(database_url(db))


def restore_from(path: Path, backup: Path, outputs: Outputs) -> Path | None:
    """Swap the contents of the SQLite file ``path`` for those of ``backup`` (checked first),
    and bring its schema up to date; where the database as it was is kept, or
    :class:`BackupError`."""
    from roadmap.store.backup import restore_from as restore

    aside = restore(path, backup, outputs)
    Store.open(path, create=False).close()  # upgrades a backup of an older schema
    return aside


def save_baseline(
    store: Store, plan_id: int, name: str, roadmap: Roadmap, *, replace: bool = False
) -> None:
    """Keep ``roadmap`` as baseline ``name``; :class:`BaselineExistsError` unless ``replace``."""
    from roadmap.store.baselines import save_baseline as save

    with store.write() as session:
        save(session=session, plan_id=plan_id, name=name, roadmap=roadmap, replace=replace)


def list_baselines(store: Store, plan_id: int) -> list[BaselineRow]:
    from roadmap.store.baselines import list_baselines as baselines

    with store.read() as session:
        return baselines(session=session, plan_id=plan_id)


def load_baseline(store: Store, plan_id: int, name: str) -> Roadmap:
    """Baseline ``name``; :class:`NotFoundError` when the plan has none of that name."""
    from roadmap.store.baselines import load_baseline as load

    with store.read() as session:
        return load(session=session, plan_id=plan_id, name=name)
