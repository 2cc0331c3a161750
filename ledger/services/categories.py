"""Category writes: create, change, archive, restore, delete, and moving expenses between them."""

from decimal import Decimal

from django.db import IntegrityError, transaction

from ledger.models import Category, Expense
from ledger.rules import (
    DUPLICATE_CATEGORY_NAME,
    MOVE_TO_ACTIVE_CATEGORY,
    MOVE_TO_OTHER_CATEGORY,
    MOVE_TO_SAME_OWNER,
    ZERO,
)
from ledger.services.errors import CategoryInUse, DuplicateCategoryName, InvalidMove


def _name_taken(owner_id: int, name: str, pk: int | None) -> bool:
    # The database compares names with LOWER(); this asks the same before it must.
    taken = Category.objects.filter(owner_id=owner_id, name__iexact=name)
    if pk:
        taken = taken.exclude(pk=pk)
    return taken.exists()


def check_category_name(*, owner, name: str, category: Category | None = None) -> None:
    """Raise DuplicateCategoryName when `owner` has another category called `name` (any case)."""
    if _name_taken(owner.pk, name, category.pk if category else None):
        raise DuplicateCategoryName(DUPLICATE_CATEGORY_NAME)


def _save_named(category: Category, check_name: bool) -> Category:
    """Save `category`; a name the owner already uses is DuplicateCategoryName, even in a race."""
    if check_name and _name_taken(category.owner_id, category.name, category.pk):
        raise DuplicateCategoryName(DUPLICATE_CATEGORY_NAME)
    try:
        with transaction.atomic():
            category.save()
    except IntegrityError as exc:  # another request took the name in between
        if _name_taken(category.owner_id, category.name, category.pk):
            raise DuplicateCategoryName(DUPLICATE_CATEGORY_NAME) from exc
        raise
    return category


def create_category(
    *, owner, name: str, limit: Decimal = ZERO, is_archived: bool = False
) -> Category:
    """Add a category with a monthly limit to `owner`'s budget; its name must be new to them."""
    category = Category(owner=owner, name=name, limit=limit, is_archived=is_archived)
    return _save_named(category, check_name=True)


def change_category(
    *,
    category: Category,
    name: str | None = None,
    limit: Decimal | None = None,
    is_archived: bool | None = None,
) -> Category:
    """Rename a category or change its limit or archived flag; None keeps a value as it is."""
    renamed = name is not None and name != category.name
    # Checked before anything changes, so a refused rename leaves `category` as it was.
    if renamed and _name_taken(category.owner_id, name, category.pk):
        raise DuplicateCategoryName(DUPLICATE_CATEGORY_NAME)
    for field, value in (("name", name), ("limit", limit), ("is_archived", is_archived)):
        if value is not None:
            setattr(category, field, value)
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
    if expenses.exclude(owner_id=target.owner_id).exists():
        raise InvalidMove(MOVE_TO_SAME_OWNER)
    return expenses.exclude(category=target).update(category=target)


def move_category_expenses(*, source: Category, target: Category) -> int:
    """Move every expense of `source` to `target` (both of the same owner); return how many."""
    if source.owner_id != target.owner_id:
        raise InvalidMove(MOVE_TO_SAME_OWNER)
    if source.pk == target.pk:
        raise InvalidMove(MOVE_TO_OTHER_CATEGORY)
    return move_expenses(expenses=Expense.objects.filter(category=source), target=target)


def move_expenses_and_delete_category(*, source: Category, target: Category) -> int:
    """Move every expense of `source` to `target`, then delete `source`; return how many moved.

    One transaction: if an expense arrives in between, nothing is moved or deleted.
    """
    with transaction.atomic():
        moved = move_category_expenses(source=source, target=target)
        delete_category(category=source)
    return moved
