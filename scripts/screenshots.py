"""Regenerate the README's screenshots from the app itself, so they always show the truth.

    python scripts/screenshots.py [OUT_DIR]        (default: docs/)

Writes home.svg (the home screen of the built-in course), lab.svg (the Ejemplo 1 lab,
neurona-lineal, a few epochs in with the phases of the next one revealed, at 80x24 as over
SSH) and lab-wide.svg (the same at 120x40, with the code beside the loop). Uses a temporary
data dir, so the student's own progress never shows up; `tutor lab neurona-lineal --init
notebook` and a fixed size make every run draw the same numbers.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

HOME_SIZE = (100, 30)
LAB_SIZES = {"lab.svg": (80, 24), "lab-wide.svg": (120, 40)}
LAB_ID = "neurona-lineal"
EPOCHS = 3


def screen_text(app) -> str:  # noqa: ANN001 - a running TutorApp
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def wait_for(app, pilot, ready, what: str, timeout: float = 180.0) -> None:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while not ready(screen_text(app)):
        if time.monotonic() > deadline:
            raise SystemExit(f"screenshots: {what} did not happen within {timeout:.0f} s")
        await pilot.pause(0.2)


async def capture(out_dir: Path) -> list[Path]:
    from tutor.lessons import load_course
    from tutor.progress import ProgressStore
    from tutor.ui.app import TutorApp
    from tutor.ui.lab_request import LabRequest

    course = load_course()
    if course.lab(LAB_ID) is None:
        raise SystemExit(f"screenshots: the built-in course has no lab {LAB_ID!r}")

    written = []
    app = TutorApp(course, store=ProgressStore(), warm_up=False)
    async with app.run_test(size=HOME_SIZE) as pilot:
        await pilot.pause(0.5)
        written.append(Path(app.save_screenshot("home.svg", path=str(out_dir))))

    for name, size in LAB_SIZES.items():
        app = TutorApp(course, store=ProgressStore(), lab=LabRequest(LAB_ID, init="notebook"), warm_up=False)
        async with app.run_test(size=size) as pilot:
            await wait_for(app, pilot, lambda text: "listo" in text, "loading TensorFlow")
            for epoch in range(1, EPOCHS + 1):
                await pilot.press("e")
                await wait_for(app, pilot, lambda text, n=epoch: f"({n}/" in text, f"epoch {epoch}")
            await pilot.press("space", "space")  # the next epoch's Forward and Loss, revealed
            await pilot.pause(0.5)
            written.append(Path(app.save_screenshot(name, path=str(out_dir))))
    return written


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0]) if argv else ROOT / "docs"
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as data_dir:
        os.environ["TUTOR_DATA_DIR"] = data_dir
        os.environ.pop("NO_COLOR", None)
        for path in asyncio.run(capture(out_dir)):
            print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
