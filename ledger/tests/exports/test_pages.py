import csv
import io
from datetime import date
from decimal import Decimal

import pytest

from ledger.tests.factories import CategoryFactory, ExpenseFactory, budget_of
from ledger.transfer.csv_export import (
    expense_csv_response,
    iter_expense_csv_rows,
    parse_export_period,
)

pytestmark = pytest.mark.django_db


def rows_of(response):
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(text, newline="")))


def test_it_exports_a_month_oldest_first(user_client, user):
    food = CategoryFactory(owner=user, name="Food")
    ExpenseFactory(category=food, date=date(2026, 3, 20), amount=Decimal("7.05"), description="B")
    ExpenseFactory(category=food, date=date(2026, 3, 2), amount=Decimal("12.5"), description="A")
    ExpenseFactory(category=food, date=date(2026, 4, 1), description="April")
    ExpenseFactory(category=food, date=date(2026, 2, 28), description="February")

    response = user_client.get("/expenses/export.csv?month=2026-03")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="expenses-2026-03.csv"'
    assert rows_of(response) == [
        ["date", "category", "amount", "description"],
        ["2026-03-02", "Food", "12.50", "A"],
        ["2026-03-20", "Food", "7.05", "B"],
    ]


def test_it_exports_a_year(user_client, user):
    food = CategoryFactory(owner=user, name="Food")
    ExpenseFactory(category=food, date=date(2025, 12, 31), description="old")
    ExpenseFactory(category=food, date=date(2026, 1, 1), description="first")
    ExpenseFactory(category=food, date=date(2026, 12, 31), description="last")
    ExpenseFactory(category=food, date=date(2027, 1, 1), description="next")

    response = user_client.get("/expenses/export.csv?year=2026")

    assert response["Content-Disposition"] == 'attachment; filename="expenses-2026.csv"'
    assert [row[3] for row in rows_of(response)[1:]] == ["first", "last"]


def test_it_exports_everything(user_client, user):
    food = CategoryFactory(owner=user, name="Food")
    ExpenseFactory(category=food, date=date(1999, 1, 1), description="old")
    ExpenseFactory(category=food, date=date(2026, 1, 1), description="new")

    response = user_client.get("/expenses/export.csv?all=1")

    assert response["Content-Disposition"] == 'attachment; filename="expenses-all.csv"'
    assert [row[3] for row in rows_of(response)[1:]] == ["old", "new"]


def test_it_exports_one_category(user_client, user):
    food = CategoryFactory(owner=user, name="Food")
    rent = CategoryFactory(owner=user, name="Rent")
    ExpenseFactory(category=food, description="bread")
    ExpenseFactory(category=rent, description="March rent")

    response = user_client.get(f"/expenses/export.csv?month=2026-03&category={rent.pk}")

    assert rows_of(response)[1:] == [["2026-03-15", "Rent", "12.50", "March rent"]]


def test_it_checks_the_category_owner(user_client, other_user):
    theirs = CategoryFactory(owner=other_user)

    response = user_client.get(f"/expenses/export.csv?all=1&category={theirs.pk}")

    assert response.status_code == 404


def test_it_never_exports_another_users_expenses(user_client, user, other_user):
    ExpenseFactory(category=CategoryFactory(owner=other_user), description="theirs")
    ExpenseFactory(category=CategoryFactory(owner=user), description="mine")

    response = user_client.get("/expenses/export.csv?all=1")

    assert [row[3] for row in rows_of(response)[1:]] == ["mine"]


def test_it_neutralises_cells_a_spreadsheet_would_run(user_client, user):
    category = CategoryFactory(owner=user, name="@risk")
    for description in ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "\tTab", "\rCR", "ok"]:
        ExpenseFactory(category=category, description=description)

    rows = rows_of(user_client.get("/expenses/export.csv?all=1"))[1:]

    assert {row[1] for row in rows} == {"'@risk"}
    assert [row[3] for row in rows] == [
        '\'=HYPERLINK("http://x")',
        "'+1",
        "'-2",
        "'@SUM(A1)",
        "'\tTab",
        "'\rCR",
        "ok",
    ]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?month=2026-13",
        "?month=march",
        "?year=26",
        "?year=２０２６",
        "?year=0999",
        "?all=yes",
        "?month=2026-03&year=2026",
        "?month=2026-03&all=1",
    ],
)
def test_it_refuses_bad_filters(user_client, query):
    response = user_client.get(f"/expenses/export.csv{query}")

    assert response.status_code == 400


@pytest.mark.parametrize("category", ["abc", "-1", "99999999999999999999999", "１"])
def test_it_handles_a_bad_category_id(user_client, category):
    response = user_client.get(f"/expenses/export.csv?all=1&category={category}")

    assert response.status_code == 404


def test_login_required(client):
    response = client.get("/expenses/export.csv?all=1")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_rejects_post(user_client):
    assert user_client.post("/expenses/export.csv?all=1").status_code == 405


def test_it_reads_all_rows_in_one_query(user, django_assert_num_queries):
    categories = [CategoryFactory(owner=user) for _ in range(3)]
    for index in range(30):
        ExpenseFactory(category=categories[index % 3])
    period = parse_export_period(everything=True, start_day=1)
    budget = budget_of(user)

    with django_assert_num_queries(1):
        rows = list(rows_of(expense_csv_response(budget, period)))

    assert len(rows) == 31


def test_it_streams_rows_as_it_reads_them(user):
    ExpenseFactory(category=CategoryFactory(owner=user, name="Food"), description="only")

    rows = iter_expense_csv_rows(budget_of(user))

    assert next(rows) == ["date", "category", "amount", "description"]
    assert next(rows) == ["2026-03-15", "Food", "12.50", "only"]
