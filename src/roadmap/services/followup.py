"""Evidence, progress and measure readings recorded, and a person erased: one short
transaction each through :mod:`roadmap.store.followup_edits`, for the command line and the
follow-up screen's forms.

Records are validated here (:class:`pydantic.ValidationError` names each wrong field) and
references checked by the store (:class:`NotFoundError` names the unknown keys); nothing is
stored unless all of it is right.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from roadmap.store.db import Store
from roadmap.store.repo import NotFoundError

if TYPE_CHECKING:
    from roadmap.model.evidence import EvidenceIn, MeasureValueIn, ProgressUpdateIn
    from roadmap.store.followup_edits import Erased

__all__ = [
    "NotFoundError",
    "add_evidence",
    "erase_person",
    "import_evidence",
    "plan_evidence",
    "record_measure",
    "record_progress",
]


def add_evidence(store: Store, plan_id: int, values: dict[str, Any], key: str | None = None) -> str:
    """Store a piece of evidence made of ``values`` (as :class:`EvidenceIn` reads them), under
    ``key`` or the plan's next free ``EV-<n>``; its key. Pydantic's ``ValidationError`` for
    values that are not evidence, :class:`NotFoundError` for keys the plan does not have;
    nothing is stored then."""
    from roadmap.model.evidence import EvidenceIn
    from roadmap.store.followup_edits import add_evidence as add
    from roadmap.store.followup_edits import next_evidence_key

    with store.write() as session:
        key = key or next_evidence_key(session=session, plan_id=plan_id)
        record = EvidenceIn.model_validate({**values, "key": key})
        add(session=session, plan_id=plan_id, evidence=record)
    return key


def import_evidence(store: Store, plan_id: int, data: bytes, name: str) -> int:
    """Store every row of interview notes ``data`` (a spreadsheet file called ``name``) as a
    piece of evidence; how many. :class:`~roadmap.io.planfile.PlanFileError` names every
    problem at once, and then nothing is stored."""
    from roadmap.io.evidence_sheet import read_evidence
    from roadmap.store.followup_edits import add_evidence as add
    from roadmap.store.plan_read import read_plan

    with store.write() as session:
        doc = read_plan(session=session, plan_id=plan_id, scores=False)
        records = read_evidence(data, name=name, doc=doc)
        for record in records:
            add(session=session, plan_id=plan_id, evidence=record)
    return len(records)


def plan_evidence(store: Store, plan_id: int) -> list[EvidenceIn]:
    """The plan's evidence, newest first."""
    from roadmap.store.plan_read import read_plan

    with store.read() as session:
        doc = read_plan(session=session, plan_id=plan_id, scores=False)
    return sorted(doc.evidence, key=lambda x: x.date, reverse=True)


def record_progress(
    store: Store,
    plan_id: int,
    item_key: str,
    progress: ProgressUpdateIn,
    responsible: str | None = None,
) -> None:
    """Add an update of item ``item_key`` (its status becomes the update's), and make
    ``responsible`` responsible for it if named."""
    from roadmap.store.followup_edits import record_progress as record

    with store.write() as session:
        record(
            session=session,
            plan_id=plan_id,
            item_key=item_key,
            progress=progress,
            responsible=responsible,
        )


def record_measure(store: Store, plan_id: int, measure_key: str, reading: MeasureValueIn) -> None:
    """Record a reading of measure ``measure_key``."""
    from roadmap.store.followup_edits import record_measure as record

    with store.write() as session:
        record(session=session, plan_id=plan_id, measure_key=measure_key, reading=reading)


def erase_person(store: Store, name: str) -> Erased:
    """Erase ``name`` from every plan of the database (:class:`ValueError` for an empty
    name). A SQLite file is then rewritten, so that the erased text leaves its free pages and
    its log, and the backups beside it that still hold the name are listed in ``backups``;
    the backups of a server database are not looked at."""
    from roadmap.store.followup_edits import backups_holding
    from roadmap.store.followup_edits import erase_person as erase

    with store.write() as session:
        done = erase(session=session, name=name)
    if store.path is not None:
        raw = store.engine.raw_connection()
        try:
            driver = raw.driver_connection
            assert driver is not None  # an open connection of the SQLite driver
            driver.execute("VACUUM")
            driver.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            raw.close()
        done.backups = backups_holding(store.path, name)
    return done
