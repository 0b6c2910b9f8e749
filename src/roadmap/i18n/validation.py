"""Pydantic's validation errors as messages in the reader's language.

Pydantic words its errors in English; each kind of error a person can cause by typing or
importing a value has a catalog message here, filled from the error's context (the limit, the
choices). A ``value_error`` carries the message of one of our own validators, which is itself a
catalog message where it names no value. Where the error is given is the caller's to say
(file, line, item and field).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from roadmap.i18n import _, ngettext

SAME_AS = {
    "int_type": "int_parsing",
    "int_parsing_size": "int_parsing",
    "float_type": "float_parsing",
    "finite_number": "float_parsing",
    "bool_type": "bool_parsing",
    "date_type": "date_parsing",
    "date_from_datetime_parsing": "date_parsing",
    "date_from_datetime_inexact": "date_parsing",
    "datetime_parsing": "date_parsing",
    "datetime_type": "date_parsing",
    "datetime_from_date_parsing": "date_parsing",
    "model_type": "dict_type",
    "model_attributes_type": "dict_type",
    "mapping_type": "dict_type",
    "tuple_type": "list_type",
    "set_type": "list_type",
    "iterable_type": "list_type",
    "enum": "literal_error",
    "assertion_error": "value_error",
}
"""Error types worded as another type is."""


def error_message(error: Mapping[str, Any]) -> str:
    """The message of one of pydantic's ``errors()`` in the interface's language.

    >>> error_message({"type": "greater_than_equal", "msg": "...", "ctx": {"ge": 0}})
    'should be at least 0'
    >>> error_message({"type": "value_error", "msg": "Value error, no such team"})
    'no such team'
    """
    kind = error.get("type", "")
    kind = SAME_AS.get(kind, kind)
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return _("required, but missing")
    if kind == "extra_forbidden":
        return _("not a field of this entry (check the spelling)")
    if kind == "int_parsing":
        return _("Input should be a valid whole number")
    if kind == "int_from_float":
        return _("Input should be a valid whole number, without decimals")
    if kind == "float_parsing":
        return _("Input should be a valid number")
    if kind == "bool_parsing":
        return _("should be yes or no (true or false)")
    if kind in ("string_type", "string_unicode"):
        return _("should be text")
    if kind == "string_too_short":
        n = int(ctx.get("min_length", 1))
        return ngettext(
            "should have at least {n} character", "should have at least {n} characters", n
        )
    if kind == "string_too_long":
        n = int(ctx.get("max_length", 0))
        return ngettext(
            "should have at most {n} character", "should have at most {n} characters", n
        )
    if kind == "too_short":
        n = int(ctx.get("min_length", 1))
        return ngettext("should have at least {n} entry", "should have at least {n} entries", n)
    if kind == "too_long":
        n = int(ctx.get("max_length", 0))
        return ngettext("should have at most {n} entry", "should have at most {n} entries", n)
    if kind == "greater_than_equal":
        return _("should be at least {limit}", limit=_limit(ctx.get("ge")))
    if kind == "greater_than":
        return _("should be more than {limit}", limit=_limit(ctx.get("gt")))
    if kind == "less_than_equal":
        return _("should be at most {limit}", limit=_limit(ctx.get("le")))
    if kind == "less_than":
        return _("should be less than {limit}", limit=_limit(ctx.get("lt")))
    if kind == "date_parsing":
        return _("should be a date (write 31.3.2027 or 2027-03-31)")
    if kind == "literal_error":
        return _("should be one of {choices}", choices=ctx.get("expected", ""))
    if kind == "list_type":
        return _("should be a list")
    if kind == "dict_type":
        return _("should be a mapping of fields (name: value)")
    if kind == "string_pattern_mismatch":
        return _("does not have the expected form ({pattern})", pattern=ctx.get("pattern", ""))
    if kind == "value_error":
        text = str(error.get("msg", "")).removeprefix("Value error, ")
        text = text.removeprefix("Assertion failed, ")
        return _(text) if text else text
    return str(error.get("msg", ""))


def _limit(value: Any) -> str:
    """A bound as people write it: ``0`` rather than ``0.0``."""
    return format(value, "g") if isinstance(value, int | float) else str(value)
