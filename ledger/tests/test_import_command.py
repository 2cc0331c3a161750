from datetime import date
from decimal import Decimal
from io import StringIO
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError

from ledger.models import Category, Expense
from ledger.tests.factories import CategoryFactory, ExpenseFactory, budget_of

pytestmark = pytest.mark.django_db

CSV = "Date,Amount,Description,Category\n2026-03-15,12.50,Bread,Food\n2026-03-16,oops,x,Food\n"


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_expenses", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def csv_file(tmp_path):
    def write(text, encoding="utf-8"):
        path = tmp_path / "expenses.csv"
        path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
        return str(path)

    return write


def test_it_imports_and_prints_a_summary(user, csv_file):
    out, err = run(csv_file(CSV), "--user", user.username)

    assert "Imported 1, skipped 0 likely duplicate(s), refused 1 row(s) with errors." in out
    assert "New categories: Food" in out
    assert "Importing [##############################] 1/1" in err
    expense = Expense.objects.get(budget=budget_of(user))
    assert (expense.date, expense.amount, expense.description, expense.category.name) == (
        date(2026, 3, 15),
        Decimal("12.50"),
        "Bread",
        "Food",
    )


def test_dry_run_shows_the_preview_and_stores_nothing(user, csv_file):
    out, _ = run(csv_file(CSV), "--user", user.username, "--dry-run")

    assert "Would import 1 expense(s)." in out
    assert "Would refuse 1 row(s) with errors." in out
    assert "line 3: bad amount 'oops'" in out
    assert "Would create categories: Food" in out
    assert "Dry run: nothing was stored." in out
    assert not Expense.objects.exists()
    assert not Category.objects.exists()


def test_it_skips_duplicates(user, csv_file):
    food = CategoryFactory(owner=user, name="Food")
    ExpenseFactory(
        category=food, date=date(2026, 3, 15), amount=Decimal("12.5"), description="Bread"
    )

    out, _ = run(csv_file(CSV), "--user", user.username)

    assert "Imported 0, skipped 1 likely duplicate(s), refused 1" in out
    assert Expense.objects.count() == 1


def test_it_reads_semicolons_decimal_commas_and_dmy_dates(user, csv_file):
    path = csv_file("\ufeffdatum;betrag;category\n05/03/2026;1.234,5;Home\n")

    run(
        path,
        "--user",
        user.username,
        "--delimiter",
        ";",
        "--decimal",
        ",",
        "--date-format",
        "dmy",
        "--date-column",
        "Datum",
        "--amount-column",
        "2",
    )

    expense = Expense.objects.get()
    assert (expense.date, expense.amount, expense.description) == (
        date(2026, 3, 5),
        Decimal("1234.50"),
        "",
    )


def test_it_reads_a_file_without_header(user, csv_file):
    path = csv_file("2026-03-15,4.00,Tea,Food\n")

    run(
        path,
        "--user",
        user.username,
        "--no-header",
        *["--date-column", "1", "--amount-column", "2"],
        *["--description-column", "3", "--category-column", "4"],
    )

    assert Expense.objects.get().description == "Tea"


def test_it_names_missing_columns(user, csv_file):
    with pytest.raises(CommandError, match="No amount or category column found"):
        run(csv_file("date,value\n2026-03-15,1\n"), "--user", user.username)


def test_it_refuses_an_unknown_column(user, csv_file):
    with pytest.raises(CommandError, match="--amount-column 'price': no such column."):
        run(csv_file(CSV), "--user", user.username, "--amount-column", "price")


def test_it_refuses_an_unknown_user(csv_file):
    with pytest.raises(CommandError, match="No user named 'nobody'."):
        run(csv_file(CSV), "--user", "nobody")


def test_it_refuses_a_missing_file(user, tmp_path):
    with pytest.raises(CommandError, match="Cannot read .*No such file or directory"):
        run(str(tmp_path / "missing.csv"), "--user", user.username)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty."),
        (b"\x00\x00", "This is not a CSV file"),
        ("date,amount\n2026-03-15,caf\xe9\n".encode("latin-1"), "The file is not UTF-8 text"),
        ('date,amount,description,category\n2026-03-15,1,"=HYPERLINK(""x"")",F\n', "Line\\(s\\) 2"),
    ],
)
def test_it_refuses_bad_files_and_imports_nothing(user, csv_file, content, message):
    with pytest.raises(CommandError, match=message):
        run(csv_file(content), "--user", user.username)

    assert not Expense.objects.exists()


def test_it_refuses_a_file_over_the_size_cap(user, csv_file):
    path = csv_file(b"x" * (10 * 1024 * 1024 + 1))

    with pytest.raises(CommandError, match="is larger than 10 MB."):
        run(path, "--user", user.username)


def test_a_database_failure_stores_nothing(user, csv_file):
    failure = IntegrityError("duplicate key")

    with (
        mock.patch.object(Expense.objects, "bulk_create", side_effect=failure),
        pytest.raises(CommandError, match="The import failed and nothing was stored"),
    ):
        run(csv_file(CSV), "--user", user.username)

    assert not Expense.objects.exists()
    assert not Category.objects.exists()
