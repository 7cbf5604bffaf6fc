"""Plain-text checks on lesson Markdown: code masking, pages, tables.

Nothing here renders Markdown; it only finds what a teacher can get wrong and where.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_INLINE_CODE = re.compile(r"(`+)(.+?)\1", re.DOTALL)
_PLACEHOLDER_SPAN = re.compile(r"\{\{.*?\}\}|\[\[[^\[\]\n]*\]\]")  # {{W[0]|a|b}}, [[id|texto]]
_SEPARATOR_CELL = re.compile(r"^\s*:?-+:?\s*$")


def mask_code(text: str) -> str:
    """`text` with fenced code blocks and `inline code` blanked out (same length and lines).

    Searches on the masked text never match inside code, and their offsets stay valid
    for the original text.
    """
    out: list[str] = []
    fence: str | None = None
    for line in re.split(r"(?<=\n)", text):  # only \n ends a line, as editors and TOML count
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)[0] * len(match.group(1))
            out.append(_blank(line))
        elif fence is not None:
            if line.strip().startswith(fence):
                fence = None
            out.append(_blank(line))
        else:
            out.append(line)
    masked = "".join(out)
    return _INLINE_CODE.sub(lambda m: _blank(m.group()), masked)


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


@dataclass(frozen=True)
class Section:
    title: str  # "" for the text before the first heading
    markdown: str  # without the heading line
    line: int  # line of the heading (or of the first text line) in the file


def split_pages(body: str, first_line: int) -> list[Section]:
    """Splits a lesson body at each `## ` heading (outside code blocks).

    Text before the first heading becomes a section with an empty title when it is not
    blank. `first_line` is the file line of the body's first line.
    """
    sections: list[Section] = []
    title = ""
    start = first_line
    buffer: list[str] = []
    # mask_code keeps every line, so the masked lines pair up with the real ones.
    for index, (line, plain) in enumerate(zip(body.split("\n"), mask_code(body).split("\n"))):
        # Outside code, a level-2 heading starts a page.
        if plain.startswith("## "):
            _flush(sections, title, buffer, start)
            title = line[3:].strip().strip("#").strip()
            start = first_line + index
            buffer = []
        else:
            if not buffer and not title and not line.strip():
                start = first_line + index + 1
                continue
            buffer.append(line)
    _flush(sections, title, buffer, start)
    return sections


def _flush(sections: list[Section], title: str, buffer: list[str], start: int) -> None:
    text = "\n".join(buffer).strip("\n")
    if title or text.strip():
        sections.append(Section(title, text + "\n" if text else "", start))


def table_cells(row: str) -> int:
    """Cells in a Markdown table row.

    As in GitHub Markdown (and Textual's parser), a `|` splits cells even inside `code`;
    only `\\|` does not. Placeholders `{{a|b}}` and links `[[id|texto]]` are replaced before
    rendering, so their pipes do not count either.
    """
    masked = _PLACEHOLDER_SPAN.sub(lambda m: _blank(m.group()), row)
    masked = masked.replace("\\|", "  ").strip()
    if masked.startswith("|"):
        masked = masked[1:]
    if masked.endswith("|"):
        masked = masked[:-1]
    return masked.count("|") + 1


def table_problems(text: str, first_line: int) -> list[tuple[int, str]]:
    """(line, message) for each malformed Markdown table in `text`.

    A table is a run of lines starting with `|`; its second line must be the separator
    row (`| --- | --- |`) and every row must have as many cells as the header.
    """
    problems: list[tuple[int, str]] = []
    lines = mask_code(text).split("\n")
    original = text.split("\n")
    index = 0
    while index < len(lines):
        if not lines[index].lstrip().startswith("|"):
            index += 1
            continue
        start = index
        while index < len(lines) and lines[index].lstrip().startswith("|"):
            index += 1
        rows = original[start:index]
        header = table_cells(rows[0])
        if len(rows) < 2 or not _is_separator(rows[1]):
            problems.append((first_line + start + (1 if len(rows) > 1 else 0),
                             "tabla Markdown sin fila separadora (| --- | --- |) bajo la cabecera"))
            continue
        for offset, row in enumerate(rows[1:], start=1):
            cells = table_cells(row)
            if cells != header:
                problems.append((first_line + start + offset,
                                 f"tabla Markdown: esta fila tiene {cells} columnas y la cabecera {header}"))
    return problems


def _is_separator(row: str) -> bool:
    cells = row.strip().strip("|").split("|")
    return all(_SEPARATOR_CELL.match(cell) for cell in cells)
