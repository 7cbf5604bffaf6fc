"""What a served session never does, whatever its screens ask: write a file where it chooses,
start a program, or stop itself. Applied in the forked session process before the app starts
(the zygote and the other sessions are separate processes: nothing of theirs changes).

Textual's App has such doors, and a student can reach a door without a key binding: a markup
link (`[@click=app.screenshot('f','/any/folder')]`) in text the app shows, or a Markdown link:

- App.action_screenshot / deliver_screenshot / save_screenshot / deliver_text / deliver_binary
  write a file at any path the server's account can write (another student's progress, the
  class's keys, the teacher's home);
- App.open_url / Driver.open_url call the server's `webbrowser`, which may start a console
  browser (lynx, w3m: they have shell escapes) on the student's pty;
- App.action_suspend_process stops the session (SIGTSTP): a stopped session cannot save when
  it is hung up.

All are replaced by a notice. The session also runs in the student's own folder, so a
relative path (Textual's default for files) can only land there.
"""

from __future__ import annotations

import os
from pathlib import Path

NOT_IN_CLASS = "En la clase el tutor no guarda archivos aparte ni abre programas."
CLOSED_APP_METHODS = ("action_screenshot", "save_screenshot", "deliver_screenshot", "deliver_text",
                      "deliver_binary", "open_url", "action_suspend_process")


def lock_down(folder: Path) -> None:
    """Shut the doors above in this process and make `folder` its working directory."""
    import webbrowser

    from textual.app import App
    from textual.driver import Driver

    os.chdir(folder)

    def refused(self, *args, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        self.notify(NOT_IN_CLASS, severity="warning", markup=False)

    for name in CLOSED_APP_METHODS:
        setattr(App, name, refused)
    Driver.open_url = lambda self, url, new_tab=True: None  # noqa: ARG005
    for name in ("open", "open_new", "open_new_tab"):
        setattr(webbrowser, name, lambda *args, **kwargs: False)
