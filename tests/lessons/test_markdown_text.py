"""Pages and Markdown checks."""

from __future__ import annotations

from tutor.lessons.links import find_links, link_terms, term_id_from_href
from tutor.lessons.markdown_text import mask_code, split_pages, table_cells, table_problems


def test_pages_split_at_level_two_headings_outside_code():
    body = "Intro.\n\n## Uno\n\nTexto\n```\n## no es página\n```\n### Sub\n## Dos\nFin\n"
    pages = split_pages(body, first_line=10)
    assert [(page.title, page.line) for page in pages] == [("", 10), ("Uno", 12), ("Dos", 19)]
    assert "## no es página" in pages[1].markdown and "### Sub" in pages[1].markdown
    assert pages[2].markdown == "Fin\n"


def test_leading_blank_lines_do_not_make_a_page():
    assert [(p.title, p.line) for p in split_pages("\n\n## A\nx\n", 5)] == [("A", 7)]


def test_mask_code_keeps_offsets():
    text = "a `b|c` d\n```\nx\n```\n"
    masked = mask_code(text)
    assert len(masked) == len(text) and masked.count("\n") == text.count("\n")
    assert "b|c" not in masked and "x" not in masked


def test_table_cells_count_like_the_renderer():
    assert table_cells("| a | b |") == 2
    assert table_cells("| `a|b` | c |") == 3  # GitHub Markdown splits inside code too
    assert table_cells(r"| a \| b | c |") == 2
    assert table_cells("| {{W[0]|bajar|subir}} | [[pesos|los pesos]] |") == 2


def test_table_problems():
    good = "| a | b |\n| :- | -: |\n| 1 | 2 |\n"
    assert table_problems(good, 1) == []
    assert table_problems("x\n| a | b |\n| 1 | 2 |\n", 1)[0][0] == 3
    assert table_problems("```\n| a |\n```\n", 1) == []


def test_links_found_and_rewritten():
    text = "Los [[pesos]] y [[bias|el sesgo]].\n`[[no]]`\n[[otro]]"
    assert list(find_links(text)) == [(0, "pesos"), (0, "bias"), (2, "otro")]
    out = link_terms(text, {"pesos": "Pesos", "bias": "Bias"})
    assert out == "Los [pesos](glosario:pesos) y [el sesgo](glosario:bias).\n`[[no]]`\notro"
    assert term_id_from_href("glosario:pesos") == "pesos"
    assert term_id_from_href("https://x") is None
