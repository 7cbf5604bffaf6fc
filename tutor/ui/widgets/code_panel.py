"""The training loop that actually runs, with the lines of the current phase marked.

The code is cut into blocks at the phase boundaries, one Static each, so moving to the next
phase repaints only the two blocks whose marking changed (over SSH every repaint is resent).
While r runs, what runs is this same loop compiled with tf.function (tutor/engine/bulk.py):
the panel's first line says so and no line is marked as "running now" (a one-line change:
the border, and with it the whole panel, is not repainted). Unless the update is the
notebook's, a second line says what the loop's `optimizador` is (o changes it) and, with
mini-batches, how many times an epoch calls the function.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.syntax import Syntax
from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from tutor.ui.widgets.in_place import update_in_place
from tutor.ui.widgets.text_panel import TextPanel

MARK = "▶"
CURRENT = "bold reverse"
TITLE = "Código que corre"
EAGER = "una época, paso a paso: space / e"
COMPILED = "r: este mismo bucle, compilado con tf.function"


class CodeLines:
    """Numbered code lines; a long line wraps under its own indentation, not at column 0."""

    def __init__(self, lines: list[Text], first: int, digits: int, current: bool) -> None:
        self.lines = lines
        self.first = first  # number of the first line
        self.digits = digits
        self.current = current

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        gutter = self.digits + 2
        out = Text(no_wrap=True, overflow="crop")
        for number, line in enumerate(self.lines, start=self.first):
            indent = len(line.plain) - len(line.plain.lstrip(" "))
            body = line.copy()
            if self.current:
                body.stylize(CURRENT, indent)
            room = max(width - gutter - indent, 8)
            pieces = body[indent:].wrap(console, room, overflow="fold") if body.plain.strip() else [Text("")]
            for row, piece in enumerate(pieces):
                if number > self.first or row > 0:
                    out.append("\n")
                if row == 0:
                    out.append(f"{MARK if self.current else ' '}{number:>{self.digits}} ",
                               style="bold" if self.current else "dim")
                else:
                    out.append(" " * gutter)
                out.append(" " * indent)
                piece.rstrip()
                out.append_text(piece)
        yield out


def code_blocks(line_count: int, phase_lines: dict[int, tuple[int, int]]) -> list[tuple[int, int, int | None]]:
    """(first, last, phase or None) ranges covering lines 1..line_count, cut at the phases."""
    blocks: list[tuple[int, int, int | None]] = []
    line = 1
    for phase, (first, last) in sorted(phase_lines.items(), key=lambda item: item[1]):
        first, last = max(first, line), min(last, line_count)
        if first > last:
            continue
        if line < first:
            blocks.append((line, first - 1, None))
        blocks.append((first, last, phase))
        line = last + 1
    if line <= line_count:
        blocks.append((line, line_count, None))
    return blocks


class CodePanel(TextPanel):
    """Syntax-highlighted source from `epoch_source(spec)`; the current phase's lines get a
    ▶ in the gutter and reverse video (readable without colour)."""

    def __init__(self, code: str, phase_lines: dict[int, tuple[int, int]], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.code = code
        self.phase_lines = dict(phase_lines)
        self.border_title = TITLE
        self.compiled = False
        self.mode = EAGER  # the first line: what runs, eager step or compiled run
        lines = Syntax(code, "python", theme="ansi_dark").highlight(code).split("\n")
        while lines and not lines[-1].plain.strip():
            lines.pop()
        self._lines = lines
        self._digits = len(str(len(lines)))
        self.blocks = code_blocks(len(lines), self.phase_lines)
        self.phase: int | None = None
        self._statics: list[Static] = []  # one per block: found once mounted
        self._mode: Static | None = None  # the line saying eager or compiled
        self._update: Static | None = None  # the line saying what `optimizador` is
        self.update_line = ""

    def compose(self) -> ComposeResult:
        yield Static(Text(EAGER, style="italic"), classes="code-mode")
        yield Static("", classes="code-update")
        for first, last, _ in self.blocks:
            yield Static(CodeLines(self._lines[first - 1:last], first, self._digits, False))

    def marked_lines(self) -> list[int]:
        """1-based numbers of the lines marked as the current phase."""
        if self.phase not in self.phase_lines:
            return []
        first, last = self.phase_lines[self.phase]
        return list(range(first, last + 1))

    def show_compiled(self, compiled: bool) -> None:
        """r runs the compiled loop (True) or space / e step the eager one (False)."""
        if compiled == self.compiled:
            return
        self.compiled = compiled
        self.mode = COMPILED if compiled else EAGER
        if self._mode is not None:  # one line either way
            self._mode.update(Text(self.mode, style="bold" if compiled else "italic"), layout=False)
        if compiled:
            self.show_phase(None)

    def show_update(self, text: str) -> None:
        """The line under the mode: `optimizador = ...` (and the batches) of the next epoch."""
        if text == self.update_line:
            return
        self.update_line = text
        if self._update is not None:
            self._show_update()

    def _show_update(self) -> None:
        self._update.display = bool(self.update_line)
        self._update.update(Text(self.update_line, style="italic"))

    def show_phase(self, phase: int | None) -> None:
        """Mark phase 1..4 (None: no phase yet)."""
        if phase == self.phase:
            return
        previous, self.phase = self.phase, phase
        if not self._statics:  # not mounted yet: on_mount marks it
            return
        for static, (first, last, block_phase) in zip(self._statics, self.blocks):
            if block_phase is not None and block_phase in (previous, phase):
                # Marking changes the style and the gutter, never the wrapping: no layout (a layout
                # would repaint the whole screen; over SSH that is tens of KB per run).
                static.update(CodeLines(self._lines[first - 1:last], first, self._digits, block_phase == phase),
                              layout=False)

    def on_mount(self) -> None:
        self._mode, self._update, *self._statics = list(self.query_children(Static))
        self._show_update()
        if self.phase is not None:
            phase, self.phase = self.phase, None
            self.show_phase(phase)
