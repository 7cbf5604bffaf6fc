"""{{...}} placeholders: filled from the student's own values, never evaluated."""

from __future__ import annotations

from tutor.lessons.template import fill_template, sign_word, template_problems

VALUES = {"W": (-2.1160235, 3.0370913), "b": (-3.41217,), "loss": (0.0251558,)}


def test_numbers_default_to_sign_and_two_decimals():
    assert fill_template("W[0] = {{W[0]}}, W[1] = {{W[1]}}", VALUES) == "W[0] = -2.12, W[1] = +3.04"


def test_formats_and_bare_names():
    assert fill_template("{{W[1]:.4f}} {{b}} {{loss:.4f}} {{ W[0] : +.1f }}", VALUES) == "3.0371 -3.41 0.0252 -2.1"


def test_sign_word_and_two_way_choice_follow_the_sign():
    text = "{{W[0]|signo}}/{{W[1]|signo}}: debería {{W[0]|bajar|subir}} y {{W[1]|bajar|subir}}"
    assert fill_template(text, VALUES) == "negativo/positivo: debería bajar y subir"
    flipped = {"W": (1.0, -1.0), "b": (2.0,)}
    assert fill_template(text, flipped) == "positivo/negativo: debería subir y bajar"


def test_sums_differences_and_abs():
    assert fill_template("{{W[0] + W[1] + b:.2f}}", VALUES) == "-2.49"
    assert fill_template("{{abs(W[1]) - abs(W[0])|menos|más}}", VALUES) == "más"
    assert fill_template("{{abs(W[1]) - abs(W[0])|menos|más}}", {"W": (-5.0, 1.0)}) == "menos"


def test_unfillable_placeholders_stay_visible():
    assert fill_template("{{W[7]}} {{zeta}} {{W[0]|uno}} {{__import__('os')}}", VALUES) == (
        "⟦W[7]?⟧ ⟦zeta?⟧ ⟦W[0]|uno?⟧ ⟦__import__('os')?⟧"
    )


def test_non_finite_values():
    assert fill_template("{{W[0]}} {{W[0]|a|b}}", {"W": (float("nan"),)}) == "nan (indefinido)"


def test_sign_word_zero():
    assert [sign_word(v) for v in (2.0, -0.1, 0.0)] == ["positivo", "negativo", "cero"]


def test_problems_report_the_line_inside_the_text():
    text = "uno\n{{W[0]}} {{w[0]}}\n{{b[1]}}\n{{W[0]|x}}"
    problems = template_problems(text, {"W": 2, "b": 1, "loss": 1})
    assert [line for line, _ in problems] == [1, 2, 3]
    assert "'w' no es un valor" in problems[0][1]
    assert "el índice 1 no existe" in problems[1][1]
    assert "'signo' o dos textos" in problems[2][1]


def test_unclosed_placeholders_are_problems():
    problems = template_problems("ok {{W[0]}}\nw = ({{W[1]:.3f})\nfin }}", {"W": 2})
    assert problems == [(1, "marcador sin cerrar: falta }}"), (2, "marcador sin abrir: falta {{")]


def test_a_leading_minus_negates_the_first_term():
    """{{-z|1|0}} is tf.round(sigmoid(z)): 1 only when z > 0 (sigmoid(0) = 0.5 rounds to 0)."""
    assert fill_template("{{-b|1|0}} {{-W[1]|1|0}} {{-W[0] - b|1|0}} {{-b:.2f}}", VALUES) == "0 1 0 3.41"
    assert fill_template("{{-b|1|0}}", {"b": (0.0,)}) == "0"
    assert fill_template("{{-b|1|0}}", {"b": (1e-6,)}) == "1"
    assert template_problems("{{-b|1|0}} {{- W[1]:.2f}}", {"W": 2, "b": 1}) == []
    assert template_problems("{{--b}}", {"b": 1}) != []
