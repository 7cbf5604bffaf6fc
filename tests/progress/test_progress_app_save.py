"""Issue 13 as the student sees it in the app: a save that fails is said once, never a crash
(item 1); another tutor process on the same progress is said on start (item 2)."""

from __future__ import annotations

import math

from progress_worker import Session
from tutor.lessons import load_course
from tutor.progress import ProgressStore
from tutor.ui.app import TutorApp

LESSON = """+++
id = "intro"
order = 1
title = "Una lección"
kind = "reading"
+++

## Página

Texto.
"""


def make_app(tmp_path) -> TutorApp:
    pack = tmp_path / "pack"
    pack.mkdir(exist_ok=True)
    (pack / "intro.md").write_text(LESSON, encoding="utf-8")
    return TutorApp(load_course(pack), store=ProgressStore(tmp_path / "datos" / "progress.json"), warm_up=False)


def notices(app: TutorApp) -> list[str]:
    return [notification.message for notification in app._notifications]


async def test_a_value_that_cannot_be_saved_is_one_notice_and_quitting_still_works(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.progress.extra["x"] = math.nan  # slipped into the model somehow
        app.save()
        app.save()
        await pilot.pause()
        assert len([m for m in notices(app) if "no se pudo guardar el progreso" in m]) == 1
        await pilot.press("q")
    assert app.return_code in (None, 0)


async def test_another_session_on_the_same_progress_is_said_on_start(tmp_path):
    (tmp_path / "datos").mkdir()
    other = Session(tmp_path / "datos" / "progress.json")
    try:
        assert other.do("session") == "-"
        app = make_app(tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            shared = [m for m in notices(app) if m.startswith("Otra sesión de tutor")]
            assert len(shared) == 1 and "no se pierde nada" in shared[0]
    finally:
        other.quit()


async def test_alone_nothing_is_said(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not [m for m in notices(app) if m.startswith("Otra sesión")]
