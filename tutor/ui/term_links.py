"""Glossary links in lesson Markdown.

The loader rewrites a teacher's `[[pesos]]` into `[Pesos](glosario:pesos)`
(tutor.lessons.links); here the app finds those links on a page and resolves a clicked href.
"""

from __future__ import annotations

import re
from typing import Iterable

from tutor.lessons.links import LINK_SCHEME, term_id_from_href
from tutor.lessons.model import GlossaryTerm

_LINK = re.compile(r"\]\(\s*<?(" + re.escape(LINK_SCHEME) + r"[^)\s>]+)>?\s*\)")


def term_for_href(href: str, terms: Iterable[GlossaryTerm]) -> GlossaryTerm | None:
    term_id = term_id_from_href(href.strip())
    if term_id is None:
        return None
    return next((term for term in terms if term.id == term_id), None)


def linked_terms(markdown: str, terms: Iterable[GlossaryTerm]) -> list[GlossaryTerm]:
    """The glossary terms linked from `markdown`, each once, in order of appearance."""
    terms = tuple(terms)
    found: list[GlossaryTerm] = []
    for match in _LINK.finditer(markdown):
        term = term_for_href(match.group(1), terms)
        if term is not None and term not in found:
            found.append(term)
    return found
