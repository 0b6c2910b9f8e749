"""What the message catalogs add to a start: compiled on first use, then read from the cache.

A fresh interpreter per run words one message in Finnish through :mod:`roadmap.i18n`:

floor
    The interpreter importing :mod:`roadmap.i18n` and reading and hashing the Finnish PO file,
    which every start does to find its compiled catalog: nothing can be faster.
warm
    The same with the compiled catalog in the cache, as every start after the first.
cold
    The same with an empty cache: Babel reads the PO file, compiles it and stores the result,
    as the first start after installing or editing a catalog.

Best of a few runs each, in milliseconds, beside the floor. Run:
``.venv/bin/python bench/bench_catalogs.py [RUNS]``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.machine import compile_package  # noqa: E402

FLOOR = (
    "import hashlib, roadmap.i18n\n"
    "from roadmap.i18n.catalogs import po_path\n"
    "hashlib.sha256(po_path('fi').read_bytes()).hexdigest()"
)
WORD = (
    "from roadmap.i18n import _, set_language\n"
    "set_language('fi')\n"
    "assert _('Contents') == 'Sisällys'"
)


def _run(code: str, cache: Path) -> float:
    env = {**os.environ, "ROADMAP_CACHE_DIR": str(cache)}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
    return time.perf_counter() - start


def main(runs: int = 7) -> None:
    compile_package()
    with tempfile.TemporaryDirectory() as tmp:
        warm_cache = Path(tmp) / "warm"
        _run(WORD, warm_cache)
        floor = min(_run(FLOOR, warm_cache) for _ in range(runs))
        warm = min(_run(WORD, warm_cache) for _ in range(runs))
        cold = min(_run(WORD, Path(tmp) / f"cold{i}") for i in range(runs))
    print(f"{'start-up':<10}{'ms':>8}{'over floor ms':>15}")
    for name, seconds in (("floor", floor), ("warm", warm), ("cold", cold)):
        print(f"{name:<10}{seconds * 1000:>8.1f}{(seconds - floor) * 1000:>15.1f}")


if __name__ == "__main__":
    main(*(int(arg) for arg in sys.argv[1:2]))
