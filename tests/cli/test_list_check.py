"""`tutor list` and `tutor check`: lessons in order, labs, and problems as path:line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tutor.cli import main

GOOD = """+++
id = "una"
order = 1
title = "Una lección"
kind = "reading"
+++

## Página

Texto.
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "a.md").write_text(GOOD, encoding="utf-8")
    return pack


def test_list_shows_the_builtin_lessons_in_order_and_the_labs(capsys):
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    rows = [line.split() for line in out.splitlines() if line[:3].strip().isdigit()]
    assert [(row[0], row[1], row[2]) for row in rows] == [
        ("1", "conceptos", "reading"), ("2", "neurona-lineal", "lab"), ("3", "calcula-una-epoca", "quiz"),
        ("4", "learning-rate", "lab"), ("5", "compuerta-and", "lab"), ("6", "glosario", "glossary"),
        ("7", "clasificador-2d", "lab"), ("8", "laboratorio-libre", "free-lab"), ("9", "repaso", "quiz"),
        ("10", "xor-capa-oculta", "lab"), ("11", "optimizadores", "lab"), ("12", "batches", "lab"),
    ]
    labs = out.split("Laboratorios (tutor run LAB):")[1].split()
    for lab in ("neurona-lineal", "learning-rate", "compuerta-and", "clasificador-2d", "xor-capa-oculta",
                "optimizadores", "batches"):
        assert lab in labs
    assert "  xor-capa-oculta    xor · red 2→3→1 (tanh) · bce · lr 0.5 · 1000 épocas" in out.splitlines()
    assert "  batches            nubes-100 · sigmoide · bce · lr 0.1 · 200 épocas · batch 10" in out.splitlines()
    assert "Con problemas" not in out


def test_list_names_broken_lessons_with_path_and_line(folder, capsys):
    (folder / "b.md").write_text(GOOD.replace('id = "una"', 'id = "dos"').replace("order = 1", "order = uno"))
    assert main(["list", "--lessons", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "  1  una  reading  Una lección" in out
    assert f"  {folder}/b.md:3: TOML no válido:" in out


def test_check_the_builtin_pack_is_clean(capsys):
    assert main(["check"]) == 0
    assert capsys.readouterr().out == "12 lecciones, 8 laboratorios, 61 ejercicios, 15 términos: sin problemas\n"


def test_check_prints_each_problem_on_its_own_line_and_fails(folder, capsys):
    (folder / "b.md").write_text(GOOD.replace('id = "una"', 'id = "dos"').replace('title = "Una lección"\n', "")
                                 .replace("Texto.", "| a | b |\n| - | - |\n| 1 |"))
    assert main(["check", str(folder)]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        f"{folder}/b.md:2: falta el campo obligatorio 'title' (un texto)",
        f"{folder}/b.md:11: tabla Markdown: esta fila tiene 1 columnas y la cabecera 2",
    ]
    assert captured.err.startswith("2 problema(s)")


def test_check_uses_the_global_lessons_option(folder, capsys):
    assert main(["--lessons", str(folder), "check"]) == 0
    assert capsys.readouterr().out == "1 lección, 0 laboratorios, 0 ejercicios, 0 términos: sin problemas\n"


def test_check_missing_or_empty_folder(tmp_path, capsys):
    assert main(["check", str(tmp_path / "nada")]) == 1
    assert capsys.readouterr().err == f"tutor: no existe la carpeta de lecciones '{tmp_path / 'nada'}'\n"
    assert main(["check", str(tmp_path)]) == 1
    assert capsys.readouterr().err == f"tutor: no hay lecciones (*.md) en '{tmp_path}'\n"


def test_check_as_a_program(folder, tmp_path):
    (folder / "c.md").write_text("sin cabecera\n")
    result = subprocess.run([sys.executable, "-m", "tutor", "check", str(folder)], capture_output=True,
                            text=True, cwd=tmp_path, timeout=60)
    assert result.returncode == 1
    assert result.stdout.startswith(f"{folder}/c.md:1: la lección debe empezar")
    assert "Traceback" not in result.stderr
