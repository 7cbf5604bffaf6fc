"""How the lab charts look: colours, markers, ASCII mode, and the size tiers.

- Readable without colour: each class has its own letter (o / x) and the model's line is
  drawn with dots (braille, or "." in ASCII), never with a letter; colour only adds.
- Colour-blind safe: Okabe–Ito colours (sky blue / orange for the classes, reddish purple
  for the model) on 256- and true-colour terminals; on 16 colours, bright cyan and bright
  yellow for the classes and the terminal's own text colour for the model's line.
- ASCII mode (`tutor --ascii`, TUTOR_ASCII=1, and automatic on the Linux console or a
  locale that is not UTF-8): no braille, no box drawing, no accents, only ASCII.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Mapping

RGB = tuple[int, int, int]

SKY_BLUE: RGB = (86, 180, 233)  # Okabe–Ito
ORANGE: RGB = (230, 159, 0)
REDDISH_PURPLE: RGB = (204, 121, 167)
DEFAULT = "default"  # plotext: the terminal's (the widget's) own text colour

# On 16 colours: the VGA values of ANSI 14 and 11, which Rich downgrades to exactly those.
BRIGHT_CYAN: RGB = (85, 255, 255)
BRIGHT_YELLOW: RGB = (255, 255, 85)

# role -> (colour on 256/true-colour terminals, colour on 16 colours)
ROLES: dict[str, tuple[RGB, RGB | str]] = {
    "loss": (SKY_BLUE, BRIGHT_CYAN),
    "class0": (SKY_BLUE, BRIGHT_CYAN),  # also the points of the lineal chart
    "class1": (ORANGE, BRIGHT_YELLOW),
    "model": (REDDISH_PURPLE, DEFAULT),
}
CLASS_MARKERS = ("o", "x")  # class 0, class 1: told apart without colour

# plotext's frame and ticks, and the few symbols the chart texts use, in ASCII
_ASCII_TABLE = str.maketrans({
    "─": "-", "│": "|", "┌": "+", "┐": "+", "└": "+", "┘": "+",
    "┬": "+", "┴": "+", "├": "+", "┤": "+", "┼": "+",
    "→": "->", "←": "<-", "↑": "^", "↓": "v", "·": "*", "•": "*", "≈": "~",
})

_TRUE = ("1", "true", "yes", "si", "sí", "on")
_FALSE = ("0", "false", "no", "off")
_NO_BRAILLE_TERMS = ("linux", "vt100", "vt102", "vt220", "dumb")
_COERCED = ("C.UTF-8", "C.utf8", "UTF-8")  # what Python sets LC_CTYPE to in a "C" locale (PEP 538)


def ascii_terminal(environ: Mapping[str, str], encoding: str | None = None) -> bool:
    """Whether this terminal should get ASCII charts: TUTOR_ASCII=1 (0 turns the automatic
    choice off), the Linux console (no braille in its font), or a locale or output
    encoding that is not UTF-8."""
    wanted = environ.get("TUTOR_ASCII", "").strip().lower()
    if wanted in _TRUE:
        return True
    if wanted in _FALSE:
        return False
    if environ.get("TERM", "") in _NO_BRAILLE_TERMS:
        return True
    if encoding and encoding.lower().replace("-", "").replace("_", "") not in ("utf8", "utf8mb4"):
        return True
    return not _utf8_locale(environ)


def _utf8_locale(environ: Mapping[str, str]) -> bool:
    lc_all, lc_ctype, lang = (environ.get(name, "") for name in ("LC_ALL", "LC_CTYPE", "LANG"))
    if not lc_all and lc_ctype in _COERCED and lang in ("", "C", "POSIX"):
        return False  # a "C" locale that Python coerced to UTF-8 for itself, not the terminal's
    effective = lc_all or lc_ctype or lang
    if not effective:
        return False  # no locale at all: "C", ASCII
    return "utf8" in effective.lower().replace("-", "")


def ascii_text(text: str) -> str:
    """text in ASCII: box drawing as - | +, arrows as -> ^, accents dropped (época -> epoca),
    anything else left as "?"."""
    text = text.translate(_ASCII_TABLE)
    if text.isascii():
        return text
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return plain.encode("ascii", "replace").decode("ascii")


@dataclass(frozen=True)
class ChartFrame:
    """Everything a chart's picture depends on besides its data."""

    width: int
    height: int
    ascii: bool = False
    colours: str | None = "truecolor"  # the console's colour system: truecolor, 256, standard, None

    @property
    def small(self) -> bool:
        """Short, as at 80x24 (about 38x8): an open frame and no axis-name row, to give the
        data every row it can."""
        return self.height < 12

    @property
    def plottable(self) -> bool:
        """Room for a title, one row of data, the axis and its labels."""
        return self.height >= 4 and self.width >= 16

    def colour(self, role: str) -> RGB | str:
        rich, sixteen = ROLES[role]
        return rich if self.colours in ("truecolor", "256") else sixteen

    def line_marker(self) -> str:
        """The marker of lines (the loss curve, the model): dots, never a class letter."""
        return "." if self.ascii else "braille"

    def text(self, text: str) -> str:
        return ascii_text(text) if self.ascii else text

    def fit(self, *texts: str, room: int | None = None) -> str:
        """The first (longest) of texts that fits in `room` columns (the width by default)."""
        room = self.width if room is None else room
        for text in texts:
            text = self.text(text)
            if len(text) <= room:
                return text
        return self.text(texts[-1])[:max(room, 0)]
