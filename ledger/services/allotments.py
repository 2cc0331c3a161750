"""Allotment writes (issue 15): what a category is given in one budget month.

No allotment means "the monthly limit". Amounts are checked by the callers'
forms and schemas (0 or more, two places) and backed by a database constraint.
"""

from collections import defaultdict
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from ledger.models import Allotment, Category, MonthlyTotal
from ledger.months import previous_month
from ledger.rules import CENT, CHOOSE_ACTIVE_CATEGORY, MAX_AMOUNT
from ledger.services.errors import CategoryNotAllowed
from ledger.services.income import check_first_day, check_month
from ledger.services.money_changes import money_changes


def _check_category(budget, category: Category) -> None:
    if category.budget_id != budget.pk or category.is_archived:
        raise CategoryNotAllowed(CHOOSE_ACTIVE_CATEGORY)


def set_allotment(*, budget, category: Category, month: date, amount: Decimal) -> Allotment:
    """Give `category` (active, of `budget`) `amount` for `month` instead of its limit."""
    check_month(month)
    _check_category(budget, category)
    with money_changes() as changes:
        changes.lock(categories=[category.pk])
        return _set(changes, budget, category, month, amount)


def clear_allotment(*, budget, category: Category, month: date) -> bool:
    """Back to the monthly limit for `month`; return whether an allotment was removed (of
    any month: one stored out of range too, issue 24)."""
    check_first_day(month)
    with money_changes() as changes:
        changes.lock(categories=[category.pk])
        return _clear(changes, budget, category.pk, month)


def _set(changes, budget, category: Category, month: date, amount: Decimal) -> Allotment:
    allotment, _ = Allotment.objects.update_or_create(
        budget=budget, category=category, month=month, defaults={"amount": amount}
    )
    changes.touch(category.pk, month)
    return allotment


def _clear(changes, budget, category_id: int, month: date) -> bool:
    deleted, _ = (
        Allotment.objects.for_budget(budget).filter(category_id=category_id, month=month).delete()
    )
    if deleted:
        changes.touch(category_id, month)
    return bool(deleted)


def remove_allotment(*, allotment: Allotment) -> None:
    """Delete one allotment, whatever its month (one stored out of range too, issue 24)."""
    with money_changes() as changes:
        changes.lock(categories=[allotment.category_id])
        allotment.delete()
        changes.touch(allotment.category_id, allotment.month)


def set_month_allotments(*, budget, month: date, amounts: dict[int, Decimal | None]) -> int:
    """Set the allotments of `month` at once: category id -> amount, or None to use the
    limit. One transaction; every id must be an active category of `budget`. Return how
    many categories changed."""
    check_month(month)
    with money_changes() as changes:
        categories = Category.objects.for_budget(budget).active().in_bulk(list(amounts))
        if len(categories) != len(amounts):
            raise CategoryNotAllowed(CHOOSE_ACTIVE_CATEGORY)
        changes.lock(categories=categories.keys())
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
                _clear(changes, budget, category_id, month)
            else:
                _set(changes, budget, categories[category_id], month, amount)
            changed += 1
    return changed


def _active_ids(budget) -> list[int]:
    return list(Category.objects.for_budget(budget).active().values_list("pk", flat=True))


def copy_previous_allotments(*, budget, month: date) -> int:
    """Give each active category the allotment it had the month before (none: its limit)."""
    previous = dict(
        Allotment.objects.for_budget(budget)
        .filter(month=previous_month(month))
        .values_list("category_id", "amount")
    )
    amounts = {pk: previous.get(pk) for pk in _active_ids(budget)}
    return set_month_allotments(budget=budget, month=month, amounts=amounts)


def allot_average_spending(*, budget, month: date, months: int = 3) -> int:
    """Allot each active category its average spending over the `months` months before
    `month` (a month without spending counts as 0), rounded to the cent."""
    first = month
    for _ in range(months):
        first = previous_month(first)
    spent = defaultdict(int)
    for category_id, cents in (
        MonthlyTotal.objects.for_budget(budget)
        .filter(month__gte=first, month__lt=month)
        .values_list("category_id", "spent_cents")
    ):
        spent[category_id] += cents
    # An average above the largest amount a column holds (years of huge spending) is capped.
    amounts = {
        pk: min(MAX_AMOUNT, (Decimal(spent[pk]) / (100 * months)).quantize(CENT, ROUND_HALF_UP))
        for pk in _active_ids(budget)
    }
    return set_month_allotments(budget=budget, month=month, amounts=amounts)


def reset_allotments(*, budget, month: date) -> int:
    """Give every active category its monthly limit in `month` (clears their allotments)."""
    amounts = dict.fromkeys(_active_ids(budget))
    return set_month_allotments(budget=budget, month=month, amounts=amounts)
