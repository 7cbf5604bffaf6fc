"""Glossary links in lesson text: `[[pesos]]` or `[[pesos|los pesos]]`.

The loader checks that every linked id is a glossary term and rewrites each link into a
standard Markdown link `[texto](glosario:pesos)`, which the app opens as the term's page.
A bare `[[pesos]]` shows the term's short name ("Pesos"), in lower case inside a sentence
("ajusta sus pesos") but not an acronym ("MSE"). Links inside code (fenced blocks or
`inline code`) are left alone.
"""

from __future__ import annotations

import re
from typing import Iterator, Mapping

from tutor.lessons.markdown_text import mask_code

LINK_SCHEME = "glosario:"
_LINK = re.compile(r"\[\[([a-z0-9][a-z0-9_-]*)(?:\|([^\[\]\n|]+))?\]\]")


def find_links(text: str) -> Iterator[tuple[int, str]]:
    """(line offset inside `text`, term id) for each glossary link."""
    masked = mask_code(text)
    for match in _LINK.finditer(masked):
        yield masked.count("\n", 0, match.start()), match.group(1)


def link_terms(text: str, labels: Mapping[str, str]) -> str:
    """Rewrites `[[id]]` / `[[id|texto]]` into `[texto](glosario:id)`.

    `labels` gives the text shown for `[[id]]` (usually the term's short name); links to
    unknown ids become their plain text.
    """
    masked = mask_code(text)
    out: list[str] = []
    last = 0
    for match in _LINK.finditer(masked):
        term_id, label = match.group(1), match.group(2)
        shown = (label or labels.get(term_id, term_id)).strip()
        if not label and not _starts_sentence(masked[: match.start()]):
            shown = _lower_first(shown)
        out.append(text[last : match.start()])
        out.append(f"[{shown}]({LINK_SCHEME}{term_id})" if term_id in labels else shown)
        last = match.end()
    out.append(text[last:])
    return "".join(out)


_MARKUP = " \t*_(«\"'¿¡"
_ENDS = (".", "!", "?", ":", "|")
_BLOCK_START = re.compile(r"\s*(?:[-*+>|]|#+|\d+[.)])\s")


def _starts_sentence(before: str) -> bool:
    """Whether a link after the text `before` begins a sentence, a list item, a heading or a
    table cell (there it keeps its capital letter)."""
    line_start = before.rfind("\n") + 1
    prefix = before[line_start:]
    block = _BLOCK_START.match(prefix)
    if block and not prefix[block.end():].strip(_MARKUP):
        return True
    if prefix.strip(_MARKUP):
        return prefix.rstrip(_MARKUP)[-1:] in _ENDS
    if line_start == 0:
        return True
    previous = before[: line_start - 1]
    if not previous[previous.rfind("\n") + 1:].strip():
        return True  # the first line of a paragraph
    return previous.rstrip(_MARKUP)[-1:] in _ENDS


def _lower_first(text: str) -> str:
    """'Learning rate' -> 'learning rate'; 'MSE' and 'ReLU' stay as they are."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def term_id_from_href(href: str) -> str | None:
    """The term id of a `glosario:` link, or None for any other link."""
    return href[len(LINK_SCHEME) :] if href.startswith(LINK_SCHEME) else None


def short_name(name: str) -> str:
    """'Pesos (Weights, w)' -> 'Pesos': the label of a bare `[[pesos]]` link."""
    return name.split(" (")[0].strip() or name
