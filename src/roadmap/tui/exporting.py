"""The stakeholder documents of the open plan, written from the app (the export dialog's work).

The same files ``roadmap export`` writes: the plan read as a document, sequenced by the engine,
rendered per format and language by :func:`roadmap.io.export.render`. Runs in a worker thread;
the read is one short transaction. A damaged database is refused, and each file is written
whole or not at all (:mod:`roadmap.io.outfiles`).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from roadmap.store.db import Store


def write_exports(
    store: Store, plan_id: int, formats: Iterable[str], languages: Iterable[str], folder: Path
) -> list[Path]:
    """Write every format in every language into ``folder``; the paths written."""
    from roadmap.engine.sequence import sequence
    from roadmap.io.export import file_name, generated_date, render
    from roadmap.io.outfiles import Outputs
    from roadmap.store.integrity import require_sound
    from roadmap.store.plan_read import read_plan
    from roadmap.store.snapshot import load_snapshot

    require_sound(store)
    with store.read() as session:
        doc = read_plan(session=session, plan_id=plan_id)
        roadmap = sequence(load_snapshot(session=session, plan_id=plan_id))
    generated = generated_date()
    outputs = Outputs()
    with outputs.all_or_folders_removed():
        for fmt in formats:
            for lang in languages:
                data = render(fmt, doc, roadmap, lang, generated=generated)
                outputs.write_bytes(folder / file_name(doc, fmt, lang), data)
    return outputs.written
