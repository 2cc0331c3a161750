"""`manage.py seed_demo`: a believable demo budget, created once however often it runs."""

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from ledger import services
from ledger.management.commands import seed_demo
from ledger.models import Category, Expense, MonthlyIncome
from ledger.selectors import monthly_summary
from ledger.tests.factories import budget_of

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 17)
MONTHS = [datetime.date(2025, 12, 1), datetime.date(2026, 1, 1), datetime.date(2026, 2, 1)]
THIS_MONTH = datetime.date(2026, 3, 1)


def seed(monkeypatch, today=TODAY):
    monkeypatch.setattr(seed_demo, "localdate", lambda: today)
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def demo():
    return get_user_model().objects.get(username="demo")


def test_it_creates_a_demo_user_who_can_sign_in_with_the_printed_password(monkeypatch, client):
    out = seed(monkeypatch)
    assert "'demo-budget-2026'" in out
    response = client.post("/accounts/login/", {"username": "demo", "password": "demo-budget-2026"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(demo().pk)


def test_it_creates_eight_active_categories_and_one_archived(monkeypatch):
    seed(monkeypatch)
    categories = Category.objects.for_budget(budget_of(demo()))
    assert categories.active().count() == 8
    assert list(categories.archived().values_list("name", flat=True)) == ["Car payment"]
    assert categories.get(name="Rent").limit == Decimal("1450.00")


def test_it_sets_an_income_on_the_first_day_of_each_of_four_months(monkeypatch):
    seed(monkeypatch)
    incomes = MonthlyIncome.objects.for_budget(budget_of(demo())).order_by("month")
    assert list(incomes.values_list("month", "amount")) == [
        (MONTHS[0], Decimal("5650.00")),
        (MONTHS[1], Decimal("5200.00")),
        (MONTHS[2], Decimal("5200.00")),
        (THIS_MONTH, Decimal("5200.00")),
    ]


def test_it_spreads_positive_expenses_over_four_months_and_none_after_today(monkeypatch):
    seed(monkeypatch)
    expenses = Expense.objects.for_budget(budget_of(demo()))
    for month in [*MONTHS, THIS_MONTH]:
        assert expenses.in_month(month).count() >= 15
    assert not expenses.filter(date__lt=MONTHS[0]).exists()
    assert not expenses.filter(date__gt=TODAY).exists()
    assert not expenses.filter(amount__lte=0).exists()
    assert all(isinstance(a, Decimal) for a in expenses.values_list("amount", flat=True))
    assert not expenses.filter(description="").exists()


def test_the_archived_category_holds_only_old_expenses(monkeypatch):
    seed(monkeypatch)
    car = Category.objects.for_budget(budget_of(demo())).get(name="Car payment")
    assert list(car.expenses.order_by("date").values_list("date", "amount")) == [
        (datetime.date(2025, 12, 15), Decimal("289.00")),
        (datetime.date(2026, 1, 15), Decimal("289.00")),
    ]


def test_only_dining_out_runs_over_budget_and_only_this_month(monkeypatch):
    seed(monkeypatch)
    over = {
        month: [
            line.name
            for line in monthly_summary(budget_of(demo()), month).lines
            if line.is_over_budget
        ]
        for month in [*MONTHS, THIS_MONTH]
    }
    assert over == {MONTHS[0]: [], MONTHS[1]: [], MONTHS[2]: [], THIS_MONTH: ["Dining out"]}


def test_dining_out_is_over_budget_even_on_the_first_of_the_month(monkeypatch):
    first = datetime.date(2026, 1, 1)
    seed(monkeypatch, today=first)
    summary = monthly_summary(budget_of(demo()), first)
    assert [line.name for line in summary.lines if line.is_over_budget] == ["Dining out"]
    assert not Expense.objects.for_budget(budget_of(demo())).filter(date__gt=first).exists()


def test_running_it_twice_duplicates_nothing(monkeypatch):
    seed(monkeypatch)
    counts = (Category.objects.count(), Expense.objects.count(), MonthlyIncome.objects.count())
    amounts = list(Expense.objects.order_by("id").values_list("amount", flat=True))
    out = seed(monkeypatch)
    assert "0 new expense(s)" in out
    assert (
        Category.objects.count(),
        Expense.objects.count(),
        MonthlyIncome.objects.count(),
    ) == counts
    assert list(Expense.objects.order_by("id").values_list("amount", flat=True)) == amounts


def test_a_run_later_in_the_month_adds_only_the_new_days(monkeypatch):
    seed(monkeypatch, today=datetime.date(2026, 3, 5))
    before = Expense.objects.count()
    seed(monkeypatch)
    added = Expense.objects.filter(date__gt=datetime.date(2026, 3, 5))
    assert Expense.objects.count() == before + added.count()
    assert added.exists()
    assert Expense.objects.filter(date__lte=datetime.date(2026, 3, 5)).count() == before


def test_it_leaves_other_users_alone(monkeypatch, user):
    seed(monkeypatch)
    assert not Category.objects.for_budget(budget_of(user)).exists()
    assert not Expense.objects.for_budget(budget_of(user)).exists()


def test_it_fills_budget_months_when_they_start_on_payday(monkeypatch):
    seed(monkeypatch)  # makes the demo budget
    budget = budget_of(demo())
    services.change_month_start_day(budget=budget, day=25)
    # Today, 26 March 2026, is in budget month 2026-04 (25 Mar - 24 Apr).
    seed(monkeypatch, today=datetime.date(2026, 3, 26))

    incomes = MonthlyIncome.objects.for_budget(budget).order_by("month")
    assert [income.month for income in incomes] == [*MONTHS, THIS_MONTH, datetime.date(2026, 4, 1)]
    # A plan's day counts from the budget month's first day: April's rent is paid on 25 March.
    april = Expense.objects.for_budget(budget).filter(date__gte=datetime.date(2026, 3, 25))
    assert list(april.filter(category__name="Rent").values_list("date", flat=True)) == [
        datetime.date(2026, 3, 25)
    ]
