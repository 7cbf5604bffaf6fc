"""Where each TOML key is written: tomllib returns values without line numbers.

`KeyLocator(text)` scans the TOML source once (without interpreting values) and maps key
paths such as ("exercises", 2, "live", "field") or ("inputs", 3) to the 1-based line where
they are written, so every problem can be reported as `path:line: message`.
"""

from __future__ import annotations

import re
from typing import Hashable, Sequence

KeyPath = tuple[Hashable, ...]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _read_key(text: str, pos: int) -> tuple[list[str], int]:
    """A dotted key starting at `pos` (bare or quoted parts); returns parts and the end."""
    parts: list[str] = []
    while True:
        while pos < len(text) and text[pos] in " \t":
            pos += 1
        if pos >= len(text):
            return parts, pos
        char = text[pos]
        if char in "\"'":
            end = pos + 1
            while end < len(text) and text[end] != char:
                end += 2 if (char == '"' and text[end] == "\\") else 1
            parts.append(text[pos + 1 : end])
            pos = end + 1
        else:
            match = _BARE_KEY.match(text, pos)
            if not match:
                return parts, pos
            parts.append(match.group())
            pos = match.end()
        while pos < len(text) and text[pos] in " \t":
            pos += 1
        if pos < len(text) and text[pos] == ".":
            pos += 1
            continue
        return parts, pos


class KeyLocator:
    """Maps key paths to lines; unknown paths fall back to their closest written parent."""

    def __init__(self, text: str) -> None:
        self._lines: dict[KeyPath, int] = {}
        self._content: dict[KeyPath, int] = {}
        self._array_tables: dict[KeyPath, int] = {}
        self._scan(text)

    def line(self, path: Sequence[Hashable]) -> int:
        """Line where `path` (or its closest recorded parent) is written; 1 if none."""
        path = tuple(path)
        while path:
            if path in self._lines:
                return self._lines[path]
            path = path[:-1]
        return 1

    def content_line(self, path: Sequence[Hashable]) -> int:
        """First line of a string value's text (the line after an opening triple quote)."""
        path = tuple(path)
        return self._content.get(path, self.line(path))

    # -- scanning ---------------------------------------------------------------------

    def _record(self, path: KeyPath, line: int) -> None:
        self._lines.setdefault(path, line)

    def _resolve(self, parts: Sequence[str]) -> KeyPath:
        """A header's path with the current index inserted after each array of tables."""
        resolved: KeyPath = ()
        for part in parts:
            resolved += (part,)
            if resolved in self._array_tables:
                resolved += (self._array_tables[resolved] - 1,)
        return resolved

    def _scan(self, text: str) -> None:
        current: KeyPath = ()
        # Open brackets of a value spanning lines: [kind, path, element index, waiting].
        stack: list[list] = []
        open_string: str | None = None  # the delimiter of an open multi-line string
        for number, line in enumerate(text.split("\n"), start=1):  # lines as TOML counts them
            pos = 0
            if open_string is not None:
                end = line.find(open_string)
                if end < 0:
                    continue
                open_string = None
                pos = end + 3
            elif not stack:
                stripped = line.strip()
                if not stripped or stripped.startswith("#"):
                    continue
                start = len(line) - len(line.lstrip())
                if stripped.startswith("[["):
                    parts, _ = _read_key(line, start + 2)
                    prefix = self._resolve(parts[:-1])
                    full = prefix + tuple(parts[-1:])
                    self._array_tables[full] = self._array_tables.get(full, 0) + 1
                    current = full + (self._array_tables[full] - 1,)
                    self._record(full, number)
                    self._record(current, number)
                    continue
                if stripped.startswith("["):
                    parts, _ = _read_key(line, start + 1)
                    current = self._resolve(parts)
                    self._record(current, number)
                    continue
                parts, pos = _read_key(line, start)
                if not parts or pos >= len(line) or line[pos] != "=":
                    continue
                key = current + tuple(parts)
                for size in range(len(current) + 1, len(key) + 1):
                    self._record(key[:size], number)
                pos += 1
                value = line[pos:].strip()
                if value in ('"""', "'''"):
                    self._content[key] = number + 1
                else:
                    self._content[key] = number
                stack = [["value", key, 0, False]]
            open_string = self._scan_value(line, pos, number, stack)
            if stack and stack[0][0] == "value":
                stack.pop(0)

    def _scan_value(self, line: str, pos: int, number: int, stack: list[list]) -> str | None:
        """Walks a value: strings, brackets, array elements and inline-table keys."""
        while pos < len(line):
            char = line[pos]
            top = stack[-1] if stack else None
            if char in " \t\r":
                pos += 1
                continue
            if char == "#":
                return None
            if top is not None and top[0] == "{" and top[3]:
                parts, end = _read_key(line, pos)
                if parts:
                    key = top[1] + tuple(parts)
                    self._record(key, number)
                    top[3] = False
                    top[4:] = [key]
                    pos = end
                    continue
            if top is not None and top[0] == "[" and top[3] and char != "]":
                self._record(top[1] + (top[2],), number)
                top[3] = False
            if line.startswith(('"""', "'''"), pos):
                delimiter = line[pos : pos + 3]
                end = line.find(delimiter, pos + 3)
                if end < 0:
                    return delimiter
                pos = end + 3
                continue
            if char in "\"'":
                end = pos + 1
                while end < len(line) and line[end] != char:
                    end += 2 if (char == '"' and line[end] == "\\") else 1
                pos = end + 1
                continue
            if char in "[{":
                parent = stack[-1] if stack else None
                if parent is None or parent[0] == "value":
                    path = parent[1] if parent else ()
                elif parent[0] == "[":
                    path = parent[1] + (parent[2],)
                else:
                    path = parent[4] if len(parent) > 4 else parent[1]
                stack.append([char, path, 0, True])
                pos += 1
                continue
            if char in "]}":
                if stack and stack[-1][0] in "[{":
                    stack.pop()
                pos += 1
                continue
            if char == "," and top is not None and top[0] in "[{":
                top[2] += 1
                top[3] = True
                pos += 1
                continue
            if char == "=" and top is not None and top[0] == "{":
                pos += 1
                continue
            pos += 1
        return None
