"""A plan document made of whatever validates, so that one run can name every problem.

When some rows of a file fail validation, the references of all the others (and the references
the failed rows make) still deserve checking: a missing dependency should be reported in the
same run as a value listed twice. :func:`partial_doc` builds a document in which each row that
fails is replaced by a *placeholder*: an unvalidated row holding only its key and the references
that have the right shape. :func:`~roadmap.model.inputs.check_references` can then run over it
without reporting the failed rows' own problems a second time.
"""

from __future__ import annotations

import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from roadmap.model.inputs import NeedIn, PlanDoc, PlanIn, SourceAccessIn

M = TypeVar("M", bound=BaseModel)

_NESTED: dict[str, type[BaseModel]] = {"needs": NeedIn, "sources": SourceAccessIn}
"""Lists of rows inside a stakeholder, which hold keys of their own."""


def placeholder(model: type[M], data: dict[str, Any]) -> M | None:
    """A row of ``model`` standing for ``data``, which failed validation: its key, and the
    fields whose values are plain text or lists of text; ``None`` without a usable key."""
    if "key" in model.model_fields and not isinstance(data.get("key"), str):
        return None
    clean: dict[str, Any] = {}
    for name in model.model_fields:
        value = data.get(name)
        if name == "i18n":
            clean[name] = {}
        elif name == "scores" and isinstance(value, dict):
            clean[name] = {k: 0.0 for k in value if isinstance(k, str)}
        elif _text(value):
            clean[name] = value
        elif isinstance(value, list) and name in _NESTED and model is not _NESTED[name]:
            clean[name] = rows_of(_NESTED[name], value)
    return model.model_construct(**clean)


def _text(value: Any) -> bool:
    """Whether ``value`` is text or a list (or tuple) of texts (the shapes of keys and
    references)."""
    if isinstance(value, list | tuple):
        return all(isinstance(v, str) for v in value)
    return isinstance(value, str)


def rows_of(model: type[M], rows: list[Any]) -> list[M]:
    """Each row of ``rows`` validated as ``model``, or its placeholder when it fails."""
    out = []
    for row in rows:
        if not isinstance(row, dict):
            continue
        try:
            out.append(model.model_validate(row))
        except ValidationError:
            stand_in = placeholder(model, row)
            if stand_in is not None:
                out.append(stand_in)
    return out


def partial_doc(raw: dict[str, Any]) -> tuple[PlanDoc, bool]:
    """The document ``raw`` with every row that fails replaced by its placeholder, and whether
    its ``plan`` validated (without it, periods and translations cannot be checked)."""
    fields: dict[str, Any] = {}
    for name, info in PlanDoc.model_fields.items():
        if name in ("format", "plan"):
            continue
        (model,) = typing.get_args(info.annotation)
        value = raw.get(name)
        fields[name] = rows_of(model, value) if isinstance(value, list) else []
    try:
        plan = PlanIn.model_validate(raw.get("plan"))
        ok = True
    except ValidationError:
        plan = PlanIn.model_construct(name="", default_language="fi", languages=["fi", "sv", "en"])
        ok = False
    return PlanDoc.model_construct(plan=plan, **fields), ok
