"""Everything a client sends is hostile until checked here: names, terminal, environment, sizes.

Plain functions, standard library only, so the checks can be read and tested on their own.
"""

from __future__ import annotations

import re

NAME_MAX = 32
# Letters, digits, '-', '_', '.'; not starting with '.' or '-' (no hidden files, no options).
_NAME = re.compile(rf"[A-Za-z0-9_][A-Za-z0-9_.-]{{0,{NAME_MAX - 1}}}")
_TERM = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,63}")
_LOCALE = re.compile(r"(C|POSIX|[A-Za-z]{2,8}(_[A-Za-z0-9]{2,8})?)(\.[A-Za-z0-9-]{1,16})?(@[A-Za-z0-9]{1,16})?")
LOCALE_VARIABLES = ("LANG", "LC_ALL", "LC_CTYPE", "LC_MESSAGES")
CLIENT_VARIABLES = (*LOCALE_VARIABLES, "COLORTERM", "NO_COLOR", "TUTOR_ASCII")  # what a client may set
DEFAULT_TERM = "xterm-256color"
MAX_COLUMNS, MAX_ROWS = 1000, 500
DEFAULT_SIZE = (80, 24)
MAX_COMMAND = 200  # characters of an exec request


def valid_name(name: object) -> bool:
    """A login that is safe as a file name inside the class directory."""
    return isinstance(name, str) and _NAME.fullmatch(name) is not None and not name.endswith(".")


def printable(text: object, limit: int = 40) -> str:
    """`text` as it may appear in the log: no control characters, at most `limit` characters."""
    shown = "".join(ch if ch.isprintable() and ch not in "\\\"" else f"\\x{ord(ch) & 0xFF:02x}"
                    for ch in str(text)[:limit])
    return shown + ("…" if len(str(text)) > limit else "")


def visible(text: object) -> str:
    """`text` for the teacher's screen: control characters (escape sequences) become '�'."""
    return "".join(ch if ch.isprintable() else "\ufffd" for ch in str(text))


def terminal_type(term: object) -> str:
    """The client's TERM if it is a plausible terminal name, else a safe default."""
    if isinstance(term, str) and _TERM.fullmatch(term):
        return term
    return DEFAULT_TERM


def window_size(columns: object, rows: object) -> tuple[int, int]:
    """(columns, rows) clamped to 1..MAX; a zero or nonsense size becomes 80x24."""
    if not isinstance(columns, int) or not isinstance(rows, int) or columns <= 0 or rows <= 0:
        return DEFAULT_SIZE
    return min(columns, MAX_COLUMNS), min(rows, MAX_ROWS)


def session_environment(requested: dict) -> dict[str, str]:
    """The few variables a client may set, when their values are sane: locale names,
    COLORTERM=truecolor|24bit, NO_COLOR (any short value) and TUTOR_ASCII=0|1. Everything
    else is dropped."""
    env: dict[str, str] = {}
    for key, value in requested.items():
        if not isinstance(key, str) or not isinstance(value, str) or len(value) > 64:
            continue
        if key in LOCALE_VARIABLES and _LOCALE.fullmatch(value):
            env[key] = value
        elif key == "COLORTERM" and value in ("truecolor", "24bit"):
            env[key] = value
        elif key == "NO_COLOR" and value.isprintable():
            env[key] = "1"
        elif key == "TUTOR_ASCII" and value.strip().lower() in ("0", "1"):
            env[key] = value.strip()
    return env
