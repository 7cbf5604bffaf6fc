"""A tutor session in its own process, driven line by line from a test (issue 13, item 2).

    python progress_worker.py PATH      then commands on stdin, one reply line each:
    page LESSON N | answer LESSON EX correct|wrong | lab LESSON EPOCHS LOSS | pos LESSON N
        change the session's progress, then save it (reply "ok", or the TutorError)
    burst LESSON COUNT     COUNT saves in a row, each with one more page and one more answer,
                           in LESSON and in the lesson "compartida" both sessions answer
    session                begin_session(): its notice, or "-" when no other session is live
    quit

`Session(path)` runs one from a test: `session.do("page intro 0") == "ok"`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tutor.errors import TutorError
from tutor.progress import ProgressStore


def main(path: str) -> None:
    store = ProgressStore(path)
    progress, _notice = store.load()
    reply("ready")
    for line in sys.stdin:
        word, *args = line.split()
        if word == "quit":
            return
        if word == "session":
            reply(store.begin_session() or "-")
            continue
        if word == "page":
            progress.mark_page_read(args[0], int(args[1]))
        elif word == "answer":
            progress.record_answer(args[0], args[1], args[2] == "correct")
        elif word == "lab":
            progress.record_lab(args[0], int(args[1]), float(args[2]))
        elif word == "pos":
            progress.set_position(args[0], int(args[1]))
        elif word == "burst":
            for number in range(int(args[1])):
                progress.mark_page_read(args[0], number)
                progress.record_answer(args[0], "q", False)
                progress.mark_page_read("compartida", number)
                progress.record_answer("compartida", "q", number % 2 == 0)
                store.save(progress)
        try:
            store.save(progress)
        except TutorError as error:
            reply(f"error {error}")
            continue
        reply("ok")


class Session:
    """One worker process on `path`, driven from a test."""

    def __init__(self, path: Path) -> None:
        self.process = subprocess.Popen([sys.executable, __file__, str(path)], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True)
        assert self.read() == "ready"

    def send(self, command: str) -> None:
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()

    def read(self) -> str:
        line = self.process.stdout.readline()
        assert line, "the worker died"
        return line.rstrip("\n")

    def do(self, command: str) -> str:
        self.send(command)
        return self.read()

    def quit(self) -> None:
        self.send("quit")
        self.process.communicate(timeout=60)
        assert self.process.returncode == 0

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.communicate()


def reply(text: str) -> None:
    sys.stdout.write(text.replace("\n", " ") + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1])
