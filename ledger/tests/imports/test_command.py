from datetime import date
from decimal import Decimal
from io import StringIO
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError

from ledger.models import Category, Expense, ImportProfile
from ledger.tests.factories import CategoryFactory, ExpenseFactory, budget_of

pytestmark = pytest.mark.django_db

BANK = (
    "Account;DE12 3456 7890\n"
    "\n"
    "Buchungstag;Verwendungszweck;Betrag\n"
    "05.03.2026;Bäckerei;-3,20\n"
    "06.03.2026;Gehalt;2.500,00\n"
    "07.03.2026;Miete;-1.045,90\n"
)


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_expenses", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def bank_file(tmp_path):
    def write(text, encoding="utf-8", name="bank.csv"):
        path = tmp_path / name
        path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
        return str(path)

    return write


def test_it_detects_everything_and_imports_only_money_out(user, bank_file):
    out, err = run(bank_file(BANK, "cp1252"), "--user", user.username, "--category", "Bank")

    assert "Format: CSV, encoding Windows-1252" in out
    assert "Delimiter: “;”; header: line 3" in out
    assert "Columns: date = Buchungstag, amount = Betrag, description = Verwendungszweck" in out
    assert "Dates: DD/MM/YYYY" in out
    assert "Decimal mark: ','" in out
    assert "Sign rule: negative amounts are spending" in out
    assert out.splitlines()[-1] == (
        "Imported 2 expense(s); left out 1 money-in row(s); skipped 0 duplicate(s); "
        "refused 0 row(s)."
    )
    assert "Importing [##############################] 2/2" in err
    stored = Expense.objects.for_budget(budget_of(user)).order_by("date")
    assert list(stored.values_list("date", "amount", "description", "category__name")) == [
        (date(2026, 3, 5), Decimal("3.20"), "Bäckerei", "Bank"),
        (date(2026, 3, 7), Decimal("1045.90"), "Miete", "Bank"),
    ]


def test_the_default_category_is_an_existing_one_matched_ignoring_case(user, bank_file):
    bank = CategoryFactory(owner=user, name="Bank")

    run(bank_file(BANK), "--user", user.username, "--category", "BANK")

    assert bank.expenses.count() == 2
    assert Category.objects.for_budget(budget_of(user)).count() == 1


def test_dry_run_shows_the_preview_and_stores_nothing(user, bank_file):
    out, _ = run(bank_file(BANK), "--user", user.username, "--category", "Bank", "--dry-run")

    assert "Would import 2 expense(s), total 1049.10." in out
    assert "Would create categories: Bank" in out
    assert out.splitlines()[-1] == (
        "Dry run, nothing stored: would import 2 expense(s); leave out 1 money-in row(s); "
        "skip 0 duplicate(s); refuse 0 row(s)."
    )
    assert not Expense.objects.exists()
    assert not Category.objects.exists()


def test_reimporting_the_same_file_imports_nothing(user, bank_file):
    path = bank_file(BANK)
    run(path, "--user", user.username, "--category", "Bank")

    out, _ = run(path, "--user", user.username, "--category", "Bank")

    assert out.splitlines()[-1].startswith(
        "Imported 0 expense(s); left out 1 money-in row(s); skipped 2"
    )
    assert Expense.objects.count() == 2


def test_duplicates_count_against_stored_expenses(user, bank_file):
    food = CategoryFactory(owner=user, name="Food")
    for _ in range(2):
        ExpenseFactory(
            category=food, date=date(2026, 3, 5), amount=Decimal("2.00"), description="Bus"
        )
    text = "Date,Amount,Memo\n" + "2026-03-05,-2.00,Bus\n" * 3

    out, _ = run(bank_file(text), "--user", user.username, "--category", "Food")

    assert "Imported 1 expense(s); left out 0 money-in row(s); skipped 2 duplicate(s)" in out
    assert Expense.objects.for_budget(budget_of(user)).count() == 3


def test_two_identical_rows_in_one_file_are_two_expenses(user, bank_file):
    out, _ = run(
        bank_file("Date,Amount,Memo\n" + "2026-03-05,-2.00,Bus\n" * 2),
        "--user",
        user.username,
        "--category",
        "Travel",
    )

    assert "Imported 2 expense(s)" in out


def test_it_exits_non_zero_when_rows_were_refused_and_nothing_imported(user, bank_file):
    with pytest.raises(CommandError, match=r"Imported 0 expense\(s\); .* refused 2 row\(s\)\."):
        run(
            bank_file("Date,Amount,Memo\n2026-03-05,-2.00,Bus\n2026-03-06,-1,Tram\n"),
            "--user",
            user.username,
        )

    assert not Expense.objects.exists()


def test_spending_can_be_named(user, bank_file):
    text = "Date,Amount,Memo\n2026-03-05,12.00,Shop\n2026-03-06,-5.00,Refund\n2026-03-07,3.00,Bus\n"

    run(bank_file(text), "--user", user.username, "--category", "X", "--spending", "negative")

    assert list(Expense.objects.values_list("description", flat=True)) == ["Refund"]


def test_override_options_and_columns_by_name_or_number(user, bank_file):
    path = bank_file("\ufeffdatum;wert;kategorie\n05/03/2026;1.234,5;Home\n")

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
        "--category-column",
        "3",
    )

    expense = Expense.objects.get()
    assert (expense.date, expense.amount, expense.category.name) == (
        date(2026, 3, 5),
        Decimal("1234.50"),
        "Home",
    )


def test_it_reads_a_file_without_header_by_column_number(user, bank_file):
    run(
        bank_file("2026-03-15,4.00,Tea\n"),
        "--user",
        user.username,
        "--no-header",
        "--category",
        "Food",
        "--date-column",
        "1",
        "--amount-column",
        "2",
        "--description-column",
        "3",
    )

    assert Expense.objects.get().description == "Tea"


def test_it_remembers_the_profile_of_a_header_row(user, bank_file):
    text = "Date,Amount,Memo\n05/03/2026,-1.00,Bus\n"
    run(bank_file(text), "--user", user.username, "--category", "T", "--date-format", "mdy")

    out, _ = run(
        bank_file("Date,Amount,Memo\n06/03/2026,-1.00,Bus\n"),
        "--user",
        user.username,
        "--category",
        "T",
    )

    assert ImportProfile.objects.for_budget(budget_of(user)).count() == 1
    assert "Read as your last file with this header row." in out
    assert sorted(Expense.objects.values_list("date", flat=True)) == [
        date(2026, 5, 3),
        date(2026, 6, 3),
    ]


def test_it_names_missing_columns(user, bank_file):
    with pytest.raises(CommandError, match="No date and amount columns found"):
        run(bank_file("when,value\nsoon,1\n"), "--user", user.username)


def test_it_refuses_an_unknown_column(user, bank_file):
    with pytest.raises(CommandError, match="--amount-column 'price': no such column."):
        run(bank_file(BANK), "--user", user.username, "--amount-column", "price")


def test_it_refuses_an_unknown_user(bank_file):
    with pytest.raises(CommandError, match="No user named 'nobody'."):
        run(bank_file(BANK), "--user", "nobody")


def test_it_refuses_a_missing_file(user, tmp_path):
    with pytest.raises(CommandError, match="Cannot read .*No such file or directory"):
        run(str(tmp_path / "missing.csv"), "--user", user.username)


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "The file is empty."), (b"\x00\x00", "This is not a CSV file")],
)
def test_it_refuses_bad_files_and_imports_nothing(user, bank_file, content, message):
    with pytest.raises(CommandError, match=message):
        run(bank_file(content), "--user", user.username)

    assert not Expense.objects.exists()


def test_it_refuses_a_file_over_the_size_cap(user, bank_file):
    with pytest.raises(CommandError, match="is larger than 10 MB."):
        run(bank_file(b"x" * (10 * 1024 * 1024 + 1)), "--user", user.username)


def test_a_database_failure_stores_nothing(user, bank_file):
    failure = IntegrityError("duplicate key")

    with (
        mock.patch("ledger.services.imports._insert_expenses", side_effect=failure),
        pytest.raises(CommandError, match="The import failed and nothing was stored"),
    ):
        run(bank_file(BANK), "--user", user.username, "--category", "Bank")

    assert not Expense.objects.exists()
    assert not Category.objects.exists()


def test_it_imports_nothing_when_a_later_batch_fails(user, bank_file, monkeypatch):
    monkeypatch.setattr("ledger.services.imports.IMPORT_BATCH_SIZE", 2)
    from ledger.services import imports

    real_insert, calls = imports._insert_expenses, []

    def fail_on_second_batch(values, **options):
        calls.append(len(values))
        if len(calls) == 2:
            raise IntegrityError("disk full")
        return real_insert(values, **options)

    text = "Date,Amount,Memo\n" + "".join(f"2026-03-{day:02d},-1,x\n" for day in range(1, 6))
    with (
        mock.patch("ledger.services.imports._insert_expenses", side_effect=fail_on_second_batch),
        pytest.raises(CommandError, match="nothing was stored"),
    ):
        run(bank_file(text), "--user", user.username, "--category", "New")

    assert calls == [2, 2]
    assert not Expense.objects.exists()
    assert not Category.objects.exists()


def test_stored_expenses_read_back_exactly(user, bank_file):
    run(
        bank_file("Date,Amount,Memo\n2026-03-05,-9999999999.99,Big\n"),
        "--user",
        user.username,
        "--category",
        "X",
    )

    expense = Expense.objects.get()
    assert (expense.amount, expense.date, expense.created_by, expense.created_at is not None) == (
        Decimal("9999999999.99"),
        date(2026, 3, 5),
        user,
        True,
    )
