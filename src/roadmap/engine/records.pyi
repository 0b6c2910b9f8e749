"""How type checkers see :mod:`roadmap.engine.records`, which builds ``__init__`` at run time.

:func:`quick_init` makes an ``__init__`` that takes the record's fields, as a dataclass's
would; a :class:`Deferred` may be given in place of the value of a field that :func:`deferred`
names, so it passes for a value of any type.
"""

from collections.abc import Callable
from typing import Any, Final, TypeVar, dataclass_transform

_T = TypeVar("_T", bound=type)

MISSING: Final[Any]

@dataclass_transform(frozen_default=True)
def quick_init(cls: _T) -> _T: ...

class Deferred(Any):
    make: Callable[[Any], Any]
    arg: Any
    def __init__(self, make: Callable[[Any], Any], arg: Any) -> None: ...

def deferred(*names: str) -> Callable[[_T], _T]: ...
