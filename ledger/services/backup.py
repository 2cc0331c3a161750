"""Restoring a backup's rows into an empty account, in one transaction."""

from django.db import transaction

from ledger import selectors
from ledger.models import Category, Expense, MonthlyIncome
from ledger.rules import RESTORE_NEEDS_EMPTY_ACCOUNT
from ledger.services.errors import BudgetRuleError


class AccountNotEmpty(BudgetRuleError):
    """A backup is restored only into an account with no categories, expenses or incomes."""


def restore_backup(*, owner, categories, expenses, incomes) -> dict:
    """Store a checked backup's rows as `owner`'s ledger; return how many of each were stored.

    `categories` are dicts of name, limit, archived; `expenses` name their
    category (any case) beside their `fields`; `incomes` are MonthlyIncome fields.
    Raises AccountNotEmpty (nothing stored) when the owner already has data.
    """
    with transaction.atomic():
        if selectors.has_ledger_data(owner):
            raise AccountNotEmpty(RESTORE_NEEDS_EMPTY_ACCOUNT)
        created = Category.objects.bulk_create(
            Category(owner=owner, name=row["name"], limit=row["limit"], is_archived=row["archived"])
            for row in categories
        )
        ids = {
            name.lower(): pk
            for pk, name in Category.objects.for_user(owner).values_list("pk", "name")
        }
        Expense.objects.bulk_create(
            (
                Expense(owner=owner, category_id=ids[row["category"].lower()], **row["fields"])
                for row in expenses
            ),
            batch_size=2000,
        )
        MonthlyIncome.objects.bulk_create(MonthlyIncome(owner=owner, **row) for row in incomes)
    return {"categories": len(created), "expenses": len(expenses), "incomes": len(incomes)}
