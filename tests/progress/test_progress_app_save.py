"""Issue 13, item 1, as the student sees it: a save that fails is said (once), never a crash."""

from __future__ import annotations

import math

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


async def test_a_value_that_cannot_be_saved_is_one_notice_and_quitting_still_works(tmp_path):
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "intro.md").write_text(LESSON, encoding="utf-8")
    store = ProgressStore(tmp_path / "datos" / "progress.json")
    app = TutorApp(load_course(pack), store=store, warm_up=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.progress.extra["x"] = math.nan  # slipped into the model somehow
        app.save()
        app.save()
        await pilot.pause()
        messages = [notification.message for notification in app._notifications]
        assert len([m for m in messages if "no se pudo guardar el progreso" in m]) == 1
        await pilot.press("q")
    assert app.return_code in (None, 0)
