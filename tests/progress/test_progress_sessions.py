"""Issue 13, item 2: two tutors on one TUTOR_DATA_DIR, each in its own process. The last save
never erases the other's pages and answers (saves merge under a file lock), and a session
can tell that another live process is using the same progress."""

from __future__ import annotations

import json

import pytest

from progress_worker import Session
from tutor.progress import ProgressStore

@pytest.fixture
def sessions(tmp_path):
    started: list[Session] = []

    def start() -> Session:
        started.append(Session(tmp_path / "progress.json"))
        return started[-1]

    yield start
    for session in started:
        session.kill()


def saved(tmp_path) -> dict:
    return json.loads((tmp_path / "progress.json").read_text(encoding="utf-8"))


def test_interleaved_saves_of_two_sessions_lose_nothing(tmp_path, sessions):
    a, b = sessions(), sessions()  # both loaded the same (empty) progress
    for session, command in [(a, "page intro 0"), (b, "page intro 1"), (a, "answer intro q1 wrong"),
                             (b, "answer intro q1 correct"), (a, "answer intro q1 wrong"),
                             (a, "lab compuerta-and 200 0.5"), (b, "lab compuerta-and 50 0.2"),
                             (b, "page glosario 3"), (a, "page intro 2")]:
        assert session.do(command) == "ok"
    a.quit()
    b.quit()
    lessons = saved(tmp_path)["lessons"]
    assert lessons["intro"]["pages_read"] == [0, 1, 2]
    assert lessons["glosario"]["pages_read"] == [3]
    q1 = lessons["intro"]["exercises"]["q1"]
    assert q1["result"] == "correct" and q1["attempts"] == 3  # a correct answer stays correct
    lab = lessons["compuerta-and"]["lab"]
    assert lab["epochs_run"] == 200 and lab["best_loss"] == 0.2


def test_the_position_is_where_the_student_last_moved(tmp_path, sessions):
    a, b = sessions(), sessions()
    assert a.do("pos intro 2") == "ok"
    assert b.do("pos repaso 1") == "ok"
    assert a.do("page intro 0") == "ok"  # a saves again without moving: b's move stands
    assert saved(tmp_path)["position"] == {"lesson": "repaso", "page": 1}
    assert a.do("pos glosario 0") == "ok"
    assert saved(tmp_path)["position"] == {"lesson": "glosario", "page": 0}
    a.quit()
    b.quit()


def test_two_sessions_saving_at_the_same_time_lose_nothing(tmp_path, sessions):
    a, b = sessions(), sessions()
    a.send("burst leccion-a 60")
    b.send("burst leccion-b 60")
    assert a.read() == "ok" and b.read() == "ok"
    a.quit()
    b.quit()
    lessons = saved(tmp_path)["lessons"]
    for name in ("leccion-a", "leccion-b"):
        assert lessons[name]["pages_read"] == list(range(60))
        assert lessons[name]["exercises"]["q"]["attempts"] == 60
    assert lessons["compartida"]["pages_read"] == list(range(60))
    # Both answered it 60 times: a write based on a stale read would lose some for good.
    assert lessons["compartida"]["exercises"]["q"]["attempts"] == 120
    again, notice = ProgressStore(tmp_path / "progress.json").load()
    assert notice is None and len(again.lessons["leccion-a"].pages_read) == 60


def test_a_session_knows_when_another_live_process_uses_the_same_progress(tmp_path, sessions):
    a = sessions()
    assert a.do("session") == "-"  # alone
    b = sessions()
    notice = b.do("session")
    assert notice.startswith("Otra sesión de tutor está usando este mismo progreso")
    assert "no se pierde nada" in notice
    a.quit()
    c = sessions()
    assert c.do("session") != "-"  # b is still there
    b.quit()
    c.quit()
    d = sessions()
    assert d.do("session") == "-"  # a process that ended holds nothing, whatever its exit
    d.kill()
    e = sessions()
    assert e.do("session") == "-"
    e.quit()


def test_stores_of_one_process_are_one_session(tmp_path):
    first, second = ProgressStore(tmp_path / "progress.json"), ProgressStore(tmp_path / "progress.json")
    assert first.begin_session() is None
    assert second.begin_session() is None


def test_the_files_beside_the_progress_are_private(tmp_path):
    store = ProgressStore(tmp_path / "datos" / "progress.json")
    store.begin_session()
    progress, _ = store.load()
    store.save(progress)
    for path in (tmp_path / "datos").iterdir():
        assert path.stat().st_mode & 0o077 == 0, path.name
