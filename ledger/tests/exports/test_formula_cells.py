"""Cells a spreadsheet could run as a formula are written with a leading "'" (issue 22)."""

import pytest

from ledger.admin.resources import unescape_formula
from ledger.transfer.csv_export import neutralise


@pytest.mark.parametrize(
    "cell",
    [
        "=1+1",
        " =1+1",
        "   +1",
        "\t-1",
        "\n=1+1",
        " \r\n@SUM(A1)",
        "|calc",
        " |calc",
        "＝1+1",
        "＋1",
        "－1",
        "＠SUM(A1)",
        "\u3000＝1",
    ],
)
def test_it_quotes_every_formula_shape_and_the_admin_import_unquotes_it(cell):
    assert neutralise(cell) == "'" + cell
    assert unescape_formula(neutralise(cell)) == cell


@pytest.mark.parametrize("cell", ["", "Rent", "1+1", "a=b", "O'Brien", "'quoted", "café"])
def test_it_leaves_plain_text_alone(cell):
    assert neutralise(cell) == cell
    assert unescape_formula(cell) == cell
