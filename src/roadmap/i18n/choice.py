"""Which language a person reads: asked for, set in the environment, saved, or their locale's.

The order is fixed: ``--lang``, then ``ROADMAP_LANG``, then the app's saved choice, then the
user's locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``: the first one set decides, as the C
library decides), else English. A value naming no language of the catalogs is passed over.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from roadmap.i18n.catalogs import LOCALES

LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
NAMES = {"fi": "suomi", "sv": "svenska", "en": "English"}
"""Each language by its own name, as a person looks for it in any language."""


def language_code(value: str | None) -> str | None:
    """The catalog language of ``value`` (``fi``, ``fi_FI.UTF-8``, ``sv-SE``), or None.

    >>> language_code("fi_FI.UTF-8"), language_code("sv_SE"), language_code("C.UTF-8")
    ('fi', 'sv', None)
    """
    if not value:
        return None
    code = value.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return code if code in LOCALES else None


def locale_language(environ: Mapping[str, str]) -> str | None:
    """The language of the user's locale: the first of ``LC_ALL``, ``LC_MESSAGES``, ``LANG``
    that is set decides (``LC_ALL=C`` means English even where ``LANG`` is Finnish)."""
    for name in LOCALE_VARIABLES:
        if environ.get(name):
            return language_code(environ[name]) or "en"
    return None


def choose_language(
    asked: str | None = None,
    *,
    saved: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> str:
    """The interface language, from what was asked (``--lang``), ``ROADMAP_LANG``, the app's
    ``saved`` choice and the locale, in that order; English when none names one."""
    environ = os.environ if environ is None else environ
    for candidate in (asked, environ.get("ROADMAP_LANG"), saved):
        code = language_code(candidate)
        if code:
            return code
    return locale_language(environ) or "en"
