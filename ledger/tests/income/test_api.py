import datetime
from decimal import Decimal

import pytest

from ledger.models import MonthlyIncome
from ledger.tests.factories import MonthlyIncomeFactory, budget_of

pytestmark = pytest.mark.django_db


def test_it_sets_a_months_income(api, user):
    response = api.post("/api/income/", {"month": "2026-03", "amount": "3000", "note": "Salary"})

    assert response.status_code == 201
    income = MonthlyIncome.objects.get()
    assert (income.budget, income.month, income.amount, income.note) == (
        budget_of(user),
        datetime.date(2026, 3, 1),
        Decimal("3000.00"),
        "Salary",
    )
    body = response.json()
    assert (body["month"], body["amount"], body["note"]) == ("2026-03", "3000.00", "Salary")


def test_it_replaces_a_months_income(api, user):
    MonthlyIncomeFactory(owner=user, month=datetime.date(2026, 3, 1), amount=Decimal("100"))

    response = api.post("/api/income/", {"month": "2026-03", "amount": 2500.5})

    assert response.status_code == 200
    income = MonthlyIncome.objects.get()
    assert (income.amount, income.note) == (Decimal("2500.50"), "")


def test_it_accepts_zero_income(api):
    assert api.post("/api/income/", {"month": "2026-03", "amount": "0"}).status_code == 201
    assert MonthlyIncome.objects.get().amount == Decimal("0.00")


def test_it_leaves_other_users_income_alone(api, other_user):
    MonthlyIncomeFactory(owner=other_user, month=datetime.date(2026, 3, 1), amount=Decimal("7"))

    assert api.post("/api/income/", {"month": "2026-03", "amount": "1"}).status_code == 201

    assert MonthlyIncome.objects.get(budget=budget_of(other_user)).amount == Decimal("7.00")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"month": "2026-03", "amount": "-1"}, "amount"),
        ({"month": "2026-03", "amount": "abc"}, "amount"),
        ({"month": "2026-03", "amount": "NaN"}, "amount"),
        ({"month": "2026-03", "amount": "1.234"}, "amount"),
        ({"month": "2026-03", "amount": "99999999999"}, "amount"),
        ({"month": "2026-13", "amount": "1"}, "month"),
        ({"month": "2026-03-01", "amount": "1"}, "month"),
        ({"month": 202603, "amount": "1"}, "month"),
        ({"amount": "1"}, "month"),
        ({"month": "2026-03", "amount": "1", "note": "n" * 256}, "note"),
    ],
)
def test_it_refuses_bad_input_with_field_detail(api, body, field):
    response = api.post("/api/income/", body)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "payload", field]
    assert not MonthlyIncome.objects.exists()


def test_it_refuses_malformed_json(api):
    assert api.post("/api/income/", '{"month": "2026-03",').status_code == 400
    assert not MonthlyIncome.objects.exists()


def test_it_gets_a_months_income(api, user):
    MonthlyIncomeFactory(owner=user, month=datetime.date(2026, 3, 1), amount=Decimal("3000"))

    response = api.get("/api/income/2026-03")

    assert response.status_code == 200
    assert response.json()["amount"] == "3000.00"


def test_it_answers_404_when_no_income_is_set(api, other_user):
    MonthlyIncomeFactory(owner=other_user, month=datetime.date(2026, 3, 1))

    response = api.get("/api/income/2026-03")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize("month", ["2026-13", "2026-3", "latest", "1999-00"])
def test_it_answers_422_for_an_impossible_month(api, month):
    response = api.get(f"/api/income/{month}")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["path", "month"]


def test_it_lists_incomes_newest_first(api, user, other_user):
    MonthlyIncomeFactory(owner=user, month=datetime.date(2026, 1, 1))
    MonthlyIncomeFactory(owner=user, month=datetime.date(2026, 2, 1))
    MonthlyIncomeFactory(owner=other_user, month=datetime.date(2026, 3, 1))

    response = api.get("/api/income/")

    assert response.json()["count"] == 2
    assert [i["month"] for i in response.json()["items"]] == ["2026-02", "2026-01"]
