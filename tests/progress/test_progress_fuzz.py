"""Issue 13: any JSON at all as a progress file (non-finite numbers, deep nesting, huge
numbers, wrong types in known fields): the store loads it or sets it aside with a notice,
and the next save writes strict JSON that loads back with the new page in it."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tutor.progress import ProgressStore

KNOWN_KEYS = ["version", "student", "created", "updated", "position", "lessons", "lesson", "page",
              "pages_read", "exercises", "lab", "attempts", "result", "hints_used", "epochs_run",
              "best_loss", "first_seen", "intro", "q1"]

scalars = (st.none() | st.booleans() | st.integers() | st.integers(min_value=-(10**30), max_value=10**30)
           | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=8)
           | st.sampled_from(["correct", "wrong", "skipped", "intro"]))
keys = st.sampled_from(KNOWN_KEYS) | st.text(max_size=6)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(keys, inner, max_size=5), max_leaves=25)


def _progress_like(draw) -> dict:
    """A document shaped like a real one, with any value at any known place."""
    lessons = draw(st.dictionaries(st.sampled_from(["intro", "lab", "x"]), st.fixed_dictionaries(
        {}, optional={"pages_read": st.lists(st.integers(-3, 10) | values, max_size=4),
                      "exercises": st.dictionaries(st.sampled_from(["q1", "q2"]), st.fixed_dictionaries(
                          {}, optional={"attempts": values, "result": values, "hints_used": values,
                                        "updated": values}) | values, max_size=2),
                      "lab": st.fixed_dictionaries({}, optional={"epochs_run": values, "best_loss": values}) | values,
                      "first_seen": values, "updated": values, "extra": values}) | values, max_size=3))
    document = {"version": draw(st.sampled_from([1, 2, 7]) | values), "lessons": lessons}
    document.update(draw(st.dictionaries(st.sampled_from(["student", "created", "position", "x"]), values,
                                         max_size=3)))
    return document


@st.composite
def progress_texts(draw) -> bytes:
    kind = draw(st.sampled_from(["any", "shaped", "shaped", "deep", "huge", "surrogate"]))
    if kind == "surrogate":  # valid JSON, but a lone surrogate is not valid UTF-8 text
        text = '{"version": 1, "student": "Ana \\ud800", "x": "\\udfff"}'
    elif kind == "any":
        text = json.dumps(draw(values))  # NaN / Infinity written as bare constants
    elif kind == "shaped":
        text = json.dumps(_progress_like(draw))
    elif kind == "deep":
        depth = draw(st.integers(1, 3000))
        opener, closer = draw(st.sampled_from([("[", "]"), ('{"a":', "}")]))
        text = '{"version": 1, "x": ' + opener * depth + "0" + closer * depth + "}"
    else:
        digits = draw(st.integers(300, 6000))
        where = draw(st.sampled_from(['"x": {}', '"lessons": {{"a": {{"lab": {{"best_loss": {}}}}}}}',
                                      '"x": {}.5', '"x": 1e{}']))
        text = '{"version": 1, ' + where.format("9" * digits) + "}"
    return text.encode("utf-8")


def strict(text: str):
    def refuse(constant: str):
        raise AssertionError(f"saved a non-finite constant {constant}")
    return json.loads(text, parse_constant=refuse)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=progress_texts())
def test_any_json_loads_or_is_set_aside_and_the_next_save_is_strict_json(content):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "progress.json"
        path.write_bytes(content)
        store = ProgressStore(path)
        progress, notice = store.load()
        backup = path.with_name("progress.json.bak")
        if notice is None:
            assert not backup.exists()
        else:
            assert "progress.json.bak" in notice
            assert backup.read_bytes() == content and not path.exists()
        progress.mark_page_read("fuzz", 3)
        store.save(progress)
        document = strict(path.read_text(encoding="utf-8"))
        assert document["lessons"]["fuzz"]["pages_read"] == [3]
        again, notice = ProgressStore(path).load()
        assert notice is None and 3 in again.lessons["fuzz"].pages_read
