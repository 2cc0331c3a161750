"""Real bank exports (../shared/bank-samples/, from public projects' test fixtures) import
as a person reading them expects: every row of money going out is one expense, with its
amount as a positive number; money coming in is never an expense.

The figures below were worked out by reading each file. The folder lives beside the
repository (it is not ours to copy in); set BUDGET_BANK_SAMPLES to point elsewhere.
"""

import os
import re
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from ledger.models import Expense, MonthlyIncome
from ledger.tests.factories import budget_of

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]
CANDIDATES = [
    os.environ.get("BUDGET_BANK_SAMPLES"),
    ROOT.parent / "shared" / "bank-samples",
    ROOT.parent.parent / "shared" / "bank-samples",  # a git worktree one level further down
]
FOLDER = next((Path(path) for path in CANDIDATES if path and Path(path).is_dir()), None)

# file: (spending rows, their total, money-in rows left out)
EXPECTED = {
    "beangulp_chase_us.csv": (4, "4190.89", 2),
    "csv2ofx_c24_de.csv": (2, "173.45", 1),
    "csv2ofx_capitalone_us.csv": (1, "1000.00", 1),
    "csv2ofx_dbs_sg.csv": (9, "16880.26", 0),
    "csv2ofx_default.csv": (8, "465000.00", 0),
    "csv2ofx_gls_de_latin1.csv": (1, "98.76", 0),
    "csv2ofx_ing_es.csv": (5, "1550.79", 5),
    "csv2ofx_mint_extra_cr.csv": (3, "5000.00", 1),
    "csv2ofx_mint_us.csv": (3, "5000.00", 1),
    "csv2ofx_outbank_de.csv": (3, "135.89", 1),
    "csv2ofx_schwab_us.csv": (3, "235.27", 1),
    "csv2ofx_ubs_ch_fr.csv": (2, "210.00", 1),
    # A journal export with both signs: most rows are positive, so positives are spending.
    "csv2ofx_xero_cr.csv": (7, "531000.00", 6),
    "hledger_monefy.csv": (5, "472.00", 3),
    "rechnungspilot_commerzbank_de.csv": (5, "73.74", 0),  # and two 0,00 rows refused
    "rechnungspilot_dkb_de.csv": (5, "374.57", 3),
    # The pension row lacks its Buchungstext cell, so it is refused (as money in, it is
    # never an expense either way); the other two incoming rows are left out.
    "rechnungspilot_ing_de_latin1.csv": (17, "1953.39", 2),
}


def sample_files():
    if FOLDER is None:
        return [
            pytest.param(
                None,
                marks=pytest.mark.skip(
                    reason="no ../shared/bank-samples/ beside the repository "
                    "(set BUDGET_BANK_SAMPLES to the folder of real bank exports)"
                ),
            )
        ]
    return sorted(path for path in FOLDER.iterdir() if path.suffix.lower() != ".md")


def stored_spending(user):
    amounts = list(Expense.objects.for_budget(budget_of(user)).values_list("amount", flat=True))
    return len(amounts), sum(amounts, Decimal("0.00"))


@pytest.mark.parametrize("path", sample_files(), ids=lambda path: path and path.name)
def test_every_sample_imports_from_the_command_line_with_no_options(user, path):
    count, total, incoming = EXPECTED[path.name]
    out = StringIO()

    call_command(
        "import_expenses", str(path), "--user", user.username, "--category", "Bank", stdout=out
    )

    assert stored_spending(user) == (count, Decimal(total))
    assert f"left out {incoming} money-in row(s)" in out.getvalue().splitlines()[-1]
    assert not MonthlyIncome.objects.exists()


@pytest.mark.parametrize("path", sample_files(), ids=lambda path: path and path.name)
def test_every_sample_imports_through_the_import_page(user_client, user, path):
    count, total, incoming = EXPECTED[path.name]
    form = {"file": SimpleUploadedFile(path.name, path.read_bytes()), "default_category": "Bank"}

    location = user_client.post("/import/", form)["Location"]
    assert location.endswith("/preview/")
    preview = user_client.get(location)
    assert re.search(rf'id="count-incoming">{incoming}<'.encode(), preview.content)
    user_client.post(location)

    assert stored_spending(user) == (count, Decimal(total))
