"""Issue 13, item 7: `tutor progress --merge` with a malformed export gives one line naming
the file (a CSV field over csv's 131 072-character limit, a NUL byte, bad quoting, strict
JSON), never a traceback."""

from __future__ import annotations

import pytest

from tutor.cli import main
from tutor.errors import TutorError
from tutor.progress.export import COLUMNS, merge

HEADER = ",".join(COLUMNS)
ROW = "Ana,intro,intro,lesson,done,1,1,,,,,2026-01-01T00:00:00+00:00"


@pytest.mark.parametrize("content", [
    HEADER.replace("status", "status" + "x" * 140_000) + "\n" + ROW + "\n",  # header field too long
    HEADER + "\n" + ROW.replace("Ana", "A" * 140_000) + "\n",  # a row's field too long
    HEADER + "\n" + '"' + "y" * 140_000 + "\n",  # an unclosed quote swallowing the file
    "\x00" + HEADER + "\n",
], ids=["long-header-field", "long-row-field", "unclosed-quote", "nul-in-header"])
def test_a_malformed_csv_is_one_line_naming_the_file(tmp_path, capsys, content):
    path = tmp_path / "clase.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(TutorError, match="clase.csv"):
        merge([path])
    assert main(["progress", "--merge", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and err.startswith("tutor: ") and "clase.csv" in err
    assert "CSV no válido" in err or "no es una exportación" in err


@pytest.mark.parametrize("content", ['{"rows": [{"student": NaN}]}', '[{"item": Infinity}]', '{"rows": 1e400}'],
                         ids=["nan", "infinity", "1e400"])
def test_a_non_finite_json_export_is_one_line(tmp_path, capsys, content):
    path = tmp_path / "clase.json"
    path.write_text(content, encoding="utf-8")
    assert main(["progress", "--merge", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "clase.json" in err and "JSON no válido" in err


def test_a_good_csv_still_merges(tmp_path):
    path = tmp_path / "clase.csv"
    path.write_text(HEADER + "\n" + ROW + "\n", encoding="utf-8")
    assert [row["student"] for row in merge([path])] == ["Ana"]
