"""Reading the numbers a lesson page shows, to compare them with what the engine computes.

    page_text("optimizadores", "El primer paso")        -> the page's Markdown
    table(text, "Optimizador")                           -> {first cell: row cells} of the table
                                                            whose header starts with that cell
    assert_shown("−0.0859", value)                       -> the text is `value` rounded as written

A number is written as the lessons write it: "0.6951", "−0.92452" (Unicode minus), "1570",
"6.1·10³⁷" or "8.0·10⁻⁵". It matches a value when the value, rounded to the digits written,
gives that text: "0.6951" matches 0.69513 but not 0.69504.
"""

from __future__ import annotations

import re

from tutor.lessons import load_course

COURSE = load_course()
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_NUMBER = re.compile(r"^(?P<mantissa>[-−]?\d+(?:\.(?P<decimals>\d+))?)(?:·10(?P<exponent>[⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+))?$")


def lesson(lesson_id: str):
    found = COURSE.lesson(lesson_id)
    assert found is not None, lesson_id
    return found


def page_text(lesson_id: str, title: str) -> str:
    pages = [page for page in lesson(lesson_id).pages if page.title == title]
    assert len(pages) == 1, (lesson_id, title, [page.title for page in lesson(lesson_id).pages])
    return pages[0].markdown


def exercise(lesson_id: str, exercise_id: str):
    found = [e for e in lesson(lesson_id).exercises if e.id == exercise_id]
    assert len(found) == 1, (lesson_id, exercise_id)
    return found[0]


def table(text: str, first_header: str) -> dict[str, list[str]]:
    """The Markdown table whose header row starts with `first_header`: {first cell: cells}."""
    rows: list[list[str]] | None = None
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")] if line.lstrip().startswith("|") else None
        if rows is None:
            if cells and cells[0] == first_header:
                rows = []
            continue
        if cells is None:
            break
        if not set(cells[0]) <= set("-: "):
            rows.append(cells)
    assert rows, f"no table starting with {first_header!r}"
    return {cells[0]: cells for cells in rows}


def parse_shown(text: str) -> tuple[float, float]:
    """(value, half a unit of the last digit written) of a number as a lesson writes it."""
    match = _NUMBER.match(text.strip())
    assert match, f"not a number as lessons write them: {text!r}"
    mantissa = float(match.group("mantissa").replace("−", "-"))
    decimals = len(match.group("decimals") or "")
    scale = 10.0 ** int(match.group("exponent").translate(_SUPERSCRIPTS)) if match.group("exponent") else 1.0
    return mantissa * scale, 0.5 * 10.0 ** -decimals * scale


def assert_shown(text: str, value: float, where: str = "") -> None:
    """`text` is `value` rounded to the digits it writes (with room for float32's last bit)."""
    shown, half = parse_shown(text)
    assert abs(value - shown) <= half * (1 + 1e-6) + 1e-12, f"{where}: the lesson says {text}, the engine {value!r}"


def assert_mentions(text: str, *pieces: str) -> None:
    """Each piece (a number or a phrase with numbers) is written in `text` (spaces normalized)."""
    flat = " ".join(text.split())
    for piece in pieces:
        assert " ".join(piece.split()) in flat, f"{piece!r} is not in the text"
