"""The stakeholder documents of a plan: one pipeline for ``roadmap export`` and the app's
export dialog.

The plan is read as a document in one short transaction, sequenced once, compared with a
saved baseline when one is named, and rendered per format and language by
:func:`roadmap.io.export.render`. The same data, baseline and date give byte-identical files,
whichever face asked for them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from roadmap.model.inputs import PlanDoc
from roadmap.store.db import Store
from roadmap.store.repo import NotFoundError

if TYPE_CHECKING:
    from roadmap.engine.baseline import Change
    from roadmap.engine.result import Roadmap
    from roadmap.io.outfiles import Outputs

__all__ = ["ExportInput", "NotFoundError", "load_for_export", "write_exports", "write_loaded"]


@dataclass(frozen=True, slots=True)
class ExportInput:
    """What the documents are made of: the plan, its roadmap and the changes since a baseline."""

    doc: PlanDoc
    roadmap: Roadmap
    baseline: str | None
    changes: tuple[Change, ...]


def load_for_export(store: Store, plan_id: int, *, baseline: str | None = None) -> ExportInput:
    """Read plan ``plan_id`` and sequence it; with ``baseline``, also what moved since that
    saved roadmap (:class:`~roadmap.store.repo.NotFoundError` when it has none of that name).
    """
    from roadmap.engine.from_doc import snapshot_of
    from roadmap.engine.sequence import sequence
    from roadmap.store.plan_read import read_plan

    with store.read() as session:
        doc = read_plan(session=session, plan_id=plan_id)
        roadmap = sequence(snapshot_of(doc))
        changes: tuple[Change, ...] = ()
        if baseline is not None:
            from roadmap.engine.baseline import diff
            from roadmap.store.baselines import load_baseline

            before = load_baseline(session=session, plan_id=plan_id, name=baseline)
            changes = tuple(diff(before, roadmap))
    return ExportInput(doc, roadmap, baseline, changes)


def write_exports(
    store: Store,
    plan_id: int,
    formats: Iterable[str],
    languages: Iterable[str] | None,
    folder: Path,
    *,
    baseline: str | None = None,
    generated: date | None = None,
) -> list[Path]:
    """Write every format in every language (``None``: the plan's own) into ``folder``; the
    paths written, in that order. A damaged database is refused, and the files are written
    whole, all of them or (with the folders made for them) none. ``generated`` is the date the
    documents say they were made (default: ``$SOURCE_DATE_EPOCH`` as a UTC date, else today).
    """
    from roadmap.io.outfiles import Outputs
    from roadmap.store.integrity import require_sound

    require_sound(store)
    loaded = load_for_export(store, plan_id, baseline=baseline)
    outputs = Outputs()
    with outputs.all_or_folders_removed():
        write_loaded(loaded, formats, languages, folder, generated=generated, outputs=outputs)
    return outputs.written


def write_loaded(
    loaded: ExportInput,
    formats: Iterable[str],
    languages: Iterable[str] | None,
    folder: Path,
    *,
    outputs: Outputs,
    generated: date | None = None,
    done: Callable[[Path], object] | None = None,
) -> list[Path]:
    """:func:`write_exports` of a plan already loaded, each file through ``outputs``;
    ``done`` is told of each file once written."""
    from roadmap.io.export import (
        FOLLOW_UP,
        file_name,
        follow_up_file_name,
        generated_date,
        render,
        render_follow_up,
    )

    codes = list(languages) if languages is not None else list(loaded.doc.plan.languages)
    when = generated_date(generated)
    jobs = [(fmt, render, file_name) for fmt in dict.fromkeys(formats) if fmt != "follow-up"]
    if "follow-up" in formats:  # the follow-up report on its own, in each of its formats
        jobs += [(fmt, render_follow_up, follow_up_file_name) for fmt in FOLLOW_UP]
    paths = []
    for fmt, make, name in jobs:
        for code in codes:
            data = make(
                fmt,
                loaded.doc,
                loaded.roadmap,
                code,
                generated=when,
                baseline=loaded.baseline,
                changes=loaded.changes,
            )
            path = outputs.write_bytes(folder / name(loaded.doc, fmt, code), data)
            paths.append(path)
            if done is not None:
                done(path)
    return paths
