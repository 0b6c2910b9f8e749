"""Frozen records made fast: the engine makes one or more per item of a plan.

A frozen dataclass sets each field through ``object.__setattr__``, by name, to get past its
own ``__setattr__``; :func:`quick_init` gives it an ``__init__`` that sets each slot through
the slot's descriptor instead, several times faster, with the same signature and defaults.
The dataclass is made with ``init=False``, so that it does not compile an ``__init__`` of its
own only to have it replaced: that is a quarter of the time making the class takes at start-up.

>>> from dataclasses import dataclass, field
>>> @quick_init
... @dataclass(frozen=True, slots=True, init=False)
... class Point:
...     x: int
...     y: int = 0
...     tags: tuple = field(default_factory=tuple)
>>> Point(1), Point(1, 2, tags=("a",))
(Point(x=1, y=0, tags=()), Point(x=1, y=2, tags=('a',)))

A field that :func:`deferred` names may be given a :class:`Deferred` instead of its value: the
value is then worked out when the field is first read, and kept. Equality, hashing, ``repr``
and pickling read fields like anyone else, so a record cannot tell a deferred field from one
given at once.

>>> @deferred("label")
... @quick_init
... @dataclass(frozen=True, slots=True, init=False)
... class Tag:
...     key: str
...     label: str
>>> tag = Tag("a", Deferred(str.upper, "a"))
>>> tag.label, tag == Tag("a", "A")
('A', True)
"""

from __future__ import annotations

import dataclasses

MISSING = dataclasses.MISSING


def quick_init(cls: type) -> type:
    """Give ``cls``, a frozen dataclass with slots (made with ``init=False``), an ``__init__``
    that sets its slots directly."""
    space: dict[str, object] = {"MISSING": MISSING}
    params, body = [], []
    for f in dataclasses.fields(cls):
        name = f.name
        space[f"set_{name}"] = getattr(cls, name).__set__
        if f.default_factory is not MISSING:
            space[f"make_{name}"] = f.default_factory
            params.append(f"{name}=MISSING")
            body.append(f"set_{name}(self, make_{name}() if {name} is MISSING else {name})")
        elif f.default is not MISSING:
            space[f"default_{name}"] = f.default
            params.append(f"{name}=default_{name}")
            body.append(f"set_{name}(self, {name})")
        else:
            params.append(name)
            body.append(f"set_{name}(self, {name})")
    lines = "".join(f"\n    {line}" for line in body)
    exec(f"def __init__(self, {', '.join(params)}):{lines}", space)
    cls.__init__ = space["__init__"]  # type: ignore[misc]
    return cls


class Deferred:
    """A field's value worked out when first read: ``make(arg)``."""

    __slots__ = ("arg", "make")

    def __init__(self, make, arg) -> None:
        self.make, self.arg = make, arg


class _DeferredSlot:
    """A slot that works out a :class:`Deferred` value on first read and keeps the result."""

    __slots__ = ("delete", "get", "set")

    def __init__(self, slot) -> None:
        self.get, self.set, self.delete = slot.__get__, slot.__set__, slot.__delete__

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = self.get(obj)
        if type(value) is Deferred:
            value = value.make(value.arg)
            self.set(obj, value)
        return value

    def __set__(self, obj, value) -> None:
        self.set(obj, value)

    def __delete__(self, obj) -> None:
        self.delete(obj)


def deferred(*names: str):
    """Let the fields ``names`` of a record with slots take a :class:`Deferred` value.

    Apply it above :func:`quick_init`, whose ``__init__`` then still sets the slots directly.
    """

    def wrap(cls: type) -> type:
        for name in names:
            setattr(cls, name, _DeferredSlot(cls.__dict__[name]))
        return cls

    return wrap
