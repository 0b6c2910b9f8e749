"""How type checkers see :mod:`roadmap.engine.records`: a :class:`Deferred` may be given in
place of the value of a field that :func:`deferred` names, so it passes for a value of any type.
"""

from collections.abc import Callable
from typing import Any, TypeVar

_T = TypeVar("_T", bound=type)

class Deferred(Any):
    make: Callable[[Any], Any]
    def __init__(self, make: Callable[[Any], Any]) -> None: ...

def deferred(*names: str) -> Callable[[_T], _T]: ...
