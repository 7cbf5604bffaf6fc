"""A bare glossary link reads as part of its sentence: lower case inside it, capital at its start."""

from __future__ import annotations

import pytest

from tutor.lessons.links import link_terms

LABELS = {"capa": "Capa", "learning-rate": "Learning rate", "mse": "MSE", "bias": "Bias"}


@pytest.mark.parametrize("text, shown", [
    ("Hace falta otra [[capa]].", "[capa](glosario:capa)"),
    ("El [[learning-rate]] decide cuánto.", "[learning rate](glosario:learning-rate)"),
    ("[[capa]] es un grupo de neuronas.", "[Capa](glosario:capa)"),
    ("Mira esto. [[capa]] agrupa neuronas.", "[Capa](glosario:capa)"),
    ("Uno:\n\n[[bias]] desplaza.", "[Bias](glosario:bias)"),
    ("- [[bias]]: desplaza la salida", "[Bias](glosario:bias)"),
    ("| [[bias]] | desplaza |", "[Bias](glosario:bias)"),
    ("## [[capa]]", "[Capa](glosario:capa)"),
    ("una frase que sigue\nen la línea siguiente con el [[bias]] b", "[bias](glosario:bias)"),
    ("una frase que sigue\n[[bias]] en la línea siguiente", "[bias](glosario:bias)"),
    ("la pérdida **[[mse]]** media", "[MSE](glosario:mse)"),
    ("con [[capa|Capas]] escritas a mano", "[Capas](glosario:capa)"),
])
def test_bare_links_take_the_case_of_their_place(text, shown):
    assert shown in link_terms(text, LABELS)
