"""The glossary: g from anywhere, incremental search ignoring case and accents, aliases,
related terms, links from lesson text, and the glossary lesson's own step."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Markdown, OptionList

from app_pack import write_pack
from tutor.lessons import load_course
from tutor.progress import ProgressStore
from tutor.ui.app import TutorApp
from tutor.ui.screens.glossary import GlossaryScreen
from tutor.ui.screens.home import HomeScreen
from tutor.ui.screens.reading import ReadingScreen


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("TUTOR_DATA_DIR", str(tmp_path / "data"))
    return TutorApp(load_course(write_pack(tmp_path / "pack")), store=ProgressStore(), warm_up=False)


def listed(screen: GlossaryScreen) -> list[str]:
    terms = screen.query_one("#glossary-terms", OptionList)
    return [terms.get_option_at_index(i).id for i in range(terms.option_count)]


def shown(screen: GlossaryScreen) -> str:
    return screen.query_one("#glossary-term", Markdown).source


async def search(pilot, screen: GlossaryScreen, text: str) -> None:
    box = screen.query_one("#glossary-search", Input)
    box.focus()
    box.value = ""
    await pilot.pause()
    await pilot.press(*text)
    await pilot.pause()


async def test_g_opens_the_glossary_with_every_term(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("g")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GlossaryScreen)
        assert listed(screen) == ["pesos", "bias", "funcion-de-activacion", "capa"]
        assert "Pesos (Weights, w)" in shown(screen) and "Si `w1 = 0`" in shown(screen)
        assert screen.query_one("#glossary-search", Input).has_focus
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


@pytest.mark.parametrize("query, first", [
    ("activacion", "funcion-de-activacion"),
    ("ACTIVACIÓN", "funcion-de-activacion"),
    ("w", "pesos"),
    ("sesgo", "bias"),
    ("layer", "capa"),
])
async def test_search_ignores_case_accents_and_knows_aliases(app, query, first):
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("g")
        await pilot.pause()
        screen = app.screen
        await search(pilot, screen, query)
        assert listed(screen)[0] == first
        assert screen.current.id == first
        assert screen.by_id[first].name in shown(screen)


async def test_search_without_results_says_so(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("g")
        await pilot.pause()
        await search(pilot, app.screen, "zzzz")
        assert listed(app.screen) == []
        assert "Ningún término" in shown(app.screen)


async def test_related_terms_are_navigable(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("g")
        await pilot.pause()
        screen = app.screen
        await pilot.press("enter")  # from the search box to the list
        await pilot.pause()
        assert screen.query_one("#glossary-terms", OptionList).has_focus
        await pilot.press("enter")  # to the related terms of Pesos
        await pilot.pause()
        related = screen.query_one("#glossary-related", OptionList)
        assert related.has_focus and related.option_count == 2
        await pilot.press("enter")  # Bias
        await pilot.pause()
        assert screen.current.id == "bias" and "Bias (b)" in shown(screen)


async def test_link_in_a_page_opens_its_term(app):
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")  # lesson 1, page 1 links [[pesos]]
        await pilot.pause()
        assert isinstance(app.screen, ReadingScreen)
        await pilot.press("t", "enter")
        await pilot.pause()
        assert isinstance(app.screen, GlossaryScreen) and app.screen.current.id == "pesos"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReadingScreen)
        page = app.screen.query_one("#page-markdown", Markdown)
        page.post_message(Markdown.LinkClicked(page, "glosario:bias"))  # a mouse click
        await pilot.pause()
        assert isinstance(app.screen, GlossaryScreen) and app.screen.current.id == "bias"


async def test_glossary_lesson_step_and_n_leave_it(app):
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_lesson("glosario")
        await pilot.pause()
        await pilot.press("n")  # its page, then the glossary step
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GlossaryScreen) and screen.step is not None
        assert screen.query_one("#glossary-terms", OptionList).has_focus
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ReadingScreen)
