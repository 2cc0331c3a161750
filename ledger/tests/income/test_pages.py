"""The income page: one record per month, set, changed, or copied from last month."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from ledger.models import MonthlyIncome
from ledger.tests.factories import MonthlyIncomeFactory, budget_of

pytestmark = pytest.mark.django_db
MARCH = datetime.date(2026, 3, 1)


def test_it_needs_login(client):
    response = client.get("/income/2026-03/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_income_goes_to_the_current_month(user_client):
    response = user_client.get("/income/")
    assert response.status_code == 302
    assert response["Location"] == f"/income/{timezone.localdate():%Y-%m}/"


@pytest.mark.parametrize("month", ["2026-13", "2026-00", "0999-01", "abc", "2026-1"])
def test_a_month_that_does_not_exist_is_a_404(user_client, month):
    assert user_client.get(f"/income/{month}/").status_code == 404


def test_it_shows_the_months_income(user_client, user):
    MonthlyIncomeFactory(owner=user, month=MARCH, amount=Decimal("3200.00"), note="Salary")
    response = user_client.get("/income/2026-03/")
    assert response.status_code == 200
    assert "3,200.00 USD" in response.content.decode()
    assert response.context["form"]["amount"].value() == Decimal("3200.00")
    assert b'name="note"' in response.content


def test_it_hides_other_users_income(user_client, other_user):
    MonthlyIncomeFactory(owner=other_user, month=MARCH, amount=Decimal("987.65"))
    response = user_client.get("/income/2026-03/")
    assert b"987.65" not in response.content
    assert response.context["current"] is None


def test_it_creates_the_months_income(user_client, user):
    response = user_client.post("/income/2026-03/", {"amount": "2500.50", "note": " Salary "})
    assert response.status_code == 302
    assert response["Location"] == "/summary/2026-03/"
    income = MonthlyIncome.objects.get(budget=budget_of(user))
    assert (income.month, income.amount, income.note) == (MARCH, Decimal("2500.50"), "Salary")


def test_it_updates_the_one_record(user_client, user, other_user):
    MonthlyIncomeFactory(owner=user, month=MARCH, amount=Decimal("100.00"))
    MonthlyIncomeFactory(owner=other_user, month=MARCH, amount=Decimal("100.00"))
    user_client.post("/income/2026-03/", {"amount": "0", "note": ""})
    assert MonthlyIncome.objects.get(budget=budget_of(user)).amount == Decimal("0.00")
    assert MonthlyIncome.objects.get(budget=budget_of(other_user)).amount == Decimal("100.00")


@pytest.mark.parametrize(
    ("amount", "error"),
    [
        ("-0.01", "Enter an amount of zero or more."),
        ("1.234", "Use at most 2 decimal places."),
        ("10000000000", "Enter an amount below 10,000,000,000."),
        ("NaN", "Enter an amount such as 12.50."),
        ("Infinity", "Enter an amount such as 12.50."),
        ("", "This field is required."),
    ],
)
def test_it_refuses_invalid_amounts(user_client, amount, error):
    response = user_client.post("/income/2026-03/", {"amount": amount, "note": ""})
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not MonthlyIncome.objects.exists()


def test_an_invalid_change_keeps_the_stored_income(user_client, user):
    MonthlyIncomeFactory(owner=user, month=MARCH, amount=Decimal("100.00"))
    response = user_client.post("/income/2026-03/", {"amount": "-1", "note": ""})
    assert response.status_code == 200
    assert MonthlyIncome.objects.get(budget=budget_of(user)).amount == Decimal("100.00")


def test_same_as_last_month_copies_amount_and_note(user_client, user):
    MonthlyIncomeFactory(owner=user, month=datetime.date(2026, 2, 1), amount=Decimal("3100.00"))
    page = user_client.get("/income/2026-03/")
    assert "Same as last month" in page.content.decode()
    response = user_client.post("/income/2026-03/", {"action": "copy_previous"})
    assert response.status_code == 302
    assert MonthlyIncome.objects.get(budget=budget_of(user), month=MARCH).amount == Decimal(
        "3100.00"
    )


def test_same_as_last_month_across_a_year(user_client, user):
    MonthlyIncomeFactory(owner=user, month=datetime.date(2025, 12, 1), amount=Decimal("42.00"))
    user_client.post("/income/2026-01/", {"action": "copy_previous"})
    income = MonthlyIncome.objects.get(budget=budget_of(user), month=datetime.date(2026, 1, 1))
    assert income.amount == Decimal("42.00")


def test_same_as_last_month_without_last_month_saves_nothing(user_client, other_user):
    MonthlyIncomeFactory(owner=other_user, month=datetime.date(2026, 2, 1))
    response = user_client.post("/income/2026-03/", {"action": "copy_previous"}, follow=True)
    assert "No income is set for the month before." in response.content.decode()
    assert not MonthlyIncome.objects.filter(month=MARCH).exists()
