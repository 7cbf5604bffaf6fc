"""Reading lesson files safely: size limit, UTF-8, TOML front matter between `+++` lines."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

from tutor.files import FileTooLarge, os_error_text, read_regular_file
from tutor.lessons.fields import Problems
from tutor.lessons.locator import KeyLocator

MAX_FILE_BYTES = 512 * 1024  # a lesson is text; anything larger is a mistake
FRONT_MATTER_FENCE = "+++"
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column \d+\)|\s*\(at end of document\)")


def read_text(path: Path, problems: Problems, optional: bool = False) -> str | None:
    """The file's text, or None after reporting why it cannot be read (a FIFO, a folder, a
    symlink loop... never blocks). `optional`: a file that does not exist is no problem."""
    try:
        raw = read_regular_file(path, MAX_FILE_BYTES)
    except FileTooLarge as error:
        problems.at_line(1, f"archivo demasiado grande ({error.size} bytes; máximo {MAX_FILE_BYTES})")
        return None
    except OSError as error:
        if not (optional and isinstance(error, FileNotFoundError) and not path.is_symlink()):
            problems.at_line(1, f"no se puede leer el archivo: {os_error_text(error)}")
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        problems.at_line(line, "el archivo no está en UTF-8")
        return None


def parse_toml(text: str, problems: Problems, offset: int = 0, end_line: int | None = None) -> dict | None:
    """Parsed TOML or None after reporting the syntax error at its file line."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = _TOML_POSITION.search(message)
        if match and match.group(1):
            line = int(match.group(1)) + offset
        else:
            line = end_line if end_line is not None else text.count("\n") + 1 + offset
        detail = _TOML_POSITION.sub("", message).strip()
        problems.at_line(line, f"TOML no válido: {detail}")
        return None
    except ValueError:  # tomllib's int() of more digits than Python converts; no position
        problems.at_line(offset + 1, "TOML no válido: un número entero demasiado largo")
        return None
    except RecursionError:  # tomllib reads nested arrays and inline tables recursively
        problems.at_line(offset + 1, "TOML no válido: demasiados niveles de [ ] o { } anidados")
        return None
    problems.locator = KeyLocator(text)
    problems.offset = offset
    return data


@dataclass(frozen=True)
class LessonSource:
    front_matter: str
    front_offset: int  # file line of the opening +++ (TOML line 1 is the line after it)
    closing_line: int
    body: str
    body_line: int  # file line of the body's first line


def split_front_matter(text: str, problems: Problems) -> LessonSource | None:
    lines = text.split("\n")
    opening = next((index for index, line in enumerate(lines) if line.strip()), None)
    if opening is None or lines[opening].strip() != FRONT_MATTER_FENCE:
        problems.at_line((opening or 0) + 1,
                         f"la lección debe empezar con una cabecera TOML entre líneas '{FRONT_MATTER_FENCE}'")
        return None
    closing = next((index for index in range(opening + 1, len(lines))
                    if lines[index].strip() == FRONT_MATTER_FENCE), None)
    if closing is None:
        problems.at_line(opening + 1, f"falta la línea '{FRONT_MATTER_FENCE}' que cierra la cabecera TOML")
        return None
    return LessonSource(
        front_matter="\n".join(lines[opening + 1 : closing]) + "\n",
        front_offset=opening + 1,
        closing_line=closing + 1,
        body="\n".join(lines[closing + 1 :]) + "\n",
        body_line=closing + 2,
    )
