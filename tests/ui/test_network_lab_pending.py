"""Until the lab screen draws the network, its lab says so instead of failing (issue 10)."""

from __future__ import annotations

import pytest

from test_lab_screen import until
from tutor.lessons import load_course
from tutor.progress import ProgressStore
from tutor.ui.app import TutorApp
from tutor.ui.lab_request import LabRequest
from tutor.ui.screens.home import HomeScreen


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("TUTOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("TUTOR_LESSONS", raising=False)


async def test_the_xor_lab_is_a_notice_not_a_crash():
    notices = []
    app = TutorApp(load_course(), store=ProgressStore(), lab=LabRequest("xor-capa-oculta"), warm_up=False)
    app.notify = lambda message, **options: notices.append(message)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: notices, what="the notice")
        assert isinstance(app.screen, HomeScreen)
        assert notices == ["El laboratorio «xor-capa-oculta» (una red con capa oculta) aún no se puede abrir "
                           "aquí: pruébalo con 'tutor run xor-capa-oculta'."]
