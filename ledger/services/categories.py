"""Category writes: create, change, archive, restore, delete, and moving expenses between them."""

from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction

from ledger.models import Budget, Category, Expense, RecurringExpense, Rollover
from ledger.months import current_month
from ledger.rules import (
    DUPLICATE_CATEGORY_NAME,
    MAX_CATEGORIES_PER_BUDGET,
    MOVE_TO_ACTIVE_CATEGORY,
    MOVE_TO_OTHER_CATEGORY,
    MOVE_TO_SAME_BUDGET,
    TOO_MANY_CATEGORIES,
    ZERO,
)
from ledger.services.errors import (
    CategoryInUse,
    DuplicateCategoryName,
    InvalidMove,
    TooManyCategories,
)
from ledger.services.income import check_month
from ledger.services.money_changes import money_changes, pks_in_batches


def _name_taken(budget_id: int, name: str, pk: int | None) -> bool:
    # The database compares names with LOWER(); this asks the same before it must.
    taken = Category.objects.filter(budget_id=budget_id, name__iexact=name)
    if pk:
        taken = taken.exclude(pk=pk)
    return taken.exists()


def check_category_name(*, budget, name: str, category: Category | None = None) -> None:
    """Raise DuplicateCategoryName when `budget` has another category called `name` (any case)."""
    if _name_taken(budget.pk, name, category.pk if category else None):
        raise DuplicateCategoryName(DUPLICATE_CATEGORY_NAME)


def _save_named(category: Category, check_name: bool) -> Category:
    """Save `category`; a name the budget already uses is DuplicateCategoryName, even in a race."""
    if check_name and _name_taken(category.budget_id, category.name, category.pk):
        raise DuplicateCategoryName(DUPLICATE_CATEGORY_NAME)
    try:
        with transaction.atomic():
            category.save()
    except IntegrityError as exc:  # another request took the name in between
        if _name_taken(category.budget_id, category.name, category.pk):
            raise DuplicateCategoryName(DUPLICATE_CATEGORY_NAME) from exc
        raise
    return category


def check_category_room(*, budget, adding: int = 1, lock: bool = False) -> None:
    """TooManyCategories when `budget` cannot take `adding` more categories. With `lock` (inside
    a transaction) the budget's row is locked first, so two creations cannot both pass."""
    if lock:
        Budget.objects.select_for_update().filter(pk=budget.pk).first()
    if Category.objects.filter(budget_id=budget.pk).count() + adding > MAX_CATEGORIES_PER_BUDGET:
        raise TooManyCategories(TOO_MANY_CATEGORIES)


def _rollover_start(
    rollover: str, rollover_from: date | None, budget, stored: date | None = None
) -> date | None:
    """The month rollover starts from: none without rollover; given, or this budget month.
    A month already `stored` is kept unchecked (it may predate the date bounds, issue 24)."""
    if rollover == Rollover.NONE:
        return None
    if rollover_from is not None:
        if rollover_from != stored:
            check_month(rollover_from)
        return rollover_from
    return current_month(budget.month_start_day)


def create_category(
    *,
    budget,
    name: str,
    limit: Decimal = ZERO,
    is_archived: bool = False,
    rollover: str = Rollover.NONE,
    rollover_from: date | None = None,
) -> Category:
    """Add a category with a monthly limit to `budget`; its name must be new there.

    With a rollover, `rollover_from` defaults to this budget month."""
    category = Category(
        budget=budget,
        name=name,
        limit=limit,
        is_archived=is_archived,
        rollover=rollover,
        rollover_from=_rollover_start(rollover, rollover_from, budget),
    )
    with transaction.atomic():
        check_category_room(budget=budget, lock=True)
        return _save_named(category, check_name=True)


def change_category(
    *,
    category: Category,
    name: str | None = None,
    limit: Decimal | None = None,
    is_archived: bool | None = None,
    rollover: str | None = None,
    rollover_from: date | None = None,
) -> Category:
    """Rename a category or change its limit, archived flag or rollover; None keeps a value as
    it is. Switching rollover on without `rollover_from` starts it this budget month;
    switching it off forgets the month."""
    renamed = name is not None and name != category.name
    # Checked before anything changes, so a refused rename leaves `category` as it was.
    if renamed and _name_taken(category.budget_id, name, category.pk):
        raise DuplicateCategoryName(DUPLICATE_CATEGORY_NAME)
    # What every month gives it (the limit) or carries (the rollover), as stored: the admin
    # hands over an instance that holds the new values already.
    stored = (
        Category.objects.filter(pk=category.pk)
        .values_list("limit", "rollover", "rollover_from")
        .first()
    )
    for field, value in (("name", name), ("limit", limit), ("is_archived", is_archived)):
        if value is not None:
            setattr(category, field, value)
    if rollover is not None or rollover_from is not None:
        new_rollover = rollover if rollover is not None else category.rollover
        keep = rollover_from or (
            category.rollover_from if category.rollover != Rollover.NONE else None
        )
        category.rollover = new_rollover
        category.rollover_from = _rollover_start(
            new_rollover, keep, category.budget, stored=category.rollover_from
        )
    if stored == (category.limit, category.rollover, category.rollover_from):
        return _save_named(category, check_name=False)
    with money_changes() as changes:
        changes.lock(categories=[category.pk])
        changes.touch(category.pk)
        return _save_named(category, check_name=False)


def archive_category(*, category: Category) -> Category:
    """Hide a category from new expenses while it stays in past summaries."""
    category.is_archived = True
    category.save(update_fields=["is_archived", "updated_at"])
    return category


def restore_category(*, category: Category) -> Category:
    """Make an archived category available for new expenses again."""
    category.is_archived = False
    category.save(update_fields=["is_archived", "updated_at"])
    return category


def delete_category(*, category: Category) -> None:
    """Delete a category that holds no expenses; CategoryInUse otherwise (history is kept)."""
    with transaction.atomic():
        count = category.expenses.count()
        if count:
            raise CategoryInUse(category, count)
        category.delete()


def delete_categories(*, categories) -> int:
    """Delete every category of a queryset, or none when any holds expenses; return how many."""
    with transaction.atomic():
        used = categories.filter(expenses__isnull=False).distinct().first()
        if used is not None:
            raise CategoryInUse(used, used.expenses.count())
        deleted, _ = categories.delete()
    return deleted


def move_expenses(*, expenses, target: Category) -> int:
    """Move the given expenses (a queryset) to the active category `target`; return how many."""
    if target.is_archived:
        raise InvalidMove(MOVE_TO_ACTIVE_CATEGORY)
    if expenses.exclude(budget_id=target.budget_id).exists():
        raise InvalidMove(MOVE_TO_SAME_BUDGET)
    with money_changes() as changes:
        rows = changes.lock(expenses=expenses.exclude(category=target), categories=[target.pk])
        moved = sum(
            Expense.objects.filter(pk__in=ids).update(category=target)
            for ids in pks_in_batches(rows)
        )
        changes.remove(rows)
        changes.add(row._replace(category_id=target.pk) for row in rows)
    return moved


def move_category_expenses(*, source: Category, target: Category) -> int:
    """Move every expense of `source` to `target` (both of the same budget); return how many."""
    if source.budget_id != target.budget_id:
        raise InvalidMove(MOVE_TO_SAME_BUDGET)
    if source.pk == target.pk:
        raise InvalidMove(MOVE_TO_OTHER_CATEGORY)
    return move_expenses(expenses=Expense.objects.filter(category=source), target=target)


def move_expenses_and_delete_category(*, source: Category, target: Category) -> int:
    """Move every expense of `source` to `target`, then delete `source`; return how many moved.

    One transaction: if an expense arrives in between, nothing is moved or deleted. Its
    recurring expenses move too, so deleting it does not delete them.
    """
    with transaction.atomic():
        moved = move_category_expenses(source=source, target=target)
        RecurringExpense.objects.filter(category=source).update(category=target)
        delete_category(category=source)
    return moved
