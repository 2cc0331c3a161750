from datetime import date
from decimal import Decimal
from unittest import mock

import pytest

from ledger import services
from ledger.models import Category, Expense
from ledger.tests.factories import CategoryFactory, ExpenseFactory, budget_of
from ledger.transfer.csv_import import (
    MAX_COLUMNS,
    ColumnMap,
    FileFormat,
    ImportFileError,
    build_preview,
    guess_columns,
    parse_amount,
    read_table,
)

pytestmark = pytest.mark.django_db

HEADER = "date,amount,description,category\n"
COLUMNS = ColumnMap(date=0, amount=1, description=2, category=3)


def preview_of(user, text, fmt=None, columns=COLUMNS):
    fmt = fmt or FileFormat()
    data = text.encode("utf-8")
    return build_preview(budget_of(user), read_table(data, fmt.delimiter), fmt, columns)


def import_text(user, text, fmt=None, columns=COLUMNS, **kwargs):
    fmt = fmt or FileFormat()
    table = read_table(text.encode("utf-8"), fmt.delimiter)
    return services.import_expenses(budget_of(user), table, fmt, columns, **kwargs)


# Format options ----------------------------------------------------------------


def test_it_reads_a_comma_separated_file(user):
    preview = preview_of(user, HEADER + "2026-03-15,12.50,Bread,Food\n")

    row = preview.rows[0]
    assert (row.line, row.date, row.amount, row.description, row.category) == (
        2,
        date(2026, 3, 15),
        Decimal("12.50"),
        "Bread",
        "Food",
    )


def test_it_reads_a_semicolon_separated_file(user):
    fmt = FileFormat(delimiter=";")

    preview = preview_of(
        user, "date;amount;description;category\n2026-03-15;12.5;Bread;Food\n", fmt
    )

    assert preview.rows[0].amount == Decimal("12.50")
    assert preview.rows[0].category == "Food"


def test_it_guesses_the_delimiter_from_the_first_line():
    assert read_table(b"date;amount;description;category\n").delimiter == ";"
    assert read_table(b"date,amount,description,category\n").delimiter == ","


def test_it_reads_a_utf8_file_with_a_bom(user):
    preview = preview_of(user, "\ufeff" + HEADER + "2026-03-15,3.20,Café crème,Café\n")

    assert preview.rows[0].description == "Café crème"
    assert guess_columns(read_table(("\ufeff" + HEADER).encode()).records[0][1])["date"] == 0


@pytest.mark.parametrize(
    ("date_format", "text"),
    [("ymd", "2026-03-05"), ("dmy", "05/03/2026"), ("mdy", "03/05/2026"), ("dmy", "5/3/2026")],
)
def test_it_reads_each_date_format(user, date_format, text):
    fmt = FileFormat(date_format=date_format)

    preview = preview_of(user, HEADER + f"{text},1.00,x,Food\n", fmt)

    assert preview.rows[0].date == date(2026, 3, 5)


def test_it_refuses_a_date_in_another_format(user):
    preview = preview_of(user, HEADER + "05/03/2026,1.00,x,Food\n")

    assert preview.errors[0].line == 2
    assert "bad date '05/03/2026' (expected YYYY-MM-DD)" in preview.errors[0].reason


def test_it_refuses_a_day_that_does_not_exist(user):
    preview = preview_of(user, HEADER + "2026-02-30,1.00,x,Food\n")

    assert preview.errors[0].reason == "bad date '2026-02-30' (no such day)"


@pytest.mark.parametrize(
    ("text", "amount"),
    [("12", "12.00"), ("12.5", "12.50"), ("1,234.56", "1234.56"), ("1,234,567.8", "1234567.80")],
)
def test_it_reads_amounts_with_a_decimal_dot(text, amount):
    assert parse_amount(text, ".") == Decimal(amount)


@pytest.mark.parametrize(
    ("text", "amount"),
    [("12", "12.00"), ("12,5", "12.50"), ("1.234,56", "1234.56"), ("1 234,56", "1234.56")],
)
def test_it_reads_amounts_with_a_decimal_comma(text, amount):
    assert parse_amount(text, ",") == Decimal(amount)


def test_it_reads_a_semicolon_file_with_decimal_commas_and_dmy_dates(user):
    fmt = FileFormat(delimiter=";", date_format="dmy", decimal=",")
    text = 'Datum;Betrag;Text;Kategorie\n31/12/2025;"1.234,56";Miete;Wohnen\n'

    preview = preview_of(user, text, fmt)

    assert preview.rows[0].date == date(2025, 12, 31)
    assert preview.rows[0].amount == Decimal("1234.56")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("0", "zero amount (an expense is more than 0)"),
        ("0.00", "zero amount (an expense is more than 0)"),
        ("-5.00", "negative amount '-5.00' (expenses are positive amounts)"),
        ("12.345", "too many decimals in '12.345' (at most 2)"),
        ("abc", "bad amount 'abc' (expected a number like 1,234.56)"),
        ("1,23", "bad amount '1,23' (expected a number like 1,234.56)"),
        ("", "bad amount '' (expected a number like 1,234.56)"),
        ("$5", "bad amount '$5' (expected a number like 1,234.56)"),
        ("NaN", "bad amount 'NaN' (expected a number like 1,234.56)"),
        ("10000000000.00", "amount '10000000000.00' is too large"),
    ],
)
def test_it_refuses_bad_amounts(user, text, reason):
    preview = preview_of(user, HEADER + f'2026-03-15,"{text}",x,Food\n')

    assert preview.rows == []
    assert preview.errors[0].reason == reason


def test_it_refuses_an_empty_category_and_a_long_description(user):
    preview = preview_of(user, HEADER + f"2026-03-15,1.00,{'d' * 256},\n")

    assert preview.errors[0].reason == "empty category; description longer than 255 characters"


def test_it_lists_every_problem_of_a_row_with_its_line(user):
    text = HEADER + "2026-03-15,1.00,ok,Food\n\nnope,-1,x,Food\n"

    preview = preview_of(user, text)

    assert len(preview.rows) == 1
    assert preview.errors[0].line == 4
    assert preview.errors[0].reason == (
        "bad date 'nope' (expected YYYY-MM-DD); "
        "negative amount '-1' (expenses are positive amounts)"
    )


def test_it_reads_a_file_without_a_header(user):
    columns = ColumnMap(date=1, amount=0, category=2, has_header=False)

    preview = preview_of(user, "4.00,2026-03-15,Food\n", columns=columns)

    assert preview.rows[0].amount == Decimal("4.00")
    assert preview.rows[0].description == ""


def test_it_guesses_columns_from_header_names():
    assert guess_columns([" Category", "DATE", "memo", "Amount", "Description"]) == {
        "date": 1,
        "amount": 3,
        "description": 4,
        "category": 0,
    }


# Bad files -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"\n \r\n", "The file is empty."),
        (b"\xef\xbb\xbf", "The file is empty."),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "This is not a CSV file: it contains binary data.",
        ),
        ("date,amount\n2026-03-15,Caf\xe9\n".encode("latin-1"), "The file is not UTF-8 text"),
        (b"a," * MAX_COLUMNS + b"a\n", f"Line 1 has more than {MAX_COLUMNS} columns."),
        (b"a,b\n" + b"," * 1_000_000 + b"\n", f"Line 2 has more than {MAX_COLUMNS} columns."),
        (
            b'a,"' + b"x" * 200_000 + b'"\n',
            "Line 1 is not valid CSV: field larger than field limit",
        ),
    ],
)
def test_it_refuses_bad_files(data, message):
    with pytest.raises(ImportFileError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_table(data)


def test_it_refuses_a_million_columns_quickly():
    with pytest.raises(ImportFileError, match="Line 1 has more than 50 columns"):
        read_table(b"," * 1_000_000)


def test_it_refuses_a_file_over_the_size_cap():
    data = b"x" * (10 * 1024 * 1024 + 1)

    with pytest.raises(ImportFileError, match="The file is larger than 10 MB."):
        read_table(data)


def test_it_refuses_too_many_rows():
    with mock.patch("ledger.transfer.csv_import.MAX_ROWS", 3):
        read_table((HEADER + "2026-03-15,1,x,F\n" * 3).encode())
        with pytest.raises(ImportFileError, match="The file has more than 3 rows."):
            read_table((HEADER + "2026-03-15,1,x,F\n" * 4).encode())


def test_it_refuses_a_file_with_only_a_header(user):
    with pytest.raises(ImportFileError, match="The file has no rows to import."):
        preview_of(user, HEADER)


@pytest.mark.parametrize(
    "cells",
    [
        '"=HYPERLINK(""http://evil.example"",""Click"")",Food',
        "ok,+cmd",
        "@SUM(A1),Food",
        "-2+3,Food",
        '" =1+1",Food',
    ],
)
def test_it_refuses_a_file_with_formula_cells(user, cells):
    text = HEADER + "2026-03-15,1.00,fine,Food\n" + f"2026-03-16,1.00,{cells}\n"

    with pytest.raises(ImportFileError, match=r"^Line\(s\) 3 hold a description or category"):
        preview_of(user, text)


def test_a_formula_file_imports_nothing(user):
    text = HEADER + "2026-03-15,1.00,fine,Food\n2026-03-16,1.00,=1+1,Food\n"

    with pytest.raises(ImportFileError):
        import_text(user, text)

    assert not Expense.objects.exists()
    assert not Category.objects.exists()


def test_it_refuses_a_mapping_to_a_missing_or_shared_column(user):
    with pytest.raises(ImportFileError, match="must exist"):
        preview_of(user, HEADER + "2026-03-15,1,x,F\n", columns=ColumnMap(0, 1, 7))
    with pytest.raises(ImportFileError, match="different column"):
        preview_of(user, HEADER + "2026-03-15,1,x,F\n", columns=ColumnMap(0, 1, 1))


# Duplicates and categories -----------------------------------------------------


def test_it_finds_duplicates_of_stored_expenses(user):
    food = CategoryFactory(owner=user, name="Food")
    ExpenseFactory(
        category=food, date=date(2026, 3, 15), amount=Decimal("12.50"), description="Bread"
    )
    text = HEADER + "2026-03-15,12.5,Bread,Other\n2026-03-15,12.50,Milk,Food\n"

    preview = preview_of(user, text)

    assert [(d.row.line, d.of) for d in preview.duplicates] == [(2, "an expense already stored")]
    assert [row.line for row in preview.rows] == [3]


def test_another_users_expenses_are_not_duplicates(user, other_user):
    ExpenseFactory(
        category=CategoryFactory(owner=other_user),
        date=date(2026, 3, 15),
        amount=Decimal("12.50"),
        description="Bread",
    )

    preview = preview_of(user, HEADER + "2026-03-15,12.50,Bread,Food\n")

    assert preview.duplicates == []


def test_it_finds_duplicates_within_the_file(user):
    text = HEADER + "2026-03-15,2.00,Coffee,Food\n2026-03-15,2,Coffee,Food\n"

    preview = preview_of(user, text)

    assert [row.line for row in preview.rows] == [2]
    assert [(d.row.line, d.of) for d in preview.duplicates] == [(3, "line 2")]


def test_it_lists_new_categories_and_matches_existing_ones_ignoring_case(user):
    CategoryFactory(owner=user, name="Food")
    CategoryFactory(owner=user, name="Old", is_archived=True)
    text = (
        HEADER
        + "2026-03-15,1,a,food\n2026-03-15,2,b,Travel\n2026-03-15,3,c,TRAVEL\n2026-03-15,4,d,old\n"
    )

    preview = preview_of(user, text)

    assert preview.new_categories == ["Travel"]
    assert preview.archived_categories == ["Old"]


def test_the_preview_stores_nothing(user):
    preview_of(user, HEADER + "2026-03-15,1,a,New\n")

    assert not Expense.objects.exists()
    assert not Category.objects.exists()


def test_the_preview_costs_two_queries(user, django_assert_num_queries):
    table = read_table((HEADER + "2026-03-15,1,a,New\n" * 50).encode())
    budget = budget_of(user)

    with django_assert_num_queries(2):
        build_preview(budget, table, FileFormat(), COLUMNS)


# Confirming ------------------------------------------------------------------


def test_it_imports_valid_rows_and_creates_categories(user):
    food = CategoryFactory(owner=user, name="Food")
    text = HEADER + "2026-03-15,12.50,Bread,food\n2026-03-16,30,Train,Travel\nbad,1,x,Food\n"

    result = import_text(user, text)

    assert result == services.ImportResult(
        imported=2, skipped=0, refused=1, categories_created=["Travel"]
    )
    stored = list(
        Expense.objects.for_budget(budget_of(user))
        .order_by("date")
        .values_list("date", "amount", "description", "category__name")
    )
    assert stored == [
        (date(2026, 3, 15), Decimal("12.50"), "Bread", "Food"),
        (date(2026, 3, 16), Decimal("30.00"), "Train", "Travel"),
    ]
    assert Category.objects.get(budget=budget_of(user), name="Travel").limit == Decimal("0.00")
    assert Category.objects.for_budget(budget_of(user)).count() == 2
    assert food.expenses.count() == 1


def test_it_skips_duplicates_by_default(user):
    food = CategoryFactory(owner=user, name="Food")
    ExpenseFactory(
        category=food, date=date(2026, 3, 15), amount=Decimal("2.00"), description="Coffee"
    )
    text = (
        HEADER + "2026-03-15,2.00,Coffee,Food\n2026-03-15,2.00,Coffee,Food\n2026-03-16,2,Tea,Food\n"
    )

    result = import_text(user, text)

    assert (result.imported, result.skipped, result.refused) == (1, 2, 0)
    assert Expense.objects.for_budget(budget_of(user)).count() == 2


def test_it_imports_duplicates_when_asked(user):
    text = HEADER + "2026-03-15,2.00,Coffee,Food\n2026-03-15,2.00,Coffee,Food\n"

    result = import_text(user, text, skip_duplicates=False)

    assert (result.imported, result.skipped) == (2, 0)
    assert Expense.objects.for_budget(budget_of(user)).count() == 2


def test_it_uses_an_archived_category_of_the_same_name(user):
    old = CategoryFactory(owner=user, name="Old", is_archived=True)

    import_text(user, HEADER + "2026-03-15,2.00,x,OLD\n")

    assert old.expenses.count() == 1
    assert Category.objects.for_budget(budget_of(user)).count() == 1


def test_it_imports_nothing_when_a_batch_fails(user, monkeypatch):
    monkeypatch.setattr("ledger.services.imports.IMPORT_BATCH_SIZE", 2)
    real_bulk_create = Expense.objects.bulk_create
    calls = []

    def fail_on_second_batch(objs, *args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real_bulk_create(list(objs), *args, **kwargs)

    text = HEADER + "".join(f"2026-03-{day:02d},1,x,New\n" for day in range(1, 6))
    with (
        mock.patch.object(Expense.objects, "bulk_create", side_effect=fail_on_second_batch),
        pytest.raises(RuntimeError, match="disk full"),
    ):
        import_text(user, text)

    assert len(calls) == 2
    assert not Expense.objects.exists()
    assert not Category.objects.exists()


def test_it_reports_progress_per_batch(user, monkeypatch):
    monkeypatch.setattr("ledger.services.imports.IMPORT_BATCH_SIZE", 2)
    seen = []
    text = HEADER + "".join(f"2026-03-{day:02d},1,x,New\n" for day in range(1, 6))

    import_text(user, text, progress=lambda done, total: seen.append((done, total)))

    assert seen == [(2, 5), (4, 5), (5, 5)]
