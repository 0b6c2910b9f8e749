"""Evidence and follow-up for the app: the records the follow-up screen's forms add (a piece
of evidence, an item's progress, a measure's reading), each in one short transaction through
:mod:`roadmap.store.followup_edits`.
"""

from __future__ import annotations

from typing import Any

from roadmap.model.evidence import EvidenceIn, MeasureValueIn, ProgressUpdateIn
from roadmap.store import followup_edits
from roadmap.store.db import Store


def add_evidence(store: Store, plan_id: int, values: dict[str, Any]) -> str:
    """Store a piece of evidence of ``values`` (as :class:`EvidenceIn` reads them) under the
    next free key ``EV-<n>``, and return that key. Pydantic's ``ValidationError`` for values
    that are not evidence, :class:`~roadmap.store.repo.NotFoundError` for keys the plan does
    not have; nothing is stored then."""
    with store.write() as session:
        key = followup_edits.next_evidence_key(session=session, plan_id=plan_id)
        record = EvidenceIn.model_validate({"key": key, **values})
        followup_edits.add_evidence(session=session, plan_id=plan_id, evidence=record)
    return key


def record_progress(
    store: Store,
    plan_id: int,
    item_key: str,
    progress: ProgressUpdateIn,
    responsible: str | None = None,
) -> None:
    """Add an update of item ``item_key``; its status becomes the update's."""
    with store.write() as session:
        followup_edits.record_progress(
            session=session,
            plan_id=plan_id,
            item_key=item_key,
            progress=progress,
            responsible=responsible,
        )


def record_measure(store: Store, plan_id: int, measure_key: str, reading: MeasureValueIn) -> None:
    """Add a reading of measure ``measure_key``."""
    with store.write() as session:
        followup_edits.record_measure(
            session=session, plan_id=plan_id, measure_key=measure_key, reading=reading
        )
