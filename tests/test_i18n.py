"""The catalogs: compiled by Babel, cached by the digest of their PO file, plural forms right."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from roadmap.i18n import catalogs
from roadmap.i18n.lang import Lang


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """An empty cache folder and catalogs compiled anew for the test (and after it)."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("ROADMAP_CACHE_DIR", str(cache))
    catalogs.translations.cache_clear()
    yield cache
    catalogs.translations.cache_clear()


def _mo_with(message: str, text: str) -> bytes:
    catalog = Catalog(locale="fi_FI")
    catalog.add(message, text)
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def test_compiled_once_then_read_from_the_cache(fresh: Path) -> None:
    assert catalogs.translations("fi").gettext("Contents") == "Sisällys"
    (compiled,) = fresh.glob("roadmap-fi-*.mo")
    # A later process reads the compiled file: what it holds is what it gets.
    compiled.write_bytes(_mo_with("Contents", "from the cache"))
    catalogs.translations.cache_clear()
    assert catalogs.translations("fi").gettext("Contents") == "from the cache"


def test_an_edited_catalog_is_compiled_anew(
    fresh: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locale = tmp_path / "locale"
    shutil.copytree(catalogs.LOCALE_DIR, locale)
    monkeypatch.setattr(catalogs, "LOCALE_DIR", locale)
    assert catalogs.translations("fi").gettext("Contents") == "Sisällys"
    po = catalogs.po_path("fi")
    po.write_text(
        po.read_text(encoding="utf-8").replace('msgstr "Sisällys"', 'msgstr "Sisältö"'),
        encoding="utf-8",
    )
    catalogs.translations.cache_clear()
    assert catalogs.translations("fi").gettext("Contents") == "Sisältö"
    assert len(list(fresh.glob("roadmap-fi-*.mo"))) == 2


def test_a_cache_that_cannot_be_written_is_no_error(
    fresh: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh.parent.mkdir(exist_ok=True)
    fresh.write_text("a file where the folder should be")
    assert catalogs.translations("sv").gettext("Contents") == "Innehåll"


@pytest.mark.parametrize(
    ("lang", "one", "two"),
    [("fi", "1 tiimi", "2 tiimiä"), ("sv", "1 team", "2 team"), ("en", "1 team", "2 teams")],
)
def test_plural_forms_per_language(lang: str, one: str, two: str) -> None:
    words = Lang(lang)
    assert words.ngettext("{n} team", "{n} teams", 1) == one
    assert words.ngettext("{n} team", "{n} teams", 2) == two


@pytest.mark.parametrize("lang", sorted(catalogs.LOCALES))
def test_every_catalog_states_its_plural_forms(lang: str) -> None:
    catalog = catalogs.read_catalog(lang)
    assert catalog.mime_headers and "Plural-Forms" in dict(catalog.mime_headers)
    assert catalog.num_plurals == 2 and catalog.plural_expr == "(n != 1)"


def test_pseudo_language_brackets_every_message() -> None:
    pseudo = Lang(catalogs.PSEUDO)
    assert pseudo._("Contents") == "[Contents]"
    assert pseudo.ngettext("{n} team", "{n} teams", 3) == "[3 teams]"
