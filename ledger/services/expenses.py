"""Expense writes: record, change, remove. An expense lives in an active category of its budget."""

import datetime as dt
from decimal import Decimal

from ledger.models import Category, Expense
from ledger.rules import CHOOSE_ACTIVE_CATEGORY
from ledger.services.errors import CategoryNotAllowed


def check_expense_category(
    *, budget_id: int, category: Category, current_category_id: int | None = None
) -> None:
    """Raise CategoryNotAllowed unless `category` may hold an expense of budget `budget_id`.

    It must be the budget's and active; an expense may stay in the archived
    category it already has (`current_category_id`), so it can still be edited.
    """
    if category.budget_id != budget_id:
        raise CategoryNotAllowed(CHOOSE_ACTIVE_CATEGORY)
    if category.is_archived and category.pk != current_category_id:
        raise CategoryNotAllowed(CHOOSE_ACTIVE_CATEGORY)


def record_expense(
    *,
    budget,
    category: Category,
    amount: Decimal,
    date: dt.date,
    description: str = "",
    created_by=None,
) -> Expense:
    """Record `amount` spent on `date` in one of `budget`'s active categories, by `created_by`."""
    check_expense_category(budget_id=budget.pk, category=category)
    return Expense.objects.create(
        budget=budget,
        created_by=created_by,
        category=category,
        amount=amount,
        date=date,
        description=description,
    )


def change_expense(
    *,
    expense: Expense,
    budget=None,
    category: Category | None = None,
    amount: Decimal | None = None,
    date: dt.date | None = None,
    description: str | None = None,
) -> Expense:
    """Change any of an expense's fields (None keeps one); a new category must be active."""
    budget_id = budget.pk if budget is not None else expense.budget_id
    if category is not None or budget_id != expense.budget_id:
        target = category if category is not None else expense.category
        stays = target.pk == expense.category_id and budget_id == expense.budget_id
        check_expense_category(
            budget_id=budget_id,
            category=target,
            current_category_id=expense.category_id if stays else None,
        )
        expense.category = target
    if budget is not None:
        expense.budget = budget
    for field, value in (("amount", amount), ("date", date), ("description", description)):
        if value is not None:
            setattr(expense, field, value)
    expense.save()
    return expense


def remove_expense(*, expense: Expense) -> None:
    """Delete one expense."""
    expense.delete()


def remove_expenses(*, expenses) -> int:
    """Delete the expenses of a queryset; return how many."""
    deleted, _ = expenses.delete()
    return deleted
