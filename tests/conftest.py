"""Shared fixtures: stores on SQLite and, where a server answers, on PostgreSQL.

PostgreSQL tests use the server named by ``ROADMAP_TEST_PG_URL`` (by default the local one on
127.0.0.1:5432, database ``test``), each test in a schema of its own. Without a server they
are skipped with the reason shown, unless ``ROADMAP_REQUIRE_PG=1`` turns that into a failure.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text

from roadmap.i18n import set_language
from roadmap.store.db import Store

# Compiled message catalogs go to a cache of the test runs, not the user's own.
os.environ.setdefault(
    "ROADMAP_CACHE_DIR", str(Path(tempfile.gettempdir()) / f"roadmap-test-catalogs-{os.getuid()}")
)
os.environ.setdefault("ROADMAP_TODAY", "2027-01-04")
"""One today for every test (see roadmap.clock), so that Now / Next / Later and every date
that depends on the day stay as the golden files and snapshots have them."""

# The interface speaks English in tests, whatever the locale or saved choice of the machine;
# tests of the choice pass their own environment.
os.environ["ROADMAP_LANG"] = "en"


@pytest.fixture(autouse=True)
def _english_interface() -> Iterator[None]:
    """Each test starts in English; a test that switches the language leaves no trace."""
    set_language("en")
    yield
    set_language("en")


PG_URL = os.environ.get("ROADMAP_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
ROOT = Path(__file__).resolve().parent.parent
DEMO_DIR = ROOT / "data" / "demo"


def _pg_problem() -> str | None:
    try:
        engine = create_engine(PG_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("select 1"))
        engine.dispose()
    except Exception as exc:  # any failure to connect means: no server here
        return f"PostgreSQL not reachable at {PG_URL}: {type(exc).__name__}"
    return None


_PG_PROBLEM: str | bool | None = False


def pg_problem() -> str | None:
    global _PG_PROBLEM
    if _PG_PROBLEM is False:
        _PG_PROBLEM = _pg_problem()
    return _PG_PROBLEM  # type: ignore[return-value]


def require_pg() -> None:
    """Skip (or fail, under ``ROADMAP_REQUIRE_PG=1``) when no PostgreSQL server answers."""
    problem = pg_problem()
    if problem:
        if os.environ.get("ROADMAP_REQUIRE_PG") == "1":
            pytest.fail(f"ROADMAP_REQUIRE_PG=1 but {problem}")
        pytest.skip(problem)


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A URL of a fresh, empty PostgreSQL schema, dropped after the test."""
    require_pg()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in PG_URL else "?"
    yield f"{PG_URL}{sep}options={quote(f'-csearch_path={schema}')}"
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'roadmap.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def db_url(request: pytest.FixtureRequest) -> str:
    """Each test that takes this runs once on SQLite and once on PostgreSQL."""
    name = "sqlite_url" if request.param == "sqlite" else "pg_url"
    return request.getfixturevalue(name)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """An empty, migrated store on each backend."""
    opened = Store.open(db_url)
    yield opened
    opened.close()


@pytest.fixture
def sqlite_store(sqlite_url: str) -> Iterator[Store]:
    opened = Store.open(sqlite_url)
    yield opened
    opened.close()


@pytest.fixture(autouse=True)
def _interface_in_english():
    """Each test starts with the interface in English, whatever language a test before it chose
    in the same worker."""
    from roadmap.i18n import set_language

    set_language("en")
    yield
