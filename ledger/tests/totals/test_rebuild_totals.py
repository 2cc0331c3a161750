"""`manage.py rebuild_totals [--check] [--budget ID]`: the monthly totals, proved and rebuilt."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError

from ledger import services
from ledger.models import EnvelopeBalance, MonthlyTotal, Rollover
from ledger.services.balances import differing_balances
from ledger.services.money_changes import differing_totals
from ledger.tests.factories import BudgetFactory, CategoryFactory, ExpenseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ledger():
    """A budget whose Food has expenses in February and March 2026."""
    budget = BudgetFactory(name="Home")
    food = CategoryFactory(budget=budget, name="Food")
    ExpenseFactory(category=food, amount=Decimal("10.25"), date=datetime.date(2026, 2, 28))
    ExpenseFactory(category=food, amount=Decimal("4.75"), date=datetime.date(2026, 3, 1))
    ExpenseFactory(category=food, amount=Decimal("5.00"), date=datetime.date(2026, 3, 31))
    return budget, food


def _run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("rebuild_totals", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _break_march(food):
    MonthlyTotal.objects.filter(category=food, month=datetime.date(2026, 3, 1)).update(
        spent_cents=1
    )


def test_check_passes_when_the_totals_match(ledger):
    out, err = _run("--check")

    assert "match the expense rows" in out
    assert err == ""


@pytest.mark.totals_may_differ
def test_check_names_the_month_that_differs(ledger):
    budget, food = ledger
    _break_march(food)

    with pytest.raises(CommandError, match="1 monthly total"):
        _run("--check")

    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("rebuild_totals", "--check", stderr=err)
    assert err.getvalue().strip() == (
        f"budget {budget.pk}, 2026-03, category {food.pk}: stored 0.01 in 2 expense(s), "
        "the rows add up to 9.75 in 2"
    )


@pytest.mark.totals_may_differ
def test_check_exits_non_zero_from_the_command_line(ledger, capsys):
    _, food = ledger
    _break_march(food)

    with pytest.raises(SystemExit) as exit:
        execute_from_command_line(["manage.py", "rebuild_totals", "--check"])

    assert exit.value.code != 0
    assert "2026-03" in capsys.readouterr().err


@pytest.mark.totals_may_differ
def test_check_finds_a_missing_total(ledger):
    budget, food = ledger
    MonthlyTotal.objects.filter(category=food, month=datetime.date(2026, 2, 1)).delete()

    with pytest.raises(CommandError):
        _run("--check")

    assert [key for key, _, _ in differing_totals(budget)] == [(food.pk, datetime.date(2026, 2, 1))]


@pytest.mark.totals_may_differ
def test_check_finds_a_total_without_rows(ledger):
    budget, food = ledger
    MonthlyTotal.objects.create(
        budget=budget, category=food, month=datetime.date(2025, 1, 1), spent_cents=500, count=1
    )

    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("rebuild_totals", "--check", stderr=err)

    assert "2025-01" in err.getvalue()


@pytest.mark.totals_may_differ
def test_check_changes_nothing(ledger):
    _, food = ledger
    _break_march(food)

    with pytest.raises(CommandError):
        _run("--check")

    assert MonthlyTotal.objects.get(category=food, month=datetime.date(2026, 3, 1)).spent_cents == 1


def test_rebuild_repairs_a_broken_total(ledger):
    budget, food = ledger
    _break_march(food)
    MonthlyTotal.objects.filter(month=datetime.date(2026, 2, 1)).delete()

    out, _ = _run()

    assert f"Budget {budget.pk} (Home): 2 monthly total(s)." in out
    assert differing_totals(budget) == []
    assert _run("--check")[0].endswith("match the expense rows.\n")
    march = MonthlyTotal.objects.get(category=food, month=datetime.date(2026, 3, 1))
    assert (march.spent, march.count) == (Decimal("9.75"), 2)


@pytest.mark.totals_may_differ
def test_budget_option_checks_and_rebuilds_one_budget(ledger):
    budget, food = ledger
    other = CategoryFactory(budget=BudgetFactory(name="Other"))
    ExpenseFactory(category=other, amount=Decimal("1.00"))
    _break_march(food)
    MonthlyTotal.objects.filter(category=other).update(spent_cents=7)

    _run("--budget", str(budget.pk))

    assert differing_totals(budget) == []
    assert len(differing_totals(other.budget)) == 1
    with pytest.raises(CommandError):
        _run("--check", "--budget", str(other.budget_id))
    assert "match" in _run("--check", "--budget", str(budget.pk))[0]


def test_budget_option_refuses_an_unknown_budget(ledger):
    with pytest.raises(CommandError, match="No budget has id 999999"):
        _run("--budget", "999999")


def test_totals_follow_the_budgets_month_start_day():
    budget = BudgetFactory(month_start_day=25)
    food = CategoryFactory(budget=budget)
    # 25 February starts the month named March (start day 16 or later: the next month's name)
    ExpenseFactory(category=food, amount=Decimal("3.00"), date=datetime.date(2026, 2, 25))
    ExpenseFactory(category=food, amount=Decimal("2.00"), date=datetime.date(2026, 2, 24))

    _run()

    assert dict(MonthlyTotal.objects.filter(category=food).values_list("month", "spent_cents")) == {
        datetime.date(2026, 2, 1): 200,
        datetime.date(2026, 3, 1): 300,
    }
    assert "match" in _run("--check")[0]


@pytest.fixture
def carried(ledger):
    """Food carries what is left from February 2026 (balances in February and March)."""
    budget, food = ledger
    services.change_category(
        category=food, rollover=Rollover.UNSPENT, rollover_from=datetime.date(2026, 2, 1)
    )
    return budget, food


@pytest.mark.totals_may_differ
def test_check_names_a_stored_balance_that_differs_from_the_walk(carried):
    budget, food = carried
    EnvelopeBalance.objects.filter(category=food, month=datetime.date(2026, 2, 1)).update(
        available_cents=1
    )

    err = io.StringIO()
    with pytest.raises(CommandError, match="1 monthly total\\(s\\) or balance\\(s\\) differ"):
        call_command("rebuild_totals", "--check", stderr=err)

    # 300 - 10.25 left at the end of February
    assert err.getvalue().strip() == (
        f"budget {budget.pk}, 2026-02, category {food.pk}: stored balance 0.01, "
        "the carry walk gives 289.75"
    )


@pytest.mark.totals_may_differ
def test_check_names_a_missing_balance(carried):
    budget, food = carried
    EnvelopeBalance.objects.filter(month=datetime.date(2026, 3, 1)).delete()

    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("rebuild_totals", "--check", stderr=err)

    # 289.75 carried + 300 - 9.75
    assert err.getvalue().strip() == (
        f"budget {budget.pk}, 2026-03, category {food.pk}: stored balance none, "
        "the carry walk gives 580.00"
    )


def test_rebuild_repairs_the_stored_balances(carried):
    budget, food = carried
    EnvelopeBalance.objects.filter(category=food).update(available_cents=7)
    EnvelopeBalance.objects.create(
        budget=budget, category=food, month=datetime.date(2027, 1, 1), available_cents=5
    )

    _run()

    assert differing_balances(budget) == []
    assert dict(
        EnvelopeBalance.objects.filter(category=food).values_list("month", "available_cents")
    ) == {datetime.date(2026, 2, 1): 28_975, datetime.date(2026, 3, 1): 58_000}
    assert _run("--check")[0].endswith("match the expense rows.\n")
