"""The unit of work of every money write (`ledger.services.money_changes`): its locks, its
deltas applied once, totals that drop to nothing, rollback, and what it tells the updaters."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ledger import services
from ledger.models import Allotment, Budget, Expense, MonthlyTotal
from ledger.services.money_changes import (
    FROM_THE_FIRST_MONTH,
    ExpenseRow,
    MoneyChangesError,
    money_changes,
    tables,
)
from ledger.tests.factories import BudgetFactory, CategoryFactory, ExpenseFactory

pytestmark = pytest.mark.django_db

MARCH, APRIL = date(2026, 3, 1), date(2026, 4, 1)


@pytest.fixture
def budget():
    return BudgetFactory()


@pytest.fixture
def food(budget):
    return CategoryFactory(budget=budget, name="Food")


@pytest.fixture
def car(budget, food):
    return CategoryFactory(budget=budget, name="Car")  # a higher id than food


def totals():
    return {
        (t.category_id, t.month): (t.spent_cents, t.count)
        for t in MonthlyTotal.objects.order_by("month", "category_id")
    }


def record(changes, category, amount, day):
    expense = Expense.objects.create(
        budget=category.budget, category=category, amount=Decimal(amount), date=day
    )
    changes.add([expense])
    return expense


def _statements(captured, table):
    quoted = connection.ops.quote_name(table)
    return [q["sql"] for q in captured.captured_queries if quoted in q["sql"]]


# Locks -----------------------------------------------------------------------------------


def test_it_locks_the_rows_then_the_categories_in_id_order_then_the_budget(food, car):
    expense = ExpenseFactory(category=car, amount=Decimal("5.00"), date=date(2026, 3, 9))
    with CaptureQueriesContext(connection) as captured, money_changes() as changes:
        old = changes.lock(expenses=Expense.objects.filter(pk=expense.pk), categories=[food.pk])
        Expense.objects.filter(pk=expense.pk).update(category=food)
        changes.remove(old)
        changes.add([row._replace(category_id=food.pk) for row in old])
    sql = [q["sql"] for q in captured.captured_queries]
    first = {
        table: next(n for n, s in enumerate(sql) if s.startswith("SELECT") and f'"{table}"' in s)
        for table in ("ledger_expense", "ledger_category", "ledger_budget")
    }
    assert first["ledger_expense"] < first["ledger_category"] < first["ledger_budget"]
    # The lock reads only the ids (the balances' updater reads the categories after it).
    category_locks = [
        s
        for s in sql
        if s.startswith('SELECT "ledger_category"."id" AS "pk" FROM "ledger_category"')
    ]
    assert len(category_locks) == 1  # both categories at once
    assert f"IN ({food.pk}, {car.pk}) ORDER BY" in category_locks[0]
    assert "ORDER BY" in sql[first["ledger_budget"]]
    if connection.features.has_select_for_update:
        assert sql[first["ledger_expense"]].endswith('FOR UPDATE OF "ledger_expense"')
        assert category_locks[0].endswith("FOR UPDATE")
        assert sql[first["ledger_budget"]].endswith("FOR NO KEY UPDATE")
    assert totals() == {(food.pk, MARCH): (500, 1)}


def test_a_lower_category_after_a_higher_one_is_refused_and_nothing_is_stored(food, car):
    def write():
        with money_changes() as changes:
            changes.lock(categories=[car.pk])
            record(changes, car, "3.00", date(2026, 3, 2))
            changes.lock(categories=[food.pk])

    with pytest.raises(MoneyChangesError, match="id order"):
        write()
    assert not Expense.objects.exists()
    assert totals() == {}


def test_a_higher_category_may_be_locked_later(food, car):
    with money_changes() as changes:
        changes.lock(categories=[food.pk])
        changes.lock(categories=[food.pk, car.pk])
        record(changes, car, "3.00", date(2026, 3, 2))
    assert totals() == {(car.pk, MARCH): (300, 1)}


def test_rows_of_a_category_not_locked_are_refused(food, car):
    def write():
        with money_changes() as changes:
            changes.lock(categories=[food.pk])
            record(changes, car, "3.00", date(2026, 3, 2))

    with pytest.raises(MoneyChangesError, match="not locked"):
        write()
    assert not Expense.objects.exists()


def test_a_unit_does_not_open_inside_another(food):
    with pytest.raises(MoneyChangesError, match="open already"), money_changes(), money_changes():
        pass


# Deltas, once ------------------------------------------------------------------------------


def test_it_applies_the_deltas_once_in_one_statement(food, car):
    with CaptureQueriesContext(connection) as captured, money_changes() as changes:
        changes.lock(categories=[food.pk, car.pk])
        record(changes, food, "1.10", date(2026, 3, 1))
        record(changes, food, "2.20", date(2026, 3, 31))
        gone = record(changes, car, "9.99", date(2026, 4, 2))
        record(changes, car, "0.01", date(2026, 4, 3))
        Expense.objects.filter(pk=gone.pk).delete()
        changes.remove([gone])
    assert len(_statements(captured, "ledger_monthlytotal")) == 1
    assert totals() == {(food.pk, MARCH): (330, 2), (car.pk, APRIL): (1, 1)}


def test_changing_an_expense_writes_its_total_once(food):
    expense = ExpenseFactory(category=food, amount=Decimal("10.00"), date=date(2026, 3, 5))
    with CaptureQueriesContext(connection) as captured:
        services.change_expense(expense=expense, amount=Decimal("12.34"))
    writes = [s for s in _statements(captured, "ledger_monthlytotal") if not s.startswith("SELECT")]
    assert len(writes) == 1
    assert totals() == {(food.pk, MARCH): (1234, 1)}


def test_a_total_whose_count_drops_to_zero_is_removed(food):
    march = ExpenseFactory(category=food, amount=Decimal("4.00"), date=date(2026, 3, 5))
    ExpenseFactory(category=food, amount=Decimal("6.00"), date=date(2026, 4, 5))
    with money_changes() as changes:
        rows = changes.lock(expenses=Expense.objects.filter(pk=march.pk))
        Expense.objects.filter(pk=march.pk).delete()
        changes.remove(rows)
    assert totals() == {(food.pk, APRIL): (600, 1)}


@pytest.mark.totals_may_differ  # the refund is not stored: expenses are positive today
def test_a_negative_amount_takes_away_from_its_month(food):
    # A refund (issue 23's next kinds of rows): a row with a negative amount is counted
    # as it is, with no change to the unit of work.
    ExpenseFactory(category=food, amount=Decimal("20.00"), date=date(2026, 3, 5))
    with money_changes() as changes:
        changes.lock(categories=[food.pk])
        changes.add([ExpenseRow(food.budget_id, food.pk, date(2026, 3, 6), Decimal("-5.00"))])
    assert totals() == {(food.pk, MARCH): (1500, 2)}


def test_the_month_comes_from_the_budget_start_day(food):
    Budget.objects.filter(pk=food.budget_id).update(month_start_day=25)
    with money_changes() as changes:
        changes.lock(categories=[food.pk])
        record(changes, food, "7.00", date(2026, 3, 25))  # 25 Mar - 24 Apr is April
    assert totals() == {(food.pk, APRIL): (700, 1)}


# Rollback ----------------------------------------------------------------------------------


def test_an_error_in_the_block_stores_nothing(food):
    ExpenseFactory(category=food, amount=Decimal("1.00"), date=date(2026, 3, 5))
    before = totals()

    def write():
        with money_changes() as changes:
            changes.lock(categories=[food.pk])
            record(changes, food, "5.00", date(2026, 3, 6))
            raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        write()
    assert Expense.objects.count() == 1
    assert totals() == before


def test_an_updater_that_fails_takes_the_rows_back_too(food, monkeypatch):
    def fail(changes):
        raise RuntimeError("the carry could not be stored")

    monkeypatch.setattr(tables, "AFTER_APPLY", [fail])

    def write():
        with money_changes() as changes:
            changes.lock(categories=[food.pk])
            record(changes, food, "5.00", date(2026, 3, 6))

    with pytest.raises(RuntimeError, match="carry"):
        write()
    assert not Expense.objects.exists()
    assert totals() == {}


# What the updaters are told ----------------------------------------------------------------


@pytest.fixture
def told(monkeypatch):
    """Each unit's `changed_months` as an AFTER_APPLY updater sees it, with the totals then."""
    seen = []
    monkeypatch.setattr(
        tables, "AFTER_APPLY", [lambda changes: seen.append((changes.changed_months, totals()))]
    )
    return seen


def test_the_updaters_see_the_earliest_changed_month_of_each_category(food, car, told):
    with money_changes() as changes:
        changes.lock(categories=[food.pk, car.pk])
        record(changes, food, "1.00", date(2026, 4, 1))
        record(changes, food, "1.00", date(2026, 3, 1))
        record(changes, car, "1.00", date(2026, 4, 30))
    assert told == [
        (
            {food.pk: MARCH, car.pk: APRIL},
            {(food.pk, MARCH): (100, 1), (food.pk, APRIL): (100, 1), (car.pk, APRIL): (100, 1)},
        )
    ]
    assert changes.changed_months == {food.pk: MARCH, car.pk: APRIL}


def test_a_change_that_moves_no_figure_changes_no_month(food, told):
    expense = ExpenseFactory(category=food, amount=Decimal("3.00"), date=date(2026, 3, 5))
    told.clear()
    services.change_expense(expense=expense, description="The same money")
    assert told[0][0] == {}


def test_a_back_dated_change_reaches_back_to_the_old_month(food, told):
    expense = ExpenseFactory(category=food, amount=Decimal("3.00"), date=date(2026, 4, 5))
    services.change_expense(expense=expense, date=date(2026, 1, 5))
    assert told[-1][0] == {food.pk: date(2026, 1, 1)}


def test_allotments_touch_their_month(budget, food, car, told):
    services.set_month_allotments(
        budget=budget, month=APRIL, amounts={food.pk: Decimal("50.00"), car.pk: None}
    )
    assert told == [({food.pk: APRIL}, {})]
    assert Allotment.objects.get().amount == Decimal("50.00")


def test_a_new_limit_touches_every_month_and_a_new_name_nothing(food, told):
    services.change_category(category=food, name="Groceries")
    services.change_category(category=food, limit=Decimal("12.00"))
    assert told == [({food.pk: FROM_THE_FIRST_MONTH}, {})]


def test_a_new_month_start_day_changes_every_month_of_every_category(budget, food, car, told):
    ExpenseFactory(category=food, amount=Decimal("3.00"), date=date(2026, 3, 28))
    told.clear()
    services.change_month_start_day(budget=budget, day=25)
    assert told == [
        (
            {food.pk: FROM_THE_FIRST_MONTH, car.pk: FROM_THE_FIRST_MONTH},
            {(food.pk, APRIL): (300, 1)},
        )
    ]


def test_changed_months_is_not_known_before_the_changes_are_applied(food):
    with pytest.raises(MoneyChangesError), money_changes() as changes:
        changes.changed_months  # noqa: B018


# The extension point -----------------------------------------------------------------------


class RowsPerBudget:
    """A derived table kept in memory, to see what a new one is handed."""

    name = "rows_per_budget"
    model = None

    def __init__(self):
        self.applied = []

    def deltas(self, changes, start_days):
        deltas = {}
        for sign, row in changes:
            deltas[row.budget_id] = deltas.get(row.budget_id, 0) + sign
        return deltas, dict(start_days)

    def apply(self, deltas):
        self.applied.append(deltas)

    def rebuild(self, *, budget, category_ids=None):
        return 0


def test_a_new_derived_table_is_handed_every_change_once(food, car, monkeypatch):
    extra = RowsPerBudget()
    monkeypatch.setattr(tables, "DERIVED_TABLES", (*tables.DERIVED_TABLES, extra))
    with money_changes() as changes:
        changes.lock(categories=[food.pk, car.pk])
        record(changes, food, "1.00", date(2026, 3, 1))
        record(changes, car, "2.00", date(2026, 3, 2))
    assert extra.applied == [({food.budget_id: 2}, {food.budget_id: 1})]
    assert totals() == {(food.pk, MARCH): (100, 1), (car.pk, MARCH): (200, 1)}


def test_it_refuses_a_row_it_does_not_know(food):
    def write():
        with money_changes() as changes:
            changes.lock(categories=[food.pk])
            changes.add([(food.pk, date(2026, 3, 1), Decimal("1.00"))])

    with pytest.raises(TypeError, match="tuple"):
        write()
