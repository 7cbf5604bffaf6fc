"""`{{W[0]}}` placeholders: lesson text that describes the student's own trained values.

Syntax (parsed with regular expressions, never evaluated):

    {{W[0]}}                 -> "-2.12"  (sign and two decimals)
    {{W[0]:.4f}}             -> "-2.1160" (formats: .Nf or +.Nf, N up to 9)
    {{loss:.4f}}             -> the last loss; {{b}} means {{b[0]}}
    {{W[0]|signo}}           -> "positivo" / "negativo" / "cero"
    {{W[0]|bajar|subir}}     -> the first text if the value is negative, else the second
    {{abs(W[1]) - abs(W[0])|menos|más}}  -> sums and differences of values; abs() allowed
    {{w[0] + w[1] + b:.2f}}  -> z for the input (1, 1)
    {{-b[0]|1|0}}            -> a leading minus: "1" when b > 0, else "0" (tf.round(sigmoid(b)))

`values` maps names to flat sequences: {"W": (-2.1, 3.0), "b": (-3.4,), "loss": (0.02,)}.
A placeholder that cannot be filled stays visible as ⟦W[5]?⟧.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Mapping, Sequence

_PLACEHOLDER = re.compile(r"\{\{([^{}\n]*)\}\}")
_REF = r"[A-Za-z_][A-Za-z0-9_]*(?:\[\d+\])?"
_TERM = rf"(?:abs\(\s*{_REF}\s*\)|{_REF})"
_HEAD = re.compile(rf"^\s*(?P<expr>-?\s*{_TERM}(?:\s*[-+]\s*{_TERM}){{0,8}})\s*(?::\s*(?P<fmt>\+?\.\d\s*f))?\s*$")
_TERM_PARTS = re.compile(rf"(?P<op>[-+])?\s*(?P<term>{_TERM})")
_REF_PARTS = re.compile(r"(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:\[(?P<index>\d+)\])?")
SIGN_FILTER = "signo"
DEFAULT_FORMAT = "+.2f"


@dataclass(frozen=True)
class Term:
    name: str
    index: int
    absolute: bool
    negate: bool


@dataclass(frozen=True)
class Placeholder:
    source: str  # the whole {{...}}
    start: int  # offset in the text
    terms: tuple[Term, ...]
    fmt: str
    options: tuple[str, ...]  # () number, ("signo",), or (if_negative, otherwise)


def parse_placeholder(source: str, start: int = 0) -> Placeholder | str:
    """A parsed placeholder, or a Spanish message saying what is wrong with it."""
    inner = source[2:-2]
    head, *options = inner.split("|")
    match = _HEAD.match(head)
    if not match:
        return f"marcador {source} no válido: se esperaba p. ej. {{{{W[0]}}}} o {{{{W[0]|signo}}}}"
    options = [option.strip() for option in options]
    if len(options) == 1 and options[0] != SIGN_FILTER:
        return f"marcador {source}: tras | va 'signo' o dos textos (si negativo|si no)"
    if len(options) > 2 or any(not option for option in options):
        return f"marcador {source}: se admiten como mucho dos textos no vacíos tras la variable"
    terms = []
    for part in _TERM_PARTS.finditer(match.group("expr")):
        term = part.group("term")
        absolute = term.startswith("abs(")
        ref = _REF_PARTS.search(term[4:-1] if absolute else term)
        assert ref is not None
        terms.append(Term(ref.group("name"), int(ref.group("index") or 0), absolute, part.group("op") == "-"))
    fmt = (match.group("fmt") or DEFAULT_FORMAT).replace(" ", "")
    return Placeholder(source, start, tuple(terms), fmt, tuple(options))


def find_placeholders(text: str) -> list[Placeholder | tuple[int, str]]:
    """Every placeholder in `text`: parsed, or (offset, message) when malformed."""
    found: list[Placeholder | tuple[int, str]] = []
    for match in _PLACEHOLDER.finditer(text):
        parsed = parse_placeholder(match.group(), match.start())
        found.append(parsed if isinstance(parsed, Placeholder) else (match.start(), parsed))
    return found


def template_problems(text: str, sizes: Mapping[str, int]) -> list[tuple[int, str]]:
    """(line offset in `text`, message) for placeholders that could never be filled.

    `sizes` gives each available name and how many values it holds: {"W": 2, "b": 1, "loss": 1}.
    """
    problems: list[tuple[int, str]] = []
    leftover = _PLACEHOLDER.sub(lambda m: " " * len(m.group()), text)
    for match in re.finditer(r"\{\{|\}\}", leftover):
        problems.append((text.count("\n", 0, match.start()),
                         f"marcador sin {'cerrar' if match.group() == '{{' else 'abrir'}: falta "
                         f"{'}}' if match.group() == '{{' else '{{'}"))
    for item in find_placeholders(text):
        if isinstance(item, tuple):
            offset, message = item
            problems.append((text.count("\n", 0, offset), message))
            continue
        for term in item.terms:
            line = text.count("\n", 0, item.start)
            if term.name not in sizes:
                known = ", ".join(sorted(sizes))
                problems.append((line, f"marcador {item.source}: '{term.name}' no es un valor del laboratorio ({known})"))
            elif term.index >= sizes[term.name]:
                problems.append((line, f"marcador {item.source}: {term.name} tiene {sizes[term.name]} valor(es), "
                                       f"el índice {term.index} no existe"))
    return problems


def sign_word(value: float) -> str:
    """'positivo', 'negativo' or 'cero'."""
    if value > 0:
        return "positivo"
    if value < 0:
        return "negativo"
    return "cero"


def _value(placeholder: Placeholder, values: Mapping[str, Sequence[float]]) -> float | None:
    total = 0.0
    for term in placeholder.terms:
        sequence = values.get(term.name)
        if sequence is None or term.index >= len(sequence):
            return None
        number = float(sequence[term.index])
        number = abs(number) if term.absolute else number
        total += -number if term.negate else number
    return total


def fill_template(text: str, values: Mapping[str, Sequence[float]]) -> str:
    """`text` with every placeholder replaced by the student's value (see module doc)."""

    def replace(match: re.Match[str]) -> str:
        parsed = parse_placeholder(match.group())
        if isinstance(parsed, str):
            return f"⟦{match.group(1).strip()}?⟧"
        value = _value(parsed, values)
        if value is None:
            return f"⟦{match.group(1).strip()}?⟧"
        if not math.isfinite(value):
            return "(indefinido)" if parsed.options else str(value)
        if parsed.options == (SIGN_FILTER,):
            return sign_word(value)
        if parsed.options:
            return parsed.options[0] if value < 0 else parsed.options[1]
        return format(value, parsed.fmt)

    return _PLACEHOLDER.sub(replace, text)
