"""Restoring a backup's rows into an empty budget, in one transaction."""

from django.db import transaction

from ledger import selectors
from ledger.models import Allotment, Budget, Category, Expense, MonthlyIncome, Rollover
from ledger.rules import RESTORE_NEEDS_EMPTY_BUDGET
from ledger.services.balances import refresh_balances
from ledger.services.errors import BudgetRuleError
from ledger.services.money_changes import money_changes


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
    `expenses` name their category (any case) beside their `fields`; `incomes`
    are MonthlyIncome fields; `allotments` name their category beside month and
    amount. `month_start_day` (the backup's) becomes the budget's, before any total.
    Raises BudgetNotEmpty (nothing stored) when the budget already has data; the
    expenses are recorded by `created_by` (the owner restoring them).
    """
    with transaction.atomic():
        if selectors.has_ledger_data(budget):
            raise BudgetNotEmpty(RESTORE_NEEDS_EMPTY_BUDGET)
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
            stored = Expense.objects.bulk_create(
                (
                    Expense(
                        budget=budget,
                        created_by=created_by,
                        category_id=ids[row["category"].lower()],
                        **row["fields"],
                    )
                    for row in expenses
                ),
                batch_size=2000,
            )
            changes.add(stored)
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
