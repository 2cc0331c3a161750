"""Restoring a backup's rows into an empty budget, in one transaction."""

from decimal import Decimal

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from ledger import selectors
from ledger.models import Allotment, Budget, Category, MonthlyIncome, Rollover
from ledger.rules import MONEY_DIGITS, MONEY_PLACES, RESTORE_NEEDS_EMPTY_BUDGET
from ledger.services.balances import refresh_balances
from ledger.services.categories import check_category_room
from ledger.services.errors import BudgetRuleError
from ledger.services.imports import _insert_expenses
from ledger.services.money_changes import money_changes

BATCH = 2000


class BudgetNotEmpty(BudgetRuleError):
    """A backup is restored only into a budget with no categories, expenses or incomes."""


def restore_backup(
    *,
    budget,
    categories,
    expenses,
    incomes,
    allotments=(),
    month_start_day: int | None = None,
    created_by=None,
) -> dict:
    """Store a checked backup's rows in `budget`; return how many of each were stored.

    `categories` are dicts of name, limit, archived, rollover, rollover_from;
    `expenses` are `(category name in any case, date, amount, description)` tuples
    (the amount a Decimal or its text) (or
    dicts naming their category beside their `fields`); `incomes`
    are MonthlyIncome fields; `allotments` name their category beside month and
    amount. `month_start_day` (the backup's) becomes the budget's, before any total.
    Raises BudgetNotEmpty (nothing stored) when the budget already has data; the
    expenses are recorded by `created_by` (the owner restoring them). Restores into one
    budget wait for each other (its row is locked), so of two at once one stores and the
    other finds the budget no longer empty.
    """
    expenses = [_expense_parts(row) for row in expenses] if _any_dict(expenses) else expenses
    try:
        return _restore(
            budget=budget,
            categories=categories,
            expenses=expenses,
            incomes=incomes,
            allotments=allotments,
            month_start_day=month_start_day,
            created_by=created_by,
        )
    except IntegrityError:  # another restore stored the same names first (never a 500)
        raise BudgetNotEmpty(RESTORE_NEEDS_EMPTY_BUDGET) from None


def _any_dict(rows) -> bool:
    return any(isinstance(row, dict) for row in rows[:1])


def _expense_parts(row: dict) -> tuple:
    fields = row["fields"]
    return row["category"], fields["date"], fields["amount"], fields["description"]


def _restore(*, budget, categories, expenses, incomes, allotments, month_start_day, created_by):
    with transaction.atomic():
        Budget.objects.select_for_update().filter(pk=budget.pk).first()
        if selectors.has_ledger_data(budget):
            raise BudgetNotEmpty(RESTORE_NEEDS_EMPTY_BUDGET)
        check_category_room(budget=budget, adding=len(categories))
        if month_start_day is not None:
            Budget.objects.filter(pk=budget.pk).update(month_start_day=month_start_day)
            budget.month_start_day = month_start_day
        created = Category.objects.bulk_create(
            Category(
                budget=budget,
                name=row["name"],
                limit=row["limit"],
                is_archived=row["archived"],
                rollover=row.get("rollover", Rollover.NONE),
                rollover_from=row.get("rollover_from"),
            )
            for row in categories
        )
        ids = {
            name.lower(): pk
            for pk, name in Category.objects.for_budget(budget).values_list("pk", "name")
        }
        with money_changes() as changes:
            changes.lock(categories=ids.values())
            _store_expenses(budget, created_by, expenses, ids)
            # The budget held nothing: its totals are summed from the new rows in the database,
            # so the restore keeps no row per expense in memory (issue 22's bound).
            changes.rebuild(budget=budget)
        MonthlyIncome.objects.bulk_create(MonthlyIncome(budget=budget, **row) for row in incomes)
        Allotment.objects.bulk_create(
            Allotment(
                budget=budget,
                category_id=ids[row["category"].lower()],
                month=row["month"],
                amount=row["amount"],
            )
            for row in allotments
        )
        refresh_balances(budget_id=budget.pk, earliest=dict.fromkeys(ids.values()))
    return {
        "categories": len(created),
        "expenses": len(expenses),
        "incomes": len(incomes),
        "allotments": len(allotments),
    }


def _store_expenses(budget, created_by, expenses, ids) -> None:
    """The expenses as plain INSERT values, a batch at a time: no model instance per row, so
    a restore needs little more memory than its checked rows."""
    ops, stamp = connection.ops, connection.ops.adapt_datetimefield_value(timezone.now())
    author = created_by.pk if created_by is not None else None
    for start in range(0, len(expenses), BATCH):
        _insert_expenses(
            [
                (
                    budget.pk,
                    author,
                    ids[category.lower()],
                    ops.adapt_decimalfield_value(Decimal(amount), MONEY_DIGITS, MONEY_PLACES),
                    ops.adapt_datefield_value(day),
                    description,
                    stamp,
                    stamp,
                )
                for category, day, amount, description in expenses[start : start + BATCH]
            ]
        )
