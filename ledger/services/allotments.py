"""Allotment writes (issue 15): what a category is given in one budget month.

No allotment means "the monthly limit". Amounts are checked by the callers'
forms and schemas (0 or more, two places) and backed by a database constraint.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction

from ledger.models import Allotment, Category
from ledger.rules import CHOOSE_ACTIVE_CATEGORY
from ledger.services.errors import CategoryNotAllowed
from ledger.services.income import check_month


def _check_category(budget, category: Category) -> None:
    if category.budget_id != budget.pk or category.is_archived:
        raise CategoryNotAllowed(CHOOSE_ACTIVE_CATEGORY)


def set_allotment(*, budget, category: Category, month: date, amount: Decimal) -> Allotment:
    """Give `category` (active, of `budget`) `amount` for `month` instead of its limit."""
    check_month(month)
    _check_category(budget, category)
    allotment, _ = Allotment.objects.update_or_create(
        budget=budget, category=category, month=month, defaults={"amount": amount}
    )
    return allotment


def clear_allotment(*, budget, category: Category, month: date) -> bool:
    """Back to the monthly limit for `month`; return whether an allotment was removed."""
    check_month(month)
    deleted, _ = (
        Allotment.objects.for_budget(budget).filter(category=category, month=month).delete()
    )
    return bool(deleted)


def set_month_allotments(*, budget, month: date, amounts: dict[int, Decimal | None]) -> int:
    """Set the allotments of `month` at once: category id -> amount, or None to use the
    limit. One transaction; every id must be an active category of `budget`. Return how
    many categories changed."""
    check_month(month)
    with transaction.atomic():
        categories = Category.objects.for_budget(budget).active().in_bulk(list(amounts))
        if len(categories) != len(amounts):
            raise CategoryNotAllowed(CHOOSE_ACTIVE_CATEGORY)
        current = dict(
            Allotment.objects.for_budget(budget)
            .filter(month=month, category_id__in=list(amounts))
            .values_list("category_id", "amount")
        )
        changed = 0
        for category_id, amount in amounts.items():
            if current.get(category_id) == amount:
                continue
            if amount is None:
                clear_allotment(budget=budget, category=categories[category_id], month=month)
            else:
                set_allotment(
                    budget=budget, category=categories[category_id], month=month, amount=amount
                )
            changed += 1
    return changed
