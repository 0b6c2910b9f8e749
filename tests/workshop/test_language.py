"""Both workshop apps speak Finnish, Swedish and English from the message catalogs; plan texts come
in the window's language with the plan's default language where untranslated."""

from __future__ import annotations

from textual.widgets import Label

from roadmap.i18n import N_
from roadmap.i18n.lang import Lang
from roadmap.store import workshop_results, workshop_rounds, workshop_sessions
from roadmap.store.db import Store
from roadmap.tui.workshop.facilitator import make_facilitator_app
from roadmap.tui.workshop.participant import ItemRow, JoinScreen, VoteScreen, make_participant_app
from roadmap.workshop.agenda import parse_capture
from roadmap.workshop.rules import VoteRefused
from roadmap.workshop.words import step_name

from .test_participant_app import SIZE, settle


def test_refusals_are_worded_in_the_window_language() -> None:
    refused = VoteRefused(N_("only {left} of your {budget} left"), left=0, budget=3)
    assert str(refused) == "only 0 of your 3 left"
    assert refused.say("fi") == "jäljellä vain 0/3"
    assert refused.say("sv") == "bara 0 av dina 3 kvar"
    assert step_name(Lang("sv"), "items") == "Utvecklingsobjekt"


def test_capture_prefixes_in_every_language() -> None:
    assert parse_capture("tarve: yksi yhteyshenkilö", "vision") == ("need", "yksi yhteyshenkilö")
    assert parse_capture("Beslut: kalendern först", "vision") == ("decision", "kalendern först")
    assert parse_capture("need: one contact", "vision") == ("need", "one contact")


def _round_on(store: Store, session_id: int, text: str) -> None:
    with store.write() as s:
        workshop_sessions.set_step(session=s, session_id=session_id, step=4)
        workshop_rounds.new_round(session=s, session_id=session_id, method="dots", filter_text=text)


async def test_facilitator_language_is_kept_and_participants_follow_it(demo_store: Store) -> None:
    app = make_facilitator_app(demo_store, name="Kick-off", lang="sv", poll=None)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert str(app.query_one("#step-title", Label).render()) == "Steg 1/7: Nuläge"
    with demo_store.read() as s:
        workshop = workshop_sessions.find_session(session=s, plan_id=app.live.workshop.plan_id)
    assert workshop.lang == "sv"
    again = make_facilitator_app(demo_store, name="Kick-off", poll=None)
    assert again.lang == "sv"
    _round_on(demo_store, workshop.id, "CI-2")

    swedish = make_participant_app(demo_store, code=workshop.code, name="Anna", poll=None)
    async with swedish.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(swedish.screen, VoteScreen)
        rows = {row.key: row for row in swedish.screen.query(ItemRow)}
        assert rows["CI-2"].title == "Gemensam verksamhetsmodell för ledning genom information"
        assert "5 av 5 prickar kvar" in str(swedish.screen.query_one("#status").render())

    english = make_participant_app(
        demo_store, code=workshop.code, name="anna", lang="en", poll=None
    )
    async with english.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rows = {row.key: row for row in english.screen.query(ItemRow)}
        assert rows["CI-2"].title == "Shared operating model for knowledge-based management"
        assert "5 of 5 dots left" in str(english.screen.query_one("#status").render())
        assert english.participant_id == swedish.participant_id  # "anna" is "Anna"


async def test_untranslated_titles_fall_back_to_the_default_language(demo_store: Store) -> None:
    app = make_facilitator_app(demo_store, name="Kick-off", lang="en", poll=None)
    session_id = app.workshop_id
    with demo_store.write() as s:
        workshop_sessions.capture(session=s, session_id=session_id, text="item: Perhekalenteri")
    _round_on(demo_store, session_id, "W1")
    with demo_store.read() as s:
        live = workshop_results.load_live(session=s, session_id=session_id, lang="sv")
    assert live.titles == {"W1": "Perhekalenteri"}


async def test_join_screen_speaks_the_workshop_language_and_offers_the_others(
    demo_store: Store,
) -> None:
    make_facilitator_app(demo_store, name="Kick-off", lang="fi", poll=None)
    app = make_participant_app(demo_store, code=None, poll=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, JoinScreen)
        assert "Liity työpajaan" in [str(label.render()) for label in app.screen.query(Label)]
        app.screen.query_one("#name").value = "Bertil"
        await pilot.click("#lang-sv")
        await settle(pilot)
        assert isinstance(app.screen, JoinScreen)
        assert "Delta i workshoppen" in [str(label.render()) for label in app.screen.query(Label)]
        assert app.screen.query_one("#name").value == "Bertil"
        assert app.lang == "sv"


async def test_keys_and_their_words_follow_the_window_language(demo_store: Store) -> None:
    """The footer words the keys in Finnish, and a confirmation takes Finnish ``k`` (kyllä)
    while the Swedish ``j`` (ja) does nothing."""
    from textual.widgets import Footer

    app = make_facilitator_app(demo_store, name="Työpaja", lang="fi", poll=None)
    async with app.run_test(size=(160, 36)) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(Footer)
        words = [a.binding.description for a in app.screen.active_bindings.values()]
        assert footer.display and footer.size.height == 1
        assert "Seuraava" in words and "Uusi kierros" in words and "Next" not in words
        _round_on(demo_store, app.workshop_id, "CI-2")
        app.refresh_live()
        await settle(pilot)
        await pilot.press("f9")  # delete the round: asks first
        await settle(pilot)
        assert "Poista" in str(app.screen.query_one("#yes").label)
        await pilot.press("j")
        await settle(pilot)
        assert app.screen.query(".question")  # still asking
        await pilot.press("k")
        await settle(pilot)
        assert not app.screen.query(".question")
    with demo_store.read() as s:
        assert workshop_rounds.current_round(session=s, session_id=app.workshop_id) is None
