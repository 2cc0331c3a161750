"""Rows stored with dates outside 1900-01-01..2999-12-31, as an older version (or a hand in
the database) could leave them: the tests of issue 24 store them with raw SQL."""

import datetime
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection

from ledger.models import Allotment, Category, Expense, MonthlyIncome, RecurringExpense
from ledger.services.money_changes import rebuild_totals
from ledger.tests.factories import (
    CategoryFactory,
    ExpenseFactory,
    MonthlyIncomeFactory,
    RecurringExpenseFactory,
)

FIRST = datetime.date(1, 1, 1)
LAST = datetime.date(9999, 12, 31)
LAST_MONTH = datetime.date(9999, 12, 1)


@contextmanager
def date_guards_off():
    """Lift the database's date-range triggers for the block (the test's transaction undoes it)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Triggers do not fire for a replica (foreign keys hold anyway: no key changes here).
            cursor.execute("SET LOCAL session_replication_role = replica")
            yield cursor
            cursor.execute("SET LOCAL session_replication_role = DEFAULT")
            return
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%in_range%'"
        )
        triggers = cursor.fetchall()
        for name, _ in triggers:
            cursor.execute(f"DROP TRIGGER {name}")
        yield cursor
        for _, sql in triggers:
            cursor.execute(sql)


def set_raw(cursor, model, pk, **values):
    """UPDATE one row's columns with raw SQL (no validator, no service)."""
    columns = ", ".join(f'"{column}" = %s' for column in values)
    cursor.execute(
        f"UPDATE {model._meta.db_table} SET {columns} WHERE id = %s", [*values.values(), pk]
    )


@dataclass
class FarRows:
    category: Category
    first: Expense  # dated 0001-01-01
    last: Expense  # dated 9999-12-31
    normal: Expense  # dated 2026-03-10
    income_first: MonthlyIncome  # month 0001-01
    income_last: MonthlyIncome  # month 9999-12
    allotment: Allotment  # month 9999-12
    schedule: RecurringExpense  # 0001-01-01 to 9999-12-31


def store_far_rows(budget) -> FarRows:
    """A budget holding one row of each kind at the calendar's ends, and one ordinary expense;
    its monthly totals rebuilt from the rows (as `rebuild_totals` would)."""
    category = CategoryFactory(
        budget=budget, name="Far", rollover="unspent", rollover_from=datetime.date(2026, 1, 1)
    )
    expenses = [
        ExpenseFactory(category=category, amount=Decimal("10.00"), date=datetime.date(2026, 3, d))
        for d in (1, 2, 10)
    ]
    incomes = [MonthlyIncomeFactory(budget=budget, month=datetime.date(2026, m, 1)) for m in (1, 2)]
    allotment = Allotment.objects.create(
        budget=budget, category=category, month=datetime.date(2026, 4, 1), amount=Decimal("5")
    )
    schedule = RecurringExpenseFactory(category=category, start=datetime.date(2026, 1, 5))
    with date_guards_off() as cursor:
        set_raw(cursor, Expense, expenses[0].pk, date=FIRST)
        set_raw(cursor, Expense, expenses[1].pk, date=LAST)
        set_raw(cursor, MonthlyIncome, incomes[0].pk, month=FIRST)
        set_raw(cursor, MonthlyIncome, incomes[1].pk, month=LAST_MONTH)
        set_raw(cursor, Allotment, allotment.pk, month=LAST_MONTH)
        set_raw(cursor, RecurringExpense, schedule.pk, start=FIRST, end=LAST)
        set_raw(cursor, Category, category.pk, rollover_from=FIRST)
    rebuild_totals(budget=budget)
    for row in (category, *expenses, *incomes, allotment, schedule):
        row.refresh_from_db()
    return FarRows(category, expenses[0], expenses[1], expenses[2], *incomes, allotment, schedule)
