"""``roadmap check`` on the records that documents print: their texts in every language."""

from __future__ import annotations

from pathlib import Path

from roadmap.model.check import check_plan
from roadmap.model.inputs import PlanDoc
from roadmap.store.check import check_stored
from roadmap.store.db import Store
from roadmap.store.plan_write import write_plan

DOC = {
    "format": "roadmap/2",
    "plan": {"name": "P", "start_date": "2027-01-01", "languages": ["fi", "en"],
             "i18n": {"en": {"name": "P"}}},
    "people": [{"key": "p1", "role": "Projektipäällikkö"},
               {"key": "p2", "role": "Arkkitehti", "i18n": {"en": {"role": "Architect"}}}],
    "goals": [{"key": "G", "text": "Tieto liikkuu",
               "measures": [{"key": "M", "name": "Osuus", "unit": "%"}]}],
    "perspectives": [{"key": "P", "name": "Saatavuus", "levels": ["1", "2", "3", "4", "5"],
                      "i18n": {"en": {"name": "Availability"}}}],
    "evidence": [{"key": "E", "method": "interview", "date": "2026-10-01", "summary": "Ei"}],
}  # fmt: skip


def test_untranslated_texts_of_printed_records_are_warned_alike_in_files_and_stores(
    tmp_path: Path,
) -> None:
    doc = PlanDoc.model_validate(DOC)
    found = [str(f) for f in check_plan(doc) if "translation" in f.message]
    assert found == [
        "warning: person p1: no en translation of role",
        "warning: goal G: no en translation of text",
        "warning: measure M: no en translation of name",
    ]
    store = Store.open(tmp_path / "p.db")
    with store.write() as session:
        plan_id = write_plan(session=session, doc=doc).id
    with store.read() as session:
        stored = [str(f) for f in check_stored(session=session, plan_id=plan_id)]
    store.close()
    assert stored == [str(f) for f in check_plan(doc)]
