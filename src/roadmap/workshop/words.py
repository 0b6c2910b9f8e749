"""Fixed wording of workshop sessions in Finnish, Swedish and English: minutes and both apps.

One dict of labels per language (a test checks that every label exists in every language, with
the same ``{fields}``). :class:`Words` words a label in one language; refusals raised by the
rules and the store are :class:`Refusal` s that carry a label key, so that each window words
them in its own language (``str()`` gives the English text). Texts from the plan itself come in
the language asked for through :func:`translated`, falling back to the plan's default language.
"""

from __future__ import annotations

LANGS = ("fi", "sv", "en")
"""Languages of workshop sessions."""

LABELS: dict[str, dict[str, str]] = {
    "en": {
        # Minutes
        "title": "Workshop minutes",
        "plan": "Plan",
        "date": "Date",
        "participants": "Participants",
        "agenda": "Agenda",
        "minutes": "min",
        "captured": "Captured during the session",
        "item": "New item",
        "need": "Need",
        "note": "Note",
        "decision": "Decision",
        "rounds": "Voting rounds",
        "round": "Round",
        "voted": "voted",
        "hidden": "Results were not revealed.",
        "rank": "#",
        "item_col": "Item",
        "total": "Total",
        "spread": "Spread",
        "contested": "people disagree",
        "applied": "The results were written into the plan's workshop criterion.",
        "decisions": "Decisions",
        "none": "None.",
        "dots": "dot voting, {budget} dots per person, at most {per_item} on one item",
        "points": "{budget} points per person, at most {per_item} on one item",
        "score": "each item scored 1-5 on the plan's criteria",
        "items": "items: {n}",
        "current_state": "Current state",
        "needs": "Needs",
        "vision": "Vision",
        "items_step": "Development items",
        "voting": "Voting",
        "results": "Results",
        "roadmap": "Roadmap",
        # Both apps
        "app_title": "Workshop",
        "next_step": "Next",
        "prev_step": "Back",
        "timer_toggle": "Timer",
        "add_minute": "+1 min",
        "new_round": "New round",
        "lock_reopen": "Lock/reopen",
        "reveal": "Reveal",
        "into_plan": "Into plan",
        "quit": "Quit",
        "join_code": "Join code",
        "time_left": "Time left",
        "voted_of": "Voted (of {n})",
        "capture_hint": "Type a new item, need or note and press Enter (need: ...)",
        "step_of": "Step {n}/{total}: {name}",
        "state_open": "OPEN for votes",
        "state_locked": "LOCKED",
        "state_revealed": "REVEALED",
        "no_round_f4": "No voting round yet: F4 starts one.",
        "voted_count": "{voted} of {n} have voted",
        "hidden_f6": "Results are hidden until they are revealed (F6).",
        "written_to": "Results written to criterion **{criterion}**.",
        "no_moves": "No item changed its place in the roadmap.",
        "before": "Before",
        "after": "After",
        "lock_first_f5": "Lock the round (F5) before its results go into the plan.",
        "confirm_apply": (
            "Write the results of round {n} into the plan's workshop criterion and "
            "re-sequence the roadmap?"
        ),
        "write": "Write",
        "yes_key": "y",
        "no_key": "n",
        "decision_applied": (
            "results of round {n} put into the plan ({moved} items moved in the roadmap)"
        ),
        "applied_note": "Results in the plan; {moved} items moved",
        "workshop_criterion": "Workshop priority",
        "new": "new",
        "notes_decisions": "Notes and decisions",
        "nothing_yet": "Nothing here yet: type below and press Enter to add.",
        "round_dialog_title": "New voting round",
        "method_dots": "Dot voting",
        "method_points": "100 points",
        "method_score": "Score on the criteria (1-5)",
        "budget_hint": "Dots or points per person (empty: 5 dots or 100 points)",
        "per_item_hint": "Most on one item (empty: 3 dots, or the whole budget)",
        "filter_hint": "Only items whose key, title or tags contain (empty: all open items)",
        "start_voting": "Start voting",
        "cancel": "Cancel",
        "saved": "✔ Your votes are saved.",
        "not_saved": "Not saved: {message}",
        "unit_dots": "dots",
        "unit_points": "points",
        "join_title": "Join the workshop",
        "code_label": "Code shown on the screen",
        "code_example": "e.g. 4C7E2A",
        "your_name": "Your name",
        "name_hint": "First name is enough",
        "join": "Join",
        "tries_allowed": "You can try the code {n} times.",
        "tries_left": "Tries left: {left}. Wait a moment before the next one.",
        "too_many": "Too many wrong codes. Ask the facilitator for help.",
        "now_step": "Now: {step}",
        "budget_status": (
            "You have {left} of {budget} {unit} left (at most {per_item} on one item). Press "
            "+ and − to give them."
        ),
        "score_status": "Score each item from 1 (low) to 5 (high) on each criterion.",
        "no_voting_yet": "No voting yet. Follow the screen; voting opens here.",
        "voting_closed": "Voting has closed. Results appear when the facilitator reveals them.",
        "leave": "Leave",
        "no_code": "no workshop has that code; check the code on the screen",
        "name_needed": "type your name (at most 80 characters)",
        "not_in_round": "{item} is not voted on in this round",
        "items_not_criteria": "dots and points are given to items, not criteria",
        "at_most": "at most {per_item} on one item",
        "only_left": "only {left} of your {budget} left",
        "not_scored": "{criterion} is not scored in this round",
        "score_range": "a score is from {lo} to {hi}",
        "not_your_round": "this vote belongs to no round of your workshop",
        "round_closed": "voting in this round has closed",
        "no_items_match": "no open items match '{text}'",
        "lock_before_apply": "lock the round before its results go into the plan",
        "budget_min": "the budget and the most per item must be at least 1",
        "score_needs_criteria": "a scoring round needs at least one criterion",
        "prefix_item": "item",
        "prefix_need": "need",
        "prefix_note": "note",
        "prefix_decision": "decision",
    },
    "fi": {
        # Minutes
        "title": "Työpajan muistio",
        "plan": "Suunnitelma",
        "date": "Päivämäärä",
        "participants": "Osallistujia",
        "agenda": "Ohjelma",
        "minutes": "min",
        "captured": "Työpajassa kirjattua",
        "item": "Uusi kehittämiskohde",
        "need": "Tarve",
        "note": "Huomio",
        "decision": "Päätös",
        "rounds": "Äänestyskierrokset",
        "round": "Kierros",
        "voted": "äänesti",
        "hidden": "Tuloksia ei julkistettu.",
        "rank": "#",
        "item_col": "Kehittämiskohde",
        "total": "Yhteensä",
        "spread": "Hajonta",
        "contested": "näkemykset eroavat",
        "applied": "Tulokset kirjattiin suunnitelman työpajakriteeriin.",
        "decisions": "Päätökset",
        "none": "Ei yhtään.",
        "dots": "pisteäänestys, {budget} pistettä kullekin, enintään {per_item} yhdelle kohteelle",
        "points": "{budget} pistettä kullekin, enintään {per_item} yhdelle kohteelle",
        "score": "kukin kohde pisteytettiin 1-5 suunnitelman kriteereillä",
        "items": "kohteita: {n}",
        "current_state": "Nykytila",
        "needs": "Tarpeet",
        "vision": "Visio",
        "items_step": "Kehittämiskohteet",
        "voting": "Äänestys",
        "results": "Tulokset",
        "roadmap": "Tiekartta",
        # Both apps
        "app_title": "Työpaja",
        "next_step": "Seuraava",
        "prev_step": "Edellinen",
        "timer_toggle": "Ajastin",
        "add_minute": "+1 min",
        "new_round": "Uusi kierros",
        "lock_reopen": "Lukitse/avaa",
        "reveal": "Julkista",
        "into_plan": "Suunnitelmaan",
        "quit": "Lopeta",
        "join_code": "Liittymiskoodi",
        "time_left": "Aikaa jäljellä",
        "voted_of": "Äänestäneet ({n}:sta)",
        "capture_hint": "Kirjoita uusi kohde, tarve tai huomio ja paina Enter (tarve: ...)",
        "step_of": "Vaihe {n}/{total}: {name}",
        "state_open": "ÄÄNESTYS AUKI",
        "state_locked": "LUKITTU",
        "state_revealed": "JULKISTETTU",
        "no_round_f4": "Ei vielä äänestyskierrosta: F4 aloittaa kierroksen.",
        "voted_count": "{voted}/{n} on äänestänyt",
        "hidden_f6": "Tulokset pysyvät piilossa, kunnes ne julkistetaan (F6).",
        "written_to": "Tulokset kirjattiin kriteeriin **{criterion}**.",
        "no_moves": "Yksikään kohde ei vaihtanut paikkaa tiekartalla.",
        "before": "Ennen",
        "after": "Jälkeen",
        "lock_first_f5": "Lukitse kierros (F5) ennen kuin sen tulokset viedään suunnitelmaan.",
        "confirm_apply": (
            "Kirjataanko kierroksen {n} tulokset suunnitelman työpajakriteeriin ja "
            "järjestetäänkö tiekartta uudelleen?"
        ),
        "write": "Kirjaa",
        "yes_key": "k",
        "no_key": "e",
        "decision_applied": (
            "kierroksen {n} tulokset vietiin suunnitelmaan (tiekartalla siirtyi {moved} kohdetta)"
        ),
        "applied_note": "Tulokset suunnitelmassa; {moved} kohdetta siirtyi",
        "workshop_criterion": "Työpajan painotus",
        "new": "uusi",
        "notes_decisions": "Huomiot ja päätökset",
        "nothing_yet": "Täällä ei ole vielä mitään: kirjoita alle ja paina Enter.",
        "round_dialog_title": "Uusi äänestyskierros",
        "method_dots": "Pisteäänestys",
        "method_points": "100 pistettä",
        "method_score": "Pisteytys kriteereillä (1-5)",
        "budget_hint": "Pisteitä kullekin (tyhjä: pisteäänestyksessä 5, muuten 100)",
        "per_item_hint": "Enintään yhdelle kohteelle (tyhjä: 3 tai koko määrä)",
        "filter_hint": (
            "Vain kohteet, joiden tunnus, nimi tai tagit sisältävät (tyhjä: kaikki avoimet)"
        ),
        "start_voting": "Aloita äänestys",
        "cancel": "Peruuta",
        "saved": "✔ Äänesi on tallennettu.",
        "not_saved": "Ei tallennettu: {message}",
        "unit_dots": "pistettä",
        "unit_points": "pistettä",
        "join_title": "Liity työpajaan",
        "code_label": "Näytöllä näkyvä koodi",
        "code_example": "esim. 4C7E2A",
        "your_name": "Nimesi",
        "name_hint": "Etunimi riittää",
        "join": "Liity",
        "tries_allowed": "Koodia voi yrittää {n} kertaa.",
        "tries_left": "Yrityksiä jäljellä: {left}. Odota hetki ennen seuraavaa.",
        "too_many": "Liian monta väärää koodia. Pyydä apua työpajan vetäjältä.",
        "now_step": "Nyt: {step}",
        "budget_status": (
            "Sinulla on jäljellä {left}/{budget} {unit} (enintään {per_item} yhdelle "
            "kohteelle). Anna ne painikkeilla + ja −."
        ),
        "score_status": "Pisteytä jokainen kohde kullakin kriteerillä: 1 (vähän) – 5 (paljon).",
        "no_voting_yet": (
            "Äänestys ei ole vielä alkanut. Seuraa valkokangasta; äänestys avautuu tähän."
        ),
        "voting_closed": (
            "Äänestys on päättynyt. Tulokset näkyvät, kun työpajan vetäjä julkistaa ne."
        ),
        "leave": "Poistu",
        "no_code": "millään työpajalla ei ole tätä koodia; tarkista koodi näytöltä",
        "name_needed": "kirjoita nimesi (enintään 80 merkkiä)",
        "not_in_round": "kohteesta {item} ei äänestetä tällä kierroksella",
        "items_not_criteria": "pisteet annetaan kohteille, ei kriteereille",
        "at_most": "enintään {per_item} yhdelle kohteelle",
        "only_left": "jäljellä vain {left}/{budget}",
        "not_scored": "kriteeriä {criterion} ei pisteytetä tällä kierroksella",
        "score_range": "pisteet annetaan väliltä {lo}–{hi}",
        "not_your_round": "tämä ääni ei kuulu työpajasi kierrokseen",
        "round_closed": "tämän kierroksen äänestys on päättynyt",
        "no_items_match": "hakua '{text}' vastaavia avoimia kohteita ei ole",
        "lock_before_apply": "lukitse kierros ennen kuin sen tulokset viedään suunnitelmaan",
        "budget_min": "pisteitä ja kohteen enimmäismäärää on oltava vähintään 1",
        "score_needs_criteria": "pisteytyskierros tarvitsee vähintään yhden kriteerin",
        "prefix_item": "kohde",
        "prefix_need": "tarve",
        "prefix_note": "huomio",
        "prefix_decision": "päätös",
    },
    "sv": {
        # Minutes
        "title": "Minnesanteckningar från workshoppen",
        "plan": "Plan",
        "date": "Datum",
        "participants": "Deltagare",
        "agenda": "Program",
        "minutes": "min",
        "captured": "Antecknat under workshoppen",
        "item": "Nytt utvecklingsobjekt",
        "need": "Behov",
        "note": "Anteckning",
        "decision": "Beslut",
        "rounds": "Röstningsomgångar",
        "round": "Omgång",
        "voted": "röstade",
        "hidden": "Resultaten offentliggjordes inte.",
        "rank": "#",
        "item_col": "Utvecklingsobjekt",
        "total": "Totalt",
        "spread": "Spridning",
        "contested": "åsikterna går isär",
        "applied": "Resultaten fördes in i planens workshopkriterium.",
        "decisions": "Beslut",
        "none": "Inga.",
        "dots": "prickröstning, {budget} prickar per person, högst {per_item} på ett objekt",
        "points": "{budget} poäng per person, högst {per_item} på ett objekt",
        "score": "varje objekt poängsattes 1-5 enligt planens kriterier",
        "items": "objekt: {n}",
        "current_state": "Nuläge",
        "needs": "Behov",
        "vision": "Vision",
        "items_step": "Utvecklingsobjekt",
        "voting": "Röstning",
        "results": "Resultat",
        "roadmap": "Färdplan",
        # Both apps
        "app_title": "Workshop",
        "next_step": "Nästa",
        "prev_step": "Bakåt",
        "timer_toggle": "Timer",
        "add_minute": "+1 min",
        "new_round": "Ny omgång",
        "lock_reopen": "Lås/öppna",
        "reveal": "Visa",
        "into_plan": "Till planen",
        "quit": "Avsluta",
        "join_code": "Kod för att delta",
        "time_left": "Tid kvar",
        "voted_of": "Har röstat (av {n})",
        "capture_hint": (
            "Skriv ett nytt objekt, behov eller en anteckning och tryck Enter (behov: ...)"
        ),
        "step_of": "Steg {n}/{total}: {name}",
        "state_open": "ÖPPEN för röstning",
        "state_locked": "LÅST",
        "state_revealed": "OFFENTLIGGJORD",
        "no_round_f4": "Ingen röstningsomgång ännu: F4 startar en.",
        "voted_count": "{voted} av {n} har röstat",
        "hidden_f6": "Resultaten är dolda tills de offentliggörs (F6).",
        "written_to": "Resultaten fördes in i kriteriet **{criterion}**.",
        "no_moves": "Inget objekt bytte plats i färdplanen.",
        "before": "Före",
        "after": "Efter",
        "lock_first_f5": "Lås omgången (F5) innan resultaten förs in i planen.",
        "confirm_apply": (
            "Föra in resultaten från omgång {n} i planens workshopkriterium och ordna "
            "färdplanen på nytt?"
        ),
        "write": "För in",
        "yes_key": "j",
        "no_key": "n",
        "decision_applied": (
            "resultaten från omgång {n} fördes in i planen ({moved} objekt flyttades i färdplanen)"
        ),
        "applied_note": "Resultaten är i planen; {moved} objekt flyttades",
        "workshop_criterion": "Workshoppens prioritet",
        "new": "ny",
        "notes_decisions": "Anteckningar och beslut",
        "nothing_yet": "Här finns inget ännu: skriv nedan och tryck Enter.",
        "round_dialog_title": "Ny röstningsomgång",
        "method_dots": "Prickröstning",
        "method_points": "100 poäng",
        "method_score": "Poängsättning enligt kriterierna (1-5)",
        "budget_hint": "Prickar eller poäng per person (tomt: 5 prickar eller 100 poäng)",
        "per_item_hint": "Högst på ett objekt (tomt: 3 prickar eller hela budgeten)",
        "filter_hint": (
            "Endast objekt vars nyckel, titel eller taggar innehåller (tomt: alla öppna)"
        ),
        "start_voting": "Starta röstningen",
        "cancel": "Avbryt",
        "saved": "✔ Dina röster är sparade.",
        "not_saved": "Inte sparat: {message}",
        "unit_dots": "prickar",
        "unit_points": "poäng",
        "join_title": "Delta i workshoppen",
        "code_label": "Koden som visas på skärmen",
        "code_example": "t.ex. 4C7E2A",
        "your_name": "Ditt namn",
        "name_hint": "Förnamnet räcker",
        "join": "Delta",
        "tries_allowed": "Du kan försöka med koden {n} gånger.",
        "tries_left": "Försök kvar: {left}. Vänta en stund före nästa.",
        "too_many": "För många felaktiga koder. Be workshopledaren om hjälp.",
        "now_step": "Nu: {step}",
        "budget_status": (
            "Du har {left} av {budget} {unit} kvar (högst {per_item} på ett objekt). Ge dem "
            "med + och −."
        ),
        "score_status": "Ge varje objekt 1 (låg) till 5 (hög) för varje kriterium.",
        "no_voting_yet": "Ingen röstning ännu. Följ skärmen; röstningen öppnas här.",
        "voting_closed": (
            "Röstningen är stängd. Resultaten visas när workshopledaren offentliggör dem."
        ),
        "leave": "Lämna",
        "no_code": "ingen workshop har den koden; kontrollera koden på skärmen",
        "name_needed": "skriv ditt namn (högst 80 tecken)",
        "not_in_round": "det röstas inte om {item} i den här omgången",
        "items_not_criteria": "prickar och poäng ges till objekt, inte till kriterier",
        "at_most": "högst {per_item} på ett objekt",
        "only_left": "bara {left} av dina {budget} kvar",
        "not_scored": "{criterion} poängsätts inte i den här omgången",
        "score_range": "poängen är från {lo} till {hi}",
        "not_your_round": "rösten hör inte till någon omgång i din workshop",
        "round_closed": "röstningen i den här omgången är stängd",
        "no_items_match": "inga öppna objekt matchar '{text}'",
        "lock_before_apply": "lås omgången innan resultaten förs in i planen",
        "budget_min": "budgeten och högsta antalet per objekt måste vara minst 1",
        "score_needs_criteria": "en poängsättningsomgång behöver minst ett kriterium",
        "prefix_item": "objekt",
        "prefix_need": "behov",
        "prefix_note": "anteckning",
        "prefix_decision": "beslut",
    },
}
STEP_LABEL = {"items": "items_step"}
"""Agenda steps whose label key differs from the step key."""


def lang_or_default(lang: str | None, default: str | None = None) -> str:
    """``lang`` when it is a workshop language, else ``default`` when it is, else English."""
    for candidate in (lang, default):
        if candidate in LANGS:
            return candidate
    return "en"


class Words:
    """The labels of one language: ``w("key", field=value)`` or ``w.step("vision")``."""

    def __init__(self, lang: str) -> None:
        if lang not in LABELS:
            raise ValueError(f"no workshop language {lang!r} (choose from {', '.join(LANGS)})")
        self.lang = lang
        self._labels = LABELS[lang]

    def __call__(self, key: str, **values: object) -> str:
        text = self._labels[key]
        return text.format(**values) if values else text

    def __getitem__(self, key: str) -> str:
        return self._labels[key]

    def step(self, key: str) -> str:
        """The name of agenda step ``key``."""
        return self._labels.get(STEP_LABEL.get(key, key), key)


def translated(text: str, i18n: dict | None, lang: str, field: str) -> str:
    """``field`` of a plan's row in ``lang``; its default-language ``text`` when untranslated."""
    return (i18n or {}).get(lang, {}).get(field) or text


class Refusal(Exception):
    """Something a workshop refused, worded later in the language of the window that shows it."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key, self.values = key, values

    def say(self, lang: str) -> str:
        return Words(lang)(self.key, **self.values)

    def __str__(self) -> str:
        return self.say("en")
