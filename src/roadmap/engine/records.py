"""Record fields whose value is worked out when first read.

The engine makes a placement and a score per item of a plan, but few readers of a large
roadmap ask why every item is where it is. A field that :func:`deferred` names may be given a
:class:`Deferred` instead of its value: the value is then worked out when the field is first
read, from the record, and kept. Equality, hashing, ``repr`` and pickling read fields like
anyone else, so a record cannot tell a deferred field from one given at once.

One :class:`Deferred` serves every record of a run: it works out each record's value from the
record itself (its key), so that a run of 100,000 items makes no object per item for it.

>>> from dataclasses import dataclass
>>> @deferred("label")
... @dataclass(frozen=True, slots=True)
... class Tag:
...     key: str
...     label: str
>>> upper = Deferred(lambda tag: tag.key.upper())
>>> tags = Tag("a", upper), Tag("b", upper)
>>> [tag.label for tag in tags], tags[0] == Tag("a", "A")
(['A', 'B'], True)
"""

from __future__ import annotations


class Deferred:
    """A field's value worked out when first read: ``make(record)``."""

    __slots__ = ("make",)

    def __init__(self, make) -> None:
        self.make = make


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
            value = value.make(obj)
            self.set(obj, value)
        return value

    def __set__(self, obj, value) -> None:
        self.set(obj, value)

    def __delete__(self, obj) -> None:
        self.delete(obj)


def deferred(*names: str):
    """Let the fields ``names`` of a frozen dataclass with slots take a :class:`Deferred`
    value: each field's slot is wrapped in a descriptor that works the value out on first read.
    """

    def wrap(cls: type) -> type:
        for name in names:
            setattr(cls, name, _DeferredSlot(cls.__dict__[name]))
        return cls

    return wrap
