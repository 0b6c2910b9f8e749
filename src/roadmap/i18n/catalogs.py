"""The gettext catalogs: found, compiled with Babel and cached, one per language.

The PO files under ``roadmap/locale`` are the only source; compiled catalogs are not committed.
On first use a catalog is read with Babel's :func:`~babel.messages.pofile.read_po`, compiled with
:func:`~babel.messages.mofile.write_mo` and kept in the user's cache folder under the digest of
its PO file, so that later processes load the compiled file (a fraction of a millisecond) instead
of parsing the PO file again (tens of milliseconds), and an edited PO file is compiled anew.
``ROADMAP_CACHE_DIR`` moves the cache; where it cannot be written, each process compiles in
memory. ``bench/bench_catalogs.py`` measures both paths.

The pseudo-language ``xx`` is made from the English catalog with every message in brackets, so
that a test can find interface words that bypass the catalogs.
"""

from __future__ import annotations

import gettext
import io
import os
from functools import cache
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "roadmap"
LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}
"""The languages of the catalogs and the locale that formats their dates and numbers."""
PSEUDO = "xx"
"""The bracketed pseudo-language of the tests, made from the English catalog."""


def N_(message: str) -> str:
    """Mark ``message`` for the catalogs without translating it here."""
    return message


def po_path(lang: str) -> Path:
    """The PO file of ``lang``."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def cache_dir() -> Path:
    """Where compiled catalogs are kept; ``ROADMAP_CACHE_DIR`` overrides."""
    override = os.environ.get("ROADMAP_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_path

    return user_cache_path("roadmap", appauthor=False) / "catalogs"


@cache
def translations(lang: str) -> gettext.GNUTranslations:
    """The compiled catalog of ``lang``, compiled once per edit of its PO file."""
    if lang == PSEUDO:
        return gettext.GNUTranslations(io.BytesIO(_compile(po_path("en").read_bytes(), PSEUDO)))
    if lang not in LOCALES:
        raise ValueError(f"no catalog for {lang!r} (choose from {', '.join(LOCALES)})")
    import hashlib  # here: the engine imports the catalogs, and may word nothing

    source = po_path(lang).read_bytes()
    digest = hashlib.sha256(source).hexdigest()[:16]
    compiled = cache_dir() / f"{DOMAIN}-{lang}-{digest}.mo"
    try:
        with compiled.open("rb") as fh:
            return gettext.GNUTranslations(fh)
    except OSError:
        pass
    blob = _compile(source, lang)
    _store(compiled, blob)
    return gettext.GNUTranslations(io.BytesIO(blob))


def read_catalog(lang: str):
    """The :class:`babel.messages.catalog.Catalog` of ``lang``'s PO file."""
    from babel.messages.pofile import read_po

    with po_path(lang).open("rb") as fh:
        return read_po(fh, locale=LOCALES[lang], domain=DOMAIN)


def missing_translations(lang: str) -> list[str]:
    """The English catalog's messages that ``lang``'s catalog lacks or leaves empty or fuzzy."""

    def done(lang: str) -> set[str]:
        return {
            m.id if isinstance(m.id, str) else m.id[0]
            for m in read_catalog(lang)
            if m.id and not m.fuzzy and all(m.string if isinstance(m.string, tuple) else [m.string])
        }

    return sorted(done("en") - done(lang))


def _compile(source: bytes, lang: str) -> bytes:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    catalog = read_po(io.BytesIO(source), locale=LOCALES.get(lang, "en_GB"), domain=DOMAIN)
    if lang == PSEUDO:
        for message in catalog:
            if message.id:
                message.string = (
                    tuple(f"[{form}]" for form in message.string)
                    if isinstance(message.string, tuple)
                    else f"[{message.string}]"
                )
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def _store(path: Path, blob: bytes) -> None:
    """Keep ``blob`` at ``path`` whole or not at all; a read-only cache is no error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(blob)
        os.replace(tmp, path)
    except OSError:
        pass
