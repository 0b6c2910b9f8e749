"""The score's parts and notes are worded in the reader's language, numbers included."""

from __future__ import annotations

import pytest

from roadmap.engine.inputs import CriterionData, ItemData
from roadmap.engine.scoring import score_items
from roadmap.i18n import set_language

BENEFIT = CriterionData("b", "Hyöty", weight=3, scale="1-5")
COST = CriterionData("c", "Kustannus", weight=1, direction="cost", scale="0-10")
RICE = [
    ItemData("A", effort=2, reach=100, impact=2, confidence=0.5),
    ItemData("B", effort=1, reach=200, impact=1, confidence=1.0),
    ItemData("C", effort=1, impact=3, mandatory=True),
]


@pytest.mark.parametrize(
    ("lang", "formula", "missing", "mandatory"),
    [
        (
            "fi",
            "RICE = tavoittavuus 100 × vaikutus 2 × varmuus 0,5 / työmäärä 2 = 50",
            "puuttuu tavoittavuus: lasketaan nollaksi",
            "pakollinen: ajoitetaan vapaaehtoisen työn edelle pisteistä riippumatta",
        ),
        (
            "sv",
            "RICE = räckvidd 100 × effekt 2 × säkerhet 0,5 / arbetsinsats 2 = 50",
            "saknar räckvidd: räknas som 0",
            "obligatorisk: planeras före frivilligt arbete oavsett poäng",
        ),
    ],
)
def test_rice_notes_speak_the_readers_language(
    lang: str, formula: str, missing: str, mandatory: str
) -> None:
    set_language(lang)
    scores = score_items("rice", [], RICE)
    assert formula in scores["A"].notes
    assert missing in scores["C"].notes and mandatory in scores["C"].notes
    assert [p.label for p in scores["A"].parts][:2] == (
        ["tavoittavuus", "vaikutus"] if lang == "fi" else ["räckvidd", "effekt"]
    )


def test_weighted_and_moscow_notes_in_finnish() -> None:
    set_language("fi")
    items = [ItemData("X", scores={"c": 2}, moscow="must"), ItemData("Y", scores={"b": 4})]
    weighted = score_items("weighted", [BENEFIT, COST], items)
    assert weighted["X"].notes == (
        "ei pisteytetty kriteerissä Hyöty: lasketaan asteikon keskikohdaksi",
    )
    assert [p.label for p in weighted["X"].parts] == ["Hyöty", "Kustannus (kustannus)"]
    moscow = score_items("moscow", [BENEFIT, COST], items)
    assert moscow["X"].parts[0].label == "MoSCoW-luokka: täytyy"
    assert moscow["Y"].notes[:2] == (
        "luokka voisi (25–49); painotetut pisteet 68,8 sijoittavat sen luokan sisällä",
        "ei MoSCoW-luokkaa: lasketaan luokkaan voisi",
    )
