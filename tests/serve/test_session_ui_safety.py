"""What a served session must not allow in the app's own screens (tutor.serve.lockdown shuts
the doors too): what a student types is never read as markup, and no Markdown link opens a
browser on the server. MARKUP_REASON and LINK_REASON say what went wrong before the fix.
"""

from __future__ import annotations

from textual.widgets import Input, Markdown, Static

from tutor.lessons import load_course
from tutor.progress import ProgressStore
from tutor.ui.app import TutorApp
from tutor.ui.lab_request import LabRequest

MARKUP_REASON = ("the free lab shows what the student typed (epochs, learning rate, points) through "
                 "Static.update() and notify(), which read markup: '[/]' crashes the session with a "
                 "traceback, '[@click=app.screenshot(...)]' is a link that writes a file anywhere. Fix in "
                 "tutor/ui/screens/free_lab.py: Static(..., markup=False) for #free-lab-errors and "
                 "#free-lab-points-errors (or update(Content(text))), notify(..., markup=False)")
LINK_REASON = ("Markdown widgets created without open_links=False (help.py #help-text, free_lab.py "
               "#free-lab-note) call App.open_url -> webbrowser.open on the server when a link is "
               "clicked (dataset notes are Markdown a teacher writes). Fix: open_links=False, as "
               "reading.py and glossary.py already do")


def _free_lab(tmp_path) -> TutorApp:  # noqa: ANN001
    return TutorApp(load_course(None), store=ProgressStore(tmp_path / "progress.json"),
                    lab=LabRequest("laboratorio-libre"), warm_up=False)


async def test_what_the_student_types_in_the_free_lab_is_shown_as_typed(tmp_path):
    app = _free_lab(tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:  # a crash while drawing is raised here
        await pilot.pause(0.3)
        form = app.screen
        form.query_one("#free-lab-epochs", Input).value = "[@click=app.bell]ZZ[/]"
        await pilot.pause(0.2)
        assert "«[@click=app.bell]ZZ[/]»" in str(form.query_one("#free-lab-errors", Static).render())
        form.query_one("#free-lab-lr", Input).value = "[/]"
        await pilot.pause(0.2)
        await pilot.press("ctrl+t")  # "Entrenar": the form's first error as a notification
        await pilot.pause(0.3)


async def test_no_markdown_link_opens_a_browser_on_the_server(tmp_path):
    app = _free_lab(tmp_path)
    opened: list[str] = []
    async with app.run_test(size=(100, 40)) as pilot:
        app.open_url = lambda url, **_: opened.append(url)  # what Markdown calls for a click
        await pilot.pause(0.3)
        note = app.screen.query_one("#free-lab-note", Markdown)
        note.post_message(Markdown.LinkClicked(note, "https://example.org/nota"))
        await pilot.press("question_mark")
        await pilot.pause(0.3)
        help_text = app.screen.query_one(Markdown)
        help_text.post_message(Markdown.LinkClicked(help_text, "https://example.org/ayuda"))
        await pilot.pause(0.3)
    assert opened == []
