"""Expense writes: record, change, remove. An expense lives in an active category of its budget."""

import datetime as dt
from decimal import Decimal

from ledger.models import Category, Expense
from ledger.rules import CHOOSE_ACTIVE_CATEGORY, DATE_OUT_OF_RANGE, date_in_range
from ledger.services.errors import CategoryNotAllowed, DateOutOfRange
from ledger.services.money_changes import money_changes, pks_in_batches


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


def check_expense_date(day: dt.date) -> None:
    """Raise DateOutOfRange unless `day` lies from 1900-01-01 to 2999-12-31 (issue 24)."""
    if not date_in_range(day):
        raise DateOutOfRange(DATE_OUT_OF_RANGE)


def record_expense(
    *,
    budget,
    category: Category,
    amount: Decimal,
    date: dt.date,
    description: str = "",
    created_by=None,
    recurring=None,
    occurrence_date: dt.date | None = None,
) -> Expense:
    """Record `amount` spent on `date` in one of `budget`'s active categories, by `created_by`
    (as the occurrence `occurrence_date` of the recurring expense `recurring`, if given)."""
    check_expense_category(budget_id=budget.pk, category=category)
    check_expense_date(date)
    with money_changes() as changes:
        changes.lock(categories=[category.pk])
        expense = Expense.objects.create(
            budget=budget,
            created_by=created_by,
            category=category,
            amount=amount,
            date=date,
            description=description,
            recurring=recurring,
            occurrence_date=occurrence_date,
        )
        changes.add([expense])
    return expense


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
    if date is not None and date != expense.date:
        check_expense_date(date)
    for field, value in (("amount", amount), ("date", date), ("description", description)):
        if value is not None:
            setattr(expense, field, value)
    with money_changes() as changes:
        # The stored row, not the instance: a bound form has already changed the instance.
        old = changes.lock(
            expenses=Expense.objects.filter(pk=expense.pk), categories=[expense.category_id]
        )
        expense.save()
        changes.remove(old)
        changes.add([expense])
    return expense


def remove_expense(*, expense: Expense) -> None:
    """Delete one expense."""
    remove_expenses(expenses=Expense.objects.filter(pk=expense.pk))


def remove_expenses(*, expenses) -> int:
    """Delete the expenses of a queryset; return how many."""
    with money_changes() as changes:
        rows = changes.lock(expenses=expenses)
        deleted = sum(
            Expense.objects.filter(pk__in=ids).delete()[0] for ids in pks_in_batches(rows)
        )
        changes.remove(rows)
    return deleted
