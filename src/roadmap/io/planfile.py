"""Plan files: YAML and JSON plan documents read into a validated :class:`PlanDoc`, and written.

Reading trusts nothing in the file. A YAML document of plain data written out once (no
anchors, aliases, tags or repeated keys: what people and the writer below produce) is built
straight from the parser's events. Any other is composed with a safe loader and its node tree
checked before anything is built from it: only plain data tags, no recursive aliases, and no
aliases that expand the document beyond :data:`MAX_NODES` values (the "billion laughs"). Every
problem -- undecodable bytes, syntax, wrong types, missing fields, unknown references,
dependency cycles -- becomes a message that names the file, the line and the field, such as
``plan.yaml:42: items[3] (CI-4).effort: Input should be a valid number``, and all of them are
raised together as :class:`PlanFileError`.

JSON is parsed with :mod:`json` and validated directly, which keeps large files fast; only when
something is wrong is the text composed once more as YAML (JSON is YAML) to find the lines.

Writing is deterministic: fields in model order, defaults left out, the same bytes for the same
plan. YAML uses block style and literal blocks for multi-line texts; JSON is indented by two.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import ValidationError

from roadmap.i18n import _
from roadmap.i18n.validation import error_message
from roadmap.model.inputs import FORMAT, Loc, PlanDoc, Problem, check_references
from roadmap.model.partial import partial_doc
from roadmap.model.storable import storage_problems

MAX_NODES = 5_000_000
"""Most values a YAML document may expand to through aliases (a 100k-item plan has ~3M)."""

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
if TYPE_CHECKING:  # the C dumper, where PyYAML has one, dumps as the pure-Python one
    _DUMPER = yaml.SafeDumper
else:
    _DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_STD = "tag:yaml.org,2002:"
_PLAIN_TAGS = {
    _STD + name for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
}
_MERGE = _STD + "merge"
_TIMESTAMPS = yaml.constructor.SafeConstructor()
Locate = Callable[[Loc], int | None]
"""Line of a path into the document, or ``None`` when it cannot be found."""


class PlanFileError(ValueError):
    """A plan file that cannot be read; ``messages`` names every problem found."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


def file_format(path: str | Path) -> str:
    """``yaml``, ``json``, ``csv`` or ``xlsx`` by the file's suffix."""
    suffix = Path(path).suffix.lower()
    formats = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".csv": "csv", ".xlsx": "xlsx"}
    if suffix not in formats:
        raise PlanFileError(
            [_("{path}: unknown kind of file; use .yaml, .yml, .json, .csv or .xlsx", path=path)]
        )
    return formats[suffix]


def read_bytes(path: str | Path) -> bytes:
    """The bytes of ``path`` (``-`` for standard input), or :class:`PlanFileError`."""
    if str(path) == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise PlanFileError(
            [_("{path}: cannot be read: {why}", path=path, why=exc.strerror or exc)]
        ) from None


def load_plan(path: str | Path) -> PlanDoc:
    """Read, validate and check the plan file ``path``; ``-`` reads YAML or JSON from stdin."""
    data = read_bytes(path)
    name = str(path)
    if name == "-":
        name = "<stdin>"
        fmt = "json" if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") else "yaml"
    else:
        fmt = file_format(path)
        if fmt in ("csv", "xlsx"):
            raise PlanFileError(
                [_("{name}: a spreadsheet holds items, not a whole plan", name=name)]
            )
    return parse_plan(data, name=name, fmt=fmt)


def parse_plan(data: bytes, *, name: str, fmt: str) -> PlanDoc:
    """A checked plan document from the bytes of a YAML or JSON file called ``name``."""
    text = decode_text(data, name)
    return _parse(text, name, fmt)


def _parse(text: str, name: str, fmt: str) -> PlanDoc:
    parse = _parse_json if fmt == "json" else _parse_yaml
    raw, locate, bad, said = parse(text, name)
    if not isinstance(raw, dict):
        message = (
            _("{where}: a plan file holds a mapping (plan:, items: ...), not a list")
            if isinstance(raw, list)
            else _("{where}: a plan file holds a mapping (plan:, items: ...), not a single value")
        )
        raise PlanFileError([message.format(where=f"{name}:1")])
    try:
        doc = PlanDoc.model_validate(raw)
    except ValidationError as exc:
        problems = [p for p in validation_problems(exc) if not _covered(p.loc, bad)]
        partial, plan_valid = partial_doc(raw)
        problems += check_references(partial)
        if plan_valid:
            problems += storage_problems(partial)
    else:
        problems = check_references(doc) or storage_problems(doc)
    problems = bad + problems
    if problems or said:
        raise PlanFileError(located(problems, raw, name, locate(), said))
    return doc


def _covered(loc: Loc, bad: list[Problem]) -> bool:
    """Whether ``loc`` lies at or inside a value already reported as unreadable."""
    return any(loc[: len(b.loc)] == b.loc for b in bad)


def check_bytes(data: bytes, name: str) -> None:
    """Refuse an empty file, or one with NUL bytes (not text at all)."""
    if not data.strip():
        raise PlanFileError([_("{name}: the file is empty", name=name)])
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise PlanFileError(
            [_("{where}: the file contains a NUL byte; is it a text file?", where=f"{name}:{line}")]
        )


def decode_text(data: bytes, name: str) -> str:
    """``data`` as UTF-8 text (a byte order mark is dropped), or :class:`PlanFileError`."""
    check_bytes(data, name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise PlanFileError(
            [
                _(
                    "{where}: not valid UTF-8 (byte {byte}); save the file with UTF-8 encoding",
                    where=f"{name}:{line}",
                    byte=format(data[exc.start], "#04x"),
                )
            ]
        ) from None


def located(
    problems: list[Problem],
    raw: Any,
    name: str,
    locate: Locate,
    said: list[tuple[int, str]] = (),  # type: ignore[assignment]
) -> list[str]:
    """Messages ``file:line: path: message`` for problems found in the document ``raw``, with
    the messages ``said`` already (by line), all ordered by line."""
    out = list(said)
    for problem in problems:
        line = locate(problem.loc)
        where = f"{name}:{line}" if line else name
        path = describe(problem.loc, raw)
        text = f"{where}: {path}: {problem.message}" if path else f"{where}: {problem.message}"
        out.append((line or 0, text))
    return [text for _line, text in sorted(out, key=lambda pair: pair[0])]


def describe(loc: Loc, raw: Any) -> str:
    """``items[3] (CI-4).effort``: a path with the key of each keyed row it passes through."""
    out, node = "", raw
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
            node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            if isinstance(node, dict) and isinstance(node.get("key"), str):
                out += f" ({node['key']})"
        else:
            out += f".{part}" if out else str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return out


def validation_problems(exc: ValidationError) -> list[Problem]:
    """Pydantic's errors as problems, one per place (alternatives of a union joined)."""
    merged: dict[Loc, list[str]] = {}
    for error in exc.errors(include_url=False):
        loc = _strip_union_tags(error["loc"])
        message = error_message(error)
        if message not in merged.setdefault(loc, []):
            merged[loc].append(message)
    return [Problem(loc, _("; or ").join(messages)) for loc, messages in merged.items()]


def _strip_union_tags(loc: tuple) -> Loc:
    """Drop the names pydantic gives the branches of a union (``pinned_period.int``)."""
    parts = list(loc)
    while parts and isinstance(parts[-1], str) and ("[" in parts[-1] or parts[-1] in _BRANCHES):
        parts.pop()
    return tuple(parts)


_BRANCHES = {"int", "str", "float", "bool", "none", "constrained-str", "list", "dict"}


# -- JSON


Parsed = tuple[Any, Callable[[], Locate], list[Problem], list[tuple[int, str]]]
"""A document, its line finder, its unreadable values, and messages (by line) said of it
already: keys given twice, which do not stop the rest of the document being checked."""


def _parse_json(text: str, name: str) -> Parsed:
    repeated: list[str] = []
    constants: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(items)
        if len(obj) != len(items):
            repeated.extend(k for k in obj if sum(1 for key, _value in items if key == k) > 1)
        return obj

    def constant(value: str) -> _Unreadable:
        constants.append(value)
        return _Unreadable(_("{value} is not a number a plan can hold", value=value))

    try:
        raw = json.loads(text, object_pairs_hook=pairs, parse_constant=constant)
    except json.JSONDecodeError as exc:
        raise PlanFileError([f"{name}:{exc.lineno}: {exc.msg} (column {exc.colno})"]) from None
    except RecursionError:
        raise PlanFileError([_("{name}: the document is nested too deeply", name=name)]) from None
    said: list[tuple[int, str]] = []
    if repeated:
        root = _compose(text)
        if root is not None:
            _check_nodes(root, name, {}, said)
        else:
            said = [
                (0, _("{name}: {key} is given twice in one object", name=name, key=repr(key)))
                for key in repeated
            ]

    def locate() -> Locate:
        root = _compose(text)
        return _locator(root) if root is not None else lambda loc: None

    bad = _unreadable(raw) if constants else []
    return raw, locate, bad, said


class _Unreadable(str):
    """A JSON value no plan can hold (``NaN``, ``Infinity``), kept where it was written so
    that its path can be reported; its text says what is wrong."""


def _unreadable(raw: Any) -> list[Problem]:
    """Every :class:`_Unreadable` value in ``raw``, by path; each is replaced by ``None``."""
    found: list[Problem] = []
    stack: list[tuple[Any, Loc]] = [(raw, ())]
    while stack:
        node, loc = stack.pop()
        pairs = node.items() if isinstance(node, dict) else enumerate(node)
        for part, value in pairs:
            if isinstance(value, _Unreadable):
                found.append(Problem((*loc, part), str(value)))
                node[part] = None
            elif isinstance(value, dict | list):
                stack.append((value, (*loc, part)))
    return found


JSON_LINES_LIMIT = 2_000_000
"""Largest JSON text (in characters) read a second time to give the lines of its problems;
larger files name the path and keys only (reading 25 MB as YAML takes tens of seconds)."""


def _compose(text: str) -> yaml.Node | None:
    """The node tree of a JSON text, read as YAML to learn its lines; ``None`` if it cannot."""
    if len(text) > JSON_LINES_LIMIT:
        return None
    try:
        return _LOADER(text).get_single_node()
    except yaml.YAMLError:
        return None


# -- YAML


def _parse_yaml(text: str, name: str) -> Parsed:
    raw = _plain_yaml(text)
    if raw is not _NOT_PLAIN:
        return raw, lambda: _locator(_single_node(text)), [], []
    return _parse_yaml_nodes(text, name)


_NOT_PLAIN = object()
"""What :func:`_plain_yaml` returns for a document it leaves to the node-by-node reading."""

_EVENT_CONTAINERS = {yaml.MappingStartEvent: dict, yaml.SequenceStartEvent: list}
_EVENT_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _plain_yaml(text: str) -> Any:
    """The data of a YAML document built straight from the parser's events, or
    :data:`_NOT_PLAIN` when it holds anything but plain data written out once.

    This is the fast path for a valid file, several times quicker than composing a node tree:
    no node objects, no second walk. The first anchor, alias, explicit tag, repeated or
    non-text key, unreadable scalar or syntax error gives up, and
    :func:`_parse_yaml_nodes` reads the document again to refuse or report it with lines.
    """
    loader = _LOADER(text)
    try:
        return _build_from_events(loader)
    except (yaml.YAMLError, ValueError, _GiveUp):
        return _NOT_PLAIN
    finally:
        loader.dispose()


class _GiveUp(Exception):
    """The document is not plain data written out once (see :func:`_plain_yaml`)."""


_NO_KEY = object()


def _build_from_events(loader: Any) -> Any:
    events = loader.get_event
    if not isinstance(events(), yaml.StreamStartEvent) or not loader.check_event(
        yaml.DocumentStartEvent
    ):
        raise _GiveUp
    events()
    resolve = loader.resolve
    stack: list[Any] = []
    keys: list[Any] = []
    plain: dict[str, Any] = {}  # each unquoted text's value, worked out once: keys and codes recur
    while True:
        event = events()
        kind = type(event)
        if kind is yaml.DocumentEndEvent:
            break
        if isinstance(event, _EVENT_ENDS):
            value = stack.pop()
            keys.pop()
        elif kind is yaml.AliasEvent or event.anchor is not None or event.tag not in (None, "!"):
            raise _GiveUp
        elif kind is yaml.ScalarEvent:
            if not event.implicit[0]:  # quoted: always text
                value = event.value
            elif (value := plain.get(event.value, _NO_KEY)) is _NO_KEY:
                tag = resolve(yaml.ScalarNode, event.value, event.implicit)
                value = plain[event.value] = _scalar(loader, tag, event)
        else:
            stack.append(_EVENT_CONTAINERS[kind]())
            keys.append(_NO_KEY)
            continue
        if not stack:
            root = value
        elif type(top := stack[-1]) is list:
            top.append(value)
        elif keys[-1] is _NO_KEY:
            if type(value) is not str or value in top:
                raise _GiveUp
            keys[-1] = value
        else:
            top[keys[-1]] = value
            keys[-1] = _NO_KEY
    if not loader.check_event(yaml.StreamEndEvent):
        raise _GiveUp
    return root


def _scalar(loader: Any, tag: str, event: yaml.ScalarEvent) -> Any:
    """The value of a plain scalar of the resolved ``tag``, or :class:`_GiveUp`."""
    if tag == _STD + "str":
        return event.value
    node = yaml.ScalarNode(tag, event.value)
    if tag not in _PLAIN_TAGS or _scalar_problem(node) is not None:
        raise _GiveUp
    return loader.yaml_constructors[tag](loader, node)


def _single_node(text: str) -> yaml.Node:
    """The node tree of a YAML document already read once without error."""
    loader = _LOADER(text)
    try:
        root = loader.get_single_node()
        assert root is not None  # an empty document is not plain: it was read node by node
        return root
    finally:
        loader.dispose()


def _parse_yaml_nodes(text: str, name: str) -> Parsed:
    """The precise reading: the node tree composed and checked before anything is built."""
    loader = _LOADER(text)
    try:
        try:
            root = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            raise PlanFileError([_yaml_message(exc, name)]) from None
        except yaml.YAMLError as exc:
            raise PlanFileError([f"{name}: {exc}"]) from None
        if root is None:
            raise PlanFileError([_("{name}: the file holds no document", name=name)])
        unreadable: dict[int, tuple[yaml.Node, str]] = {}
        said: list[tuple[int, str]] = []
        problems = _check_nodes(root, name, unreadable, said)
        if problems:
            raise PlanFileError(problems)
        bad = _paths_of(root, unreadable) if unreadable else []
        raw = loader.construct_document(root)
    finally:
        loader.dispose()
    return raw, lambda: _locator(root), bad, said


def _paths_of(root: yaml.Node, nodes: dict[int, tuple[yaml.Node, str]]) -> list[Problem]:
    """Problems at the paths of the scalar ``nodes`` (by id: node and message), which are
    made nulls so that the rest of the document can be read and checked."""
    found: list[Problem] = []
    stack: list[tuple[yaml.Node, Loc]] = [(root, ())]
    while stack and len(found) < len(nodes):
        node, loc = stack.pop()
        if id(node) in nodes:
            found.append(Problem(loc, nodes[id(node)][1]))
        elif isinstance(node, yaml.MappingNode):
            stack.extend((value, (*loc, key.value)) for key, value in node.value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((value, (*loc, i)) for i, value in enumerate(node.value))
    for node, _message in nodes.values():
        node.tag = _STD + "null"
    return found


def _yaml_message(exc: yaml.MarkedYAMLError, name: str) -> str:
    mark = exc.problem_mark or exc.context_mark
    where = f"{name}:{mark.line + 1}" if mark else name
    what = ": ".join(x for x in (exc.context, exc.problem) if x)
    cut = _(" (is the file cut short?)") if "end of stream" in (exc.problem or "") else ""
    return f"{where}: {what}{cut}"


def _check_nodes(
    root: yaml.Node,
    name: str,
    unreadable: dict[int, tuple[yaml.Node, str]],
    repeated: list[tuple[int, str]],
) -> list[str]:
    """Problems of a composed YAML document that must be refused before it is constructed.

    Aliases make one node appear in several places; the size a collection expands to is
    counted once per node (scalars count one), so a "billion laughs" is found without
    expanding it. Scalars no plan can hold (impossible dates, ``.nan``) are not refused here
    but put in ``unreadable`` (by id: the node and what is wrong), to be reported with the
    rest of the document's problems; so are keys given twice in one mapping, put in
    ``repeated`` (by line: the later value is read, the message names both lines).
    """
    problems: list[str] = []
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack and not problems:
        node, finished = stack.pop()
        key = id(node)
        if isinstance(node, yaml.ScalarNode):
            problems.extend(_node_problems(node, name, repeated))
            wrong = _scalar_problem(node)
            if wrong:
                unreadable[key] = (node, wrong)
        elif finished:
            open_nodes.discard(key)
            sizes[key] = 1 + sum(sizes.get(id(child), 1) for child in _children(node))
            if sizes[key] > MAX_NODES:
                return [
                    _(
                        "{where}: aliases expand the document to more than {n} values; write "
                        "the repeated parts out instead",
                        where=f"{name}:{node.start_mark.line + 1}",
                        n=format(MAX_NODES, ","),
                    )
                ]
        elif key in open_nodes:
            return [
                _("{where}: an alias refers to itself", where=f"{name}:{node.start_mark.line + 1}")
            ]
        elif key not in sizes:
            open_nodes.add(key)
            problems.extend(_node_problems(node, name, repeated))
            stack.append((node, True))
            stack.extend((child, False) for child in _children(node))
    return problems


def _scalar_problem(node: yaml.ScalarNode) -> str | None:
    """What is wrong with a scalar no plan can hold, else ``None``."""
    if node.tag == _STD + "float" and node.value.lower().lstrip("+-") in (".inf", ".nan"):
        return _("{value} is not a number a plan can hold", value=node.value)
    if node.tag == _STD + "timestamp":
        try:
            _TIMESTAMPS.construct_yaml_timestamp(node)
        except ValueError as exc:
            return _("{value} is not a valid date ({why})", value=node.value, why=exc)
    return None


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return node.value
    return []


def _node_problems(node: yaml.Node, name: str, repeated: list[tuple[int, str]]) -> list[str]:
    at = f"{name}:{node.start_mark.line + 1}"
    if node.tag not in _PLAIN_TAGS and node.tag != _MERGE:
        tag = node.tag.replace(_STD, "!!")
        if tag.startswith("!!python"):
            why = _("{where}: the tag {tag} is not allowed in a plan file (it would run code)")
        else:
            why = _("{where}: the tag {tag} is not allowed in a plan file (it is not plain data)")
        return [why.format(where=at, tag=tag)]
    if isinstance(node, yaml.ScalarNode):
        return []
    if not isinstance(node, yaml.MappingNode):
        return []
    problems: list[str] = []
    first: dict[str, int] = {}
    for key, _value in node.value:
        line = key.start_mark.line + 1
        if not isinstance(key, yaml.ScalarNode):
            problems.append(
                _("{where}: a mapping key must be a plain name", where=f"{name}:{line}")
            )
        elif key.tag != _MERGE and key.value in first:
            repeated.append(
                (
                    line,
                    _(
                        "{where}: {key} is given twice (first on line {first})",
                        where=f"{name}:{line}",
                        key=repr(key.value),
                        first=first[key.value],
                    ),
                )
            )
        else:
            first.setdefault(key.value, line)
    return problems


def _locator(root: yaml.Node) -> Locate:
    def locate(loc: Loc) -> int | None:
        node, line = root, root.start_mark.line + 1
        for part in loc:
            if isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if not 0 <= part < len(node.value):
                    break
                node = node.value[part]
                line = node.start_mark.line + 1
            elif isinstance(node, yaml.MappingNode):
                match = [(k, v) for k, v in node.value if getattr(k, "value", None) == str(part)]
                if not match:
                    break
                key, node = match[-1]
                line = key.start_mark.line + 1
            else:
                break
        return line

    return locate


# -- writing


def plain_data(doc: PlanDoc) -> dict[str, Any]:
    """``doc`` as plain Python data without default values (dates stay dates), in the newest
    format whatever format it was read from."""
    return {"format": FORMAT, **doc.model_dump(exclude_defaults=True, exclude=_FORMAT)}


def dump_yaml(doc: PlanDoc) -> str:
    """``doc`` as a YAML plan file."""
    return yaml.dump(
        plain_data(doc),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )


def dump_json(doc: PlanDoc) -> str:
    """``doc`` as a JSON plan file (indent 2, non-ASCII kept, ending in a newline)."""
    body = doc.model_dump_json(indent=2, exclude_defaults=True, exclude=_FORMAT)
    return '{\n  "format": ' + json.dumps(FORMAT) + ",\n" + body[2:] + "\n"


_FORMAT = {"format"}
"""Written first, as the newest format, by the writers themselves."""


class _Dumper(_DUMPER):
    """Safe dumping; texts with line breaks become literal blocks."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar(_STD + "str", value, style=style)


_Dumper.add_representer(str, _represent_str)
