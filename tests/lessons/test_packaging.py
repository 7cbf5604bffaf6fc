"""The built-in lessons ship inside the wheel: a non-editable install finds them anywhere."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)],
                           capture_output=True, text=True, timeout=300)
    if build.returncode != 0:
        pytest.skip(f"no se pudo construir la rueda (¿sin red para hatchling?): {build.stderr[-300:]}")
    return next(out.glob("tutor-*.whl"))


def test_the_wheel_contains_the_course(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    lessons = sorted(path.name for path in (REPO / "lessons").iterdir() if path.is_file())
    assert {f"tutor/course/{name}" for name in lessons} <= names
    assert "tutor/course/datasets.toml" in names and "tutor/course/01-conceptos.md" in names


def test_tutor_list_from_a_fresh_venv_in_another_directory(wheel, tmp_path):
    venv = tmp_path / "venv"
    # --no-deps: listing and checking lessons needs no TensorFlow and no Textual.
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    # Before Python 3.11 the TOML reader is tomli, a dependency; TensorFlow and the UI are not needed.
    toml = ["tomli"] if sys.version_info < (3, 11) else []
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q",
                    str(wheel), *toml], check=True, timeout=300)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    listing = subprocess.run([str(venv / "bin" / "tutor"), "list"], cwd=elsewhere, capture_output=True,
                             text=True, timeout=60, env={"PATH": "/usr/bin:/bin"})
    assert listing.returncode == 0, listing.stderr
    assert str(venv) in listing.stdout.splitlines()[0] and "tutor/course" in listing.stdout.splitlines()[0]
    for lab in ("neurona-lineal", "compuerta-and", "clasificador-2d"):
        assert lab in listing.stdout
    check = subprocess.run([str(venv / "bin" / "tutor"), "check"], cwd=elsewhere, capture_output=True,
                           text=True, timeout=60, env={"PATH": "/usr/bin:/bin"})
    assert check.returncode == 0 and check.stdout.endswith("sin problemas\n"), check.stdout + check.stderr
