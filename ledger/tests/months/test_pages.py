"""A budget whose months start on the 25th (issue 16): every page, API route and export
puts an expense of the 24th in one month and one of the 25th in the next, and they agree."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ledger import selectors, services
from ledger.tests.factories import CategoryFactory, ExpenseFactory, budget_of
from ledger.transfer.pipeline import read

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    """Today is the 25th of March 2026: the first day of budget month 2026-04."""
    monkeypatch.setattr(timezone, "localdate", lambda *args: date(2026, 3, 25))


@pytest.fixture
def payday(user):
    """`user`'s budget, months starting on the 25th, Food with 24.00 spent on 24 March and
    25.00 on 25 March."""
    budget = budget_of(user)
    services.change_month_start_day(budget=budget, day=25)
    food = CategoryFactory(budget=budget, name="Food", limit=Decimal("300.00"))
    ExpenseFactory(budget=budget, category=food, date=date(2026, 3, 24), amount=Decimal("24.00"))
    ExpenseFactory(budget=budget, category=food, date=date(2026, 3, 25), amount=Decimal("25.00"))
    return budget


def _spent(summary):
    return [(line.name, line.spent) for line in summary.lines]


def test_the_summary_counts_the_24th_in_march_and_the_25th_in_april(user_client, payday):
    march = user_client.get("/summary/2026-03/")
    april = user_client.get("/summary/2026-04/")

    assert _spent(march.context["summary"]) == [("Food", Decimal("24.00"))]
    assert _spent(april.context["summary"]) == [("Food", Decimal("25.00"))]
    assert 'March 2026 <span class="month-dates">(25 Feb – 24 Mar)</span>' in march.text
    assert 'April 2026 <span class="month-dates">(25 Mar – 24 Apr)</span>' in april.text


def test_the_api_summary_agrees_with_the_page(api, payday):
    march = api.get("/api/summary/2026-03").json()
    april = api.get("/api/summary/2026-04").json()

    assert [(c["name"], c["spent"]) for c in march["categories"]] == [("Food", "24.00")]
    assert [(c["name"], c["spent"]) for c in april["categories"]] == [("Food", "25.00")]


def test_the_expense_list_shows_each_months_days(user_client, payday):
    march = user_client.get("/expenses/?month=2026-03")
    april = user_client.get("/expenses/?month=2026-04")

    assert [e.date for e in march.context["expenses"]] == [date(2026, 3, 24)]
    assert [e.date for e in april.context["expenses"]] == [date(2026, 3, 25)]
    assert 'Expenses · March 2026 <span class="month-dates">(25 Feb – 24 Mar)</span>' in (
        march.text
    )


def test_the_api_expense_list_agrees_with_the_page(api, payday):
    march = api.get("/api/expenses/", month="2026-03").json()
    default = api.get("/api/expenses/").json()

    assert [e["date"] for e in march["items"]] == ["2026-03-24"]
    assert [e["date"] for e in default["items"]] == ["2026-03-25"]  # this month is 2026-04


def test_the_expense_list_opens_on_this_budget_month(user_client, payday):
    response = user_client.get("/expenses/")

    assert response.context["month"] == date(2026, 4, 1)


def test_the_front_door_opens_this_budget_month(user_client, payday):
    assert user_client.get("/")["Location"] == "/summary/2026-04/"
    assert user_client.get("/income/")["Location"] == "/income/2026-04/"


def test_the_income_page_says_the_dates(user_client, payday):
    response = user_client.get("/income/2026-04/")

    assert 'Income · April 2026 <span class="month-dates">(25 Mar – 24 Apr)</span>' in (
        response.text
    )


def test_the_categories_list_shows_this_budget_months_spending(user_client, payday):
    response = user_client.get("/categories/")

    assert [(c.name, c.spent) for c in response.context["active"]] == [("Food", Decimal("25.00"))]
    assert 'April 2026 <span class="month-dates">(25 Mar – 24 Apr)</span>' in response.text


def test_adding_an_expense_goes_to_its_budget_month(user_client, payday):
    food = payday.categories.get()

    response = user_client.post(
        "/expenses/new/",
        {"category": food.pk, "amount": "5.00", "date": "2026-02-25", "description": ""},
    )

    assert response.status_code == 302
    assert response["Location"] == "/expenses/?month=2026-03"


def test_editing_an_expense_goes_to_its_budget_month(user_client, payday):
    expense = payday.expenses.get(date=date(2026, 3, 24))

    response = user_client.post(
        f"/expenses/{expense.pk}/edit/",
        {
            "category": expense.category_id,
            "amount": "24.00",
            "date": "2026-04-30",
            "description": "",
        },
    )

    assert response["Location"] == "/expenses/?month=2026-05"


def _csv_dates(response):
    content = b"".join(response.streaming_content).decode()
    return [row["date"] for row in csv.DictReader(io.StringIO(content))]


def test_a_month_export_holds_the_budget_months_days(user_client, api, payday):
    web = user_client.get("/expenses/export.csv?month=2026-03")
    from_api = api.get("/api/expenses/export.csv", month="2026-04")

    assert _csv_dates(web) == ["2026-03-24"]
    assert _csv_dates(from_api) == ["2026-03-25"]


def test_a_year_export_holds_the_twelve_months_named_that_year(user_client, api, payday):
    food = payday.categories.get()
    for day in (date(2025, 12, 24), date(2025, 12, 25), date(2026, 12, 24), date(2026, 12, 25)):
        ExpenseFactory(budget=payday, category=food, date=day)

    web = user_client.get("/expenses/export.csv?year=2026")
    from_api = api.get("/api/expenses/export.csv", year="2026")

    # 2026-01 starts on 25 Dec 2025; 2026-12 ends on 24 Dec 2026.
    expected = ["2025-12-25", "2026-03-24", "2026-03-25", "2026-12-24"]
    assert _csv_dates(web) == expected
    assert _csv_dates(from_api) == expected


def test_an_import_counts_money_in_to_its_budget_month(user, payday):
    statement = (
        b"Buchungstag;Verwendungszweck;Betrag\n"
        b"24.03.2026;Markt;-4,00\n"
        b"25.03.2026;Gehalt;2.500,00\n"
        b"26.03.2026;Markt;-6,00\n"
    )
    reading = read(payday, statement, "bank.csv", {})

    result = services.import_expenses(
        budget=payday,
        created_by=user,
        reading=reading,
        default_category="Food",
        remember={},
        income_months=[date(2026, 4, 1)],
    )

    assert result.income_added == [(date(2026, 4, 1), Decimal("2500.00"))]
    assert _spent(selectors.monthly_summary(payday, date(2026, 3, 1))) == [
        ("Food", Decimal("28.00"))
    ]
    assert _spent(selectors.monthly_summary(payday, date(2026, 4, 1))) == [
        ("Food", Decimal("31.00"))
    ]


def test_the_import_preview_names_the_income_month_with_its_dates(user_client, payday):
    upload = SimpleUploadedFile(
        "bank.csv",
        b"Buchungstag;Verwendungszweck;Betrag\n"
        b"24.03.2026;Markt;-4,00\n"
        b"25.03.2026;Gehalt;2.500,00\n"
        b"26.03.2026;Markt;-6,00\n",
    )
    response = user_client.post("/import/", {"file": upload, "default_category": "Food"})

    assert response["Location"].endswith("/preview/")
    preview = user_client.get(response["Location"])

    assert [m.month for m in preview.context["preview"].income_months] == [date(2026, 4, 1)]
    assert 'income of April 2026 <span class="month-dates">(25 Mar – 24 Apr)</span>' in (
        preview.text
    )
