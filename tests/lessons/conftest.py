"""Helpers to write small lesson packs in a temporary folder."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

from tutor.lessons import load_course
from tutor.lessons.model import Course

@pytest.fixture
def pack(tmp_path: Path) -> Callable[..., tuple[Path, Course]]:
    """pack({"a.md": text, ...}) -> (folder, loaded course)."""

    def make(files: dict[str, str | bytes]) -> tuple[Path, Course]:
        folder = tmp_path / "pack"
        folder.mkdir(exist_ok=True)
        for name, content in files.items():
            path = folder / name
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return folder, load_course(folder)

    return make
