"""ProgressStore: where the file goes, its mode, and recovery from a bad file."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from tutor.errors import TutorError
from tutor.progress import Progress, ProgressStore, default_path


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("TUTOR_DATA_DIR", str(tmp_path / "datos"))
    return tmp_path / "datos"


def saved(store: ProgressStore) -> Progress:
    progress = Progress(student="Ana")
    progress.mark_page_read("intro", 0)
    progress.set_position("intro", 0)
    store.save(progress)
    return progress


def test_tutor_data_dir_overrides_the_directory(data_dir):
    store = ProgressStore()
    assert store.path == data_dir / "progress.json"
    saved(store)
    assert (data_dir / "progress.json").is_file()


def test_default_is_the_platformdirs_user_data_dir(tmp_path, monkeypatch):
    monkeypatch.delenv("TUTOR_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    from platformdirs import user_data_dir

    expected = tmp_path / "xdg" / "tutor" / "progress.json"
    assert default_path() == expected == Path(user_data_dir("tutor", appauthor=False)) / "progress.json"


def test_missing_file_is_a_clean_start_without_notice(data_dir):
    progress, notice = ProgressStore().load()
    assert notice is None and progress.lessons == {}


def test_round_trip_through_the_file(data_dir):
    store = ProgressStore()
    original = saved(store)
    loaded, notice = ProgressStore().load()
    assert notice is None and loaded == original


def test_file_is_private_mode_0600_even_with_a_permissive_umask(data_dir):
    old = os.umask(0)
    try:
        store = ProgressStore()
        saved(store)
        saved(store)  # the replaced file too
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(store.path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(data_dir).st_mode) == 0o700


@pytest.mark.parametrize("content, reason", [
    (b"{\"version\": 1, \"lessons\": {", "JSON no válido"),
    (b"\xff\xfe\x00basura", "UTF-8"),
    (b"[1, 2, 3]", "no es un objeto"),
    (b"{\"lessons\": {}}", "version"),
    (b"{\"version\": 1, \"lessons\": {\"a\": {\"pages_read\": \"0\"}}}", "lessons.a.pages_read"),
    (b"{\"version\": 1, \"lessons\": {\"a\": {\"exercises\": {\"q\": {\"result\": \"bien\"}}}}}", "result"),
    (b"{\"version\": 1, \"lessons\": {\"a\": {\"lab\": {\"epochs_run\": -3}}}}", "negativo"),
    (b"", "JSON no válido"),
    (b"{\"version\": 1, \"x\": " + b"1" * 5000 + b"}", "número demasiado largo"),
    (b"{\"version\": 1, \"lessons\": {\"a\": {\"lab\": {\"best_loss\": " + b"9" * 400 + b"}}}}", "best_loss"),
])
def test_bad_file_is_set_aside_with_a_notice_and_never_overwritten(data_dir, content, reason):
    data_dir.mkdir()
    (data_dir / "progress.json").write_bytes(content)
    store = ProgressStore()
    progress, notice = store.load()
    assert progress.lessons == {}
    assert reason in notice and "progress.json.bak" in notice and "progreso nuevo" in notice
    assert (data_dir / "progress.json.bak").read_bytes() == content
    assert not (data_dir / "progress.json").exists()
    saved(store)
    assert (data_dir / "progress.json.bak").read_bytes() == content


def test_an_existing_backup_is_not_replaced(data_dir):
    data_dir.mkdir()
    (data_dir / "progress.json.bak").write_text("primera copia")
    (data_dir / "progress.json.bak.1").write_text("segunda copia")
    (data_dir / "progress.json").write_text("tercera {")
    _, notice = ProgressStore().load()
    assert "progress.json.bak.2" in notice
    assert (data_dir / "progress.json.bak").read_text() == "primera copia"
    assert (data_dir / "progress.json.bak.1").read_text() == "segunda copia"
    assert (data_dir / "progress.json.bak.2").read_text() == "tercera {"


def test_unreadable_file_is_set_aside_too(data_dir):
    # A directory where the file should be: unreadable as a file, even for root.
    (data_dir / "progress.json").mkdir(parents=True)
    _, notice = ProgressStore().load()
    assert "no es un archivo normal, es una carpeta" in notice and "dañado" not in notice
    assert "progress.json.bak" in notice and "progreso nuevo" in notice
    assert (data_dir / "progress.json.bak").is_dir()


def test_a_bad_file_that_cannot_be_moved_is_never_overwritten(data_dir, monkeypatch):
    data_dir.mkdir()
    (data_dir / "progress.json").write_text("roto")
    store = ProgressStore()
    real_replace = os.replace

    def refuse(src, dst, *args, **kwargs):
        if str(dst).endswith(".bak"):
            raise PermissionError(13, "Permiso denegado")
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", refuse)
    progress, notice = store.load()
    assert "no se pudo apartar" in notice and "no se guardará" in notice
    with pytest.raises(TutorError, match="dañado"):
        store.save(progress)
    assert (data_dir / "progress.json").read_text() == "roto"


def test_a_newer_version_with_unknown_fields_loads_and_keeps_them(data_dir):
    data_dir.mkdir()
    document = {"version": 7, "student": "Luz", "sync": {"server": "x"}, "lessons": {}}
    (data_dir / "progress.json").write_text(json.dumps(document))
    store = ProgressStore()
    progress, notice = store.load()
    assert notice is None and progress.student == "Luz"
    store.save(progress)
    again = json.loads((data_dir / "progress.json").read_text())
    assert again["version"] == 7 and again["sync"] == {"server": "x"}


def test_save_error_is_one_spanish_line(tmp_path):
    blocker = tmp_path / "no-es-carpeta"
    blocker.write_text("")
    store = ProgressStore(blocker / "progress.json")
    with pytest.raises(TutorError, match="no se pudo guardar el progreso"):
        store.save(Progress())
