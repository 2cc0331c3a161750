from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Max, Min

from ledger import selectors
from ledger.models import Category, Expense, MonthlyIncome, Rollover
from ledger.tests.factories import budget_of

pytestmark = pytest.mark.django_db


def seed(*args):
    call_command("seed_bench", "--quiet-progress", "--end-month=2026-03", *args)


def test_it_creates_categories_ten_years_of_income_and_the_expenses():
    seed("--expenses=500", "--user=bench")
    user = get_user_model().objects.get(username="bench")
    assert Category.objects.for_budget(budget_of(user)).count() == 50
    incomes = MonthlyIncome.objects.for_budget(budget_of(user))
    assert incomes.count() == 120
    assert incomes.aggregate(first=Min("month"), last=Max("month")) == {
        "first": date(2016, 4, 1),
        "last": date(2026, 3, 1),
    }
    expenses = Expense.objects.for_budget(budget_of(user))
    assert expenses.count() == 500
    span = expenses.aggregate(first=Min("date"), last=Max("date"))
    assert span["first"] >= date(2016, 4, 1)
    assert span["last"] <= date(2026, 3, 31)


def test_it_stores_amounts_in_cents_and_every_expense_in_one_of_the_users_categories():
    seed("--expenses=300", "--user=bench")
    user = get_user_model().objects.get(username="bench")
    budget = budget_of(user)
    rows = Expense.objects.for_budget(budget).values_list(
        "amount", "category__budget", "created_by"
    )
    for amount, category_budget, created_by in rows:
        assert amount > 0
        assert amount == amount.quantize(Decimal("0.01"))
        assert (category_budget, created_by) == (budget.pk, user.pk)


def test_it_is_deterministic_for_a_seed():
    seed("--expenses=200", "--user=first")
    seed("--expenses=200", "--user=second")
    rows = [
        list(
            Expense.objects.filter(budget__memberships__user__username=name)
            .order_by("id")
            .values_list("category__name", "amount", "date", "description")
        )
        for name in ("first", "second")
    ]
    assert rows[0] == rows[1]


def test_it_does_nothing_when_the_user_already_has_data(capsys):
    seed("--expenses=100", "--user=bench")
    seed("--expenses=300", "--user=bench")
    assert Expense.objects.filter(budget__memberships__user__username="bench").count() == 100
    assert "already has data (100 expenses): nothing done" in capsys.readouterr().out


def test_reset_deletes_the_data_and_seeds_again():
    seed("--expenses=100", "--user=bench")
    seed("--expenses=40", "--user=bench", "--categories=5", "--reset")
    assert Expense.objects.filter(budget__memberships__user__username="bench").count() == 40
    assert Category.objects.filter(budget__memberships__user__username="bench").count() == 5
    assert MonthlyIncome.objects.filter(budget__memberships__user__username="bench").count() == 120


def test_it_refuses_more_categories_than_it_knows():
    with pytest.raises(Exception, match="--categories"):
        seed("--expenses=10", "--categories=51")


def test_categories_roll_nothing_over_by_default():
    seed("--expenses=10", "--user=bench", "--categories=3")

    assert set(Category.objects.values_list("rollover", "rollover_from")) == {(Rollover.NONE, None)}


@pytest.mark.parametrize("rollover", [Rollover.UNSPENT, Rollover.ALL])
def test_every_category_rolls_over_from_the_first_month(rollover):
    seed("--expenses=50", "--user=bench", "--categories=4", f"--rollover={rollover}")

    assert set(Category.objects.values_list("rollover", "rollover_from")) == {
        (rollover, date(2016, 4, 1))
    }


def test_the_summary_carries_the_whole_history(capsys):
    seed("--expenses=2000", "--user=bench", "--categories=3", "--rollover=all")
    budget = budget_of(get_user_model().objects.get(username="bench"))
    march = date(2026, 3, 1)

    summary = selectors.monthly_summary(budget, march)

    # Carried in with `all`: every month's allotted (the limit) less spent, before March.
    spent = {}
    rows = Expense.objects.for_budget(budget).filter(date__lt=march)
    for category_id, amount in rows.values_list("category_id", "amount"):
        spent[category_id] = spent.get(category_id, 0) + amount
    for line in summary.lines:
        limit = Category.objects.get(pk=line.id).limit
        assert line.carried_in == limit * 119 - spent.get(line.id, 0)


def test_month_start_day_is_set_before_seeding_and_the_totals_follow_it():
    seed("--expenses=300", "--user=bench", "--categories=3", "--month-start-day=20")
    budget = budget_of(get_user_model().objects.get(username="bench"))

    assert budget.month_start_day == 20
    first = Expense.objects.for_budget(budget).aggregate(first=Min("date"))["first"]
    assert first >= date(2016, 3, 20)  # the month named April 2016 starts on 20 March
    out = StringIO()
    call_command("rebuild_totals", "--check", stdout=out)
    assert "match the expense rows" in out.getvalue()


def test_it_refuses_a_month_start_day_out_of_range():
    with pytest.raises(CommandError, match="--month-start-day"):
        seed("--expenses=10", "--month-start-day=29")


def test_an_existing_seed_takes_the_rollover_of_the_run(capsys):
    seed("--expenses=100", "--user=bench", "--categories=3")
    seed("--expenses=100", "--user=bench", "--categories=3", "--rollover=all")

    first = Expense.objects.aggregate(first=Min("date"))["first"]
    assert set(Category.objects.values_list("rollover", "rollover_from")) == {
        (Rollover.ALL, date(first.year, first.month, 1))
    }
    assert "Rollover all on 3 categories." in capsys.readouterr().out


def test_an_existing_seed_refuses_another_start_day():
    seed("--expenses=10", "--user=bench", "--categories=3")

    with pytest.raises(CommandError, match="--reset"):
        seed("--expenses=10", "--user=bench", "--month-start-day=5")
