"""A monkey at the keyboard: thousands of seeded random keys on every screen (home, pages,
glossary, help, exercises, the lab with TensorFlow loaded). Nothing may raise, and the app
must still be running at the end. Quit keys are left out so the monkey stays in.
TUTOR_MONKEY_SEED=N tries another sequence."""

from __future__ import annotations

import os
import random
import time

import pytest
from textual import events

from app_pack import write_pack
from tutor.lessons import load_course
from tutor.progress import ProgressStore
from tutor.ui.app import TutorApp
from screen_reader import screen_text

KEYS = [
    *"abcdefghijklmnoprstuvwxyz0123456789",  # no q
    "space", "enter", "escape", "tab", "shift+tab", "up", "down", "left", "right", "pageup",
    "pagedown", "home", "end", "backspace", "delete", "question_mark", "plus", "minus", "comma",
    "full_stop", "slash", "ctrl+p",
]
CHARACTERS = {"space": " ", "comma": ",", "full_stop": ".", "slash": "/", "question_mark": "?",
              "plus": "+", "minus": "-", "enter": "\r", "tab": "\t", "escape": "\x1b"}
LEAVE_KEYS = {"n", "p", "g", "escape", "left", "right", "question_mark", "ctrl+p", "enter", "tab", "shift+tab"}
KEYS_PER_SCREEN = 500


async def type_fast(app: TutorApp, pilot, keys: list[str]) -> None:
    """Send keys as a fast typist would: all queued at once, then wait until handled.
    (pilot.press waits ~50 ms after each key; thousands of keys would take minutes.)"""
    for key in keys:
        event = events.Key(key, key if len(key) == 1 else CHARACTERS.get(key))
        event.set_sender(app)
        app._driver.send_message(event)
    await pilot.pause()


async def go(app: TutorApp, pilot, where: str) -> None:
    """Put the monkey in front of a given screen, whatever it did before."""
    app.go_home()
    await pilot.pause()
    if where == "reading":
        app.open_lesson("intro")
    elif where == "exercises":
        app.open_lesson("repaso")
        await pilot.pause()
        await pilot.press("n")
    elif where == "lab":
        app.open_lesson("neurona")
        await pilot.pause()
        await pilot.press("n")
    elif where == "glossary":
        app.open_glossary()
    elif where == "help":
        app.action_help()
    await pilot.pause()


async def test_monkey_random_keys_on_every_screen(tmp_path, monkeypatch):
    monkeypatch.setenv("TUTOR_DATA_DIR", str(tmp_path / "data"))
    app = TutorApp(load_course(write_pack(tmp_path / "pack")), store=ProgressStore(), warm_up=False, seed=7)
    monkey = random.Random(int(os.environ.get("TUTOR_MONKEY_SEED", "20261127")))
    pressed = 0
    async with app.run_test(size=(80, 24)) as pilot:
        for where in ("home", "reading", "glossary", "help", "exercises", "lab"):
            await go(app, pilot, where)
            pool = KEYS
            if where == "lab":
                from tutor.ui.screens.lab import LabScreen

                assert isinstance(app.screen, LabScreen)
                deadline = time.monotonic() + 120
                while "Cargando TensorFlow" in screen_text(app) and time.monotonic() < deadline:
                    await pilot.pause(0.2)
                pool = [key for key in KEYS if key not in LEAVE_KEYS]  # stay in the lab
            keys = [monkey.choice(pool) for _ in range(KEYS_PER_SCREEN)]
            for start in range(0, len(keys), 25):
                await type_fast(app, pilot, keys[start:start + 25])
                pressed += len(keys[start:start + 25])
                assert app.is_running, f"the app stopped on {where} after {pressed} keys"
            await pilot.pause()
        await pilot.resize_terminal(30, 10)
        await type_fast(app, pilot, [monkey.choice(KEYS) for _ in range(100)])
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.is_running
    assert pressed >= 3000
    assert app.return_code in (None, 0)
