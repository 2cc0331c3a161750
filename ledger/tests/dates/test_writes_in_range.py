"""Every date a person or client writes lies from 1900-01-01 to 2999-12-31 (issue 24): a form
says so beside the field, the API answers 422 naming it, and nothing is stored."""

import datetime
from decimal import Decimal

import pytest

from ledger.models import Allotment, Category, Expense, MonthlyIncome, RecurringExpense

pytestmark = pytest.mark.django_db
DATE_ERROR = "Use a date from 1900-01-01 to 2999-12-31."
MONTH_ERROR = "Use a month from 1900-01 to 2999-12."
OUTSIDE = ["1899-12-31", "3000-01-01"]


def _schedule(category, **fields):
    return {
        "description": "Rent",
        "category": category.pk,
        "amount": "950.00",
        "frequency": "monthly",
        "interval": "1",
        "start": "2026-01-31",
        "end": "",
        "count": "",
        "day_of_month": "",
        "record_past": "",
        **fields,
    }


def _expense(category, day):
    return {"category": category.pk, "amount": "5.00", "date": day, "description": ""}


@pytest.mark.parametrize("day", OUTSIDE)
@pytest.mark.parametrize(
    ("url", "data", "field"),
    [
        ("/expenses/new/", _expense, "date"),
        ("/recurring/new/", lambda category, day: _schedule(category, start=day), "start"),
        ("/recurring/new/", lambda category, day: _schedule(category, end=day), "end"),
        (
            "/categories/new/",
            lambda category, day: {
                "name": "Saved",
                "limit": "1",
                "rollover": "unspent",
                "rollover_from": day[:7],
            },
            "rollover_from",
        ),
    ],
)
def test_a_form_refuses_a_date_out_of_range(user_client, category, url, data, field, day):
    response = user_client.post(url, data(category, day))

    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors[field])
    assert DATE_ERROR in errors or MONTH_ERROR in errors or "YYYY-MM" in errors
    assert Expense.objects.count() == RecurringExpense.objects.count() == 0
    assert Category.objects.count() == 1


@pytest.mark.parametrize("day", ["1900-01-01", "2999-12-31"])
def test_a_form_takes_the_ends_of_the_range(user_client, category, day):
    response = user_client.post("/expenses/new/", _expense(category, day))

    assert response.status_code == 302
    assert Expense.objects.get().date == datetime.date.fromisoformat(day)


def test_the_expense_edit_form_refuses_a_date_out_of_range(user_client, category):
    user_client.post("/expenses/new/", _expense(category, "2026-03-01"))
    expense = Expense.objects.get()

    response = user_client.post(f"/expenses/{expense.pk}/edit/", _expense(category, "3000-01-01"))

    assert DATE_ERROR in " ".join(response.context["form"].errors["date"])
    expense.refresh_from_db()
    assert expense.date == datetime.date(2026, 3, 1)


@pytest.mark.parametrize("month", ["1899-12", "3000-01"])
def test_the_income_page_refuses_a_month_out_of_range(user_client, month):
    response = user_client.post(f"/income/{month}/", {"amount": "100", "note": ""})

    assert response.status_code == 200
    assert MONTH_ERROR in response.content.decode()
    assert MonthlyIncome.objects.count() == 0


@pytest.mark.parametrize("month", ["1899-12", "3000-01"])
def test_the_budget_page_refuses_a_month_out_of_range(user_client, category, month):
    response = user_client.post(f"/budget/{month}/", {f"allot-{category.pk}": "10"})

    assert response.status_code == 200
    assert MONTH_ERROR in response.content.decode()
    assert Allotment.objects.count() == 0


def _field(response) -> str:
    return ".".join(str(part) for part in response.json()["detail"][0]["loc"])


@pytest.mark.parametrize("day", [*OUTSIDE, "0001-01-01", "9999-12-31"])
@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        (
            "/api/expenses/",
            lambda category, day: {"category_id": category.pk, "amount": "1", "date": day},
            "date",
        ),
        (
            "/api/recurring/",
            lambda category, day: {
                "category_id": category.pk,
                "amount": "1",
                "frequency": "monthly",
                "start": day,
            },
            "start",
        ),
        (
            "/api/recurring/",
            lambda category, day: {
                "category_id": category.pk,
                "amount": "1",
                "frequency": "monthly",
                "start": "2026-01-01",
                "end": day,
            },
            "end",
        ),
        ("/api/income/", lambda category, day: {"month": day[:7], "amount": "1"}, "month"),
        (
            "/api/categories/",
            lambda category, day: {
                "name": "Saved",
                "limit": "1",
                "rollover": "unspent",
                "rollover_from": day[:7],
            },
            "rollover_from",
        ),
    ],
)
def test_the_api_refuses_a_date_out_of_range(api, category, path, body, field, day):
    response = api.post(path, body(category, day))

    assert response.status_code == 422, response.json()
    assert _field(response).endswith(field)
    assert Expense.objects.count() == RecurringExpense.objects.count() == 0
    assert MonthlyIncome.objects.count() == 0
    assert Category.objects.count() == 1


@pytest.mark.parametrize("month", ["1899-12", "3000-01"])
def test_the_api_refuses_an_allotment_out_of_range(api, category, month):
    response = api.put(f"/api/allotments/{month}/{category.pk}", {"amount": "1"})

    assert response.status_code == 422
    assert "month" in _field(response)
    assert Allotment.objects.count() == 0


def test_the_api_refuses_moving_an_expense_out_of_range(api, category):
    created = api.post(
        "/api/expenses/", {"category_id": category.pk, "amount": "1", "date": "2026-03-01"}
    ).json()

    response = api.patch(f"/api/expenses/{created['id']}", {"date": "3000-01-01"})

    assert response.status_code == 422
    assert _field(response).endswith("date")
    assert Expense.objects.get().date == datetime.date(2026, 3, 1)


def test_the_api_takes_the_ends_of_the_range(api, category):
    for day in ("1900-01-01", "2999-12-31"):
        body = {"category_id": category.pk, "amount": "1", "date": day}
        assert api.post("/api/expenses/", body).status_code == 201

    assert Expense.objects.count() == 2
    assert sum(e.amount for e in Expense.objects.all()) == Decimal("2.00")


def test_the_api_clears_an_allotment_of_any_month(api, category):
    assert api.delete(f"/api/allotments/1000-01/{category.pk}").status_code == 204
