"""An import killed half-way leaves a sound database: the plan is either absent or complete."""

from __future__ import annotations

import importlib.util
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from roadmap.io.planfile import dump_json
from roadmap.model import tables as t
from roadmap.store.db import Store
from roadmap.store.plan_read import read_plan
from roadmap.store.plan_write import write_plan
from roadmap.store.repo import list_plans
from sample_plans import small_plan

N_ITEMS = 20_000
GENERATOR = Path(__file__).resolve().parent.parent / "bench" / "generate.py"


def generated_plan(n_items: int) -> dict:
    spec = importlib.util.spec_from_file_location("generate", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate_plan(n_items, seed=7)


@pytest.mark.slow
def test_killed_import_leaves_the_plan_absent_or_complete(tmp_path: Path) -> None:
    plan = generated_plan(N_ITEMS)
    source = tmp_path / "big.json"
    source.write_text(json.dumps(plan))
    db = tmp_path / "roadmap.db"
    store = Store.open(db)
    with store.write() as session:
        write_plan(session=session, doc=small_plan("kept"))
    with store.read() as session:
        kept = dump_json(read_plan(session=session, plan_id=list_plans(session=session)[0].id))
    store.close()

    wal = db.with_name(db.name + "-wal")
    start = wal.stat().st_size if wal.exists() else 0
    process = subprocess.Popen(
        [sys.executable, "-m", "roadmap", "--db", str(db), "import", str(source)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    try:
        while process.poll() is None and time.monotonic() < deadline:
            if wal.exists() and wal.stat().st_size > start + 64 * 1024:
                break  # rows are being written
            time.sleep(0.005)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait()
    assert process.returncode == -signal.SIGKILL, "the import ended before it could be killed"

    store = Store.open(db)
    try:
        with store.read() as session:
            assert session.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
            assert session.execute(text("PRAGMA foreign_key_check")).all() == []
            plans = {p.slug: p.id for p in list_plans(session=session)}
            assert dump_json(read_plan(session=session, plan_id=plans["kept"])) == kept
            slug = plan["plan"]["slug"]
            if slug in plans:
                counts = [
                    session.execute(
                        select(func.count()).select_from(table).where(table.plan_id == plans[slug])
                    ).scalar_one()
                    for table in (t.Item, t.Dependency)
                ]
                deps = sum(
                    len(i.get("depends_on", [])) + len(i.get("soft_depends_on", []))
                    for i in plan["items"]
                )
                assert counts == [N_ITEMS, deps]
            else:
                assert set(plans) == {"kept"}
                assert session.execute(select(func.count()).select_from(t.Item)).scalar_one() == 3
    finally:
        store.close()
