"""SparingPlot: a plotext chart drawn afresh from its own data at every size, repainted
only where its picture changed.

plotext's build() transforms the figure's data in place (a log axis takes log10 of the
values), so a figure must never be built twice. Here each picture starts from a clear
figure: `sketch(plt, frame)` draws the chart's data for that frame (size, ASCII mode,
colours) and returns its heading line, and a new size, theme or mode simply sketches again.
The heading is the picture's first row, above plotext's (whose title row an open frame
would overwrite with the top axis).
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content
from textual.geometry import Region
from textual_plotext import PlotextPlot

from tutor.ui.widgets.chart_style import ChartFrame, ascii_text


class SparingPlot(PlotextPlot):
    """A plotext chart that keeps its last picture and repaints only the lines that changed
    (a line that moved less than a character costs no bytes on the wire).

    Subclasses keep their data and implement `sketch` (and `summary`, the one line shown
    when the widget is too small for a plot); they call `redraw()` when the data changed.
    `ascii=None` follows the app (`TutorApp.ascii_charts`); True / False forces it.
    """

    def __init__(self, *, id: str | None = None, ascii: bool | None = None) -> None:
        super().__init__(id=id)
        self.ascii = ascii
        self._picture: tuple[tuple[ChartFrame, str], str] | None = None  # ((frame, theme), ansi)
        self._parsed: tuple[str, Content] | None = None  # (ansi, its Content): parsed once
        self.theme = "clear"  # terminal's own colours: few escape codes, fine with 16 colours

    # -- what subclasses draw ----------------------------------------------------------------

    def sketch(self, plt, frame: ChartFrame) -> str:  # noqa: ANN001 - a plotext figure
        """Draw the chart's data on a clear figure for this frame (plotext draws on all but
        its first row); return the heading line for that first row."""
        return ""

    def summary(self, frame: ChartFrame) -> str:
        """One line saying what the chart shows, for sizes too small to plot."""
        return ""

    # -- pictures ----------------------------------------------------------------------------

    def frame(self, width: int | None = None, height: int | None = None) -> ChartFrame:
        """The frame this widget draws in now (or at another size)."""
        size_width, size_height = self.size
        ascii, colours = self.ascii, "truecolor"
        if self.is_attached:
            app = self.app
            if ascii is None:
                ascii = bool(getattr(app, "ascii_charts", False))
            colours = app.console.color_system
        return ChartFrame(size_width if width is None else width, size_height if height is None else height,
                          ascii=bool(ascii), colours=colours)

    def picture(self, frame: ChartFrame) -> str:
        """The chart as ANSI text for frame: drawn from scratch, never raises for any data."""
        if frame.width <= 0 or frame.height <= 0:
            return ""
        if not frame.plottable:
            line = frame.fit(self.summary(frame))
            return "\n".join([line] + [""] * (frame.height - 1))
        plt = self._plot
        plt.clear_figure()
        heading = self.sketch(plt, frame)[:frame.width]
        width, height = frame.width, frame.height - 1
        plt.plotsize(width, height)
        plt._set_size(width, height)  # see PlotextPlot.render: plotsize alone is not enough
        plt.theme(self._theme_name())
        picture = heading.ljust(width) + "\n" + plt.build().rstrip("\n")  # `height` lines
        return ascii_text(picture) if frame.ascii else picture

    def text(self, width: int, height: int) -> str:
        """The picture at that size without colours: what a student reads (for tests)."""
        return Text.from_ansi(self.picture(self.frame(width, height))).plain

    def _theme_name(self) -> str:
        return self._get_plotext_theme_name(self.app.theme) if self.is_attached else self.theme

    def _build(self) -> str:
        frame = self.frame()
        key = (frame, self._theme_name())
        picture = self.picture(frame)
        self._picture = (key, picture)
        return picture

    def render(self):
        width, height = self.size
        if width <= 0 or height <= 0:
            return Text("")
        cached = self._picture
        if cached is None or cached[0] != (self.frame(), self._theme_name()):
            self._build()
        picture = self._picture[1]
        if self._parsed is None or self._parsed[0] != picture:
            self._parsed = (picture, Content.from_rich_text(Text.from_ansi(picture), console=self.app.console))
        return self._parsed[1]

    def redraw(self) -> None:
        """After the chart's data changed: repaint the lines of the picture that changed."""
        if not self.is_mounted or self.size.width <= 0 or self.size.height <= 0:
            self._picture = None
            self.refresh()
            return
        before = self._picture
        after = self._build()
        if before is None or before[0] != self._picture[0]:
            self.refresh()
            return
        old_lines, new_lines = before[1].split("\n"), after.split("\n")
        if len(old_lines) != len(new_lines):
            self.refresh()
            return
        width = self.size.width
        changed = [Region(0, y, width, 1) for y, (old, new) in enumerate(zip(old_lines, new_lines)) if old != new]
        if changed:
            self.refresh(*changed)
