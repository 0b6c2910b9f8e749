"""Field types shared by the input models: keys, texts, translations, located problems.

Kept apart from :mod:`roadmap.model.inputs` so that the models of each part of a plan document
(its rows there, the evidence-to-follow-up records in :mod:`roadmap.model.evidence`) build on
the same checked types.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, GetCoreSchemaHandler, StringConstraints
from pydantic_core import core_schema

from roadmap.model.enums import Language


@dataclass(frozen=True, slots=True)
class _Matches:
    """A string constraint checked by pydantic-core's own regex engine, with our message.

    A Python validator per key or text costs a 100,000-item import about a fifth of its
    validation; this check runs without leaving pydantic-core.
    """

    pattern: str
    kind: str
    message: str

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> Any:
        check = core_schema.custom_error_schema(
            core_schema.str_schema(pattern=self.pattern),
            custom_error_type=self.kind,
            custom_error_message=self.message,
        )
        return core_schema.chain_schema([handler(source), check])


_KEY = _Matches(
    r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$",
    "key",
    "a key starts with a letter or digit and holds only letters, digits, '-', '_' and '.'",
)
_NO_NUL = _Matches(r"^[^\x00]*$", "text", "text contains a NUL character")

Key = Annotated[str, StringConstraints(min_length=1, max_length=200), _KEY]
Text = Annotated[str, StringConstraints(max_length=100_000), _NO_NUL]
Name = Annotated[str, StringConstraints(min_length=1, max_length=500), _NO_NUL]
Tag = Annotated[str, StringConstraints(min_length=1, max_length=100), _NO_NUL]
I18n = dict[Language, dict[str, Text]]
Period = int | str
"""A period index or label (``2027-Q2``, ``2027-03``); resolved against the plan's calendar."""


def enum_default(value: StrEnum) -> Any:
    """``value`` as a field's default: its plain value, as a given value is stored.

    Defaults are not validated: validating them costs a 100,000-item import about a quarter of
    its validation.
    """
    return value.value


class In(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=True, allow_inf_nan=False)


class Translated(In):
    i18n: I18n = Field(default_factory=dict)


Loc = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with a plan document, located by its path in the document."""

    loc: Loc
    message: str

    def where(self) -> str:
        """The path as people read it: ``items[3].depends_on[0]``."""
        out = ""
        for part in self.loc:
            out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
        return out
