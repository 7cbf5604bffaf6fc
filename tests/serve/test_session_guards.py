"""A served session's guards on their own: Textual's doors to files and programs shut, and a
failing app's report kept off the student's screen."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from textual.app import App

from tutor.serve.session_child import run_quietly


LOCKED = textwrap.dedent("""
    import asyncio, os, sys, webbrowser
    from pathlib import Path
    from textual.app import App
    from textual.widgets import Static
    from tutor.serve.lockdown import lock_down

    target, folder = sys.argv[1], Path(sys.argv[2])
    lock_down(folder)

    class Door(App):
        def compose(self):
            yield Static(f"[@click=app.screenshot('pwn.svg','{target}')]AB[/] [@click=app.suspend_process]CD[/]",
                         id="door")

    async def main():
        app = Door()
        async with app.run_test() as pilot:
            await pilot.click("#door", offset=(0, 0))  # a markup link a student could click
            await pilot.click("#door", offset=(3, 0))
            await pilot.pause(0.3)
            app.deliver_screenshot()
            app.save_screenshot("x.svg", target)
            app.open_url("https://example.org")
        print(os.getcwd(), webbrowser.open("https://example.org"), sep="\\n")

    asyncio.run(main())
""")


def test_a_locked_down_session_writes_no_screenshot_opens_nothing_and_never_stops(tmp_path):
    target, folder = tmp_path / "elsewhere", tmp_path / "progreso" / "ana"
    target.mkdir()
    folder.mkdir(parents=True)
    env = {**os.environ, "HOME": str(tmp_path / "home")}  # Textual's default: ~/Downloads
    result = subprocess.run([sys.executable, "-c", LOCKED, str(target), str(folder)], capture_output=True,
                            text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [str(folder), "False"]
    assert list(target.iterdir()) == [] and not (tmp_path / "home").exists()
    assert list(folder.iterdir()) == []


class _Crashing(App):
    def on_mount(self) -> None:
        secret = "local variable"  # noqa: F841 - Textual's report shows locals
        raise RuntimeError("boom")


class _Quitting(App):
    def on_mount(self) -> None:
        self.exit()


def test_a_failing_app_reports_to_the_log_not_the_screen(tmp_path, capfd):
    log = tmp_path / "tutor.log"
    fd = os.open(log, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        assert run_quietly(_Crashing(), report_fd=fd, headless=True) is True
        assert run_quietly(_Quitting(), report_fd=fd, headless=True) is False
    finally:
        os.close(fd)
    shown = capfd.readouterr()
    assert "boom" not in shown.out + shown.err and "Traceback" not in shown.out + shown.err
    assert "RuntimeError: boom" in log.read_text() and "local variable" in log.read_text()
