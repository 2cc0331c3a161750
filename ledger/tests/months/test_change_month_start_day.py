from datetime import date
from decimal import Decimal

import pytest

from ledger import selectors, services
from ledger.models import Allotment, Budget, Category, MonthlyIncome, MonthlyTotal
from ledger.services.money_changes import differing_totals
from ledger.tests.month_start_data import (
    MONTHS,
    available_from_rows,
    populated_budget,
    spent_from_rows,
)

pytestmark = pytest.mark.django_db


def test_it_sets_the_day_and_rebuilds_the_totals(user):
    budget = populated_budget(user)

    services.change_month_start_day(budget=budget, day=25)

    assert Budget.objects.get(pk=budget.pk).month_start_day == 25
    assert differing_totals(budget) == []
    food = Category.objects.get(budget=budget, name="Food")
    # 2026-02 runs from 25 Jan to 24 Feb: 19.99 + 120.00 (55.55 on 24 Jan is January's,
    # 88.88 on 25 Feb is March's).
    assert MonthlyTotal.objects.get(category=food, month=date(2026, 2, 1)).spent == Decimal(
        "139.99"
    )


@pytest.mark.parametrize("day", [5, 16, 25, 28])
def test_every_summary_matches_the_rows_after_the_change(user, day):
    budget = populated_budget(user)

    services.change_month_start_day(budget=budget, day=day)

    budget.refresh_from_db()
    categories = {c.pk: c for c in Category.objects.for_budget(budget)}
    for month in MONTHS:
        summary = selectors.monthly_summary(budget, month)
        assert summary.income == Decimal("2000.00")
        for line in summary.lines:
            category = categories[line.id]
            assert line.spent == spent_from_rows(budget, category, month), (month, line.name)
            assert line.available == available_from_rows(budget, category, month)
        assert summary.total_spent == sum(
            (spent_from_rows(budget, c, month) for c in categories.values()), Decimal("0.00")
        )


def test_switching_back_to_the_first_gives_exactly_the_numbers_before(user):
    budget = populated_budget(user)
    before = [selectors.monthly_summary(budget, month) for month in MONTHS]
    totals = set(MonthlyTotal.objects.values_list("category_id", "month", "spent_cents", "count"))

    services.change_month_start_day(budget=budget, day=25)
    services.change_month_start_day(budget=budget, day=1)

    assert [selectors.monthly_summary(budget, month) for month in MONTHS] == before
    assert (
        set(MonthlyTotal.objects.values_list("category_id", "month", "spent_cents", "count"))
        == totals
    )


def test_incomes_allotments_and_rollover_months_keep_their_month_names(user):
    budget = populated_budget(user)

    services.change_month_start_day(budget=budget, day=25)

    assert sorted(MonthlyIncome.objects.for_budget(budget).values_list("month", flat=True)) == (
        MONTHS
    )
    assert list(Allotment.objects.for_budget(budget).values_list("month", "amount")) == [
        (date(2026, 2, 1), Decimal("280.00"))
    ]
    car = Category.objects.get(budget=budget, name="Car")
    assert car.rollover_from == date(2026, 1, 1)


def test_it_reports_progress_per_category(user):
    budget = populated_budget(user)
    calls = []

    services.change_month_start_day(
        budget=budget, day=25, progress=lambda done, total: calls.append((done, total))
    )

    assert calls == [(1, 2), (2, 2)]


@pytest.mark.parametrize("day", [0, 29, -1, 31, "25", True, None, 2.5])
def test_it_refuses_a_day_that_not_every_month_has(user, day):
    budget = populated_budget(user)
    totals = set(MonthlyTotal.objects.values_list("category_id", "month", "spent_cents"))

    with pytest.raises(services.InvalidMonthStartDay, match="from 1 to 28"):
        services.change_month_start_day(budget=budget, day=day)

    assert Budget.objects.get(pk=budget.pk).month_start_day == 1
    assert set(MonthlyTotal.objects.values_list("category_id", "month", "spent_cents")) == totals


def test_it_leaves_other_budgets_alone(user, other_user):
    mine = populated_budget(user)
    theirs = populated_budget(other_user)
    their_totals = set(MonthlyTotal.objects.filter(budget=theirs).values_list("month", "count"))

    services.change_month_start_day(budget=mine, day=25)

    assert Budget.objects.get(pk=theirs.pk).month_start_day == 1
    assert (
        set(MonthlyTotal.objects.filter(budget=theirs).values_list("month", "count"))
        == their_totals
    )


def test_an_expense_recorded_through_a_budget_read_before_the_change_lands_in_the_new_month(
    user,
):
    budget = populated_budget(user)
    stale = Budget.objects.get(pk=budget.pk)  # a request that loaded the budget earlier
    services.change_month_start_day(budget=budget, day=25)
    food = Category.objects.get(budget=budget, name="Food")

    services.record_expense(
        budget=stale, category=food, amount=Decimal("5.00"), date=date(2026, 3, 25)
    )

    assert differing_totals(budget) == []
    assert MonthlyTotal.objects.get(category=food, month=date(2026, 4, 1)).spent == Decimal(
        "38.34"  # 0.01 on 25 March, 33.33 on 24 April and this one
    )
