"""The engine's side of the TaskJuggler comparison, run as a process of its own.

    .venv/bin/python bench/sequence_tasks.py FILE

reads a project of day-long tasks written by ``bench_engine.write_json``, sequences it and
prints ``{"makespan": days}``. It imports only what that takes, so that the process is timed
as a user would run the engine, not with the benchmark's own modules.
"""

from __future__ import annotations

import json
import sys
from datetime import date

from roadmap.engine.inputs import CriterionData, ItemData, Snapshot, TeamData
from roadmap.engine.sequence import sequence
from roadmap.model.periods import Calendar

TJ_START = date(2027, 1, 1)
VALUE = CriterionData("value", "Value", scale="0-10")
HORIZON = 3000


def main(path: str) -> None:
    with open(path, encoding="utf-8") as file:
        data = json.load(file)
    snap = Snapshot(
        Calendar(TJ_START, "day"),
        tuple(ItemData(k, effort=e, team=t, scores={"value": v}) for k, e, t, v in data["items"]),
        tuple((a, b, "hard") for a, b in data["deps"]),
        {key: TeamData(key) for key in data["teams"]},
        (VALUE,),
        horizon=HORIZON,
    )
    print(json.dumps({"makespan": sequence(snap).periods}))


if __name__ == "__main__":
    main(sys.argv[1])
