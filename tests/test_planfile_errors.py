"""Bad plan files: each is refused with messages naming file, line and field, and the database
stays exactly as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from roadmap.cli import cli
from roadmap.io.planfile import dump_json
from roadmap.store.db import Store
from roadmap.store.plan_read import read_plan
from roadmap.store.plan_write import write_plan
from roadmap.store.repo import list_plans
from sample_plans import small_plan

HEAD = "plan:\n  name: P\n  start_date: 2027-01-01\n"
"""Three lines of a valid plan; items start on line 4."""

BILLION_LAUGHS = HEAD + "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9) if prev else ', '.join(['lol'] * 9)}]\n"
    for prev, name in zip([None, *"abcdefgh"], "abcdefghi", strict=True)
)

CASES: dict[str, tuple[str, bytes, list[str]]] = {
    "wrong type": (
        "bad.yaml",
        (HEAD + "items:\n- key: A\n  title: a\n- key: B\n  title: b\n  effort: lots\n").encode(),
        ["bad.yaml:9: items[1] (B).effort: Input should be a valid number"],
    ),
    "wrong type in JSON": (
        "bad.json",
        b'{"plan": {"name": "P", "start_date": "2027-01-01"},\n "items": [\n'
        b'  {"key": "A", "title": "a"},\n  {"key": "B",\n   "effort": "x", "title": "b"}]}\n',
        ["bad.json:5: items[1] (B).effort: Input should be a valid number"],
    ),
    "missing field": (
        "bad.yaml",
        (HEAD + "items:\n- key: A\n  effort: 2\n").encode(),
        ["bad.yaml:5: items[0] (A).title: required, but missing"],
    ),
    "missing plan date": (
        "bad.yaml",
        b"plan:\n  name: P\n",
        ["bad.yaml:1: plan.start_date: required, but missing"],
    ),
    "unknown field": (
        "bad.yaml",
        (HEAD + "items:\n- key: A\n  title: a\n  colour: red\n").encode(),
        ["bad.yaml:7: items[0] (A).colour: not a field of this entry"],
    ),
    "duplicate item keys": (
        "bad.yaml",
        (HEAD + "items:\n- key: A\n  title: a\n- key: A\n  title: b\n").encode(),
        ["bad.yaml:7: items[1] (A).key: duplicate item key 'A'"],
    ),
    "duplicate field": (
        "bad.yaml",
        (HEAD + "items:\n- key: A\n  title: a\n  title: b\n").encode(),
        ["bad.yaml:7: 'title' is given twice (first on line 6)"],
    ),
    "duplicate field in JSON": (
        "bad.json",
        b'{"plan": {"name": "P",\n "name": "Q", "start_date": "2027-01-01"}}',
        ["bad.json:2: 'name' is given twice (first on line 1)"],
    ),
    "unknown dependency": (
        "bad.yaml",
        (HEAD + "items:\n- key: A\n  title: a\n  depends_on: [X]\n").encode(),
        ["bad.yaml:7: items[0] (A).depends_on[0]: unknown item 'X'"],
    ),
    "self-dependency": (
        "bad.yaml",
        (HEAD + "items:\n- key: A\n  title: a\n  depends_on:\n  - A\n").encode(),
        ["bad.yaml:8: items[0] (A).depends_on[0]: A depends on itself"],
    ),
    "cycle": (
        "bad.yaml",
        (
            HEAD + "items:\n- {key: A, title: a, depends_on: [C]}\n"
            "- {key: B, title: b, depends_on: [A]}\n- {key: C, title: c, depends_on: [B]}\n"
        ).encode(),
        ["bad.yaml:5: items[0] (A).depends_on: dependency cycle: A -> B -> C -> A"],
    ),
    "dependency listed twice": (
        "bad.yaml",
        (
            HEAD
            + "items:\n- {key: A, title: a}\n- key: B\n  title: b\n  depends_on:\n  - A\n  - A\n"
        ).encode(),
        ["bad.yaml:10: items[1] (B).depends_on[1]: 'A' is listed twice"],
    ),
    "key with a space": (
        "bad.yaml",
        (HEAD + "items:\n- key: CI 7\n  title: a\n").encode(),
        ["bad.yaml:5: items[0] (CI 7).key: a key starts with a letter or digit and holds only"],
    ),
    "NUL character in a title": (
        "bad.json",
        b'{"plan": {"name": "P", "start_date": "2027-01-01"},\n "items": [\n'
        b'  {"key": "A",\n   "title": "a\\u0000b"}]}\n',
        ["bad.json:4: items[0] (A).title: text contains a NUL character"],
    ),
    "bad period": (
        "bad.yaml",
        (HEAD + "items:\n- key: A\n  title: a\n  pinned_period: 2027-Q7\n").encode(),
        ["bad.yaml:7: items[0] (A).pinned_period: '2027-Q7' is not a period"],
    ),
    "NUL byte": ("bad.yaml", (HEAD + "items: []\x00\n").encode(), ["bad.yaml:4: ", "NUL byte"]),
    "truncated YAML": (
        "bad.yaml",
        (HEAD + "items:\n- key: A\n  title: 'half a tit").encode(),
        ["bad.yaml:6: ", "cut short"],
    ),
    "truncated JSON": (
        "bad.json",
        b'{"plan": {"name": "P", "start_date": "2027-01-01"},\n "items": [\n  {"key": "A", "ti',
        ["bad.json:3: Unterminated string"],
    ),
    "python tag": (
        "bad.yaml",
        (HEAD + "items: !!python/object/apply:os.system ['echo hacked']\n").encode(),
        ["bad.yaml:4: the tag !!python/object/apply:os.system is not allowed", "run code"],
    ),
    "python object tag": (
        "bad.yaml",
        (HEAD + "items:\n- !!python/object:collections.OrderedDict {}\n").encode(),
        ["bad.yaml:5: the tag !!python/object:collections.OrderedDict is not allowed"],
    ),
    "billion laughs": (
        "bad.yaml",
        BILLION_LAUGHS.encode(),
        ["bad.yaml:", "aliases expand the document to more than"],
    ),
    "recursive alias": (
        "bad.yaml",
        (HEAD + "items: &x\n- *x\n").encode(),
        ["bad.yaml:4: an alias refers to itself"],
    ),
    "invalid UTF-8": (
        "bad.yaml",
        b"plan:\n  name: P\xe4ivi\n  start_date: 2027-01-01\n",
        ["bad.yaml:2: not valid UTF-8 (byte 0xe4)"],
    ),
    "empty file": ("bad.yaml", b"\n  \n", ["bad.yaml: the file is empty"]),
    "not a mapping": ("bad.yaml", b"- plan\n- items\n", ["bad.yaml:1: ", "not a list"]),
    "NaN in JSON": (
        "bad.json",
        b'{"plan": {"name": "P", "start_date": "2027-01-01"}, "horizon": NaN}',
        ["bad.json:1: horizon: NaN is not a number a plan can hold"],
    ),
    "infinity in YAML": (
        "bad.yaml",
        (HEAD + "items:\n- key: A\n  title: a\n  effort: .inf\n").encode(),
        ["bad.yaml:7: items[0] (A).effort: .inf is not a number a plan can hold"],
    ),
    "impossible date": (
        "bad.yaml",
        b"plan:\n  name: P\n  start_date: 2027-02-30\n",
        ["bad.yaml:3: plan.start_date: 2027-02-30 is not a valid date (day is out of range"],
    ),
    "unknown suffix": ("plan.txt", b"plan: {}\n", ["plan.txt: unknown kind of file"]),
}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A database that already holds a plan."""
    path = tmp_path / "roadmap.db"
    store = Store.open(path)
    with store.write() as session:
        write_plan(session=session, doc=small_plan("kept"))
    store.close()
    return path


def snapshot(db: Path) -> list[str]:
    """Every plan in ``db`` as JSON."""
    store = Store.open(db)
    with store.read() as session:
        plans = [
            dump_json(read_plan(session=session, plan_id=p.id)) for p in list_plans(session=session)
        ]
    store.close()
    return plans


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_file_is_refused_and_nothing_changes(case: str, db: Path, tmp_path: Path) -> None:
    name, content, expected = CASES[case]
    path = tmp_path / name
    path.write_bytes(content)
    before = snapshot(db)
    result = CliRunner().invoke(cli, ["--db", str(db), "import", str(path)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    for fragment in expected:
        assert fragment.replace(name, str(path), 1) in result.stderr
    assert "nothing was imported" in result.stderr or "unknown kind" in result.stderr
    assert snapshot(db) == before


def test_many_problems_are_capped_and_counted(db: Path, tmp_path: Path) -> None:
    items = "".join(f"- {{key: K{i}, title: t, effort: x}}\n" for i in range(120))
    path = tmp_path / "many.yaml"
    path.write_text(HEAD + "items:\n" + items)
    result = CliRunner().invoke(cli, ["--db", str(db), "import", str(path)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert sum(".effort: Input should be a valid number" in line for line in lines) == 50
    assert "... and 70 more problems" in result.stderr
    assert "120 problems found; nothing was imported" in result.stderr


def test_a_write_error_leaves_nothing_behind(db: Path, tmp_path: Path, monkeypatch) -> None:
    """A failure half-way through writing rolls the whole import back."""
    from roadmap.store import plan_write

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(plan_write, "_insert_item_links", broken)
    path = tmp_path / "plan.json"
    path.write_text(dump_json(small_plan("new")))
    before = snapshot(db)
    result = CliRunner().invoke(cli, ["--db", str(db), "import", str(path)])
    assert isinstance(result.exception, RuntimeError)
    assert snapshot(db) == before


def test_large_json_names_path_and_key_without_lines(monkeypatch) -> None:
    from roadmap.io import planfile

    monkeypatch.setattr(planfile, "JSON_LINES_LIMIT", 10)
    bad = b'{"plan": {"name": "P", "start_date": "2027-01-01"},\n "items": [\n  {"key": "A"}]}'
    with pytest.raises(planfile.PlanFileError) as caught:
        planfile.parse_plan(bad, name="big.json", fmt="json")
    assert caught.value.messages == ["big.json: items[0] (A).title: required, but missing"]
    twice = b'{"plan": {"name": "P", "name": "Q", "start_date": "2027-01-01"}}'
    with pytest.raises(planfile.PlanFileError) as caught:
        planfile.parse_plan(twice, name="big.json", fmt="json")
    assert caught.value.messages == ["big.json: 'name' is given twice in one object"]


def test_every_problem_of_a_plan_file_at_once(db: Path, tmp_path: Path) -> None:
    """Impossible dates, .nan, a value listed twice, a missing and a self dependency: all in
    one run, each with its line and field."""
    path = tmp_path / "bad.yaml"
    path.write_text(
        "plan:\n  name: P\n  start_date: 2027-13-01\n"
        "items:\n"
        "- key: A\n  title: a\n  deadline: 2027-02-30\n  effort: .nan\n"
        "- key: B\n  title: b\n  depends_on: [A, A]\n"
        "- key: C\n  title: c\n  depends_on: [NOPE, C]\n"
    )
    result = CliRunner().invoke(cli, ["--db", str(db), "import", str(path)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{path}:3: plan.start_date: 2027-13-01 is not a valid date (month must be in 1..12)",
        f"{path}:7: items[0] (A).deadline: 2027-02-30 is not a valid date (day is out of range "
        "for month)",
        f"{path}:8: items[0] (A).effort: .nan is not a number a plan can hold",
        f"{path}:11: items[1] (B).depends_on[1]: 'A' is listed twice",
        f"{path}:14: items[2] (C).depends_on[0]: unknown item 'NOPE'",
        f"{path}:14: items[2] (C).depends_on[1]: C depends on itself",
        "Error: 6 problems found; nothing was imported",
    ]


def test_json_constants_are_reported_with_their_lines(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "nan.json"
    path.write_text(
        '{"plan": {"name": "P", "start_date": "2027-01-01"},\n'
        ' "items": [\n  {"key": "A", "title": "a",\n   "effort": NaN},\n'
        '  {"key": "B", "title": "b", "reach": -Infinity, "depends_on": ["X"]}]}\n'
    )
    result = CliRunner().invoke(cli, ["--db", str(db), "import", str(path)])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:3] == [
        f"{path}:4: items[0] (A).effort: NaN is not a number a plan can hold",
        f"{path}:5: items[1] (B).reach: -Infinity is not a number a plan can hold",
        f"{path}:5: items[1] (B).depends_on[0]: unknown item 'X'",
    ]


def test_keys_given_twice_are_reported_with_every_other_problem_by_line(tmp_path: Path) -> None:
    from roadmap.io.planfile import PlanFileError, load_plan

    path = tmp_path / "bad.yaml"
    path.write_text(
        HEAD
        + "items:\n- key: A\n  title: a\n  effort: lots\n"  # line 7: not a number
        + "- key: B\n  title: b\n  title: c\n"  # line 10: title given twice
        + "  depends_on: [X]\n"  # line 11: unknown item
    )
    with pytest.raises(PlanFileError) as caught:
        load_plan(path)
    messages = caught.value.messages
    assert [m.split(":")[1] for m in messages] == ["7", "10", "11"]
    assert "items[0] (A).effort: Input should be a valid number" in messages[0]
    assert "'title' is given twice (first on line 9)" in messages[1]
    assert "items[1] (B).depends_on[0]: unknown item 'X'" in messages[2]


def test_problems_are_worded_in_the_chosen_language(tmp_path: Path) -> None:
    from roadmap.i18n import set_language
    from roadmap.io.planfile import PlanFileError, load_plan

    path = tmp_path / "bad.yaml"
    path.write_text(HEAD + "items:\n- key: A\n  title: a\n  title: b\n  effort: lots\n")
    set_language("fi")
    with pytest.raises(PlanFileError) as caught:
        load_plan(path)
    assert caught.value.messages == [
        f"{path}:7: 'title' on annettu kahdesti (ensin rivillä 6)",
        f"{path}:8: items[0] (A).effort: Arvon pitää olla luku",
    ]
