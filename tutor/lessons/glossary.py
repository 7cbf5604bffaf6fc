"""Glossary search: case- and accent-insensitive, names and aliases first."""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable

from tutor.lessons.links import short_name
from tutor.lessons.model import GlossaryTerm

SHORT_QUERY = 2  # queries this short only match the start of a word of a name or alias


def fold(text: str) -> str:
    """'Función de Activación' -> 'funcion de activacion'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split())


def _words(text: str) -> list[str]:
    return [word for word in re.split(r"[^0-9a-zñ]+", fold(text)) if word]


def _rank(term: GlossaryTerm, query: str) -> int | None:
    """0 exact name/alias/id, 1 a word starts with it, 2 inside a name/alias, 3 in the text."""
    labels = [term.name, term.id.replace("-", " "), *term.aliases]
    folded = [fold(label) for label in labels]
    if query in folded or query == fold(short_name(term.name)):
        return 0
    if any(word.startswith(query) for label in labels for word in _words(label)) or any(
        label.startswith(query) for label in folded
    ):
        return 1
    if len(query) <= SHORT_QUERY:
        return None
    if any(query in label for label in folded):
        return 2
    if query in fold(term.definition) or query in fold(term.example):
        return 3
    return None


def search_terms(terms: Iterable[GlossaryTerm], query: str) -> list[GlossaryTerm]:
    """Terms matching `query`, best first (ties in glossary order); all terms for ''."""
    terms = list(terms)
    wanted = fold(query)
    if not wanted:
        return sorted(terms, key=lambda term: term.number)
    ranked = [(rank, term.number, index, term) for index, term in enumerate(terms)
              if (rank := _rank(term, wanted)) is not None]
    return [term for *_, term in sorted(ranked, key=lambda item: item[:3])]
