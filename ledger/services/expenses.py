"""Expense writes: record, change, remove. An expense lives in an active category of its owner."""

import datetime as dt
from decimal import Decimal

from ledger.models import Category, Expense
from ledger.rules import CHOOSE_ACTIVE_CATEGORY
from ledger.services.errors import CategoryNotAllowed


def check_expense_category(
    *, owner_id: int, category: Category, current_category_id: int | None = None
) -> None:
    """Raise CategoryNotAllowed unless `category` may hold an expense of `owner_id`.

    It must be the owner's and active; an expense may stay in the archived
    category it already has (`current_category_id`), so it can still be edited.
    """
    if category.owner_id != owner_id:
        raise CategoryNotAllowed(CHOOSE_ACTIVE_CATEGORY)
    if category.is_archived and category.pk != current_category_id:
        raise CategoryNotAllowed(CHOOSE_ACTIVE_CATEGORY)


def record_expense(
    *, owner, category: Category, amount: Decimal, date: dt.date, description: str = ""
) -> Expense:
    """Record `amount` spent on `date` in one of `owner`'s active categories."""
    check_expense_category(owner_id=owner.pk, category=category)
    return Expense.objects.create(
        owner=owner, category=category, amount=amount, date=date, description=description
    )


def change_expense(
    *,
    expense: Expense,
    owner=None,
    category: Category | None = None,
    amount: Decimal | None = None,
    date: dt.date | None = None,
    description: str | None = None,
) -> Expense:
    """Change any of an expense's fields (None keeps one); a new category must be active."""
    owner_id = owner.pk if owner is not None else expense.owner_id
    if category is not None or owner_id != expense.owner_id:
        target = category if category is not None else expense.category
        stays = target.pk == expense.category_id and owner_id == expense.owner_id
        check_expense_category(
            owner_id=owner_id,
            category=target,
            current_category_id=expense.category_id if stays else None,
        )
        expense.category = target
    if owner is not None:
        expense.owner = owner
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
