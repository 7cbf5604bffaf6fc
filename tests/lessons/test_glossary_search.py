"""Glossary search: case and accents ignored, names and aliases first."""

from __future__ import annotations

from tutor.lessons import load_course, search_terms
from tutor.lessons.glossary import fold
from tutor.lessons.model import GlossaryTerm

TERMS = load_course().glossary


def ids(query: str) -> list[str]:
    return [term.id for term in search_terms(TERMS, query)]


def test_fold():
    assert fold("  Función de  ACTIVACIÓN ") == "funcion de activacion"


def test_activacion_without_accent_finds_the_activation_function():
    assert ids("activacion")[0] == "funcion-de-activacion"
    assert ids("ACTIVACIÓN")[0] == "funcion-de-activacion"


def test_w_finds_pesos_first():
    assert ids("w")[0] == "pesos"
    assert ids("weights") == ["pesos"]


def test_short_queries_only_match_word_starts_of_names():
    assert "forward-pass" not in ids("w")  # "forWard" has a w, but not at a word start


def test_definition_matches_rank_after_names():
    found = ids("umbral")
    assert found[0] == "bias"  # alias
    assert ids("píxeles") == ["entrada"]  # only in Entrada's example


def test_empty_query_lists_all_terms_in_order():
    assert [term.number for term in search_terms(TERMS, "  ")] == list(range(1, 16))


def test_no_match():
    assert search_terms(TERMS, "zzzz") == []


def test_works_on_any_terms():
    terms = [GlossaryTerm("b", 2, "Beta", "x"), GlossaryTerm("a", 1, "Alfa", "menciona beta")]
    assert [t.id for t in search_terms(terms, "beta")] == ["b", "a"]
