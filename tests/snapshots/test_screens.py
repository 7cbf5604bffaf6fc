"""SVG snapshots of the app's own screens: the home screen (with a broken lesson listed) and a
reading page with a table, at 80x24 and 120x40. Deterministic: a fixed lesson pack written to
a temp dir (relative paths, so error messages are the same everywhere), a fresh data dir.
Update with: pytest tests/snapshots/test_screens.py --snapshot-update"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ui"))
from app_pack import write_pack  # noqa: E402

from tutor.lessons import load_course  # noqa: E402
from tutor.progress import ProgressStore  # noqa: E402
from tutor.ui.app import TutorApp  # noqa: E402

SIZES = [(80, 24), (120, 40)]


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TUTOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("NO_COLOR", raising=False)
    write_pack(Path("pack"), broken=True)
    return TutorApp(load_course("pack"), store=ProgressStore(), warm_up=False)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_home(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_reading_page_with_table(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, press=["enter", "_"])
