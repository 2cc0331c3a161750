"""The reports' figures (issue 18): exact on hand-made data, and each month equal to its summary."""

import datetime
from decimal import Decimal

import pytest

from ledger import carry, selectors, services
from ledger.models import Rollover
from ledger.months import current_month
from ledger.selectors.reports import RangeError, budget_report, month_list, report_range
from ledger.tests.factories import (
    CategoryFactory,
    ExpenseFactory,
    MonthlyIncomeFactory,
    budget_of,
)

pytestmark = pytest.mark.django_db
D = Decimal
JAN, FEB, MAR, APR = (datetime.date(2026, m, 1) for m in (1, 2, 3, 4))


def spend(category, day, amount):
    ExpenseFactory(category=category, date=day, amount=D(amount))


@pytest.fixture
def ledger(user, other_user):
    """Issue 15's worked example over four months, with an archived category and an empty April."""
    budget = budget_of(user)
    food = services.create_category(
        budget=budget, name="Food", limit=D("300.00"), rollover=Rollover.UNSPENT, rollover_from=JAN
    )
    car = services.create_category(
        budget=budget, name="Car", limit=D("100.00"), rollover=Rollover.ALL, rollover_from=JAN
    )
    gym = CategoryFactory(budget=budget, name="Gym", limit=D("50.00"), is_archived=True)
    CategoryFactory(budget=budget, name="Old hobby", limit=D("70.00"), is_archived=True)
    services.set_allotment(budget=budget, category=food, month=FEB, amount=D("280.00"))
    spend(food, datetime.date(2026, 1, 10), "250.00")
    spend(food, datetime.date(2026, 2, 3), "150.00")
    spend(food, datetime.date(2026, 2, 28), "250.00")
    spend(food, datetime.date(2026, 3, 31), "100.00")
    spend(car, datetime.date(2026, 2, 14), "250.00")
    spend(gym, datetime.date(2026, 1, 2), "30.00")
    spend(food, datetime.date(2025, 12, 31), "999.00")  # before the range
    spend(food, datetime.date(2026, 5, 1), "888.00")  # after it
    MonthlyIncomeFactory(budget=budget, month=JAN, amount=D("3000.00"))
    MonthlyIncomeFactory(budget=budget, month=FEB, amount=D("2500.00"))
    ExpenseFactory(category__owner=other_user, date=datetime.date(2026, 1, 5))
    MonthlyIncomeFactory(owner=other_user, month=JAN, amount=D("50.00"))
    return budget


def trends(report):
    return {trend.name: trend for trend in report.categories}


def test_it_has_one_entry_per_month(ledger):
    report = budget_report(ledger, JAN, APR)
    assert report.months == [JAN, FEB, MAR, APR]
    assert report.income == [D("3000.00"), D("2500.00"), D("0.00"), D("0.00")]
    assert report.spent == [D("280.00"), D("650.00"), D("100.00"), D("0.00")]


def test_it_lists_categories_with_old_spending_and_leaves_out_unused_archived_ones(ledger):
    report = budget_report(ledger, JAN, APR)
    assert [trend.name for trend in report.categories] == ["Car", "Food", "Gym"]
    gym = trends(report)["Gym"]
    assert gym.is_archived
    assert gym.spent == [D("30.00"), D("0.00"), D("0.00"), D("0.00")]
    # An archived category has no allotment in a month it is not on the summary.
    assert gym.allotted == [D("50.00"), D("0.00"), D("0.00"), D("0.00")]


def test_an_archived_category_without_spending_in_the_range_is_left_out(ledger):
    report = budget_report(ledger, MAR, APR)
    assert [trend.name for trend in report.categories] == ["Car", "Food"]


def test_allotments_and_rollover_decide_the_months_over(ledger):
    food, car = (
        trends(budget_report(ledger, JAN, APR))["Food"],
        trends(budget_report(ledger, JAN, APR))["Car"],
    )
    assert food.allotted == [D("300.00"), D("280.00"), D("300.00"), D("300.00")]
    assert food.over == [False, True, False, False]
    assert (food.total_allotted, food.total_spent, food.months_over) == (
        D("1180.00"),
        D("750.00"),
        1,
    )
    assert food.average == D("187.50")
    # Car carries its February debt of 50 into March (rollover `all`): still not over there.
    assert car.over == [False, True, False, False]
    assert (car.total_allotted, car.total_spent, car.average) == (
        D("400.00"),
        D("250.00"),
        D("62.50"),
    )


def test_saved_and_the_running_savings(ledger):
    report = budget_report(ledger, JAN, APR)
    assert report.saved == [D("2720.00"), D("1850.00"), D("-100.00"), D("0.00")]
    assert report.savings == [D("2720.00"), D("4570.00"), D("4470.00"), D("4470.00")]
    assert (report.total_income, report.total_spent, report.total_saved) == (
        D("5500.00"),
        D("1030.00"),
        D("4470.00"),
    )
    assert report.months_over == 1


def test_a_range_inside_the_chain_keeps_what_was_carried(ledger):
    # March alone: Car starts it 50 in debt, as on March's summary.
    [car] = [t for t in budget_report(ledger, MAR, MAR).categories if t.name == "Car"]
    assert (car.allotted, car.spent, car.over) == ([D("100.00")], [D("0.00")], [False])
    [food] = [t for t in budget_report(ledger, FEB, FEB).categories if t.name == "Food"]
    assert food.over == [True]


def test_every_month_equals_its_summary(ledger):
    report = budget_report(ledger, datetime.date(2025, 11, 1), datetime.date(2026, 6, 1))
    for n, month in enumerate(report.months):
        summary = selectors.monthly_summary(ledger, month)
        assert (summary.income, summary.total_spent) == (report.income[n], report.spent[n])
        assert summary.total_allotted == report.allotted[n]
        assert summary.remaining == report.saved[n]
        shown = {line.id: line for line in summary.lines}
        for trend in report.categories:
            line = shown.get(trend.id)
            if line is None:
                assert (trend.spent[n], trend.allotted[n], trend.over[n]) == (0, 0, False)
            else:
                assert (trend.spent[n], trend.allotted[n]) == (line.spent, line.allotted)
                assert trend.over[n] == line.is_over_budget


def test_a_category_report_holds_that_category_only(ledger):
    food = ledger.categories.get(name="Food")
    report = budget_report(ledger, JAN, APR, category=food)
    [trend] = report.categories
    assert trend.spent == [D("250.00"), D("400.00"), D("100.00"), D("0.00")]
    assert report.spent == trend.spent


def test_a_category_report_of_an_unused_archived_category_shows_it_empty(ledger):
    old = ledger.categories.get(name="Old hobby")
    [trend] = budget_report(ledger, JAN, FEB, category=old).categories
    assert trend.spent == [D("0.00"), D("0.00")]
    assert trend.allotted == [D("0.00"), D("0.00")]


def test_a_start_day_of_25_puts_the_24th_and_the_25th_in_different_months(user):
    budget = budget_of(user)
    budget.month_start_day = 25
    budget.save()
    food = CategoryFactory(budget=budget, name="Food", limit=D("100.00"))
    spend(food, datetime.date(2026, 3, 24), "10.00")  # 2026-03 runs 25 Feb - 24 Mar
    spend(food, datetime.date(2026, 3, 25), "20.00")  # 2026-04 starts on 25 Mar
    spend(food, datetime.date(2026, 2, 25), "5.00")
    report = budget_report(budget, MAR, APR)
    assert report.spent == [D("15.00"), D("20.00")]
    for n, month in enumerate(report.months):
        assert selectors.monthly_summary(budget, month).total_spent == report.spent[n]


def test_the_series_walk_gives_each_months_envelope():
    # The chain walked once equals the chain walked for each month on its own.
    arguments = {
        "limit": D("100.00"),
        "rollover": Rollover.UNSPENT,
        "rollover_from": FEB,
        "allotments": {MAR: D("40.00")},
        "spent": {JAN: D("500.00"), FEB: D("130.00"), MAR: D("10.00")},
    }
    series = list(carry.envelope_series(first=JAN, last=APR, **arguments))
    assert [month for month, _ in series] == month_list(JAN, APR)
    for month, found in series:
        assert found == carry.envelope(month=month, **arguments)
    assert [found.available for _, found in series] == [
        D("-400.00"),
        D("-30.00"),
        D("30.00"),
        D("130.00"),
    ]
    assert series[2][1].overspent_last_month == D("30.00")


def test_the_default_range_is_the_last_12_budget_months():
    first, last = report_range(25)
    assert last == current_month(25)
    assert len(month_list(first, last)) == 12


@pytest.mark.parametrize(
    ("start", "end", "year", "message"),
    [
        ("2026-05", "2026-01", None, "starts after it ends"),
        ("2016-01", "2026-01", None, "at most 120 months"),
        ("2026-13", "2026-12", None, "not a month"),
        ("2026-1", None, None, "not a month"),
        (None, None, "26", "not a year"),
        ("2026-01", None, "2026", "either year"),
    ],
)
def test_a_bad_range_is_refused_with_a_message(start, end, year, message):
    with pytest.raises(RangeError, match=message):
        report_range(1, start=start, end=end, year=year)


def test_120_months_are_allowed_and_a_year_is_twelve_named_months():
    first, last = report_range(1, start="2016-02", end="2026-01")
    assert len(month_list(first, last)) == 120
    assert report_range(25, year="2026") == (JAN, datetime.date(2026, 12, 1))


def test_the_worked_example_of_issue_15_carries_as_the_rules_say(ledger):
    march = {line.name: line for line in selectors.monthly_summary(ledger, MAR).lines}
    assert (march["Food"].carried_in, march["Food"].available) == (D("0.00"), D("200.00"))
    assert (march["Car"].carried_in, march["Car"].available) == (D("-50.00"), D("50.00"))
    assert selectors.monthly_summary(ledger, MAR).overspent_from_last_month == D("70.00")
    february = {line.name: line for line in selectors.monthly_summary(ledger, FEB).lines}
    assert (february["Food"].carried_in, february["Food"].available) == (D("50.00"), D("-70.00"))
