"""Quick edits of the follow-up records: a piece of evidence, an item's progress, a measure's
reading, and erasing a person's name from everything the database holds.

Each takes ``session`` keyword-only and checks every reference first, raising
:class:`~roadmap.store.repo.NotFoundError` that names all unknown keys at once, so nothing is
written for a half-right command.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select, update
from sqlmodel import Session, col

from roadmap.model import evidence_tables as e
from roadmap.model import followup_tables as fu
from roadmap.model import tables as t
from roadmap.model import workshop_tables as ws
from roadmap.model.evidence import EvidenceIn, MeasureValueIn, ProgressUpdateIn
from roadmap.store.bulk import insert_rows, json_text, key_ids
from roadmap.store.repo import NotFoundError
from roadmap.workshop.rules import name_key

ERASED = "[erased]"
"""What a person's name is replaced with in free text."""


def next_evidence_key(*, session: Session, plan_id: int) -> str:
    """``EV-<n>``: one more than the largest number of the plan's evidence keys so far."""
    keys = session.execute(
        select(col(e.Evidence.key)).where(col(e.Evidence.plan_id) == plan_id)
    ).scalars()
    numbers = [int(m.group(1)) for k in keys if (m := re.fullmatch(r"EV-(\d+)", k))]
    return f"EV-{max(numbers, default=0) + 1}"


def add_evidence(*, session: Session, plan_id: int, evidence: EvidenceIn) -> None:
    """Store ``evidence`` in the plan ``plan_id``."""
    stakeholders = key_ids(session, t.Stakeholder, plan_id)
    people = key_ids(session, e.Person, plan_id)
    needs = key_ids(session, t.Need, plan_id)
    unknown = [
        *_unknown("stakeholder", [evidence.stakeholder], stakeholders),
        *_unknown("person", [evidence.person, evidence.recorded_by], people),
        *_unknown("need", evidence.needs, needs),
    ]
    if evidence.key in key_ids(session, e.Evidence, plan_id, only={evidence.key}):
        unknown.append(f"evidence {evidence.key} exists already")
    if unknown:
        raise NotFoundError("; ".join(unknown))
    insert_rows(
        session,
        e.Evidence,
        _EVIDENCE_COLUMNS,
        [
            (
                plan_id,
                evidence.key,
                json_text(evidence.i18n),
                evidence.method,
                evidence.date,
                stakeholders.get(evidence.stakeholder),
                people.get(evidence.person),
                people.get(evidence.recorded_by),
                evidence.summary,
                evidence.quote,
                evidence.personal,
            )
        ],
    )
    row = key_ids(session, e.Evidence, plan_id, only={evidence.key})[evidence.key]
    insert_rows(
        session,
        e.EvidenceNeed,
        ("evidence_id", "need_id"),
        [(row, needs[k]) for k in evidence.needs],
    )


_EVIDENCE_COLUMNS = (
    *("plan_id", "key", "i18n", "method", "date", "stakeholder_id", "person_id"),
    *("recorded_by_id", "summary", "quote", "personal"),
)


def _unknown(kind: str, keys: Sequence[str | None], known: dict[str | None, int]) -> list[str]:
    return [f"no {kind} {key!r}" for key in keys if key is not None and key not in known]


def record_progress(
    *,
    session: Session,
    plan_id: int,
    item_key: str,
    progress: ProgressUpdateIn,
    responsible: str | None = None,
) -> None:
    """Add an update of the item ``item_key``; its status becomes the update's (and its
    version is raised, as with every edit of an item). ``responsible`` (a person's key), when
    given, becomes the item's responsible person."""
    items = key_ids(session, t.Item, plan_id, only={item_key})
    people = key_ids(session, e.Person, plan_id)
    unknown = [*_unknown("item", [item_key], items), *_unknown("person", [responsible], people)]
    if unknown:
        raise NotFoundError("; ".join(unknown))
    item_id = items[item_key]
    tracked = session.get(fu.ItemProgress, item_id)
    if tracked is None:
        session.add(fu.ItemProgress(item_id=item_id, responsible_id=people.get(responsible)))
    elif responsible is not None:
        tracked.responsible_id = people[responsible]
    session.flush()
    session.add(
        fu.ProgressUpdate(
            item_id=item_id,
            date=progress.date,
            status=progress.status,
            done=progress.done,
            health=progress.health,
            note=progress.note,
        )
    )
    session.execute(
        update(t.Item)
        .where(col(t.Item.id) == item_id)
        .values(status=progress.status, version=col(t.Item.version) + 1)
    )
    session.flush()


def record_measure(
    *, session: Session, plan_id: int, measure_key: str, reading: MeasureValueIn
) -> None:
    """Add a follow-up reading of the measure ``measure_key``."""
    measures = key_ids(session, fu.Measure, plan_id, only={measure_key})
    if measure_key not in measures:
        known = ", ".join(sorted(k for k in key_ids(session, fu.Measure, plan_id) if k)) or "none"
        raise NotFoundError(f"no measure {measure_key!r} (measures: {known})")
    session.add(
        fu.MeasureValue(
            measure_id=measures[measure_key],
            date=reading.date,
            value=reading.value,
            note=reading.note,
        )
    )
    session.flush()


@dataclass
class Erased:
    """What :func:`erase_person` changed, by kind of record."""

    people: int = 0
    evidence: int = 0
    participants: int = 0
    notes: int = 0
    baselines: int = 0
    backups: list[Path] = field(default_factory=list)
    """Backup files beside the database that still hold the name."""

    @property
    def total(self) -> int:
        return self.people + self.evidence + self.participants + self.notes + self.baselines


def erase_person(*, session: Session, name: str) -> Erased:
    """Remove ``name`` from every plan of the database: people's names (their roles stay),
    evidence texts, workshop participants (renamed ``erased-<n>``, their votes kept
    anonymously), workshop notes and saved baselines. Matching ignores case and spacing."""
    wanted = name_key(name)
    if not wanted:
        raise ValueError("give the name to erase")
    pattern = re.compile(r"\s+".join(map(re.escape, wanted.split())), re.IGNORECASE)
    done = Erased()
    for person in session.execute(select(e.Person)).scalars():
        if person.name and name_key(person.name) == wanted:
            person.name = ""
            done.people += 1
    for ev in session.execute(select(e.Evidence)).scalars():
        texts = (ev.summary, ev.quote, json.dumps(ev.i18n, ensure_ascii=False))
        if any(pattern.search(x) for x in texts):
            ev.summary = pattern.sub(ERASED, ev.summary)
            ev.quote = pattern.sub(ERASED, ev.quote)
            ev.i18n = json.loads(pattern.sub(ERASED, texts[2]))
            done.evidence += 1
    for participant in session.execute(
        select(ws.WorkshopParticipant).where(col(ws.WorkshopParticipant.name_key) == wanted)
    ).scalars():
        participant.name = participant.name_key = f"erased-{participant.id}"
        done.participants += 1
    for note in session.execute(select(ws.WorkshopNote)).scalars():
        if pattern.search(note.text):
            note.text = pattern.sub(ERASED, note.text)
            done.notes += 1
    for baseline in session.execute(select(t.Baseline)).scalars():
        text = json.dumps(baseline.data, ensure_ascii=False)
        if pattern.search(text):
            baseline.data = json.loads(pattern.sub(ERASED, text))
            done.baselines += 1
    session.flush()
    return done


def backups_holding(database: Path, name: str) -> list[Path]:
    """Backup files beside the SQLite file ``database`` (``<file>.*.bak``) whose bytes still
    hold ``name`` (spaced once, as typed, in lower or upper case, or capitalised)."""
    name = " ".join(name.split())
    needles = {variant.encode() for variant in (name, name.lower(), name.upper(), name.title())}
    found = []
    for path in sorted(database.parent.glob(f"{database.name}*.bak")):
        data = path.read_bytes()
        if any(needle in data for needle in needles):
            found.append(path)
    return found
