"""Issue 13, item 1: a progress file is strict JSON, and a save that fails always says so.

NaN / Infinity (or a number too large for a float) anywhere in the file, even in a field
this tutor does not know, is corruption: set aside as .bak with the usual notice. Whatever
cannot be written (a non-finite value or a foreign object that slipped into the model, a
directory in the way) is a TutorError with one Spanish line, never a ValueError.
"""

from __future__ import annotations

import json
import math

import pytest

from tutor.errors import TutorError
from tutor.progress import Progress, ProgressStore


def strict_loads(text: str):
    def refuse(constant: str):
        raise AssertionError(f"non-finite constant {constant} written")
    return json.loads(text, parse_constant=refuse)


@pytest.mark.parametrize("content", [
    b'{"version": 1, "x": NaN}',
    b'{"version": 1, "x": Infinity}',
    b'{"version": 1, "x": -Infinity}',
    b'{"version": 1, "x": [1, {"y": NaN}]}',
    b'{"version": 1, "lessons": {"a": {"extra": {"deep": [Infinity]}}}}',
    b'{"version": 1, "x": 1e400}',  # json.loads reads it as inf
    b'{"version": 1, "lessons": {"a": {"lab": {"best_loss": NaN}}}}',
])
def test_non_finite_numbers_anywhere_are_corruption(tmp_path, content):
    path = tmp_path / "progress.json"
    path.write_bytes(content)
    store = ProgressStore(path)
    progress, notice = store.load()
    assert notice is not None and "finito" in notice and "progress.json.bak" in notice
    assert (tmp_path / "progress.json.bak").read_bytes() == content
    progress.mark_page_read("intro", 0)
    store.save(progress)
    assert strict_loads(path.read_text())["lessons"]["intro"]["pages_read"] == [0]


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_a_non_finite_value_in_the_model_is_a_tutor_error_and_the_old_file_stays(tmp_path, value):
    path = tmp_path / "progress.json"
    store = ProgressStore(path)
    progress = Progress()
    progress.mark_page_read("intro", 0)
    store.save(progress)
    before = path.read_bytes()
    progress.extra["x"] = value
    with pytest.raises(TutorError) as raised:
        store.save(progress)
    message = str(raised.value)
    assert "no se pudo guardar el progreso" in message and "no finito" in message
    assert "\n" not in message
    assert path.read_bytes() == before


def test_a_foreign_object_in_the_model_is_a_tutor_error(tmp_path):
    store = ProgressStore(tmp_path / "progress.json")
    progress = Progress()
    progress.extra["cosa"] = {1, 2}
    with pytest.raises(TutorError, match="no se pudo guardar el progreso"):
        store.save(progress)


def test_a_non_finite_best_loss_is_saved_as_no_best_loss(tmp_path):
    """best_loss is 'the lowest finite loss seen': a NaN that slipped in means none yet."""
    path = tmp_path / "progress.json"
    store = ProgressStore(path)
    progress = Progress()
    progress.record_lab("lab", 3, 0.5)
    progress.lessons["lab"].lab.best_loss = math.nan
    store.save(progress)
    lab = strict_loads(path.read_text())["lessons"]["lab"]["lab"]
    assert lab["best_loss"] is None and lab["epochs_run"] == 3


def test_a_document_nested_too_deep_to_write_back_is_set_aside(tmp_path):
    """It parses, but writing it back would recurse too deep: set aside now, not lost later."""
    path = tmp_path / "progress.json"
    depth = 900
    content = ('{"version": 1, "x": ' + "[" * depth + "]" * depth + "}").encode()
    path.write_bytes(content)
    store = ProgressStore(path)
    progress, notice = store.load()
    if notice is None:  # this Python can write it back: then it must
        store.save(progress)
        assert strict_loads(path.read_text())["version"] == 1
    else:
        assert (tmp_path / "progress.json.bak").read_bytes() == content
        store.save(progress)
        assert strict_loads(path.read_text())["version"] == 1
