"""KeyLocator: the line of every key path in a TOML text."""

from __future__ import annotations

from tutor.lessons.locator import KeyLocator

TEXT = '''id = "a"
title = """
texto
"""
[lab]
dataset = "x"  # comentario con [corchetes]
[lab.notebook_init]
w = [1.0]

[[exercises]]
id = "e1"
live = { field = "grads", name = "w" }
choices = [
  "a",
  "b, c",
]
[[exercises]]
id = "e2"
goal.below = 3
"quoted key" = 1
[[terms]]
id = "t"
'''


def test_lines_of_paths():
    locate = KeyLocator(TEXT)
    expected = {
        ("id",): 1, ("title",): 2, ("lab",): 5, ("lab", "dataset"): 6, ("lab", "notebook_init", "w"): 8,
        ("exercises",): 10, ("exercises", 0): 10, ("exercises", 0, "live", "name"): 12,
        ("exercises", 0, "choices", 1): 15, ("exercises", 1, "id"): 18, ("exercises", 1, "goal", "below"): 19,
        ("exercises", 1, "quoted key"): 20, ("terms", 0, "id"): 22,
    }
    assert {path: locate.line(path) for path in expected} == expected


def test_unknown_paths_fall_back_to_the_closest_parent():
    locate = KeyLocator(TEXT)
    assert locate.line(("exercises", 1, "nothing")) == 17
    assert locate.line(("nothing",)) == 1


def test_content_line_of_a_triple_quoted_string():
    assert KeyLocator(TEXT).content_line(("title",)) == 3
    assert KeyLocator(TEXT).content_line(("id",)) == 1
