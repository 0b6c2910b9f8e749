"""The PO reader of the exports gives the catalog babel's reader and compiler give."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from roadmap.io import i18n

TRICKY = r"""# A translator's note
msgid ""
msgstr ""
"Language: fi_FI\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"
"Content-Type: text/plain; charset=utf-8\n"

msgid "plain"
msgstr "tavallinen"

#, fuzzy
msgid "fuzzy"
msgstr "epävarma"

#, python-brace-format, fuzzy
msgid "fuzzy too"
msgstr "myös epävarma"

#, python-brace-format
msgid "{n} kept"
msgstr "{n} pidetty"

msgid "untranslated"
msgstr ""

msgid ""
"several "
"lines"
msgstr ""
"monta "
"riviä"

msgid "escapes \"q\" \\ \t \n"
msgstr "pakot \"q\" \\ \t \n"

msgctxt "menu"
msgid "plain"
msgstr "valikossa"

msgid "{n} item"
msgid_plural "{n} items"
msgstr[0] "{n} kohde"
msgstr[1] "{n} kohdetta"

msgid "no forms"
msgid_plural "no forms at all"
msgstr[0] ""
msgstr[1] ""

#~ msgid "obsolete"
#~ msgstr "vanhentunut"
msgid "last"
msgstr "viimeinen"
"""


def _babel(path: Path, locale: str) -> dict:
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=locale, domain=i18n.DOMAIN)
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return {k: v for k, v in Translations(fp=buf)._catalog.items() if k != ""}


def _ours(path: Path) -> dict:
    mo = i18n._mo(i18n.read_catalog(path))
    return {k: v for k, v in i18n.gettext.GNUTranslations(io.BytesIO(mo))._catalog.items() if k}


@pytest.mark.parametrize("lang", sorted(i18n.LOCALES))
def test_project_catalogs_read_as_babel_reads_them(lang: str) -> None:
    path = i18n.po_path(lang)
    assert _ours(path) == _babel(path, i18n.LOCALES[lang])


def test_tricky_catalog_reads_as_babel_reads_it(tmp_path: Path) -> None:
    path = tmp_path / "tricky.po"
    path.write_text(TRICKY, encoding="utf-8")
    ours = _ours(path)
    assert ours == _babel(path, "fi_FI")
    assert ours["plain"] == "tavallinen"
    assert ours["menu\x04plain"] == "valikossa"
    assert ours["several lines"] == "monta riviä"
    assert ours['escapes "q" \\ \t \n'] == 'pakot "q" \\ \t \n'
    assert ours[("{n} item", 1)] == "{n} kohdetta"
    assert not {"fuzzy", "fuzzy too", "untranslated", "obsolete"} & set(ours)
    assert ours["last"] == "viimeinen"
