"""Spreadsheet formula injection: every CSV cell that a spreadsheet would run is made plain text."""

import csv
import io
import re

import pytest

from ineen.privacy import csvsafe

HOSTILE = [
    '=HYPERLINK("http://evil.example","klik")',
    "+1+2",
    "-2+3",
    "@SUM(A1:A2)",
    "\tcmd",
    "\r=1+1",
    "=cmd|' /C calc'!A0",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_dangerous_first_characters_get_a_quote(value):
    assert csvsafe.safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Gezin Jansen", "", "a=b", " =1", "'al gequote", "1985", "Über"])
def test_harmless_text_is_unchanged(value):
    assert csvsafe.safe_cell(value) == value


def test_numbers_stay_numbers_and_none_is_empty():
    assert csvsafe.safe_cell(-3) == -3
    assert csvsafe.safe_cell(2.5) == 2.5
    assert csvsafe.safe_cell(None) == ""
    assert csvsafe.safe_cell(True) == "ja"


def test_writer_protects_every_cell_and_round_trips():
    out = io.StringIO()
    writer = csvsafe.writer(out)
    writer.writerow(["veld", "waarde"])
    writer.writerows([[value, value] for value in HOSTILE] + [["dagen", -14]])
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0] == ["veld", "waarde"]
    for row, value in zip(rows[1:-1], HOSTILE, strict=True):
        assert row == ["'" + value, "'" + value]
    assert rows[-1] == ["dagen", "-14"]
    assert not any(cell[:1] in csvsafe.DANGEROUS_FIRST for row in rows[:-1] for cell in row)


def test_every_csv_writer_in_ineen_uses_csvsafe():
    """No module writes CSV with the bare csv module, except csvsafe itself."""
    from pathlib import Path

    import ineen

    root = Path(ineen.__file__).parent
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if path.name != "csvsafe.py" and re.search(r"csv\.(writer|DictWriter)", path.read_text())
    ]
    assert offenders == []
